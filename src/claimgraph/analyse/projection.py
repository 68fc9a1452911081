"""RDF graph -> the argument graph: a typed networkx MultiDiGraph.

One function, ``project``, so that the analysis (Dung semantics, load-bearing nodes) and the
pages (the explorer, entry pages) see exactly the same nodes and edges. Nodes are keyed by IRI and
carry ``type``, ``label``, ``text``, ``source``, ``date``, ``iri`` and ``entry``; edges are keyed
by their type (so an edge of one type between two nodes exists once) and carry ``type`` plus
what qualifies them (locator, alias, finding...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from ..model.terms import CG, ORG, SCHEMA, entry_of

if TYPE_CHECKING:
    import networkx as nx

#: Node types, in the order legends list them: key -> human label.
NODE_TYPES: dict[str, str] = {
    "claim": "Claim (entry)",
    "counterargument": "Counterargument",
    "response": "Response",
    "incident": "Incident",
    "result": "Research result",
    "candidate": "Candidate mechanism",
    "mechanism": "Mechanism",
    "system": "AI system",
    "organisation": "Organisation",
    "person": "Person",
    "source": "Source",
}

#: Edge types: key -> what ``u -[type]-> v`` says.
EDGE_TYPES: dict[str, str] = {
    "supports": "evidence gives a reason to accept the claim",
    "attacks": "counterargument gives a reason to reject the claim",
    "responds to": "response attacks the counterargument",
    "cites": "uses the source (locator, finding)",
    "interpreted as": "evidence is explained by the candidate mechanism of a contested interpretation",
    "concerns": "is about the mechanism",
    "escalation path": "the entry relies on an escalation finding starting at the mechanism",
    "escalates to": "the mechanism generalises to the other (a sourced finding)",
    "broader": "the mechanism is a kind of the other",
    "argued by": "attributed to the agent",
    "authored by": "the source's author or authoring institution",
    "published by": "the source's publisher",
    "involves": "the evidence reports the AI system's behaviour",
    "deployed by": "the organisation operated the AI system",
    "developed by": "the organisation built the AI system",
    "affiliated with": "the person is a member of the organisation",
    "part of": "the organisation is a unit of the other",
}

#: Argument nodes: what Dung's semantics label.
ARGUMENT_TYPES = ("claim", "counterargument", "response")
EVIDENCE_TYPES = ("incident", "result")

# Which rdf:type makes which node type; earlier rows win when a resource has several.
_CLASS_TYPES: tuple[tuple[URIRef, str], ...] = (
    (CG.Claim, "claim"),
    (CG.Counterargument, "counterargument"),
    (CG.Response, "response"),
    (CG.CandidateMechanism, "candidate"),
    (CG.Incident, "incident"),
    (CG.ResearchResult, "result"),
    (CG.Evidence, "result"),
    (CG.AISystem, "system"),
    (SCHEMA.Person, "person"),
    (SCHEMA.Organization, "organisation"),
    (ORG.Organization, "organisation"),
    (ORG.OrganizationalUnit, "organisation"),
)
_LABEL_LIMIT = 80


def project(graph: Graph) -> nx.MultiDiGraph:
    """The argument graph of an RDF graph (ontology and vocabularies loaded too, for labels)."""
    return _Projector(graph).run()


def shorten(text: str, limit: int = _LABEL_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word where possible."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:") + "…"


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    return sorted(set(nodes), key=lambda n: (not isinstance(n, URIRef), str(n)))


class _Projector:
    """Reads the RDF with triple patterns that follow the ontology, one method per relation."""

    def __init__(self, graph: Graph) -> None:
        import networkx as nx  # here, not above: the CLI reads NODE_TYPES without paying for networkx
        self.rdf = graph
        self.g = nx.MultiDiGraph()
        self.types: dict[Node, str] = {}

    # -- reading -----------------------------------------------------------------------------

    def objects(self, s: Node, p: URIRef) -> list[Node]:
        return _sorted(self.rdf.objects(s, p))

    def literal(self, s: Node, *preds: URIRef) -> str:
        """The first value of the first predicate that has one; English or untagged preferred."""
        for p in preds:
            values = [o for o in self.rdf.objects(s, p) if isinstance(o, Literal)]
            if values:
                values.sort(key=lambda o: (o.language not in (None, "en"), str(o)))
                return str(values[0])
        return ""

    def label(self, s: Node) -> str:
        return self.literal(s, RDFS.label, SKOS.prefLabel, SCHEMA.name, DCTERMS.title) or _tail(s)

    # -- nodes -------------------------------------------------------------------------------

    def run(self) -> nx.MultiDiGraph:
        self.classify()
        for node in _sorted(self.types):
            self.g.add_node(str(node), **self.attributes(node))
        for add_edges in (self.supports, self.attacks, self.citations, self.interpretations,
                          self.mechanisms, self.escalations, self.attributions, self.sources,
                          self.systems, self.organisations):
            for u, v, etype, attrs in add_edges():
                self.edge(u, v, etype, **attrs)
        return self.g

    def classify(self) -> None:
        for cls, ntype in _CLASS_TYPES:
            for s in self.rdf.subjects(RDF.type, cls):
                self.types.setdefault(s, ntype)
        for s in self.rdf.objects(None, CG.source):
            self.types.setdefault(s, "source")
        mechanisms = set(self.rdf.objects(None, CG.mechanism)) | set(self.rdf.objects(None, CG.fromMechanism))
        mechanisms |= set(self.rdf.objects(None, CG.toMechanism))
        for s, o in self.rdf.subject_objects(CG.escalatesTo):
            mechanisms |= {s, o}
        for m in mechanisms:
            self.types.setdefault(m, "mechanism")

    def entry_of_claim(self, claim: Node) -> Node | None:
        entries = self.objects_of(CG.claim, claim)
        return entries[0] if entries else None

    def objects_of(self, p: URIRef, o: Node) -> list[Node]:
        return _sorted(self.rdf.subjects(p, o))

    def attributes(self, node: Node) -> dict:
        ntype = self.types[node]
        entry = self.entry_of_claim(node) if ntype == "claim" else None
        attrs = {"type": ntype, "iri": str(node), "label": "", "text": "", "source": "", "date": "",
                 "entry": str(entry) if entry is not None else (entry_of(str(node)) or "")}
        if ntype == "claim":
            attrs["text"] = self.literal(node, SCHEMA.text)
            attrs["label"] = self.literal(entry, RDFS.label) if entry is not None else ""
            attrs["label"] = attrs["label"] or self.literal(node, RDFS.label) or shorten(attrs["text"])
            attrs["date"] = self.literal(node, DCTERMS.date) or (
                self.literal(entry, DCTERMS.modified, CG.dateVerified) if entry is not None else "")
            attrs["source"] = self.cited_labels(entry if entry is not None else node)
        elif ntype in ("counterargument", "response", "candidate"):
            attrs["text"] = self.literal(node, SCHEMA.text)
            attrs["label"] = self.literal(node, RDFS.label) or shorten(attrs["text"]) or _tail(node)
            attrs["date"] = self.literal(node, DCTERMS.date)
            attrs["source"] = self.literal(node, CG.sourceStatement) or self.cited_labels(node)
            if ntype == "candidate":
                attrs["held_by"] = self.literal(node, CG.heldBy)
        elif ntype in EVIDENCE_TYPES:
            attrs["text"] = self.literal(node, SCHEMA.description)
            attrs["label"] = self.label(node)
            attrs["date"] = self.literal(node, CG.dateAsStated, DCTERMS.date)
            attrs["source"] = self.cited_labels(node)
            attrs["self_reported"] = self.literal(node, CG.selfReported) == "true"
        elif ntype == "source":
            attrs["text"] = self.literal(node, DCTERMS.title, SCHEMA.description)
            attrs["label"] = self.label(node)
            attrs["date"] = self.literal(node, DCTERMS.date)
            attrs["source"] = self.literal(node, CG.byline) or "; ".join(
                self.label(o) for o in self.objects(node, SCHEMA.publisher))
        elif ntype == "mechanism":
            attrs["text"] = self.literal(node, SKOS.definition)
            attrs["label"] = self.literal(node, SKOS.prefLabel, RDFS.label) or _tail(node)
        elif ntype == "system":
            attrs["text"] = self.literal(node, SCHEMA.description)
            attrs["label"] = self.label(node)
            attrs["source"] = "; ".join(self.label(o) for o in self.objects(node, SCHEMA.creator))
        else:  # person, organisation
            attrs["label"] = self.label(node)
            attrs["text"] = self.literal(node, SCHEMA.alternateName, SCHEMA.description)
        return attrs

    def cited_labels(self, node: Node) -> str:
        sources = {s for c in self.rdf.objects(node, CG.citation) for s in self.rdf.objects(c, CG.source)}
        return "; ".join(sorted(self.label(s) for s in sources))

    # -- edges -------------------------------------------------------------------------------

    def edge(self, u: Node, v: Node, etype: str, **attrs) -> None:
        if u not in self.types or v not in self.types:
            return
        key = etype
        if self.g.has_edge(str(u), str(v), key):
            return
        self.g.add_edge(str(u), str(v), key=key, type=etype, **attrs)

    def supports(self) -> Iterator[tuple]:
        for e, c in sorted(self.rdf.subject_objects(CG.supports)):
            yield e, c, "supports", {}
        for entry in _sorted(self.rdf.subjects(RDF.type, CG.Entry)):
            for claim in self.objects(entry, CG.claim):
                for e in self.objects(entry, CG.evidence):
                    yield e, claim, "supports", {}

    def attacks(self) -> Iterator[tuple]:
        for a, b in sorted(self.rdf.subject_objects(CG.attacks)):
            yield a, b, "responds to" if self.types.get(a) == "response" else "attacks", {}

    def citations(self) -> Iterator[tuple]:
        for holder in _sorted(self.rdf.subjects(CG.citation, None)):
            node = holder
            if (holder, RDF.type, CG.Entry) in self.rdf:
                claims = self.objects(holder, CG.claim)
                node = claims[0] if claims else holder
            for citation in self.objects(holder, CG.citation):
                for source in self.objects(citation, CG.source):
                    yield node, source, "cites", {
                        "locator": self.literal(citation, CG.locator),
                        "finding": self.literal(citation, SCHEMA.description)}

    def interpretations(self) -> Iterator[tuple]:
        for debate in _sorted(self.rdf.subjects(RDF.type, CG.ContestedInterpretation)):
            attrs = {"interpretation": str(debate), "debate": self.label(debate),
                     "consequence": self.literal(debate, CG.consequence),
                     "holds_regardless": self.literal(debate, CG.consequenceHoldsRegardless) == "true"}
            for evidence in self.objects(debate, CG.interprets):
                for candidate in self.objects(debate, CG.candidate):
                    yield evidence, candidate, "interpreted as", attrs

    def mechanisms(self) -> Iterator[tuple]:
        for s, m in sorted(self.rdf.subject_objects(CG.mechanism)):
            if (s, RDF.type, CG.Entry) in self.rdf:
                for claim in self.objects(s, CG.claim):
                    yield claim, m, "concerns", {}
            else:
                yield s, m, "concerns", {}
        for m, broader in sorted(self.rdf.subject_objects(SKOS.broader)):
            if self.types.get(m) == "mechanism" and self.types.get(broader) == "mechanism":
                yield m, broader, "broader", {}

    def escalations(self) -> Iterator[tuple]:
        findings: dict[tuple[Node, Node], list[Node]] = {}
        for esc in _sorted(self.rdf.subjects(RDF.type, CG.Escalation)):
            for a in self.objects(esc, CG.fromMechanism):
                for b in self.objects(esc, CG.toMechanism):
                    findings.setdefault((a, b), []).append(esc)
        for a, b in sorted(set(self.rdf.subject_objects(CG.escalatesTo)) | set(findings)):
            escs = findings.get((a, b), [])
            yield a, b, "escalates to", {
                "finding": "; ".join(self.label(e) for e in escs),
                "source": "; ".join(sorted({self.label(s) for e in escs for c in self.objects(e, CG.citation)
                                            for s in self.objects(c, CG.source)}))}
        for entry, esc in sorted(self.rdf.subject_objects(CG.escalationPath)):
            for claim in self.objects(entry, CG.claim):
                for a in self.objects(esc, CG.fromMechanism):
                    yield claim, a, "escalation path", {"finding": self.label(esc), "escalation": str(esc)}

    def attributions(self) -> Iterator[tuple]:
        qualified: dict[tuple[Node, Node], dict] = {}
        for s, q in sorted(self.rdf.subject_objects(PROV.qualifiedAttribution)):
            for agent in self.objects(q, PROV.agent):
                affiliation = self.objects(q, CG.affiliationAtTime)
                qualified[(s, agent)] = {
                    "alias": self.literal(q, CG.aliasUsed),
                    "affiliation": self.label(affiliation[0]) if affiliation else ""}
        plain = {(s, a): {"alias": "", "affiliation": ""} for s, a in self.rdf.subject_objects(PROV.wasAttributedTo)}
        for (s, agent), attrs in sorted({**plain, **qualified}.items()):
            yield s, agent, "argued by", attrs

    def sources(self) -> Iterator[tuple]:
        for p, etype in ((SCHEMA.author, "authored by"), (SCHEMA.sourceOrganization, "authored by"),
                         (SCHEMA.publisher, "published by")):
            for s, o in sorted(self.rdf.subject_objects(p)):
                if self.types.get(s) == "source":
                    yield s, o, etype, {}

    def systems(self) -> Iterator[tuple]:
        for s, o in sorted(self.rdf.subject_objects(CG.aiSystem)):
            yield s, o, "involves", {}
        for s, o in sorted(self.rdf.subject_objects(CG.deployer)):
            yield s, o, "deployed by", {}
        for s, o in sorted(self.rdf.subject_objects(SCHEMA.creator)):
            if self.types.get(s) == "system":
                yield s, o, "developed by", {}

    def organisations(self) -> Iterator[tuple]:
        for m in _sorted(self.rdf.subjects(RDF.type, ORG.Membership)):
            for person in self.objects(m, ORG.member):
                for organisation in self.objects(m, ORG.organization):
                    yield person, organisation, "affiliated with", {
                        "role": self.literal(m, SCHEMA.roleName),
                        "start": self.literal(m, SCHEMA.startDate), "end": self.literal(m, SCHEMA.endDate)}
        for s, o in sorted(self.rdf.subject_objects(ORG.subOrganizationOf)):
            yield s, o, "part of", {}


def _tail(node: Node) -> str:
    text = str(node).rstrip("/")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text

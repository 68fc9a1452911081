"""Entry pages, resource pages, the entry list and the ontology page, shared by `serve` and the
static site.

Every view is built in two steps: fixed SPARQL queries (the resource IRI passed as a binding,
never pasted into the text) give rows, and the rows become a plain JSON-able dict: the view
model. Templates (Jinja2, autoescape on) only lay the dict out, and the dict is also the page's
JSON twin. Nothing here reads triples directly, so any store that answers SPARQL can back it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..model.terms import BASE, PREFIXES, entry_of
from ..stores.base import QueryResult

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


class Queryable(Protocol):
    """Anything that answers SPARQL with a QueryResult: a Store, or the server's worker pool."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult: ...


# ---------------------------------------------------------------------------------------------
# IRIs, paths and values
# ---------------------------------------------------------------------------------------------

def path_of(iri: str) -> str | None:
    """The site path of one of our IRIs (``https://w3id.org/claimgraph/id/x`` -> ``id/x``)."""
    return iri[len(BASE):] if iri.startswith(BASE) else None


def iri_of(path: str) -> URIRef:
    """The IRI a site path names (the inverse of ``path_of``)."""
    return URIRef(BASE + path.lstrip("/"))


def curie(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def display_value(node: Node | None) -> str | None:
    """A literal as the source page prints it: dates in words, everything else as its text."""
    if node is None:
        return None
    if isinstance(node, Literal):
        text = str(node)
        try:
            if node.datatype == XSD.date:
                d = date.fromisoformat(text)
                return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
            if node.datatype == XSD.gYearMonth:
                year, month = text.split("-")[:2]
                return f"{_MONTHS[int(month) - 1]} {year}"
        except (ValueError, IndexError):
            return text
        return text
    return str(node)


def text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def flag(node: Node | None) -> bool | None:
    if node is None:
        return None
    value = node.toPython() if isinstance(node, Literal) else node
    return value if isinstance(value, bool) else str(value).lower() == "true"


def number(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def ref(node: Node | None, label: Node | None = None) -> dict | None:
    """A link to a resource: its IRI and a label to show (the label, else a short form)."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return {"iri": None, "label": text(label) or "(blank node)"}
    iri = str(node)
    return {"iri": iri, "label": text(label) or curie(iri)}


def dated(node: Node | None) -> dict | None:
    if node is None:
        return None
    return {"value": str(node), "display": display_value(node)}


# ---------------------------------------------------------------------------------------------
# Running queries
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def with_prefixes(sparql: str) -> str:
    """The query with PREFIX declarations for the claimgraph prefixes it uses (only those: every
    declaration costs the engine, and the binder, a little parsing)."""
    used = [p for p in PREFIXES if re.search(rf"(?<![\w?$]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + sparql


def select(store: Queryable, sparql: str, **bindings: Node) -> list[dict[str, Node | None]]:
    """Rows of a SELECT as dicts; bindings pre-bind variables (the store binds them as terms)."""
    result = store.query(with_prefixes(sparql), bindings or None)
    return [dict(zip(result.variables, row)) for row in result.rows]


def first(rows: Iterable[Mapping[str, Node | None]], key: str) -> Node | None:
    for row in rows:
        if row.get(key) is not None:
            return row[key]
    return None


def group(rows: list[dict[str, Node | None]], key: str) -> dict[Node, list[dict[str, Node | None]]]:
    """Rows grouped by one variable, in first-seen order (OPTIONAL labels may repeat a row)."""
    groups: dict[Node, list[dict[str, Node | None]]] = {}
    for row in rows:
        if row.get(key) is not None:
            groups.setdefault(row[key], []).append(row)
    return groups


def unique_refs(rows: Iterable[Mapping[str, Node | None]], key: str, label: str) -> list[dict]:
    seen: dict[Node, Node | None] = {}
    for row in rows:
        node = row.get(key)
        if node is not None and (node not in seen or seen[node] is None):
            seen[node] = row.get(label)
    return sorted((ref(n, lab) for n, lab in seen.items()), key=lambda r: r["label"].lower())


LABEL = "skos:prefLabel|schema:name|rdfs:label|dcterms:title"

# ---------------------------------------------------------------------------------------------
# Entry page
# ---------------------------------------------------------------------------------------------

#: The entry's own statements, with a label (concepts, the database) or text (the claim) for
#: the things they point at. One flat query: nested OPTIONALs cost the engine far more.
Q_ENTRY = f"""
SELECT ?entry ?p ?o ?oLabel ?oText WHERE {{
  ?entry a cg:Entry ; ?p ?o .
  OPTIONAL {{ ?o {LABEL} ?oLabel }}
  OPTIONAL {{ ?o schema:text ?oText }}
}}"""

Q_SECTIONS = """
SELECT ?entry ?section ?title ?position ?text WHERE {
  ?entry cg:section ?section .
  OPTIONAL { ?section dcterms:title ?title }
  OPTIONAL { ?section schema:position ?position }
  OPTIONAL { ?section schema:text ?text }
} ORDER BY ?position ?section"""

Q_EVIDENCE = """
SELECT ?entry ?item ?label ?description ?date ?dateAsStated ?setting ?settingLabel ?elicitation
       ?elicitationLabel ?selfReported ?kind WHERE {
  ?entry cg:evidence ?item .
  OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item schema:description ?description }
  OPTIONAL { ?item dcterms:date ?date }
  OPTIONAL { ?item cg:dateAsStated ?dateAsStated }
  OPTIONAL { ?item cg:setting ?setting OPTIONAL { ?setting skos:prefLabel ?settingLabel } }
  OPTIONAL { ?item cg:elicitation ?elicitation OPTIONAL { ?elicitation skos:prefLabel ?elicitationLabel } }
  OPTIONAL { ?item cg:selfReported ?selfReported }
  OPTIONAL { ?item a ?kindClass . VALUES (?kindClass ?kind) { (cg:Incident "Incident")
             (cg:ResearchResult "Research result") } }
} ORDER BY ?item"""

Q_EVIDENCE_LINKS = f"""
SELECT ?entry ?item ?role ?value ?valueLabel WHERE {{
  ?entry cg:evidence ?item .
  {{ ?item cg:aiSystem ?value BIND("system" AS ?role) }}
  UNION {{ ?item cg:aiSystem/schema:creator ?value BIND("developer" AS ?role) }}
  UNION {{ ?item cg:deployer ?value BIND("deployer" AS ?role) }}
  UNION {{ ?item cg:affectedParty ?value BIND("affected" AS ?role) }}
  UNION {{ ?item cg:mechanism ?value BIND("mechanism" AS ?role) }}
  UNION {{ ?item cg:observedAction ?value BIND("action" AS ?role) }}
  OPTIONAL {{ ?value {LABEL} ?valueLabel }}
}}"""

Q_INTERPRETATIONS = f"""
SELECT ?entry ?debate ?label ?text ?consequence ?regardless ?evidence ?evidenceLabel WHERE {{
  ?entry cg:interpretation ?debate .
  OPTIONAL {{ ?debate rdfs:label ?label }}
  OPTIONAL {{ ?debate schema:text ?text }}
  OPTIONAL {{ ?debate cg:consequence ?consequence }}
  OPTIONAL {{ ?debate cg:consequenceHoldsRegardless ?regardless }}
  OPTIONAL {{ ?debate cg:interprets ?evidence OPTIONAL {{ ?evidence {LABEL} ?evidenceLabel }} }}
}} ORDER BY ?debate"""

Q_CANDIDATES = """
SELECT ?entry ?debate ?candidate ?label ?text ?mechanism ?mechanismLabel ?heldBy WHERE {
  ?entry cg:interpretation ?debate . ?debate cg:candidate ?candidate .
  OPTIONAL { ?candidate rdfs:label ?label }
  OPTIONAL { ?candidate schema:text ?text }
  OPTIONAL { ?candidate cg:mechanism ?mechanism OPTIONAL { ?mechanism skos:prefLabel ?mechanismLabel } }
  OPTIONAL { ?candidate cg:heldBy ?heldBy }
} ORDER BY ?candidate"""

#: Who made a counterargument or holds a candidate: agents, and the qualified attribution's
#: alias and affiliation at the time.
Q_ATTRIBUTIONS = f"""
SELECT ?entry ?node ?agent ?agentLabel ?alias ?affiliation ?affiliationLabel WHERE {{
  ?entry cg:counterargument|cg:interpretation/cg:candidate ?node .
  {{ ?node prov:wasAttributedTo ?agent }}
  UNION {{ ?node prov:qualifiedAttribution ?q .
          OPTIONAL {{ ?q prov:agent ?agent }}
          OPTIONAL {{ ?q cg:aliasUsed ?alias }}
          OPTIONAL {{ ?q cg:affiliationAtTime ?affiliation
                     OPTIONAL {{ ?affiliation {LABEL} ?affiliationLabel }} }} }}
  OPTIONAL {{ ?agent {LABEL} ?agentLabel }}
}}"""

Q_ESCALATIONS = """
SELECT ?entry ?escalation ?label ?description ?from ?fromLabel ?to ?toLabel WHERE {
  ?entry cg:escalationPath ?escalation .
  OPTIONAL { ?escalation rdfs:label ?label }
  OPTIONAL { ?escalation schema:description ?description }
  OPTIONAL { ?escalation cg:fromMechanism ?from OPTIONAL { ?from skos:prefLabel ?fromLabel } }
  OPTIONAL { ?escalation cg:toMechanism ?to OPTIONAL { ?to skos:prefLabel ?toLabel } }
} ORDER BY ?escalation"""

Q_COUNTERARGUMENTS = """
SELECT ?entry ?counter ?text ?sourceStatement WHERE {
  ?entry cg:counterargument ?counter .
  OPTIONAL { ?counter schema:text ?text }
  OPTIONAL { ?counter cg:sourceStatement ?sourceStatement }
} ORDER BY ?counter"""

Q_RESPONSES = """
SELECT ?entry ?counter ?response ?text ?date WHERE {
  ?entry cg:counterargument ?counter .
  ?response cg:attacks ?counter ; a cg:Response .
  OPTIONAL { ?response schema:text ?text }
  OPTIONAL { ?response dcterms:date ?date }
} ORDER BY ?response"""

#: Computed argument statuses, when the analysis is in the store (claimgraph's stores query the
#: union of their graphs, so the analysis named graph counts).
Q_ARGUMENT_STATUS = """
SELECT ?entry ?node ?status ?statusLabel WHERE {
  ?entry cg:claim|cg:counterargument|cg:counterargument/^cg:attacks ?node .
  ?analysis cg:analyses ?node ; cg:groundedStatus ?status .
  OPTIONAL { ?status skos:prefLabel ?statusLabel }
}"""

#: Every citation made by the entry or one of its parts, with the cited source.
Q_CITATIONS = """
SELECT ?entry ?citer ?citation ?locator ?description ?source ?sourceLabel ?title ?byline ?date
       ?url ?authority ?sourceType ?sourceTypeLabel WHERE {
  ?entry (cg:counterargument|cg:counterargument/^cg:attacks|cg:interpretation|
          cg:interpretation/cg:candidate|cg:evidence|cg:escalationPath)? ?citer .
  ?citer cg:citation ?citation .
  ?citation cg:source ?source .
  OPTIONAL { ?citation cg:locator ?locator }
  OPTIONAL { ?citation schema:description ?description }
  OPTIONAL { ?source rdfs:label ?sourceLabel }
  OPTIONAL { ?source dcterms:title ?title }
  OPTIONAL { ?source cg:byline ?byline }
  OPTIONAL { ?source dcterms:date ?date }
  OPTIONAL { ?source schema:url ?url }
  OPTIONAL { ?source cg:authority ?authority }
  OPTIONAL { ?source a ?sourceType OPTIONAL { ?sourceType rdfs:label ?sourceTypeLabel } }
} ORDER BY ?citer ?citation"""

Q_MECHANISMS = """
SELECT ?entry ?mechanism ?label WHERE {
  ?entry cg:mechanism ?mechanism OPTIONAL { ?mechanism skos:prefLabel ?label }
}"""

Q_TAGS = "SELECT ?entry ?tag WHERE { ?entry schema:keywords ?tag }"


def _citations(rows: list[dict]) -> dict[Node, list[dict]]:
    """Citations per citing node, each with its source."""
    by_citer: dict[Node, list[dict]] = {}
    for citer, citer_rows in group(rows, "citer").items():
        items = []
        for citation, crows in group(citer_rows, "citation").items():
            source = first(crows, "source")
            src = None
            if source is not None:
                kind = next((r["sourceTypeLabel"] for r in crows if r.get("sourceTypeLabel") is not None), None)
                src = ref(source, first(crows, "title") or first(crows, "sourceLabel"))
                url = text(first(crows, "url"))
                src.update({
                    "byline": text(first(crows, "byline")),
                    "date": dated(first(crows, "date")),
                    "url": url,
                    "authority": text(first(crows, "authority")),
                    "kind": text(kind),
                })
            items.append({"iri": str(citation) if isinstance(citation, URIRef) else None,
                          "source": src, "locator": text(first(crows, "locator")),
                          "description": text(first(crows, "description"))})
        by_citer[citer] = items
    return by_citer


def _attributions(rows: list[dict]) -> dict[Node, dict]:
    out: dict[Node, dict] = {}
    for node, nrows in group(rows, "node").items():
        out[node] = {
            "agents": unique_refs(nrows, "agent", "agentLabel"),
            "alias": text(first(nrows, "alias")),
            "affiliation": ref(first(nrows, "affiliation"), first(nrows, "affiliationLabel")),
        }
    return out


def _statuses(rows: list[dict]) -> dict[Node, dict]:
    return {node: ref(first(r, "status"), first(r, "statusLabel")) for node, r in group(rows, "node").items()}


def entry_view(store: Queryable, iri: str) -> dict | None:
    """The view model of an entry page, or None when ``iri`` is not an entry."""
    entry = URIRef(iri)
    head = group(select(store, Q_ENTRY, entry=entry), "p")
    if not head:
        return None

    def value(prop: str, key: str = "o") -> Node | None:
        return first(head.get(URIRef(_expand(prop)), []), key)

    h = {"label": value("rdfs:label"), "claim": value("cg:claim"), "claimText": value("cg:claim", "oText"),
         "type": value("cg:entryType"), "typeLabel": value("cg:entryType", "oLabel"),
         "category": value("cg:category"), "categoryLabel": value("cg:category", "oLabel"),
         "status": value("cg:evidenceStatus"), "statusLabel": value("cg:evidenceStatus", "oLabel"),
         "statusOriginal": value("cg:originalStatusLabel"),
         "stated": value("cg:statedConfidence"), "statedLabel": value("cg:statedConfidence", "oLabel"),
         "confidenceOriginal": value("cg:originalConfidenceLabel"),
         "confidence": value("cg:confidence"), "confidenceLabel": value("cg:confidence", "oLabel"),
         "abstract": value("dcterms:abstract"), "verified": value("cg:dateVerified"),
         "modified": value("dcterms:modified"), "database": value("dcterms:isPartOf"),
         "databaseLabel": value("dcterms:isPartOf", "oLabel"), "pagePath": value("cg:pagePath"),
         "declared": value("cg:declaredSourceCount")}
    cites = _citations(select(store, Q_CITATIONS, entry=entry))
    attributed = _attributions(select(store, Q_ATTRIBUTIONS, entry=entry))
    statuses = _statuses(select(store, Q_ARGUMENT_STATUS, entry=entry))
    no_attr = {"agents": [], "alias": None, "affiliation": None}

    evidence = []
    links = group(select(store, Q_EVIDENCE_LINKS, entry=entry), "item")
    for item, rows in group(select(store, Q_EVIDENCE, entry=entry), "item").items():
        lrows = links.get(item, [])
        by_role = {role: [r for r in lrows if text(r["role"]) == role]
                   for role in ("system", "developer", "deployer", "affected", "mechanism")}
        evidence.append({
            **ref(item, first(rows, "label")),
            "kind": text(first(rows, "kind")),
            "description": text(first(rows, "description")),
            "date": dated(first(rows, "date")),
            "date_as_stated": text(first(rows, "dateAsStated")),
            "setting": ref(first(rows, "setting"), first(rows, "settingLabel")),
            "elicitation": ref(first(rows, "elicitation"), first(rows, "elicitationLabel")),
            "self_reported": flag(first(rows, "selfReported")),
            "systems": unique_refs(by_role["system"], "value", "valueLabel"),
            "developers": unique_refs(by_role["developer"], "value", "valueLabel"),
            "deployers": unique_refs(by_role["deployer"], "value", "valueLabel"),
            "affected": unique_refs(by_role["affected"], "value", "valueLabel"),
            "mechanisms": unique_refs(by_role["mechanism"], "value", "valueLabel"),
            "observed_actions": sorted({text(r["value"]) for r in lrows if text(r["role"]) == "action"}),
            "citations": cites.get(item, []),
        })

    candidates = group(select(store, Q_CANDIDATES, entry=entry), "debate")
    interpretations = []
    for debate, rows in group(select(store, Q_INTERPRETATIONS, entry=entry), "debate").items():
        cands = []
        for cand, crows in group(candidates.get(debate, []), "candidate").items():
            cands.append({
                **ref(cand, first(crows, "label")),
                "text": text(first(crows, "text")),
                "mechanism": ref(first(crows, "mechanism"), first(crows, "mechanismLabel")),
                "held_by": text(first(crows, "heldBy")),
                "attribution": attributed.get(cand, no_attr),
                "citations": cites.get(cand, []),
            })
        interpretations.append({
            **ref(debate, first(rows, "label")),
            "text": text(first(rows, "text")),
            "consequence": text(first(rows, "consequence")),
            "consequence_holds_regardless": flag(first(rows, "regardless")),
            "evidence": unique_refs(rows, "evidence", "evidenceLabel"),
            "candidates": cands,
            "citations": cites.get(debate, []),
        })

    escalations = [{
        **ref(esc, first(rows, "label")),
        "description": text(first(rows, "description")),
        "from": ref(first(rows, "from"), first(rows, "fromLabel")),
        "to": ref(first(rows, "to"), first(rows, "toLabel")),
        "citations": cites.get(esc, []),
    } for esc, rows in group(select(store, Q_ESCALATIONS, entry=entry), "escalation").items()]

    responses = group(select(store, Q_RESPONSES, entry=entry), "counter")
    counterarguments = []
    for counter, rows in group(select(store, Q_COUNTERARGUMENTS, entry=entry), "counter").items():
        counterarguments.append({
            "iri": str(counter),
            "anchor": slug(str(counter)) if isinstance(counter, URIRef) else None,
            "text": text(first(rows, "text")),
            "source_statement": text(first(rows, "sourceStatement")),
            "attribution": attributed.get(counter, no_attr),
            "citations": cites.get(counter, []),
            "status": statuses.get(counter),
            "responses": [{
                "iri": str(resp),
                "text": text(first(rrows, "text")),
                "date": dated(first(rrows, "date")),
                "citations": cites.get(resp, []),
                "status": statuses.get(resp),
            } for resp, rrows in group(responses.get(counter, []), "response").items()],
        })

    claim = h.get("claim")
    return {
        "kind": "entry",
        "iri": iri,
        "label": text(h.get("label")) or curie(iri),
        "type": ref(h.get("type"), h.get("typeLabel")),
        "category": ref(h.get("category"), h.get("categoryLabel")),
        "claim": {"iri": text(claim), "text": text(h.get("claimText")),
                  "status": statuses.get(claim) if claim is not None else None} if claim is not None else None,
        "evidence_status": _badge(h.get("status"), h.get("statusLabel"), h.get("statusOriginal")),
        "stated_confidence": _badge(h.get("stated"), h.get("statedLabel"), h.get("confidenceOriginal")),
        "confidence": _badge(h.get("confidence"), h.get("confidenceLabel"), None),
        "abstract": text(h.get("abstract")),
        "date_verified": dated(h.get("verified")),
        "modified": dated(h.get("modified")),
        "database": ref(h.get("database"), h.get("databaseLabel")),
        "page_path": text(h.get("pagePath")),
        "declared_source_count": number(h.get("declared")),
        "sections": [{"iri": str(s), "title": text(first(r, "title")), "text": text(first(r, "text"))}
                     for s, r in group(select(store, Q_SECTIONS, entry=entry), "section").items()],
        "evidence": evidence,
        "interpretations": interpretations,
        "escalations": escalations,
        "counterarguments": counterarguments,
        "sources": cites.get(entry, []),
        "mechanisms": unique_refs(select(store, Q_MECHANISMS, entry=entry), "mechanism", "label"),
        "tags": sorted({text(r["tag"]) for r in select(store, Q_TAGS, entry=entry)}, key=str.lower),
    }


def _expand(curie_text: str) -> str:
    prefix, _, local = curie_text.partition(":")
    return PREFIXES[prefix] + local


def _badge(node: Node | None, label: Node | None, original: Node | None) -> dict | None:
    if node is None:
        return None
    return {**ref(node, label), "slug": slug(str(node)), "original": text(original)}


# ---------------------------------------------------------------------------------------------
# Any other resource: person, source, system, incident, concept, entry part, ...
# ---------------------------------------------------------------------------------------------

Q_OUTGOING = f"""
SELECT ?s ?p ?pLabel ?o ?oLabel WHERE {{
  ?s ?p ?o .
  OPTIONAL {{ ?p rdfs:label ?pLabel }}
  OPTIONAL {{ ?o {LABEL} ?oLabel }}
}}"""

Q_INCOMING = f"""
SELECT ?s ?x ?xLabel ?p ?pLabel WHERE {{
  ?x ?p ?s .
  OPTIONAL {{ ?p rdfs:label ?pLabel }}
  OPTIONAL {{ ?x {LABEL} ?xLabel }}
}} LIMIT 2000"""

_TITLE_PROPERTIES = [PREFIXES["skos"] + "prefLabel", PREFIXES["schema"] + "name",
                     PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title"]
_DESCRIPTION_PROPERTIES = [PREFIXES["skos"] + "definition", PREFIXES["schema"] + "description",
                           PREFIXES["dcterms"] + "description", PREFIXES["rdfs"] + "comment",
                           PREFIXES["schema"] + "text"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


def _value(node: Node, label: Node | None) -> dict:
    if isinstance(node, Literal):
        return {"value": display_value(node), "lexical": str(node),
                "datatype": curie(str(node.datatype)) if node.datatype else None,
                "lang": node.language}
    return ref(node, label)


def _properties(rows: list[dict], node_key: str, label_key: str) -> list[dict]:
    """Rows of (property, value) as [{property, values}] sorted by property label."""
    props: list[dict] = []
    for p, prows in group(rows, "p").items():
        values: dict[Node, Node | None] = {}
        for r in prows:
            v = r[node_key]
            if v is not None and (v not in values or values[v] is None):
                values[v] = r.get(label_key)
        items = sorted((_value(v, lab) for v, lab in values.items()),
                       key=lambda d: (d.get("label") or d.get("value") or "").lower())
        props.append({"property": ref(p, first(prows, "pLabel")), "values": items})
    return sorted(props, key=lambda d: (d["property"]["iri"] != _RDF_TYPE, d["property"]["label"].lower()))


def resource_view(store: Queryable, iri: str) -> dict | None:
    """Every statement about a resource and every link to it, or None when nothing mentions it."""
    node = URIRef(iri)
    out_rows = select(store, Q_OUTGOING, s=node)
    in_rows = select(store, Q_INCOMING, s=node)
    if not out_rows and not in_rows:
        return None
    by_p = group(out_rows, "p")
    label = next((first(by_p[URIRef(p)], "o") for p in _TITLE_PROPERTIES if URIRef(p) in by_p), None)
    description = next((first(by_p[URIRef(p)], "o") for p in _DESCRIPTION_PROPERTIES if URIRef(p) in by_p), None)
    types = unique_refs(by_p.get(URIRef(_RDF_TYPE), []), "o", "oLabel")
    entry = entry_of(iri)
    return {
        "kind": "resource",
        "iri": iri,
        "label": text(label) or curie(iri),
        "description": text(description),
        "types": types,
        "entry": {"iri": entry, "anchor": slug(iri)} if entry and entry != iri else None,
        "properties": _properties(out_rows, "o", "oLabel"),
        "referenced_by": _properties(in_rows, "x", "xLabel"),
    }


# ---------------------------------------------------------------------------------------------
# The entry list with facets
# ---------------------------------------------------------------------------------------------

Q_ENTRIES = """
SELECT ?entry ?label ?abstract ?claimText ?type ?typeLabel ?status ?statusLabel ?confidence
       ?confidenceLabel ?category ?categoryLabel ?modified WHERE {
  ?entry a cg:Entry .
  OPTIONAL { ?entry rdfs:label ?label }
  OPTIONAL { ?entry dcterms:abstract ?abstract }
  OPTIONAL { ?entry cg:claim/schema:text ?claimText }
  OPTIONAL { ?entry cg:entryType ?type OPTIONAL { ?type skos:prefLabel ?typeLabel } }
  OPTIONAL { ?entry cg:evidenceStatus ?status OPTIONAL { ?status skos:prefLabel ?statusLabel } }
  OPTIONAL { ?entry cg:confidence ?confidence OPTIONAL { ?confidence skos:prefLabel ?confidenceLabel } }
  OPTIONAL { ?entry cg:category ?category OPTIONAL { ?category skos:prefLabel ?categoryLabel } }
  OPTIONAL { ?entry dcterms:modified ?modified }
} ORDER BY ?label ?entry"""

Q_ENTRY_FACETS = """
SELECT ?entry ?facet ?value ?valueLabel WHERE {
  ?entry a cg:Entry .
  { ?entry cg:mechanism ?value BIND("mechanism" AS ?facet) OPTIONAL { ?value skos:prefLabel ?valueLabel } }
  UNION { ?entry schema:keywords ?value BIND("tag" AS ?facet) }
}"""

#: Facets of the entry list: (query parameter, heading).
FACETS = (("type", "Type"), ("status", "Evidence status"), ("confidence", "Confidence"),
          ("mechanism", "Mechanism"), ("tag", "Tag"))


def all_entries(store: Queryable) -> list[dict]:
    """Every entry with the values it can be filtered by (facet key -> [{key, label}])."""
    extra = group(select(store, Q_ENTRY_FACETS), "entry")
    entries = []
    for entry, rows in group(select(store, Q_ENTRIES), "entry").items():
        facets: dict[str, list[dict]] = {}
        for name, var in (("type", "type"), ("status", "status"), ("confidence", "confidence")):
            node = first(rows, var)
            facets[name] = [{"key": slug(str(node)), "label": text(first(rows, var + "Label")) or slug(str(node))}] if node is not None else []
        mech = [r for r in extra.get(entry, []) if text(r["facet"]) == "mechanism"]
        facets["mechanism"] = sorted(({"key": slug(str(r["value"])), "label": text(r.get("valueLabel")) or slug(str(r["value"]))}
                                      for r in {r["value"]: r for r in mech}.values()), key=lambda d: d["label"].lower())
        facets["tag"] = sorted(({"key": text(r["value"]), "label": text(r["value"])}
                                for r in extra.get(entry, []) if text(r["facet"]) == "tag"), key=lambda d: d["label"].lower())
        entries.append({
            **ref(entry, first(rows, "label")),
            "abstract": text(first(rows, "abstract")),
            "claim": text(first(rows, "claimText")),
            "category": ref(first(rows, "category"), first(rows, "categoryLabel")),
            "modified": dated(first(rows, "modified")),
            "facets": facets,
        })
    return entries


@dataclass(frozen=True)
class EntryFilter:
    """What the entry list is narrowed to: facet values (any of them) and a text search."""

    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> EntryFilter:
        selected = {name: tuple(v for v in params.get(name, []) if v) for name, _ in FACETS}
        q = " ".join(v for v in params.get("q", []) if v).strip()
        return cls({k: v for k, v in selected.items() if v}, q)

    def matches(self, entry: Mapping[str, Any], *, ignore: str | None = None) -> bool:
        for name, wanted in self.selected.items():
            if name == ignore:
                continue
            keys = {v["key"] for v in entry["facets"].get(name, [])}
            if not keys.intersection(wanted):
                return False
        if self.q:
            haystack = " ".join(filter(None, [entry["label"], entry["abstract"], entry["claim"],
                                              *(v["label"] for vs in entry["facets"].values() for v in vs)])).lower()
            if not all(word in haystack for word in self.q.lower().split()):
                return False
        return True

    def params(self) -> list[tuple[str, str]]:
        pairs = [(name, v) for name, _ in FACETS for v in self.selected.get(name, ())]
        return pairs + ([("q", self.q)] if self.q else [])


def index_view(entries: list[dict], flt: EntryFilter) -> dict:
    """The filtered list and, per facet, each value with the count it would give."""
    shown = [e for e in entries if flt.matches(e)]
    facets = []
    for name, heading in FACETS:
        counts: dict[str, dict] = {}
        for e in entries:
            if not flt.matches(e, ignore=name):
                continue
            for v in e["facets"].get(name, []):
                item = counts.setdefault(v["key"], {"key": v["key"], "label": v["label"], "count": 0})
                item["count"] += 1
        values = sorted(counts.values(), key=lambda d: (-d["count"], d["label"].lower()))
        for v in values:
            v["selected"] = v["key"] in flt.selected.get(name, ())
        facets.append({"name": name, "heading": heading, "values": values})
    return {"kind": "index", "total": len(entries), "count": len(shown), "q": flt.q,
            "selected": {k: list(v) for k, v in flt.selected.items()}, "facets": facets, "entries": shown}


# ---------------------------------------------------------------------------------------------
# The ontology: classes, properties, concept schemes, shapes
#
# Generated here rather than by pyLODE (installed, 3.4.1), which was tried on
# ontology/claimgraph.ttl: its page is offline (inline CSS, no scripts), but (1) it does not import
# as installed (pylode/version.py reads a pyproject.toml that the wheel does not ship), (2) its
# anchors come from labels ("#Evidenceitem", "#AIsystem"), so https://w3id.org/claimgraph/ontology#Evidence
# would not land on its term, and (3) it documents OWL only: the SKOS schemes (VocPub, another
# page) and the SHACL shapes are left out. Here every term's anchor is its local name.
# ---------------------------------------------------------------------------------------------

Q_ONTOLOGY = """
SELECT ?ontology ?title ?description ?version ?license ?prefix WHERE {
  ?ontology a owl:Ontology . FILTER(?ontology = <https://w3id.org/claimgraph/ontology>)
  OPTIONAL { ?ontology dcterms:title ?title }
  OPTIONAL { ?ontology dcterms:description ?description }
  OPTIONAL { ?ontology owl:versionInfo ?version }
  OPTIONAL { ?ontology dcterms:license ?license }
  OPTIONAL { ?ontology vann:preferredNamespacePrefix ?prefix }
}"""

Q_TERMS = """
SELECT ?term ?kind ?label ?definition ?rel ?value ?valueLabel WHERE {
  VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "object property")
                         (owl:DatatypeProperty "datatype property") (rdf:Property "property") }
  ?term a ?type . FILTER(STRSTARTS(STR(?term), STR(cg:)))
  OPTIONAL { ?term rdfs:label ?label }
  OPTIONAL { ?term skos:definition ?definition }
  OPTIONAL {
    VALUES ?rel { rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range }
    ?term ?rel ?value OPTIONAL { ?value rdfs:label|skos:prefLabel ?valueLabel }
  }
} ORDER BY ?term"""

Q_SCHEMES = """
SELECT ?scheme ?schemeLabel ?schemeDefinition ?concept ?label ?notation ?definition ?broader WHERE {
  ?scheme a skos:ConceptScheme .
  OPTIONAL { ?scheme skos:prefLabel ?schemeLabel }
  OPTIONAL { ?scheme skos:definition ?schemeDefinition }
  OPTIONAL { ?concept skos:inScheme ?scheme .
             OPTIONAL { ?concept skos:prefLabel ?label }
             OPTIONAL { ?concept skos:notation ?notation }
             OPTIONAL { ?concept skos:definition ?definition }
             OPTIONAL { ?concept skos:broader ?broader } }
} ORDER BY ?scheme ?concept"""

Q_SHAPES = """
SELECT ?shape ?target ?message ?path ?pmessage ?seeAlso ?comment WHERE {
  ?shape a sh:NodeShape .
  OPTIONAL { ?shape sh:targetClass ?target }
  OPTIONAL { ?shape sh:message ?message }
  OPTIONAL { ?shape rdfs:comment ?comment }
  OPTIONAL { ?shape rdfs:seeAlso ?seeAlso }
  OPTIONAL { ?shape sh:property ?property .
             OPTIONAL { ?property sh:path ?path FILTER(isIRI(?path)) }
             OPTIONAL { ?property sh:message ?pmessage } }
} ORDER BY ?shape"""


def ontology_view(store: Queryable, shapes_store: Queryable | None = None) -> dict:
    """Classes and properties of cg:, every SKOS scheme with its concepts, and the SHACL shapes
    (queried from ``shapes_store``, a store holding ontology/shapes.ttl, kept apart from the data)."""
    head = select(store, Q_ONTOLOGY)
    terms = []
    for term, rows in group(select(store, Q_TERMS), "term").items():
        rels: dict[str, list[dict]] = {}
        for rel in ("subClassOf", "subPropertyOf", "domain", "range"):
            rrows = [r for r in rows if r.get("rel") is not None and str(r["rel"]).endswith("#" + rel)]
            rels[rel] = unique_refs(rrows, "value", "valueLabel")
        terms.append({**ref(term, first(rows, "label")), "anchor": slug(str(term)),
                      "kind": text(first(rows, "kind")), "definition": text(first(rows, "definition")), **rels})
    schemes = []
    for scheme, rows in group(select(store, Q_SCHEMES), "scheme").items():
        concepts = []
        for concept, crows in group(rows, "concept").items():
            concepts.append({**ref(concept, first(crows, "label")), "notation": text(first(crows, "notation")),
                             "definition": text(first(crows, "definition")),
                             "broader": [ref(b) for b in sorted({r["broader"] for r in crows if r.get("broader") is not None})]})
        schemes.append({**ref(scheme, first(rows, "schemeLabel")), "definition": text(first(rows, "schemeDefinition")),
                        "concepts": concepts})
    shapes = []
    for shape, rows in group(select(shapes_store, Q_SHAPES) if shapes_store is not None else [], "shape").items():
        shapes.append({**ref(shape), "anchor": slug(str(shape)),
                       "targets": unique_refs(rows, "target", "_"),
                       "message": text(first(rows, "message")), "comment": text(first(rows, "comment")),
                       "see_also": text(first(rows, "seeAlso")),
                       "paths": unique_refs(rows, "path", "_"),
                       "messages": sorted({text(r["pmessage"]) for r in rows if r.get("pmessage") is not None})})
    h = head[0] if head else {}
    return {
        "kind": "ontology",
        "iri": BASE + "ontology",
        "label": text(h.get("title")) or "claimgraph ontology",
        "description": text(h.get("description")),
        "version": text(h.get("version")),
        "license": text(h.get("license")),
        "prefix": text(h.get("prefix")),
        "namespace": PREFIXES["cg"],
        "classes": [t for t in terms if t["kind"] == "class"],
        "properties": [t for t in terms if t["kind"] != "class"],
        "schemes": schemes,
        "shapes": shapes,
    }


# ---------------------------------------------------------------------------------------------
# Descriptions (the RDF of a page) and existence
# ---------------------------------------------------------------------------------------------

#: A resource's description: its own statements and those of its parts (IRIs below it: an
#: entry's claim, counterarguments, citations, ...) with the blank nodes they use (two levels
#: deep), and the statements that point at any of them (class membership aside). The filters
#: scan every statement: fine for an evidence database, and the server caches the answer.
_SELF_OR_PART = """FILTER(?s = ?iri || STRSTARTS(STR(?s), CONCAT(STR(?iri), "/"))
         || STRSTARTS(STR(?s), CONCAT(STR(?iri), "#")))"""
Q_DESCRIBE_OUT = f"""
CONSTRUCT {{ ?s ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 }} WHERE {{
  ?s ?p ?o .
  {_SELF_OR_PART}
  OPTIONAL {{ ?o ?p2 ?o2 FILTER(isBlank(?o)) OPTIONAL {{ ?o2 ?p3 ?o3 FILTER(isBlank(?o2)) }} }}
}}"""
Q_DESCRIBE_IN = f"""
CONSTRUCT {{ ?x ?px ?s }} WHERE {{
  ?x ?px ?s .
  {_SELF_OR_PART}
  FILTER(?px != rdf:type)
}}"""
Q_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def describe(store: Queryable, iri: str, shapes: Queryable | None = None):
    """The RDF graph describing a resource (an rdflib Graph), served as its Turtle/JSON-LD twin;
    the shapes IRI is described by the whole shapes graph."""
    if iri == BASE + "shapes":
        if shapes is None:
            return None
        return shapes.query(Q_ALL).graph
    graph = store.query(with_prefixes(Q_DESCRIBE_OUT), {"iri": URIRef(iri)}).graph
    incoming = store.query(with_prefixes(Q_DESCRIBE_IN), {"iri": URIRef(iri)}).graph
    if graph is not None and incoming is not None:
        for triple in incoming:
            graph.add(triple)
    return graph


#: Every IRI of ours that names a thing or a concept (the pages a static site needs).
Q_RESOURCES = """
SELECT DISTINCT ?r WHERE {
  { ?r ?p ?o } UNION { ?s ?p ?r }
  FILTER(isIRI(?r) && (STRSTARTS(STR(?r), "https://w3id.org/claimgraph/id/")
                       || STRSTARTS(STR(?r), "https://w3id.org/claimgraph/vocab/")))
} ORDER BY ?r"""


def all_resources(store: Queryable) -> list[str]:
    """IRIs of every resource with a page (fragment IRIs live on their document's page)."""
    return [str(r["r"]) for r in select(store, Q_RESOURCES) if "#" not in str(r["r"])]


def _owners(iri: str) -> Iterator[str]:
    """``iri`` and every IRI it is a part of (``.../entry/x/claim`` -> ``.../entry/x``)."""
    yield iri
    for i in range(len(iri) - 1, 0, -1):
        if iri[i] in "/#":
            yield iri[:i]


def describe_all(store: Queryable, iris: Iterable[str]) -> dict[str, Graph]:
    """``describe`` for many resources in one pass over the store (the static site needs every
    description; one query per resource would scan the store once per page)."""
    wanted = set(iris)
    everything = store.query(Q_ALL).graph or Graph()
    out: dict[str, Graph] = {iri: Graph() for iri in wanted}

    def closure(node: Node, depth: int) -> Iterator[tuple]:
        if depth and isinstance(node, BNode):
            for t in everything.triples((node, None, None)):
                yield t
                yield from closure(t[2], depth - 1)

    for s, p, o in everything:
        if isinstance(s, URIRef):
            owners = [w for w in _owners(str(s)) if w in wanted]
            for owner in owners:
                out[owner].add((s, p, o))
                for t in closure(o, 2):
                    out[owner].add(t)
        if isinstance(o, URIRef) and p != RDF.type:
            for owner in (w for w in _owners(str(o)) if w in wanted):
                out[owner].add((s, p, o))
    return out


_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt11", "jsonld": "json-ld", "xml": "xml"}


def rdf_bytes(graph: Graph, fmt: str) -> bytes:
    """A description serialised (turtle, nt, jsonld, xml) with claimgraph's deterministic exporter.
    Graphs with blank nodes (the shapes, some CONSTRUCT results) are written by rdflib directly:
    the exporter's canonicalisation fails on them (publish.export._canonical binds prefixes on
    rdflib's read-only canonical graph), and canonicalising is slow anyway."""
    from ..publish.export import serialize
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return serialize(graph, fmt)
    from ..model.terms import bind_prefixes
    out = Graph()
    bind_prefixes(out)
    for triple in graph:
        out.add(triple)
    return out.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Query results as a table (SPARQL page, named queries)
# ---------------------------------------------------------------------------------------------

def _cell(node: Node | None) -> dict | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return {"bnode": str(node)}
    if isinstance(node, Literal):
        return {"value": str(node), "datatype": curie(str(node.datatype)) if node.datatype else None,
                "lang": node.language}
    return {"iri": str(node), "label": curie(str(node))}


def result_view(result: QueryResult) -> dict:
    """A query result as rows of cells (IRIs to link, literals to show), for HTML and JSON."""
    if result.kind == "ask":
        return {"kind": "ask", "boolean": bool(result.boolean), "variables": [], "rows": []}
    if result.kind == "graph":
        triples = sorted(result.graph or (), key=lambda t: tuple(str(x) for x in t))
        return {"kind": "graph", "variables": ["subject", "predicate", "object"],
                "rows": [[_cell(x) for x in t] for t in triples]}
    return {"kind": "select", "variables": list(result.variables),
            "rows": [[_cell(x) for x in row] for row in result.rows]}


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

_SAFE_SCHEMES = ("http", "https")
#: Site paths that are files, not pages (downloads beside a page: index.ttl, claimgraph.nt, ...).
_FILE_SUFFIXES = (".ttl", ".nt", ".jsonld", ".json", ".csv", ".html", ".css", ".js")


class Links:
    """Where links point: absolute server paths, or (static site) paths relative to the page."""

    def __init__(self, page: str | None = None) -> None:
        self.page = page  # the static page's own file path, e.g. "id/entry/x/index.html"

    def url(self, path: str) -> str:
        """A site path ("", "queries", "static/site.css", "id/entry/x#anchor") as a link."""
        path, _, fragment = path.partition("#")
        if self.page is None:
            target = "/" + path
        else:
            if path.startswith("static/") or posixpath.splitext(path)[1] in _FILE_SUFFIXES:
                file = path
            else:
                file = posixpath.join(path, "index.html") if path else "index.html"
            target = posixpath.relpath(file, posixpath.dirname(self.page) or ".")
        return target + ("#" + fragment if fragment else "")

    def href(self, iri: str | None) -> str | None:
        """A link for an IRI: ours dereference on this site; others only when http(s)."""
        if not iri:
            return None
        path = path_of(iri)
        if path is not None:
            return self.url(path)
        return iri if urlsplit(iri).scheme.lower() in _SAFE_SCHEMES else None


class Renderer:
    """The Jinja2 environment (autoescape on for every template) and the site's navigation."""

    def __init__(self, *, static: bool = False, sparql_endpoint: str | None = None) -> None:
        self.static = static
        self.sparql_endpoint = sparql_endpoint
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def render(self, template: str, view: Mapping[str, Any], *, page: str, **extra: Any) -> str:
        """Render ``template`` for the page at site path ``page`` (used for relative links)."""
        links = Links(page if self.static else None)
        return self.env.get_template(template).render(
            view=view, href=links.href, url=links.url, static=self.static,
            sparql_endpoint=self.sparql_endpoint, **extra)

"""A parsed page -> the RDF of one entry, linked to what data/ already holds.

What the page states is kept as stated (original labels, the page's own wording, the declared
source count); what claimgraph would judge (cg:confidence) starts equal to the page's level for a
reviewer to lower. Agents named on 'Source:' lines that data/ does not know are created with
``cg:needsReview true``; so is the entry itself, until a person has checked it.

The unheaded lead paragraphs become the section at ``schema:position 0`` (title "Overview",
not printed on the page); headed sections are numbered from 1 in page order.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..model.terms import CATEGORY, CG, ENTRY_TYPE, ORG, SCHEMA, bind_prefixes, mint, slugify
from .context import ImportContext
from .page import Note, Page
from .resolve import guess_agent_kind, parse_source_statement
from .tags import split_tags
from .vocab import CATEGORY_SCHEME

LEAD_SECTION_TITLE = "Overview"
CAPABILITY = ENTRY_TYPE["capability"]


@dataclass
class ImportedEntry:
    entry_id: str
    iri: URIRef
    graph: Graph
    notes: list[Note]
    page: Page


class _Builder:
    def __init__(self, page: Page, entry_id: str, context: ImportContext) -> None:
        self.page, self.context = page, context
        self.entry = mint("entry", entry_id)
        self.entry_id = entry_id
        self.g = Graph()
        bind_prefixes(self.g)
        self.notes: list[Note] = list(page.notes)
        self.created: dict[URIRef, str] = {}

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def build(self) -> ImportedEntry:
        self._header()
        self._sections()
        self._counterarguments()
        self._footer()
        self.notes.sort(key=lambda n: (n.line, n.message))
        return ImportedEntry(self.entry_id, self.entry, self.g, self.notes, self.page)

    # -- the header block -----------------------------------------------------------------------
    def _header(self) -> None:
        page, e, vocab = self.page, self.entry, self.context.vocabulary
        claim = mint("entry", self.entry_id, "claim")
        self.add(e, RDF.type, CG.Entry)
        self.add(e, RDFS.label, Literal(page.title.text))
        self.add(e, DCTERMS.isPartOf, self.context.database)
        self.add(e, CG.pagePath, Literal(f"/database/{self.entry_id}"))
        self.add(e, CG.needsReview, Literal(True))
        entry_type = vocab.entry_types.lookup(page.entry_type.text)
        self.add(e, CG.entryType, entry_type)
        self.add(e, CG.claim, claim)
        self.add(claim, RDF.type, CG.Claim)
        self.add(claim, SCHEMA.text, Literal(page.title.text))
        if page.category is not None:
            self._category(page.category.text, page.category.line)
        if page.status is not None:
            self.add(e, CG.evidenceStatus, vocab.statuses.lookup(page.status.text))
            self.add(e, CG.originalStatusLabel, Literal(page.status.text))
            if entry_type != CAPABILITY:
                self.notes.append(Note(page.status.line, f"an evidence status on a {page.entry_type.text} "
                                       "page: the methodology gives one to Capability entries only"))
        elif entry_type == CAPABILITY:
            self.notes.append(Note(page.confidence.line, "a Capability page without an evidence status"))
        confidence = vocab.confidences.lookup(page.confidence.text)
        self.add(e, CG.statedConfidence, confidence)
        self.add(e, CG.confidence, confidence)
        self.add(e, CG.originalConfidenceLabel, Literal(page.confidence.text))
        if page.summary is not None:
            self.add(e, DCTERMS.abstract, Literal(page.summary.text))
        if page.verified is not None:
            self.add(e, CG.dateVerified, Literal(page.verified[0].isoformat(), datatype=XSD.date))
        if page.modified is not None:
            self.add(e, DCTERMS.modified, Literal(page.modified[0].isoformat(), datatype=XSD.date))
        texts = [page.title.text] + ([page.summary.text] if page.summary else [])
        self._mentions(e, " \n".join(texts))

    def _category(self, label: str, line: int) -> None:
        concept = self.context.vocabulary.categories.lookup(label)
        if concept is None:
            concept = CATEGORY[slugify(label)]
            self.add(concept, RDF.type, SKOS.Concept)
            self.add(concept, SKOS.prefLabel, Literal(label, lang="en"))
            self.add(concept, SKOS.inScheme, CATEGORY_SCHEME)
            self.add(concept, SKOS.topConceptOf, CATEGORY_SCHEME)
            self.add(concept, CG.needsReview, Literal(True))
            self.notes.append(Note(line, f"unknown category {label!r}: created {concept} here; move it to "
                                         "ontology/categories.ttl with a skos:definition"))
        self.add(self.entry, CG.category, concept)

    def _mentions(self, node: URIRef, text: str) -> None:
        for iri in self.context.index.mentions(text):
            self.add(node, SCHEMA.mentions, iri)

    # -- narrative sections --------------------------------------------------------------------
    def _sections(self) -> None:
        position = 0
        for block in self.page.sections:
            if block.title is not None:  # the unheaded lead, if any, comes first: position 0
                position += 1
            section = mint("entry", self.entry_id, "section", position)
            self.add(self.entry, CG.section, section)
            self.add(section, RDF.type, CG.Section)
            self.add(section, DCTERMS.title, Literal(block.title.text if block.title else LEAD_SECTION_TITLE))
            self.add(section, SCHEMA.position, Literal(position))
            if block.paragraphs:
                text = "\n\n".join(p.text for p in block.paragraphs)
                self.add(section, SCHEMA.text, Literal(text))
                self._mentions(section, text)

    # -- counterarguments ----------------------------------------------------------------------
    def _counterarguments(self) -> None:
        claim = mint("entry", self.entry_id, "claim")
        for n, block in enumerate(self.page.counterarguments, 1):
            ca = mint("entry", self.entry_id, "counterargument", n)
            self.add(self.entry, CG.counterargument, ca)
            self.add(ca, RDF.type, CG.Counterargument)
            self.add(ca, SCHEMA.text, Literal("\n\n".join(p.text for p in block.paragraphs)))
            self.add(ca, CG.attacks, claim)
            assert block.source is not None  # the parser guarantees it
            self.add(ca, CG.sourceStatement, Literal(block.source.text))
            self._attribution(ca, block.source.text, block.source.line)
            if block.response is not None:
                response = mint("entry", self.entry_id, "counterargument", n, "response")
                self.add(response, RDF.type, CG.Response)
                self.add(response, SCHEMA.text, Literal(block.response.text))
                self.add(response, CG.attacks, ca)
                self._mentions(response, block.response.text)

    def _attribution(self, ca: URIRef, statement: str, line: int) -> None:
        index = self.context.index
        parsed = parse_source_statement(statement)
        attribution = URIRef(f"{ca}/attribution")
        self.add(ca, PROV.qualifiedAttribution, attribution)
        self.add(attribution, RDF.type, PROV.Attribution)
        source = index.find_source(statement) or index.find_source(parsed.name)
        if source is not None:
            citation = URIRef(f"{ca}/citation/{str(source).rsplit('/', 1)[-1]}")
            self.add(ca, CG.citation, citation)
            self.add(citation, RDF.type, CG.Citation)
            self.add(citation, CG.source, source)
            self.add(citation, CG.needsReview, Literal(True))
            self.notes.append(Note(line, f"cited {source} from the Source line: describe the finding used "
                                         "(schema:description) and add a cg:locator"))
        agent = index.find(parsed.name) or (index.find(parsed.alias) if parsed.alias else None)
        if agent is None and source is not None and index.find_source(parsed.name) is not None:
            self.notes.append(Note(line, "the Source line names a work, not who raised the objection: "
                                         "add prov:agent to the attribution"))
        else:
            agent_iri = agent.iri if agent else self._create_agent(parsed.name, parsed.alias, line)
            self.add(ca, PROV.wasAttributedTo, agent_iri)
            self.add(attribution, PROV.agent, agent_iri)
        if parsed.alias:
            self.add(attribution, CG.aliasUsed, Literal(parsed.alias))
        if parsed.affiliation:
            org = index.find(parsed.affiliation, ("organisation",))
            org_iri = org.iri if org else self._create_agent(parsed.affiliation, None, line, "organisation")
            self.add(attribution, CG.affiliationAtTime, org_iri)

    def _create_agent(self, name: str, alias: str | None, line: int, kind: str | None = None) -> URIRef:
        kind = kind or guess_agent_kind(name)
        iri = mint(kind, slugify(name))
        if iri in self.created:
            return iri
        self.created[iri] = kind
        if kind == "person":
            self.add(iri, RDF.type, SCHEMA.Person)
            if alias:
                self.add(iri, SCHEMA.alternateName, Literal(alias))
        else:
            self.add(iri, RDF.type, SCHEMA.Organization)
            self.add(iri, RDF.type, ORG.Organization)
        self.add(iri, RDF.type, PROV.Agent)
        self.add(iri, RDFS.label, Literal(name))
        self.add(iri, SCHEMA.name, Literal(name))
        self.add(iri, CG.needsReview, Literal(True))
        if iri in self.context.index.iris:
            self.notes.append(Note(line, f"{name!r} did not match by name, but {iri} exists in data/ "
                                         "under another name: check they are the same"))
        else:
            self.notes.append(Note(line, f"created {kind} {name!r} ({iri}), not found in data/: "
                                         "check it (cg:needsReview) and move it to data/"))
        return iri

    # -- sources count and tags ----------------------------------------------------------------
    def _footer(self) -> None:
        page = self.page
        if page.source_count is not None:
            self.add(self.entry, CG.declaredSourceCount, Literal(page.source_count[0]))
        if page.tags is None:
            return
        split = split_tags(page.tags.text, self.context.known_tags, self.context.words | page.words())
        for tag in split.tags:
            self.add(self.entry, SCHEMA.keywords, Literal(tag))
        for tag in split.unknown:
            self.notes.append(Note(page.tags.line, f"could not split {tag!r} in the tag line; kept as one tag"))
        for tag in split.guessed:
            self.notes.append(Note(page.tags.line, f"tag {tag!r} split off by words of the page, not a known tag: check it"))


def build_entry(page: Page, entry_id: str, context: ImportContext) -> ImportedEntry:
    """The graph of one imported entry (plus any agents and categories it had to create)."""
    return _Builder(page, entry_id, context).build()

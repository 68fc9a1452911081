"""An entry of the graph -> the source database's page text (the format ``page.parse_page``
reads). Shared by the importer's round trip and the entry web page.

Rendering an imported page gives back the original text up to ``normalise_page``:
  * each line trimmed, whitespace runs as one space, Unicode NFC, blank lines dropped (the
    renderer separates blocks with one blank line, as the real page does);
  * 'Source:' and 'Response:' followed by exactly one space (pages copied from a browser lose it);
  * the tag line: tags are a set in RDF, so they are rendered sorted (case-insensitively) and
    separated by spaces; it equals the original as a set of tags (the run-together original
    is split by the importer), not character for character;
  * dates in the canonical form '7 March 2026' (a page's '07 March 2026' reads the same);
  * the site's template lines ('← Back to Database'; 'The strongest objections to this entry,
    with sources.' under 'Counterarguments') are always written, and not compared;
  * entry type, status and category names in the vocabulary's spelling when the page's own
    label is not kept (status and confidence labels are kept as printed).
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from ..errors import InputError
from ..model.terms import CG, CONFIDENCE, SCHEMA
from ..publish.fmt import natural_key
from .dates import format_page_date
from .page import BACK_LINK, COUNTER_HEADING, COUNTER_INTRO, normalise_line
from .vocab import PageVocabulary

VERIFIED = CONFIDENCE["verified"]


class _Entry:
    """Read access to one entry, with labels from the graph or else the vocabulary."""

    def __init__(self, graph: Graph, iri: URIRef, vocabulary: PageVocabulary | None) -> None:
        self.g, self.iri, self._vocabulary = graph, iri, vocabulary

    def text(self, node, predicate) -> str | None:
        value = self.g.value(node, predicate)
        return str(value) if value is not None else None

    def label(self, node) -> str | None:
        if node is None:
            return None
        for predicate in (SKOS.prefLabel, SCHEMA.name, RDFS.label):
            values = sorted(self.g.objects(node, predicate), key=lambda o: (getattr(o, "language", None) not in ("en", None), str(o)))
            if values:
                return str(values[0])
        vocabulary = self._vocab()
        found = vocabulary.concept_label(node) if vocabulary else None
        return found or str(node).rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()

    def _vocab(self) -> PageVocabulary | None:
        if self._vocabulary is None:
            try:
                from .vocab import project_vocabulary
                self._vocabulary = project_vocabulary()
            except InputError:
                return None
        return self._vocabulary

    def sorted_objects(self, node, predicate, key: Callable | None = None) -> list:
        return sorted(self.g.objects(node, predicate), key=key or (lambda o: natural_key(str(o))))


def render_page(graph: Graph, entry_iri: str | URIRef, *, vocabulary: PageVocabulary | None = None) -> str:
    """The page text of an entry. Labels of types, statuses and categories come from the graph
    when it holds the vocabularies, else from ``vocabulary`` (default: the project's)."""
    e = _Entry(graph, URIRef(entry_iri), vocabulary)
    if (e.iri, RDF.type, CG.Entry) not in graph:
        raise InputError(f"no entry {e.iri} in the graph")
    blocks: list[str] = []
    blocks.append("\n".join([BACK_LINK, _type_line(e)]))
    blocks.append(e.text(e.iri, RDFS.label) or e.text(e.g.value(e.iri, CG.claim), SCHEMA.text) or "")
    blocks.append("\n".join(x for x in (_status_line(e), e.text(e.iri, DCTERMS.abstract), _dates_line(e)) if x))
    blocks.extend(_sections(e))
    blocks.extend(_counterarguments(e))
    blocks.extend(_footer(e))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _type_line(e: _Entry) -> str:
    parts = [e.label(e.g.value(e.iri, CG.entryType)), e.label(e.g.value(e.iri, CG.category))]
    return " ".join(p for p in parts if p)


def _status_line(e: _Entry) -> str:
    status = e.text(e.iri, CG.originalStatusLabel)
    if status is None and e.g.value(e.iri, CG.evidenceStatus) is not None:
        status = (e.label(e.g.value(e.iri, CG.evidenceStatus)) or "").upper()
    confidence = e.text(e.iri, CG.originalConfidenceLabel)
    if confidence is None:
        concept = e.g.value(e.iri, CG.statedConfidence) or e.g.value(e.iri, CG.confidence)
        if concept is not None:
            confidence = ("✓ " if concept == VERIFIED else "") + (e.label(concept) or "")
    return " ".join(p for p in (status, confidence) if p)


def _dates_line(e: _Entry) -> str:
    parts = []
    for label, predicate in (("Verified", CG.dateVerified), ("Last updated", DCTERMS.modified)):
        value = e.g.value(e.iri, predicate)
        if isinstance(value, Literal) and hasattr(value.toPython(), "isoformat"):
            parts.append(f"{label}: {format_page_date(value.toPython())}")
    return " · ".join(parts)


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def _sections(e: _Entry) -> list[str]:
    def position(s) -> tuple:
        value = e.g.value(s, SCHEMA.position)
        number = value.toPython() if isinstance(value, Literal) else None
        return (number if isinstance(number, int) else 1 << 30, natural_key(str(s)))

    blocks: list[str] = []
    for section in sorted(e.g.objects(e.iri, CG.section), key=position):
        pos = e.g.value(section, SCHEMA.position)
        if not (isinstance(pos, Literal) and pos.toPython() == 0):
            blocks.append(e.text(section, DCTERMS.title) or "")
        blocks.extend(_paragraphs(e.text(section, SCHEMA.text)))
    return blocks


def _counterarguments(e: _Entry) -> list[str]:
    counterarguments = e.sorted_objects(e.iri, CG.counterargument)
    if not counterarguments:
        return []
    blocks = [COUNTER_HEADING, COUNTER_INTRO]
    for ca in counterarguments:
        blocks.extend(_paragraphs(e.text(ca, SCHEMA.text)))
        blocks.append(f"Source: {e.text(ca, CG.sourceStatement) or _statement(e, ca)}")
        responses = sorted(r for r in e.g.subjects(CG.attacks, ca) if (r, RDF.type, CG.Response) in e.g)
        for response in responses[:1]:
            blocks.append(f"Response: {e.text(response, SCHEMA.text) or ''}".rstrip())
    return blocks


def _statement(e: _Entry, ca) -> str:
    """A 'Source:' line from the attribution when the page's own wording is not kept."""
    attribution = e.g.value(ca, PROV.qualifiedAttribution)
    agent = e.g.value(attribution, PROV.agent) if attribution is not None else None
    agent = agent or e.g.value(ca, PROV.wasAttributedTo)
    text = e.label(agent) or "unknown"
    alias = e.text(attribution, CG.aliasUsed) if attribution is not None else None
    if alias:
        text += f" ({alias})"
    affiliation = e.g.value(attribution, CG.affiliationAtTime) if attribution is not None else None
    if affiliation is not None:
        text += f", {e.label(affiliation)}"
    return text


def _footer(e: _Entry) -> list[str]:
    declared = e.g.value(e.iri, CG.declaredSourceCount)
    tags = sorted((str(t) for t in e.g.objects(e.iri, SCHEMA.keywords)), key=lambda t: (t.casefold(), t))
    cited = {s for c in e.g.objects(e.iri, CG.citation) for s in e.g.objects(c, CG.source)}
    if declared is None and not tags and not cited:
        return []
    if isinstance(declared, Literal):
        heading = f"Sources ({declared})"
    else:  # no count on the page: the sources cited, or (imported pages) the page's bare heading
        heading = f"Sources ({len(cited)})" if cited else "Sources"
    return [heading, " ".join(tags)]


def normalise_page(text: str) -> list[str]:
    """A page's lines after the normalisation the round trip is exact up to (see the module
    docstring). The template lines ('← Back to Database', the line under 'Counterarguments')
    belong to the site, not to the entry, and are left out; the tag line (the last line after
    'Sources (n)') is kept as it is: compare it as a set of tags."""
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_line(raw)
        if not line or line in (BACK_LINK, COUNTER_INTRO):
            continue
        for label in ("Source:", "Response:"):
            if line.startswith(label):
                line = f"{label} {line[len(label):].strip()}"
        out.append(line)
    return out

"""Finding the people, organisations, AI systems and sources a page names among the resources
already in data/, by name or alias, so imported entries link to them instead of duplicating them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ..model.terms import CG, SCHEMA

KINDS = {
    SCHEMA.Person: "person",
    SCHEMA.Organization: "organisation",
    CG.AISystem: "system",
}
SOURCE_CLASSES = {CG.PeerReviewedArticle, CG.Preprint, CG.SystemCard, SCHEMA.ScholarlyArticle,
                  SCHEMA.BlogPosting, SCHEMA.NewsArticle, SCHEMA.Report, SCHEMA.Legislation,
                  SCHEMA.WebPage, SCHEMA.Dataset, SCHEMA.SocialMediaPosting, SCHEMA.Article}
NAME_PREDICATES = (SCHEMA.name, RDFS.label, SCHEMA.alternateName, SKOS.altLabel, SKOS.prefLabel)
_ORG_WORDS = re.compile(
    r"\b(?:Institute|University|College|School|Research|Labs?|Laboratory|Inc|Ltd|LLC|Corp(?:oration)?|"
    r"Company|Foundation|Cent(?:er|re)|Council|Commission|Office|Agency|Department|Ministry|Team|"
    r"Group|Association|Society|Committee|Board|Forum|Network|Alliance|Project|Initiative|AI|Google|"
    r"DeepMind|OpenAI|Anthropic|Microsoft|Meta|Government|Parliament|Senate|Congress)\b")
_ARXIV = re.compile(r"\b(\d{4}\.\d{4,5})(?:v\d+)?\b")


def name_key(text: str) -> str:
    """How names are compared: case-insensitive, typographic quotes and spacing ignored."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().strip(".,;:").casefold()


@dataclass(frozen=True)
class Known:
    iri: URIRef
    kind: str
    name: str


class ResourceIndex:
    """Names and aliases of the resources in a data graph."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Known]] = defaultdict(list)
        self.by_arxiv: dict[str, URIRef] = {}
        self.names: list[Known] = []
        self.iris: set[URIRef] = set()

    @classmethod
    def from_graph(cls, graph: Graph) -> ResourceIndex:
        index = cls()
        sources = set(graph.objects(None, CG.source))
        for cls_iri in SOURCE_CLASSES:
            sources.update(graph.subjects(RDF.type, cls_iri))
        kinds: dict[URIRef, str] = {}
        for cls_iri, kind in KINDS.items():
            for s in graph.subjects(RDF.type, cls_iri):
                if isinstance(s, URIRef):
                    kinds.setdefault(s, kind)
        for s in sources:
            if isinstance(s, URIRef):
                kinds.setdefault(s, "source")
        for iri, kind in sorted(kinds.items()):
            predicates = NAME_PREDICATES + ((DCTERMS.title,) if kind == "source" else ())
            for p in predicates:
                for o in graph.objects(iri, p):
                    index.add(Known(iri, kind, str(o)))
            arxiv = graph.value(iri, CG.arxivId)
            if arxiv is not None:
                index.by_arxiv[str(arxiv)] = iri
        return index

    def add(self, known: Known) -> None:
        key = name_key(known.name)
        if key and known not in self.by_name[key]:
            self.by_name[key].append(known)
            self.names.append(known)
            self.iris.add(known.iri)

    def find(self, name: str, kinds: tuple[str, ...] = ("person", "organisation")) -> Known | None:
        """The one resource of one of ``kinds`` with this name or alias (first kind wins)."""
        matches = self.by_name.get(name_key(name), [])
        for kind in kinds:
            of_kind = sorted({m.iri for m in matches if m.kind == kind})
            if len(of_kind) == 1:
                return next(m for m in matches if m.iri == of_kind[0])
        return None

    def find_source(self, text: str) -> URIRef | None:
        """A source named by arXiv identifier or by its exact title in ``text``."""
        m = _ARXIV.search(text)
        if m and m.group(1) in self.by_arxiv:
            return self.by_arxiv[m.group(1)]
        known = self.find(text.strip("'\"‘’“” "), ("source",))
        return known.iri if known else None

    def mentions(self, text: str) -> list[URIRef]:
        """Resources named in prose: full names and aliases of people, organisations and AI
        systems (case-sensitive, whole words, longest match wins), 'Surname et al.', arXiv ids."""
        spans: list[tuple[int, int, URIRef]] = []
        for known in self.names:
            if known.kind == "source" or len(known.name) < 3:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(known.name) + r"(?!\w)", text):
                spans.append((m.start(), m.end(), known.iri))
            if known.kind == "person" and " " in known.name.strip():
                surname = known.name.split()[-1]
                for m in re.finditer(r"(?<!\w)" + re.escape(surname) + r" et al\b", text):
                    spans.append((m.start(), m.end(), known.iri))
        for m in _ARXIV.finditer(text):
            if m.group(1) in self.by_arxiv:
                spans.append((m.start(), m.end(), self.by_arxiv[m.group(1)]))
        taken: list[tuple[int, int]] = []
        found: list[URIRef] = []
        for start, end, iri in sorted(spans, key=lambda s: (s[0] - s[1], s[0], str(s[2]))):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if iri not in found:
                found.append(iri)
        return sorted(found)


def guess_agent_kind(name: str) -> str:
    """'person' for a plain personal name (2-4 capitalised words), else 'organisation'."""
    words = name.split()
    if _ORG_WORDS.search(name) or not 2 <= len(words) <= 4:
        return "organisation"
    if all(w[:1].isupper() and not w.isupper() for w in words if w.lower() not in ("de", "van", "von", "der")):
        return "person"
    return "organisation"


@dataclass(frozen=True)
class SourceStatement:
    """A counterargument's 'Source:' line read as: name (alias), affiliation."""

    name: str
    alias: str | None
    affiliation: str | None


_STATEMENT = re.compile(r"^(?P<name>[^(),]+?)\s*(?:\((?P<alias>[^()]*)\))?\s*(?:,\s*(?P<affil>.+))?$")


def parse_source_statement(text: str) -> SourceStatement:
    m = _STATEMENT.match(text.strip())
    if not m:
        return SourceStatement(text.strip(), None, None)
    alias = (m.group("alias") or "").strip() or None
    affiliation = (m.group("affil") or "").strip() or None
    return SourceStatement(m.group("name").strip(), alias, affiliation)

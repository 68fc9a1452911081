"""The labels a source page prints for the methodology's controlled values, mapped to our SKOS
concepts. Read from the ontology's vocabularies, so the page format and the schemes can never
disagree about which values exist."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ..model.terms import CATEGORY, CONFIDENCE, ENTRY_TYPE, EVIDENCE_STATUS, VOCAB

_MARKS = re.compile(r"^[^\w(]+")


def label_key(text: str) -> str:
    """How labels are compared: case-insensitive, marks such as '✓' ignored, spaces collapsed."""
    return re.sub(r"\s+", " ", _MARKS.sub("", text)).strip().casefold()


@dataclass(frozen=True)
class Scheme:
    """One concept scheme: page label -> concept, and concept -> preferred label."""

    namespace: str
    by_label: dict[str, URIRef] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)

    def lookup(self, text: str) -> URIRef | None:
        return self.by_label.get(label_key(text))

    def label(self, concept: URIRef) -> str | None:
        return self.labels.get(concept)

    def ordered_labels(self) -> list[str]:
        """Preferred labels, longest first (so 'Governance Gap' is tried before shorter ones)."""
        return sorted(self.labels.values(), key=lambda s: (-len(s), s))


def _scheme(graph: Graph, namespace: str) -> Scheme:
    scheme = Scheme(namespace)
    scheme_iri = URIRef(namespace.rstrip("/"))
    for concept in sorted(set(graph.subjects(SKOS.inScheme, scheme_iri))):
        pref = _english(graph, concept, SKOS.prefLabel)
        if pref is None:
            continue
        scheme.labels[concept] = pref
        for label in [pref, *(str(o) for o in graph.objects(concept, SKOS.altLabel)),
                      *(str(o) for o in graph.objects(concept, SKOS.notation))]:
            scheme.by_label.setdefault(label_key(label), concept)
            scheme.by_label.setdefault(label_key(label.replace("-", " ")), concept)
    return scheme


def _english(graph: Graph, node, predicate) -> str | None:
    values = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
    values.sort(key=lambda o: (o.language not in ("en", None), str(o)))
    return str(values[0]) if values else None


@dataclass(frozen=True)
class PageVocabulary:
    """Entry types, evidence statuses, confidence levels and categories."""

    entry_types: Scheme
    statuses: Scheme
    confidences: Scheme
    categories: Scheme

    @classmethod
    def from_graph(cls, graph: Graph) -> PageVocabulary:
        return cls(_scheme(graph, str(ENTRY_TYPE)), _scheme(graph, str(EVIDENCE_STATUS)),
                   _scheme(graph, str(CONFIDENCE)), _scheme(graph, str(CATEGORY)))

    def concept_label(self, concept: URIRef) -> str | None:
        for scheme in (self.entry_types, self.statuses, self.confidences, self.categories):
            label = scheme.label(concept)
            if label is not None:
                return label
        return None


CATEGORY_SCHEME = URIRef(str(VOCAB) + "category")


@lru_cache(maxsize=4)
def project_vocabulary(root: str | None = None) -> PageVocabulary:
    """The vocabulary of the project's ontology (cached: the schemes change with a release, not
    between two pages)."""
    from ..model.load import load_graph
    from ..model.project import find_project

    project = find_project(root)
    return PageVocabulary.from_graph(load_graph(project.ontology_files()))

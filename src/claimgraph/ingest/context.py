"""What the importer knows besides the page: the vocabularies, the resources already in data/
(to link instead of duplicate), the tags and words the tag line can be split into, and the
database entries belong to. Built once per import run from the project graph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..model.terms import CG, ID, MECHANISM, SCHEMA
from .resolve import ResourceIndex
from .tags import tag_vocabulary
from .vocab import CATEGORY_SCHEME, PageVocabulary

DEFAULT_DATABASE = ID["database/ai-democratic-governance"]


@dataclass
class ImportContext:
    """What the importer knows besides the page: vocabularies and the resources in data/."""

    vocabulary: PageVocabulary
    index: ResourceIndex
    known_tags: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    database: URIRef = DEFAULT_DATABASE

    @classmethod
    def from_graph(cls, graph: Graph) -> ImportContext:
        """From the project graph (ontology, vocabularies and data)."""
        vocabulary = PageVocabulary.from_graph(graph)
        index = ResourceIndex.from_graph(graph)
        tags = {str(o) for o in graph.objects(None, SCHEMA.keywords)}
        labels: list[str] = []
        mechanism_scheme = URIRef(str(MECHANISM).rstrip("/"))
        for scheme in (mechanism_scheme, CATEGORY_SCHEME):
            for concept in graph.subjects(SKOS.inScheme, scheme):
                for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
                    labels.extend(str(o) for o in graph.objects(concept, p))
        labels.extend(k.name for k in index.names if k.kind in ("system", "organisation"))
        tags |= tag_vocabulary(*labels)
        words = {w for label in labels for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", label)}
        databases = sorted(s for s in graph.subjects(RDF.type, CG.Database) if isinstance(s, URIRef))
        return cls(vocabulary, index, tags, words, databases[0] if len(databases) == 1 else DEFAULT_DATABASE)

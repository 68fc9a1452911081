"""The public API: the functions the CLI and the web server both call.

Every function takes optional data ``paths`` (files or directories; default: the project's
``data/``) and an optional project ``root``; the ontology and vocabularies are always loaded
beside the data, because the shapes and queries read them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .model.load import load_project, load_shapes
from .model.project import Project, find_project
from .model.terms import CG
from .publish.export import FORMATS, serialize
from .publish.release import ReleaseContext
from .publish.release import build as _build
from .validate import ValidationReport
from .validate import validate as _validate

EXPORT_FORMATS = tuple(FORMATS)
PathsArg = Sequence[str | Path] | None


def project(root: str | Path | None = None) -> Project:
    return find_project(root)


def load(paths: PathsArg = None, *, root: str | Path | None = None, with_ontology: bool = True) -> Graph:
    """Ontology, vocabularies and data as one rdflib graph."""
    return load_project(project(root), paths, with_ontology=with_ontology)


def validate_data(paths: PathsArg = None, *, root: str | Path | None = None,
                  use_cache: bool = True) -> ValidationReport:
    """Validate the data (default: data/) against ontology/shapes.ttl."""
    proj = project(root)
    return _validate(load_project(proj, paths), load_shapes(proj))


def export(paths: PathsArg = None, fmt: str = "turtle", *, root: str | Path | None = None,
           with_ontology: bool = True) -> bytes:
    return serialize(load(paths, root=root, with_ontology=with_ontology), fmt)


def _labelled_counts(graph: Graph, predicate: URIRef) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for _s, o in graph.subject_objects(predicate):
        label = graph.value(o, SKOS.prefLabel)
        counts[str(label) if label is not None else str(o)] += 1
    return dict(sorted(counts.items()))


def stats(paths: PathsArg = None, *, root: str | Path | None = None) -> dict:
    graph = load(paths, root=root)
    classes = Counter(str(o) for o in graph.objects(None, RDF.type))
    return {
        "triples": len(graph),
        "entries": len(set(graph.subjects(RDF.type, CG.Entry))),
        "entry types": _labelled_counts(graph, CG.entryType),
        "evidence statuses": _labelled_counts(graph, CG.evidenceStatus),
        "confidence": _labelled_counts(graph, CG.confidence),
        "mechanisms in use": dict(sorted(Counter(
            str(graph.value(m, SKOS.prefLabel) or m)
            for m in {o for s, o in graph.subject_objects(CG.mechanism)}).items())),
        "classes": dict(sorted(classes.items())),
    }


def build(out: str | Path = "release", *, root: str | Path | None = None,
          version: str | None = None) -> ReleaseContext:
    """The main job: load, validate and write a release into ``out``."""
    return _build(out, project=project(root), version=version)

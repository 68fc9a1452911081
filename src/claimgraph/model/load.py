"""Files -> graph. Parsing is done by Oxigraph's parsers (fast, and their errors carry line and
column); the triples land in an rdflib graph, the representation pyshacl validates correctly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import MissingFileError, RDFSyntaxError
from .convert import to_rdflib
from .project import Project, find_project
from .terms import bind_prefixes

FORMATS_BY_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_LINE = re.compile(r"line (\d+)")
_COLUMN = re.compile(r"columns? (\d+)")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and every RDF file below a named directory, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in FORMATS_BY_SUFFIX and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise MissingFileError("no such file or directory", path=str(path))
    return files


def format_of(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix!r} (use one of "
                             f"{', '.join(sorted(FORMATS_BY_SUFFIX))})", path=str(path)) from None


def parse_quads(path: Path) -> list:
    """All statements of one file as pyoxigraph quads; a syntax error names file, line and column."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingFileError("no such file", path=str(path)) from None
    except OSError as err:
        raise MissingFileError(f"cannot read: {err.strerror}", path=str(path)) from None
    try:
        return list(ox.parse(data, format=format_of(path), base_iri=None))
    except SyntaxError as err:
        message = str(err)
        line_match, column_match = _LINE.search(message), _COLUMN.search(message)
        line = int(line_match.group(1)) if line_match else None
        column = int(column_match.group(1)) if column_match else None
        raise RDFSyntaxError(f"syntax error: {message}", path=str(path), line=line, column=column) from None
    except ValueError as err:  # e.g. invalid UTF-8
        raise RDFSyntaxError(f"cannot parse: {err}", path=str(path)) from None


def load_graph(paths: Iterable[str | Path], graph: Graph | None = None) -> Graph:
    """Parse files (or directories of files) into one rdflib graph (named graphs are merged)."""
    graph = graph if graph is not None else Graph()
    bind_prefixes(graph)
    for path in expand_paths(paths):
        add = graph.add
        for quad in parse_quads(path):
            add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def load_project(project: Project | None = None, data: Iterable[str | Path] | None = None,
                 *, with_ontology: bool = True) -> Graph:
    """The project's ontology and vocabularies plus its data (or the given data paths)."""
    project = project or find_project()
    paths: list[str | Path] = list(project.ontology_files()) if with_ontology else []
    paths.extend(data if data is not None else [project.data_dir])
    return load_graph(paths)


def load_shapes(project: Project | None = None) -> Graph:
    project = project or find_project()
    return load_graph([project.shapes_file])


def to_dataset(graph: Graph, identifier) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    g = ds.graph(identifier)
    for t in graph:
        g.add(t)
    return ds

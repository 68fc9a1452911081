"""Files -> graph. Parsing is done by Oxigraph's parsers (fast, and their errors carry line and
column); the triples land in an rdflib graph, the representation pyshacl validates correctly.

Large jobs (build, export, incremental validation) keep the parsed files as pyoxigraph triples
(:class:`ParsedFile`) and convert to rdflib only what needs rdflib, once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import MissingFileError, RDFSyntaxError
from .convert import RdflibConverter, add_to_graph
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


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MissingFileError("no such file", path=str(path)) from None
    except OSError as err:
        raise MissingFileError(f"cannot read: {err.strerror}", path=str(path)) from None


def _parse(data: bytes, path: Path) -> list:
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


def parse_quads(path: Path) -> list:
    """All statements of one file as pyoxigraph quads; a syntax error names file, line and column."""
    return _parse(read_bytes(path), path)


@dataclass(frozen=True)
class ParsedFile:
    """One file's statements as pyoxigraph triples (named graphs merged), with the content hash
    that keys everything remembered about the file."""

    path: Path
    digest: str
    triples: list


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_file(path: Path, data: bytes | None = None) -> ParsedFile:
    """Parse one file. Blank nodes get labels derived from the file's content and their order of
    appearance, so the same files always give the same graph (and byte-identical exports), and
    labels from different files never collide."""
    data = read_bytes(path) if data is None else data
    digest = content_digest(data)
    return ParsedFile(path, digest, _relabel(_parse(data, path), digest[:12]))


def _relabel(quads: list, tag: str) -> list:
    labels: dict[str, ox.BlankNode] = {}

    def node(term):
        if type(term) is not ox.BlankNode:
            return term
        found = labels.get(term.value)
        if found is None:
            found = labels[term.value] = ox.BlankNode(f"f{tag}b{len(labels)}")
        return found

    out = []
    for q in quads:
        s, o = q.subject, q.object
        if type(s) is ox.BlankNode or type(o) is ox.BlankNode:
            out.append(ox.Triple(node(s), q.predicate, node(o)))
        else:
            out.append(q.triple)
    return out


def parse_files(paths: Iterable[str | Path]) -> list[ParsedFile]:
    return [parse_file(path) for path in expand_paths(paths)]


def graph_from_files(files: Iterable[ParsedFile], graph: Graph | None = None) -> Graph:
    """One rdflib graph holding the triples of the parsed files."""
    graph = graph if graph is not None else Graph()
    bind_prefixes(graph)
    converter = RdflibConverter()
    for parsed in files:
        add_to_graph(graph, parsed.triples, converter)
    return graph


def load_graph(paths: Iterable[str | Path], graph: Graph | None = None) -> Graph:
    """Parse files (or directories of files) into one rdflib graph (named graphs are merged)."""
    return graph_from_files(parse_files(paths), graph)


def project_paths(project: Project, data: Iterable[str | Path] | None = None, *,
                  with_ontology: bool = True) -> list[str | Path]:
    """The files a project graph is made of: ontology and vocabularies, then the data."""
    paths: list[str | Path] = list(project.ontology_files()) if with_ontology else []
    paths.extend(data if data is not None else [project.data_dir])
    return paths


def load_project(project: Project | None = None, data: Iterable[str | Path] | None = None,
                 *, with_ontology: bool = True) -> Graph:
    """The project's ontology and vocabularies plus its data (or the given data paths)."""
    project = project or find_project()
    return load_graph(project_paths(project, data, with_ontology=with_ontology))


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

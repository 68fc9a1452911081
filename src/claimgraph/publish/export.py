"""Deterministic serialisation: the same graph always gives byte-identical files (fixed
prefixes, sorted statements, canonical blank-node labels), so releases diff cleanly.

Two writers, chosen by size. Up to ``RDFLIB_LIMIT`` statements, rdflib's serializers (the
prettiest Turtle and JSON-LD). Above it, rdflib takes ~30 s per million statements for Turtle or
JSON-LD, so the dumps are written from the sorted statements with pyoxigraph (N-Triples,
Turtle) and a streaming JSON-LD writer:

- N-Triples: the sorted, de-duplicated lines, as in the small case.
- Turtle: pyoxigraph's writer, grouped by subject because the statements are sorted, with
  claimgraph's prefixes in their fixed order, minus any prefix under which some IRI's local part
  would need escaping (pyoxigraph writes ``entry:x\\/claim`` for ``.../entry/x/claim``; such IRIs
  are written in full instead).
- JSON-LD: the context of ``context.jsonld`` (claimgraph's prefixes) and a ``@graph`` of one
  node object per subject, sorted by ``@id``, IRIs compacted with the prefixes, each value list
  sorted: the same shape as rdflib's compacted output.

Both writers produce the same graph (tests re-parse the dumps with pyoxigraph and compare).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph

from ..errors import InputError
from ..model.convert import triple_to_oxigraph
from ..model.terms import PREFIXES, bind_prefixes

ExportFormat = TypingLiteral["turtle", "nt", "jsonld", "trig", "xml"]
FORMATS: dict[str, tuple[str, str]] = {
    # name: (file suffix, media type)
    "turtle": (".ttl", "text/turtle"),
    "nt": (".nt", "application/n-triples"),
    "jsonld": (".jsonld", "application/ld+json"),
    "trig": (".trig", "application/trig"),
    "xml": (".rdf", "application/rdf+xml"),
}
#: Above this many statements the dumps are written with pyoxigraph (see the module docstring).
RDFLIB_LIMIT = 50_000
#: The formats SortedTriples writes.
FAST_FORMATS = ("nt", "turtle", "jsonld", "xml")

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?\Z")


def jsonld_context() -> dict:
    """The JSON-LD context shipped with every JSON-LD export: claimgraph's prefixes."""
    return {"@context": dict(PREFIXES)}


def _canonical(graph: Graph) -> Graph:
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        canonical = Graph()
        for triple in to_canonical_graph(graph):  # a read-only view: copy it to bind prefixes
            canonical.add(triple)
        graph = canonical
    bind_prefixes(graph)
    return graph


def _sorted_oxigraph_triples(graph: Graph) -> list:
    triples = [triple_to_oxigraph(t) for t in graph]
    triples.sort(key=str)
    return triples


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialise a graph (or a Dataset, for TriG) in one of FORMATS, deterministically."""
    check_format(fmt)
    if fmt == "trig":
        return _serialize_trig(graph)
    graph = _canonical(graph)
    if fmt == "xml":
        return ox.serialize(_sorted_oxigraph_triples(graph), format=ox.RdfFormat.RDF_XML,
                            prefixes=_used_prefixes(graph))
    if fast_writer(len(graph), fmt):
        return SortedTriples(triple_to_oxigraph(t) for t in graph).serialize(fmt)
    if fmt == "nt":
        return SortedTriples(_sorted_oxigraph_triples(graph)).serialize("nt")
    if fmt == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    return _serialize_jsonld(graph)


def fast_writer(statements: int, fmt: str) -> bool:
    """Whether ``statements`` statements are written in ``fmt`` with pyoxigraph (SortedTriples)
    rather than rdflib (serialize)."""
    return fmt in FAST_FORMATS and statements > RDFLIB_LIMIT


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _used_prefixes(graph: Graph) -> dict[str, str]:
    used = {str(t) for triple in graph for t in triple}
    return {p: ns for p, ns in PREFIXES.items() if any(u.startswith(ns) for u in used)}


def _serialize_jsonld(graph: Graph) -> bytes:
    text = graph.serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    for node in nodes:
        for key, value in list(node.items()):
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: n.get("@id", ""))
    out = {"@context": doc.get("@context", jsonld_context()["@context"]), "@graph": nodes}
    return (json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _serialize_trig(graph: Graph) -> bytes:
    if not isinstance(graph, Dataset):
        from ..model.terms import DATA_GRAPH
        ds = Dataset()
        target = ds.graph(DATA_GRAPH)
        for t in graph:
            target.add(t)
        graph = ds
    bind_prefixes(graph)
    return graph.serialize(format="trig", encoding="utf-8")


# --- the pyoxigraph writers ----------------------------------------------------------------------

class SortedTriples:
    """Statements sorted by their N-Triples line, duplicates removed: sorted once, written in
    every format. Blank-node labels are kept (the loader makes them deterministic)."""

    def __init__(self, triples: Iterable) -> None:
        keyed = {str(t): t for t in triples}
        self.lines = sorted(keyed)
        self.triples = [keyed[line] for line in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def serialize(self, fmt: str) -> bytes:
        check_format(fmt)
        if fmt == "nt":
            return "".join(f"{line} .\n" for line in self.lines).encode("utf-8")
        if fmt == "turtle":
            return self._turtle()
        if fmt == "jsonld":
            return b"".join(_jsonld_chunks(self.triples))
        if fmt == "xml":
            return ox.serialize(self.triples, format=ox.RdfFormat.RDF_XML, prefixes=self._prefixes(False))
        raise InputError(f"{fmt} is written from an rdflib dataset (see serialize)")

    def _iris(self) -> Iterator[str]:
        for t in self.triples:
            for term in (t.subject, t.predicate, t.object):
                kind = type(term)
                if kind is ox.NamedNode:
                    yield term.value
                elif kind is ox.Literal:
                    yield term.datatype.value

    def _prefixes(self, readable: bool) -> dict[str, str]:
        """The prefixes in use, in PREFIXES order; with ``readable``, only those under which
        every IRI's local part can be written without escapes."""
        used: dict[str, bool] = {}
        namespaces = {ns: p for p, ns in PREFIXES.items()}
        for iri in set(self._iris()):
            prefix, local = _split(iri, namespaces)
            if prefix is not None:
                used[prefix] = used.get(prefix, True) and bool(_SAFE_LOCAL.match(local))
        return {p: ns for p, ns in PREFIXES.items() if p in used and (used[p] or not readable)}

    def _turtle(self) -> bytes:
        prefixes = self._prefixes(True)
        body = ox.serialize(self.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        lines = body.split(b"\n")
        start = 0
        while start < len(lines) and lines[start].startswith(b"@prefix "):
            start += 1  # pyoxigraph's prefix order is its own: write ours, in PREFIXES order
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode("utf-8")
        return header + (b"\n" if header else b"") + b"\n".join(lines[start:])


def _split(iri: str, namespaces: dict[str, str]) -> tuple[str | None, str]:
    """The prefix of the longest claimgraph namespace ``iri`` starts with, and the rest."""
    end = len(iri)
    while True:
        cut = max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))
        if cut < 0:
            return None, iri
        prefix = namespaces.get(iri[:cut + 1])
        if prefix is not None:
            return prefix, iri[cut + 1:]
        end = cut


class _Compactor:
    def __init__(self) -> None:
        self.namespaces = {ns: p for p, ns in PREFIXES.items()}
        self.memo: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        found = self.memo.get(iri)
        if found is None:
            prefix, local = _split(iri, self.namespaces)
            found = f"{prefix}:{local}" if prefix is not None and local and not local.startswith("//") else iri
            self.memo[iri] = found
        return found


def _jsonld_chunks(triples: list) -> Iterator[bytes]:
    """JSON-LD, one node object per subject (the triples are sorted, so each subject's
    statements are contiguous), nodes sorted by their compacted @id. Values are written as JSON
    text straight away, as ``json.dumps(value, sort_keys=True, ensure_ascii=False)`` writes
    them (see _jsonld_literal); the text of a repeated IRI or blank node is made once."""
    compact = _Compactor()
    keys: dict = {}    # predicate -> compacted key
    texts: dict = {}   # IRI or blank node object -> its JSON text
    nodes: list[tuple[str, str]] = []
    subject = None
    types: list[str] = []
    props: dict[str, list[str]] = {}
    for t in triples:
        s = t.subject
        if s != subject:
            if subject is not None:
                nodes.append(_jsonld_node(subject, types, props, compact))
            subject, types, props = s, [], {}
        p = t.predicate
        o = t.object
        kind = type(o)
        if kind is ox.Literal:
            text = _jsonld_literal(o, compact)
        elif kind is ox.NamedNode and p == _RDF_TYPE:
            types.append(compact(o.value))
            continue
        else:
            text = texts.get(o)
            if text is None:
                text = texts[o] = '{"@id": ' + _encode_string(_node_id(o, compact)) + "}"
        key = keys.get(p)
        if key is None:
            key = keys[p] = compact(p.value)
        found = props.get(key)
        if found is None:
            props[key] = [text]
        else:
            found.append(text)
    if subject is not None:
        nodes.append(_jsonld_node(subject, types, props, compact))
    nodes.sort()
    context = json.dumps(jsonld_context()["@context"], indent=1, sort_keys=True, ensure_ascii=False)
    yield ('{\n "@context": ' + context.replace("\n", "\n ") + ',\n "@graph": [\n').encode("utf-8")
    for k, (_id, text) in enumerate(nodes):
        yield ((",\n" if k else "") + text).encode("utf-8")
    yield b"\n ]\n}\n"


def _jsonld_node(subject, types: list[str], props: dict[str, list[str]], compact: _Compactor) -> tuple[str, str]:
    """(@id, the node object's text): a property per line, keys sorted, several values sorted
    by their JSON text, as ``json.dumps`` writes a list."""
    node_id = _node_id(subject, compact)
    lines = {"@id": _encode_string(node_id)}
    if types:
        lines["@type"] = _encode_string(types[0]) if len(types) == 1 else \
            "[" + ", ".join(_encode_string(t) for t in sorted(types)) + "]"
    for key, values in props.items():
        lines[key] = values[0] if len(values) == 1 else "[" + ", ".join(sorted(values)) + "]"
    body = ",\n".join(f"   {_encode_string(key)}: {lines[key]}" for key in sorted(lines))
    return node_id, "  {\n" + body + "\n  }"


def _node_id(node, compact: _Compactor) -> str:
    """An IRI's or blank node's @id: compacted, or ``_:label``."""
    return compact(node.value) if type(node) is ox.NamedNode else f"_:{node.value}"


def _jsonld_literal(o, compact: _Compactor) -> str:
    """A literal's JSON text: a plain string, or a value object with its language or type."""
    value = _encode_string(o.value)
    if o.language:
        return '{"@language": ' + _encode_string(o.language) + ', "@value": ' + value + "}"
    datatype = o.datatype.value
    if datatype == _XSD_STRING:
        return value
    return '{"@type": ' + _encode_string(compact(datatype)) + ', "@value": ' + value + "}"


_encode_string = json.encoder.encode_basestring  # what json itself uses for a str

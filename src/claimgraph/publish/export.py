"""Deterministic serialisation: the same graph always gives byte-identical files (fixed
prefixes, sorted statements, canonical blank-node labels), so releases diff cleanly."""

from __future__ import annotations

import json
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


def jsonld_context() -> dict:
    """The JSON-LD context shipped with every JSON-LD export: claimgraph's prefixes."""
    return {"@context": dict(PREFIXES)}


def _canonical(graph: Graph) -> Graph:
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        graph = to_canonical_graph(graph)
    bind_prefixes(graph)
    return graph


def _sorted_oxigraph_triples(graph: Graph) -> list:
    triples = [triple_to_oxigraph(t) for t in graph]
    triples.sort(key=str)
    return triples


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialise a graph (or a Dataset, for TriG) in one of FORMATS, deterministically."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "trig":
        return _serialize_trig(graph)
    graph = _canonical(graph)
    if fmt == "nt":
        data = ox.serialize(_sorted_oxigraph_triples(graph), format=ox.RdfFormat.N_TRIPLES)
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if fmt == "xml":
        return ox.serialize(_sorted_oxigraph_triples(graph), format=ox.RdfFormat.RDF_XML,
                            prefixes=_used_prefixes(graph))
    if fmt == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    return _serialize_jsonld(graph)


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

"""Descriptions (the RDF twin of a page), every resource with a page, and their serialisation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ...model.terms import BASE
from .base import Queryable, select, with_prefixes


#: A resource's description: its own statements and those of its parts (IRIs below it: an
#: entry's claim, counterarguments, citations, ...) with the blank nodes they use (two levels
#: deep), and the statements that point at any of them (class membership aside). The filters
#: scan every statement: fine for an evidence database, and the server caches the answer.
_SELF_OR_PART = """FILTER(?s = ?iri || STRSTARTS(STR(?s), CONCAT(STR(?iri), "/"))
         || STRSTARTS(STR(?s), CONCAT(STR(?iri), "#")))"""
Q_DESCRIBE_OUT = f"""
CONSTRUCT {{ ?s ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 }} WHERE {{
  ?s ?p ?o .
  {_SELF_OR_PART}
  OPTIONAL {{ ?o ?p2 ?o2 FILTER(isBlank(?o)) OPTIONAL {{ ?o2 ?p3 ?o3 FILTER(isBlank(?o2)) }} }}
}}"""
Q_DESCRIBE_IN = f"""
CONSTRUCT {{ ?x ?px ?s }} WHERE {{
  ?x ?px ?s .
  {_SELF_OR_PART}
  FILTER(?px != rdf:type)
}}"""
Q_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def describe(store: Queryable, iri: str, shapes: Queryable | None = None):
    """The RDF graph describing a resource (an rdflib Graph), served as its Turtle/JSON-LD twin;
    the shapes IRI is described by the whole shapes graph."""
    if iri == BASE + "shapes":
        if shapes is None:
            return None
        return shapes.query(Q_ALL).graph
    graph = store.query(with_prefixes(Q_DESCRIBE_OUT), {"iri": URIRef(iri)}).graph
    incoming = store.query(with_prefixes(Q_DESCRIBE_IN), {"iri": URIRef(iri)}).graph
    if graph is not None and incoming is not None:
        for triple in incoming:
            graph.add(triple)
    return graph


#: Every IRI of ours that names a thing or a concept (the pages a static site needs).
Q_RESOURCES = """
SELECT DISTINCT ?r WHERE {
  { ?r ?p ?o } UNION { ?s ?p ?r }
  FILTER(isIRI(?r) && (STRSTARTS(STR(?r), "https://w3id.org/claimgraph/id/")
                       || STRSTARTS(STR(?r), "https://w3id.org/claimgraph/vocab/")))
} ORDER BY ?r"""


def all_resources(store: Queryable) -> list[str]:
    """IRIs of every resource with a page (fragment IRIs live on their document's page)."""
    return [str(r["r"]) for r in select(store, Q_RESOURCES) if "#" not in str(r["r"])]


def _owners(iri: str) -> Iterator[str]:
    """``iri`` and every IRI it is a part of (``.../entry/x/claim`` -> ``.../entry/x``)."""
    yield iri
    for i in range(len(iri) - 1, 0, -1):
        if iri[i] in "/#":
            yield iri[:i]


def describe_all(store: Queryable, iris: Iterable[str]) -> dict[str, Graph]:
    """``describe`` for many resources in one pass over the store (the static site needs every
    description; one query per resource would scan the store once per page)."""
    wanted = set(iris)
    everything = store.query(Q_ALL).graph or Graph()
    out: dict[str, Graph] = {iri: Graph() for iri in wanted}

    def closure(node: Node, depth: int) -> Iterator[tuple]:
        if depth and isinstance(node, BNode):
            for t in everything.triples((node, None, None)):
                yield t
                yield from closure(t[2], depth - 1)

    for s, p, o in everything:
        if isinstance(s, URIRef):
            owners = [w for w in _owners(str(s)) if w in wanted]
            for owner in owners:
                out[owner].add((s, p, o))
                for t in closure(o, 2):
                    out[owner].add(t)
        if isinstance(o, URIRef) and p != RDF.type:
            for owner in (w for w in _owners(str(o)) if w in wanted):
                out[owner].add((s, p, o))
    return out


_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt11", "jsonld": "json-ld", "xml": "xml"}


def rdf_bytes(graph: Graph, fmt: str) -> bytes:
    """A description serialised (turtle, nt, jsonld, xml) with claimgraph's deterministic exporter.
    Graphs with blank nodes (the shapes, some CONSTRUCT results) are written by rdflib directly:
    the exporter's canonicalisation fails on them (publish.export._canonical binds prefixes on
    rdflib's read-only canonical graph), and canonicalising is slow anyway."""
    from ...publish.export import serialize
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return serialize(graph, fmt)
    from ...model.terms import bind_prefixes
    out = Graph()
    bind_prefixes(out)
    for triple in graph:
        out.add(triple)
    return out.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")

"""Conversion between pyoxigraph and rdflib terms (one place, shared by loading and the stores).

Building rdflib terms is the costly part of loading a large graph (``Literal`` parses its lexical
form, ``URIRef`` checks its IRI), so bulk conversion goes through :class:`RdflibConverter`, which
builds each distinct IRI and literal once and reuses the object.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None  # type: ignore[return-value]
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def triple_to_oxigraph(triple) -> ox.Triple:
    s, p, o = triple
    return ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))


class RdflibConverter:
    """pyoxigraph terms -> rdflib terms, memoised: the same IRI or literal becomes one object.

    The result equals :func:`to_rdflib` term by term; only the work of building repeated terms
    (predicates, classes, shared resources, dates) is saved."""

    def __init__(self) -> None:
        self._terms: dict = {}

    def term(self, term) -> Node:
        kind = type(term)
        if kind is ox.NamedNode:
            value = term.value
            node = self._terms.get(value)
            if node is None:
                node = self._terms[value] = URIRef(value)
            return node
        if kind is ox.Literal:
            key = (term.value, term.datatype.value, term.language)
            node = self._terms.get(key)
            if node is None:
                node = self._terms[key] = to_rdflib(term)
            return node
        return to_rdflib(term)

    def triple(self, triple) -> tuple[Node, Node, Node]:
        term = self.term
        return term(triple.subject), term(triple.predicate), term(triple.object)


def add_to_graph(graph: Graph, triples: Iterable, converter: RdflibConverter | None = None) -> Graph:
    """Add pyoxigraph triples (or quads, graph names ignored) to an rdflib graph, converting
    each term once. Goes to the store directly: the terms are known to be valid nodes, so
    Graph.add's per-triple checks would only cost time."""
    convert = (converter or RdflibConverter()).triple
    store_add = graph.store.add
    for triple in triples:
        store_add(convert(triple), graph, False)
    return graph

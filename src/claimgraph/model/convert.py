"""Conversion between pyoxigraph and rdflib terms (one place, shared by loading and the stores).

Building rdflib terms is the costly part of loading a large graph (``Literal`` parses its lexical
form, ``URIRef`` checks its IRI), so bulk conversion goes through :class:`RdflibConverter`, which
builds each distinct IRI and literal once and reuses the object.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from .indexed import IndexedGraph

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


_new_str = str.__new__


def _iri(value: str) -> URIRef:
    """``URIRef(value)`` for an IRI Oxigraph has already parsed: URIRef's own check of the IRI
    can only log a warning, so the object is built directly (same type, same value)."""
    return _new_str(URIRef, value)


def _plain_literal(value: str) -> Literal:
    """``Literal(value)`` for a plain xsd:string: the same four fields Literal's constructor sets
    for one (no language, no datatype, the string as its value, not ill-typed), without its
    parsing of the lexical form. Compared field by field with ``Literal(value)`` in
    tests/model/test_convert.py; half the cost of converting a large query result."""
    node = _new_str(Literal, value)
    node._language = None
    node._datatype = None
    node._value = value
    node._ill_typed = None
    return node


def to_rdflib(term) -> Node:
    """The rdflib term equal to a pyoxigraph term (None for the default graph). IRIs and plain
    strings, most of what a query returns, take the fast constructors above; every other
    literal goes through rdflib's constructor, which parses its value."""
    kind = type(term)
    if kind is ox.NamedNode:
        return _iri(term.value)
    if kind is ox.Literal:
        language = term.language
        if language:
            return Literal(term.value, lang=language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return _plain_literal(term.value)
        return Literal(term.value, datatype=_iri(datatype))
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.DefaultGraph:
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
    (predicates, classes, shared resources, dates) is saved. pyoxigraph terms are their own keys
    (hashed in Rust, without building Python strings)."""

    def __init__(self) -> None:
        self._terms: dict = {}

    def term(self, term) -> Node:
        node = self._terms.get(term)
        if node is None:
            node = self._terms[term] = to_rdflib(term)
        return node

    def triple(self, triple) -> tuple[Node, Node, Node]:
        terms = self._terms
        s, p, o = triple.subject, triple.predicate, triple.object
        a = terms.get(s)
        if a is None:
            a = terms[s] = to_rdflib(s)
        b = terms.get(p)
        if b is None:
            b = terms[p] = to_rdflib(p)
        c = terms.get(o)
        if c is None:
            c = terms[o] = to_rdflib(o)
        return a, b, c


def add_to_graph(graph: Graph, triples: Iterable, converter: RdflibConverter | None = None) -> Graph:
    """Add pyoxigraph triples (or quads, graph names ignored) to an rdflib graph, converting
    each term once. The terms are known to be valid nodes, so Graph.add's per-triple checks are
    skipped; a graph on rdflib's memory store is filled in bulk (see :func:`_fill_memory`)."""
    convert = (converter or RdflibConverter()).triple
    converted = map(convert, triples)
    if isinstance(graph.store, Memory) and type(graph) in (Graph, IndexedGraph):
        return _fill_memory(graph, converted)
    store_add = graph.store.add
    for triple in converted:
        store_add(triple, graph, False)
    return graph


def _fill_memory(graph: Graph, triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """``graph.store.add(t, graph)`` for each triple, with the store's per-triple bookkeeping
    done once: about 2x faster on a million statements, which is what a validation worker spends
    most of its time on before pyshacl starts.

    The first triple goes through ``Memory.add``; it records the graph as the triples' context
    (the store's default context information). Every later triple of the same graph has that
    same context information, so ``Memory.add`` would only fill the three indices and the two
    sets of triples per context, which is what the loop does. If the store's statements are not
    all in this one graph (the context information differs from statement to statement), the
    rest goes through ``Memory.add``. The state this leaves is compared with ``Memory.add``'s,
    field by field, in tests/model/test_convert.py."""
    store = graph.store
    add = store.add
    triples = iter(triples)
    first = next(triples, None)
    if first is None:
        return graph
    add(first, graph, False)
    key = store._Memory__ctx_to_str(graph)  # type: ignore[attr-defined]
    contexts = store._Memory__contextTriples  # type: ignore[attr-defined]
    if (store._Memory__defaultContexts != {key: False, None: False}  # type: ignore[attr-defined]
            or store._Memory__tripleContexts):  # type: ignore[attr-defined]
        for triple in triples:
            add(triple, graph, False)
        return graph
    spo = store._Memory__spo  # type: ignore[attr-defined]
    pos = store._Memory__pos  # type: ignore[attr-defined]
    osp = store._Memory__osp  # type: ignore[attr-defined]
    in_default, in_graph = contexts[None], contexts[key]
    for triple in triples:
        s, p, o = triple
        objects = spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            continue
        objects[o] = 1
        pos.setdefault(p, {}).setdefault(o, {})[s] = 1
        osp.setdefault(o, {}).setdefault(s, {})[p] = 1
        in_default.add(triple)
        in_graph.add(triple)
    return graph

"""model.indexed: IndexedGraph answers every triple pattern as Graph.triples does on the same
statements, in the same order, also after statements are removed; and the bulk fill and the
validation jobs use it."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.paths import MulPath, OneOrMore

from claimgraph.model.convert import add_to_graph
from claimgraph.model.indexed import IndexedGraph
from claimgraph.validate import jobs

EX = "http://example.org/"
a, b, c, p, q, r = (URIRef(EX + n) for n in ("a", "b", "c", "p", "q", "r"))
blank = BNode("n1")
STATEMENTS = [
    (a, p, b), (a, p, c), (a, p, Literal("text")), (a, q, b), (a, RDF.type, c),
    (b, p, a), (b, q, Literal("1", datatype=XSD.integer)), (c, p, b), (c, r, blank),
    (blank, p, a), (blank, q, Literal("texte", lang="fr")), (a, r, blank),
]
ABSENT = URIRef(EX + "absent")


def both(statements=STATEMENTS) -> tuple[IndexedGraph, Graph]:
    indexed, plain = IndexedGraph(), Graph()
    for triple in statements:
        indexed.add(triple)
        plain.add(triple)
    return indexed, plain


def patterns():
    subjects = [None, a, b, c, blank, ABSENT]
    predicates = [None, p, q, r, RDF.type, ABSENT]
    objects = [None, a, b, blank, Literal("text"), Literal("1", datatype=XSD.integer), ABSENT]
    return itertools.product(subjects, predicates, objects)


def test_every_pattern_gives_the_same_statements_in_the_same_order():
    indexed, plain = both()
    checked = 0
    for pattern in patterns():
        assert list(indexed.triples(pattern)) == list(plain.triples(pattern)), pattern
        checked += 1
    assert checked == 6 * 6 * 7
    assert list(indexed.triples((a, None, None)))  # not vacuously equal: there are answers


def test_the_same_after_removing_statements():
    indexed, plain = both()
    for graph in (indexed, plain):
        graph.remove((a, p, None))
        graph.remove((None, None, blank))
    assert (a, p, b) not in indexed and (a, q, b) in indexed
    for pattern in patterns():
        assert list(indexed.triples(pattern)) == list(plain.triples(pattern)), pattern


def test_paths_and_the_graph_helpers_agree():
    indexed, plain = both()
    path = MulPath(p, OneOrMore)
    assert sorted(indexed.triples((a, path, None))) == sorted(plain.triples((a, path, None)))
    assert list(indexed.objects(a, p)) == list(plain.objects(a, p))
    assert list(indexed.subjects(p, a)) == list(plain.subjects(p, a))
    assert list(indexed.predicate_objects(c)) == list(plain.predicate_objects(c))
    assert indexed.value(b, q) == plain.value(b, q)
    assert ((a, RDF.type, c) in indexed) and ((a, RDF.type, b) not in indexed)
    assert len(indexed) == len(plain) == len(STATEMENTS)


def test_each_indexed_graph_has_a_store_of_its_own():
    first, second = IndexedGraph(), IndexedGraph()
    first.add((a, p, b))
    assert first.store is not second.store and len(second) == 0


def test_bulk_fill_and_validation_jobs_use_it():
    data = b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
    filled = add_to_graph(IndexedGraph(), ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    assert list(filled.triples((None, p, None))) == [(a, p, b)]
    graph = jobs._graph(data)
    assert type(graph) is IndexedGraph and (a, p, b) in graph

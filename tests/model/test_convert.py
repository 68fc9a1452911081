"""model.convert: pyoxigraph -> rdflib conversion, and the bulk fill of rdflib's memory store,
which must leave the store exactly as Graph.add would."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import Memory

from claimgraph.model.convert import RdflibConverter, add_to_graph, to_rdflib

DATA = b"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p ex:b , "text" , "texte"@fr , "1"^^xsd:integer , "01"^^xsd:integer , "2020-01-01"^^xsd:date ;
     ex:q [ ex:r ex:a ; ex:s "x" ] .
ex:b ex:p ex:a .
ex:c ex:p "text" .
"""

STATE = ("spo", "pos", "osp", "tripleContexts", "contextTriples", "defaultContexts", "all_contexts")


def quads() -> list:
    parsed = list(ox.parse(DATA, format=ox.RdfFormat.TURTLE))
    return parsed + parsed[:3]  # duplicates are stored once


def state(store: Memory) -> dict:
    found = {name: getattr(store, "_Memory__" + name) for name in STATE}
    found["all_contexts"] = {g.identifier for g in found["all_contexts"]}
    return found


def distinct(source: list) -> int:
    """Distinct statements as rdflib sees them ("01"^^xsd:integer is normalised to "1")."""
    return len({(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in source})


def by_graph_add(source: list) -> Graph:
    graph = Graph(identifier=URIRef("urn:g"))
    for q in source:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


def test_bulk_fill_leaves_the_memory_store_as_graph_add_does():
    source = quads()
    filled, added = add_to_graph(Graph(identifier=URIRef("urn:g")), source), by_graph_add(source)
    assert state(filled.store) == state(added.store)
    assert len(filled) == len(added) == distinct(source) == 10
    for pattern in [(None, None, None), (URIRef("http://example.org/a"), None, None),
                    (None, URIRef("http://example.org/p"), None), (None, None, Literal("text"))]:
        assert sorted(filled.triples(pattern)) == sorted(added.triples(pattern))


def test_bulk_fill_onto_a_graph_that_already_has_statements():
    source = quads()
    filled = by_graph_add(source[:4])
    add_to_graph(filled, source[4:])
    assert state(filled.store) == state(by_graph_add(source).store)


def test_a_store_shared_with_other_graphs_is_filled_one_statement_at_a_time():
    dataset = Dataset()
    other = dataset.graph(URIRef("urn:other"))
    other.add((URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:z")))
    target = Graph(store=dataset.store, identifier=URIRef("urn:target"))
    source = quads()
    add_to_graph(target, source)
    assert len(target) == distinct(source) == 10
    assert len(other) == 1
    assert {c.identifier for c in dataset.store.contexts((URIRef("urn:x"), URIRef("urn:y"), URIRef("urn:z")))} \
        == {URIRef("urn:other")}
    assert {c.identifier for c in dataset.store.contexts(next(iter(target)))} == {URIRef("urn:target")}


def test_converter_reuses_one_object_per_term_and_equals_to_rdflib():
    converter = RdflibConverter()
    source = quads()
    terms = [t for q in source for t in (q.subject, q.predicate, q.object)]
    converted = [converter.term(t) for t in terms]
    assert converted == [to_rdflib(t) for t in terms]
    iri = ox.NamedNode("http://example.org/a")
    assert converter.term(iri) is converter.term(ox.NamedNode("http://example.org/a"))
    # equal lexical forms with other datatypes or languages stay different terms
    assert converter.term(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer)))) != converter.term(ox.Literal("1"))
    assert converter.term(ox.Literal("text", language="fr")) == Literal("text", lang="fr")
    assert isinstance(converter.term(ox.BlankNode("b1")), BNode)


def fields(node) -> tuple:
    """Everything an rdflib term carries: its type, its string, and a Literal's four fields."""
    own = tuple(getattr(node, "_" + name) for name in ("language", "datatype", "value", "ill_typed")) \
        if isinstance(node, Literal) else ()
    return (type(node), str(node), *own)


PLAIN = ["text", "", " spaced  out ", "line\nbreak\ttab", "quote \" and \\ backslash", "ünïcödé ✓ 🙂",
         "1", "true", "2020-01-01"]
IRIS = ["http://example.org/a", "https://w3id.org/claimgraph/id/entry/x/counterargument/1",
        "urn:isbn:0451450523", "http://example.org/ünïcödé#frag", "http://example.org/?q=a&b=c"]


def test_iris_and_plain_strings_built_directly_equal_rdflibs_own_constructors():
    for value in PLAIN:
        term = ox.Literal(value)
        assert fields(to_rdflib(term)) == fields(Literal(value))
        assert to_rdflib(term) == Literal(value) and hash(to_rdflib(term)) == hash(Literal(value))
        assert to_rdflib(term).n3() == Literal(value).n3()
    for value in IRIS:
        assert fields(to_rdflib(ox.NamedNode(value))) == fields(URIRef(value))
        assert hash(to_rdflib(ox.NamedNode(value))) == hash(URIRef(value))


def test_language_and_datatyped_literals_keep_rdflibs_parsing():
    cases = [(ox.Literal("texte", language="fr"), Literal("texte", lang="fr")),
             (ox.Literal("01", datatype=ox.NamedNode(str(XSD.integer))), Literal("01", datatype=XSD.integer)),
             (ox.Literal("x", datatype=ox.NamedNode(str(XSD.integer))), Literal("x", datatype=XSD.integer)),
             (ox.Literal("2020-01-01", datatype=ox.NamedNode(str(XSD.date))), Literal("2020-01-01", datatype=XSD.date)),
             (ox.Literal("a", datatype=ox.NamedNode("http://example.org/dt")),
              Literal("a", datatype=URIRef("http://example.org/dt")))]
    for term, expected in cases:
        assert fields(to_rdflib(term)) == fields(expected)
    assert to_rdflib(cases[1][0]).value == 1 and to_rdflib(cases[2][0]).ill_typed is True

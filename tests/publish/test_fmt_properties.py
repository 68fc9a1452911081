"""Property-based: the canonical writer says exactly what the graph says (random IRIs, literals
with quotes, newlines and control characters, blank nodes, lists well- and ill-formed), and
formatting its output again changes nothing."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.publish.fmt import canonical_triples, format_text, same_graph, write_turtle

ID = "https://w3id.org/claimgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
IRIS = [ID + "entry/x", ID + "entry/x/claim", ID + "entry/x/section/10", ID + "entry/x/section/2", ID + "a:b",
        ID + "../up", ID + "/abs", ID + "#frag", ID, ID + "person/p?q=1", "https://schema.org/name",
        "https://w3id.org/claimgraph/ontology#claim", "http://example.org/odd.", "http://example.org/a%20b",
        "urn:x:y", RDF + "type", RDF + "first", RDF + "rest", RDF + "nil", "https://w3id.org/claimgraph/vocab/mechanism/m"]
DATATYPES = [XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean", XSD + "date", "http://example.org/dt"]

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
iri = st.sampled_from(IRIS).map(ox.NamedNode)
bnode = st.sampled_from(["b0", "b1", "b2", "b3"]).map(ox.BlankNode)
literal = st.one_of(
    text.map(ox.Literal),
    st.tuples(text, st.sampled_from(["en", "de-CH"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.tuples(st.sampled_from(["01", "1", "-2.50", "1e3", "true", "TRUE", "x y", "2026-03-17", ""]),
              st.sampled_from(DATATYPES)).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
)
triple = st.tuples(st.one_of(iri, bnode), iri, st.one_of(iri, bnode, literal)).map(lambda t: ox.Triple(*t))


@settings(max_examples=400, deadline=None)
@given(triples=st.lists(triple, max_size=25), base=st.sampled_from([None, ID, "http://example.org/"]),
       header=st.lists(text.map(lambda s: "# " + s.replace("\n", " ").replace("\r", " ")), max_size=3))
def test_writer_preserves_any_graph_and_is_idempotent(triples, base, header):
    out = write_turtle(canonical_triples(triples), base=base, header=header)
    parsed = list(ox.parse(out.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert same_graph(triples, parsed)
    again, _ = format_text(out, parsed)
    assert again == out

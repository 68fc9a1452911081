"""serialize_result: every format parses back to the same answer with an independent reader."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from claimgraph.errors import QueryError
from claimgraph.query import RESULT_FORMATS, serialize_result
from claimgraph.query.compare import canonical
from claimgraph.stores.base import QueryResult
from claimgraph.stores.remote import parse_sparql_json

EX = "http://example.org/"
SELECT = QueryResult("select", variables=["s", "label", "n", "missing"], rows=[
    (URIRef(EX + "a"), Literal('say "hi",\nthen\tgo', lang="en"), Literal(3), None),
    (BNode("b1"), Literal("plain"), Literal("2024-05", datatype=XSD.gYearMonth), Literal(True)),
])
ASK = QueryResult("ask", boolean=True)
GRAPH = Graph()
GRAPH.add((URIRef(EX + "a"), URIRef(EX + "p"), Literal("x")))
GRAPH.add((URIRef(EX + "a"), URIRef(EX + "q"), Literal(2)))
CONSTRUCTED = QueryResult("graph", graph=GRAPH)


def test_media_types():
    assert serialize_result(SELECT, "srj")[1] == "application/sparql-results+json"
    assert serialize_result(SELECT, "srx")[1] == "application/sparql-results+xml"
    assert serialize_result(CONSTRUCTED, "turtle")[1] == "text/turtle"
    assert set(RESULT_FORMATS) == {"table", "csv", "tsv", "json", "srj", "srx", "turtle", "nt", "jsonld"}


def test_srj_round_trips_every_term_kind():
    payload, _ = serialize_result(SELECT, "srj")
    assert canonical(parse_sparql_json(payload)) == canonical(SELECT)
    doc = json.loads(payload)
    assert doc["results"]["bindings"][0]["label"] == {"type": "literal", "value": 'say "hi",\nthen\tgo', "xml:lang": "en"}
    assert "missing" not in doc["results"]["bindings"][0]
    assert parse_sparql_json(serialize_result(ASK, "srj")[0]).boolean is True


def test_srx_parses_with_rdflibs_reader():
    payload, _ = serialize_result(SELECT, "srx")
    parsed = Result.parse(io.BytesIO(payload), format="xml")
    assert [str(v) for v in parsed.vars] == SELECT.variables
    back = QueryResult("select", variables=SELECT.variables, rows=[tuple(r) for r in parsed])
    assert canonical(back) == canonical(SELECT)
    assert Result.parse(io.BytesIO(serialize_result(ASK, "srx")[0]), format="xml").askAnswer is True


def test_csv_and_tsv():
    rows = list(csv.reader(io.StringIO(serialize_result(SELECT, "csv")[0].decode())))
    assert rows == [["s", "label", "n", "missing"], [EX + "a", 'say "hi",\nthen\tgo', "3", ""],
                    ["_:b1", "plain", "2024-05", "true"]]
    lines = serialize_result(SELECT, "tsv")[0].decode().splitlines()
    assert lines[0] == "?s\t?label\t?n\t?missing"
    assert lines[1] == f'<{EX}a>\t"say \\"hi\\",\\nthen\\tgo"@en\t"3"^^<{XSD}integer>\t'


def test_plain_json_and_table():
    doc = json.loads(serialize_result(SELECT, "json")[0])
    assert doc == [{"s": EX + "a", "label": 'say "hi",\nthen\tgo', "n": 3},
                   {"s": "_:b1", "label": "plain", "n": "2024-05", "missing": True}]
    table = serialize_result(SELECT, "table")[0].decode().splitlines()
    assert table[0].split() == ["s", "label", "n", "missing"] and table[-1] == "(2 rows)"
    assert serialize_result(ASK, "table")[0] == b"true\n"


@pytest.mark.parametrize("fmt, oxfmt", [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                        ("jsonld", ox.RdfFormat.JSON_LD)])
def test_graph_formats(fmt, oxfmt):
    payload, _ = serialize_result(CONSTRUCTED, fmt)
    assert len(list(ox.parse(payload, format=oxfmt))) == 2
    assert serialize_result(CONSTRUCTED, fmt)[0] == payload  # deterministic


def test_wrong_format_for_the_query_form():
    with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE"):
        serialize_result(SELECT, "turtle")
    with pytest.raises(QueryError, match="SELECT and ASK"):
        serialize_result(CONSTRUCTED, "srj")
    with pytest.raises(QueryError, match="unknown result format"):
        serialize_result(SELECT, "yaml")
    assert len(list(csv.reader(io.StringIO(serialize_result(CONSTRUCTED, "csv")[0].decode())))) == 3

"""The pyoxigraph writers used above RDFLIB_LIMIT statements: deterministic, readable, and the
same graph as their input (re-parsed with pyoxigraph)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from claimgraph.model.convert import add_to_graph
from claimgraph.model.load import parse_files, project_paths
from claimgraph.model.project import find_project
from claimgraph.publish.export import SortedTriples, serialize

FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
           "xml": ox.RdfFormat.RDF_XML}
TRICKY = b"""
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/claimgraph/id/entry/x> a cg:Entry ;
    schema:text "quote \\" backslash \\\\ newline \\n tab \\t" , "deutsch"@de , "12"^^xsd:integer ;
    cg:other <http://example.org/no/prefix> , <https://w3id.org/claimgraph/id/entry/x/claim> ;
    cg:thing [ schema:name "blank" ; cg:next [ schema:name "nested" ] ] ;
    cg:odd <https://w3id.org/claimgraph/id/source///double-slash> .
<https://w3id.org/claimgraph/id/source/ok-1.2> a schema:Report ; schema:name "ok" .
"""


def triples_of(data: bytes) -> list:
    return [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]


def as_graph(payload: bytes, fmt: str) -> Graph:
    return add_to_graph(Graph(), ox.parse(payload, format=FORMATS[fmt]))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_tricky_statements_survive_every_format(fmt):
    source = triples_of(TRICKY)
    payload = SortedTriples(source).serialize(fmt)
    assert payload == SortedTriples(reversed(source)).serialize(fmt)  # order of input does not matter
    assert isomorphic(as_graph(payload, fmt), add_to_graph(Graph(), source))


def test_project_dumps_are_the_project_graph(root):
    parsed = parse_files(project_paths(find_project(root)))
    statements = {t for p in parsed for t in p.triples}
    dumps = SortedTriples(t for p in parsed for t in p.triples)
    for fmt in FORMATS:
        assert {q.triple for q in ox.parse(dumps.serialize(fmt), format=FORMATS[fmt])} == statements, fmt


def test_turtle_stays_readable():
    text = SortedTriples(triples_of(TRICKY)).serialize("turtle").decode()
    assert "\\/" not in text
    assert "@prefix entry:" not in text  # entry IRIs have slashes in their local part: written in full
    assert "@prefix source:" not in text  # one source IRI needs escapes
    assert "@prefix cg: <https://w3id.org/claimgraph/ontology#> ." in text and "a cg:Entry" in text
    header = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert header == ["cg:", "schema:", "rdf:", "xsd:"]  # claimgraph's order, only those in use


def test_jsonld_is_compacted_with_the_shipped_context(root):
    doc = json.loads(SortedTriples(triples_of(TRICKY)).serialize("jsonld"))
    assert doc["@context"]["cg"] == "https://w3id.org/claimgraph/ontology#"
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids)
    entry = next(n for n in doc["@graph"] if n["@id"] == "entry:x")
    assert entry["@type"] == "cg:Entry"
    assert {"@id": "http://example.org/no/prefix"} in entry["cg:other"]
    assert entry["cg:odd"] == {"@id": "https://w3id.org/claimgraph/id/source///double-slash"}


def test_nt_lines_are_sorted_and_unique():
    source = triples_of(TRICKY)
    lines = SortedTriples(source + source).serialize("nt").decode().splitlines()
    assert lines == sorted(set(lines)) and len(lines) == len(set(source))


def test_serialize_switches_writer_above_the_limit(monkeypatch):
    from claimgraph.publish import export
    graph = add_to_graph(Graph(), triples_of(TRICKY))
    small = serialize(graph, "turtle")
    monkeypatch.setattr(export, "RDFLIB_LIMIT", 3)
    large = serialize(graph, "turtle")
    assert small != large and "\\/" not in large.decode()
    assert isomorphic(as_graph(small, "turtle"), as_graph(large, "turtle"))


def test_jsonld_writes_each_value_as_json_dumps_would():
    """One property per line; each value (a string, a value object or a list of them, lists
    sorted by their JSON text) is exactly ``json.dumps(value, sort_keys=True,
    ensure_ascii=False)``, the form the dumps have always had."""
    text = SortedTriples(triples_of(TRICKY)).serialize("jsonld").decode("utf-8")
    lines = [line for line in text.splitlines() if line.startswith('   "')]
    assert len(lines) > 10
    for line in lines:
        key, _, value = line.strip().rstrip(",").partition(": ")
        parsed = json.loads(value)
        assert value == json.dumps(parsed, sort_keys=True, ensure_ascii=False), line
        if isinstance(parsed, list):
            assert [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in parsed] == \
                sorted(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in parsed)
    kinds = {type(json.loads(line.strip().rstrip(",").partition(": ")[2])).__name__ for line in lines}
    assert kinds == {"str", "dict", "list"}  # plain strings, value objects and lists all written
    assert '"@language": "de"' in text and '"@type": "xsd:integer"' in text

"""/sparql against a real server: SPARQL 1.1 Protocol clients, every result format, refusals,
the per-query timeout and the result cap."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from serve_support import ENTRY

CG = "https://w3id.org/claimgraph/ontology#"
LABELS = f"""PREFIX cg: <{CG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entry ?label WHERE {{ ?entry a cg:Entry ; rdfs:label ?label }} ORDER BY ?entry"""
CONSTRUCT = f"""PREFIX cg: <{CG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ ?entry rdfs:label ?label }} WHERE {{ ?entry a cg:Entry ; rdfs:label ?label }}"""
TITLE = "AI Systems Pursue Unintended Sub-Goals Autonomously"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _wrapper(server, fmt, method="GET"):
    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


# ------------------------------------------------------------------------------ clients

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server, method):
    client = _wrapper(server, JSON, method)
    client.setQuery(LABELS)
    rows = client.queryAndConvert()["results"]["bindings"]
    labels = {r["entry"]["value"]: r["label"]["value"] for r in rows}
    assert labels[ENTRY] == TITLE
    assert len(labels) > 1


def test_sparqlwrapper_select_xml_csv_tsv(server):
    client = _wrapper(server, XML)
    client.setQuery(LABELS)
    doc = client.queryAndConvert()  # a DOM document
    uris = [n.firstChild.data for n in doc.getElementsByTagName("uri")]
    assert ENTRY in uris
    for fmt in (CSV, TSV):
        client = _wrapper(server, fmt)
        client.setQuery(LABELS)
        text = client.queryAndConvert().decode("utf-8")
        assert TITLE in text and ENTRY in text


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
def test_sparqlwrapper_construct(server, fmt):
    client = _wrapper(server, fmt)
    client.setQuery(CONSTRUCT)
    result = client.queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="json-ld" if fmt == JSONLD else "turtle")
    assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in graph


def test_sparqlwrapper_ask(server):
    client = _wrapper(server, JSON)
    client.setQuery(f"ASK {{ <{ENTRY}> a <{CG}Entry> }}")
    assert client.queryAndConvert()["boolean"] is True


def test_sparqlwrapper_reports_syntax_errors(server):
    client = _wrapper(server, JSON)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        client.queryAndConvert()


@pytest.mark.parametrize("return_format", ["xml", "json", "csv"])
def test_rdflib_sparqlstore(server, return_format):
    store = SPARQLStore(server.url + "/sparql", returnFormat=return_format)
    graph = Graph(store=store)
    rows = list(graph.query(LABELS))
    assert (URIRef(ENTRY), Literal(TITLE)) in [(r[0], r[1]) for r in rows]
    if return_format != "csv":  # SPARQL's CSV format has no boolean answer
        assert graph.query(f"ASK {{ <{ENTRY}> ?p ?o }}").askAnswer is True
    if return_format == "xml":  # CONSTRUCT comes back as RDF/XML
        constructed = graph.query(CONSTRUCT).graph
        assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in constructed


def test_rdflib_sparqlstore_post(server):
    store = SPARQLStore(server.url + "/sparql", method="POST_FORM")
    rows = list(Graph(store=store).query(LABELS))
    assert len(rows) > 1


# ------------------------------------------------------------------------------ negotiation

SELECT_TYPES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
    "*/*": "application/sparql-results+json",
}


@pytest.mark.parametrize("accept", list(SELECT_TYPES))
def test_select_accept_types(server, accept):
    response = server.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    media = response.headers["content-type"].split(";")[0]
    assert media == SELECT_TYPES[accept]
    assert "accept" in response.headers["vary"].lower()
    if media == "application/sparql-results+json":
        rows = json.loads(response.content)["results"]["bindings"]
        assert {"type": "uri", "value": ENTRY} in [r["entry"] for r in rows]
    elif media == "application/sparql-results+xml":
        root = ET.fromstring(response.content)
        assert ENTRY in [u.text for u in root.iter(SRX + "uri")]
    elif media == "text/csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert {"entry": ENTRY, "label": TITLE} in rows
    else:
        lines = response.text.splitlines()
        assert lines[0].split("\t") == ["?entry", "?label"]
        assert f"<{ENTRY}>\t\"{TITLE}\"" in lines


GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
               "application/rdf+xml": "xml"}


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_construct_accept_types(server, accept):
    response = server.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=GRAPH_TYPES[accept])
    assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in graph


def test_describe_as_turtle(server):
    response = server.get("/sparql", params={"query": f"DESCRIBE <{ENTRY}>"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="turtle")
    assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in graph


def test_format_parameter_overrides_accept(server):
    response = server.get("/sparql", params={"query": LABELS, "format": "csv"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("text/csv")


def test_unacceptable_type_is_406(server):
    response = server.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_post_bodies(server):
    form = server.post("/sparql", data={"query": LABELS}, headers={"Accept": "text/csv"})
    direct = server.post("/sparql", content=LABELS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert form.status_code == direct.status_code == 200
    assert form.text == direct.text
    other = server.post("/sparql", content=b"<x/>", headers={"Content-Type": "application/xml"})
    assert other.status_code == 415


def test_browser_gets_a_results_page(server):
    response = server.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert TITLE in response.text and 'href="/id/entry/unintended-subgoals"' in response.text


def test_cors(server):
    response = httpx.options(server.url + "/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"}, timeout=30)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    response = server.get("/sparql", params={"query": LABELS}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"


# ------------------------------------------------------------------------------ refusals

@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DELETE WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(server, text):
    for response in (server.get("/sparql", params={"query": text}),
                     server.post("/sparql", data={"update": text}),
                     server.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-update"})):
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
    assert server.get("/sparql", params={"query": f"ASK {{ <{ENTRY}> ?p ?o }}"}, headers={"Accept": "application/json"}).json()["boolean"]


def test_load_is_named_in_the_refusal(server):
    response = server.get("/sparql", params={"query": "LOAD <http://example.org/data.ttl> INTO GRAPH <http://example.org/g>"})
    assert response.status_code == 403
    assert "LOAD" in response.text


def test_a_string_mentioning_load_is_a_query(server):
    response = server.get("/sparql", params={"query": 'SELECT ?x WHERE { BIND("LOAD <http://example.org/x>" AS ?x) }'},
                          headers={"Accept": "application/json"})
    assert response.status_code == 200


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { ?a ?b ?c optional { service   silent <https://query.wikidata.org/sparql> { ?a ?d ?e } } }",
    "SELECT * WHERE { BIND(<http://example.org/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
])
def test_service_is_refused(server, text):
    response = server.get("/sparql", params={"query": text})
    assert response.status_code == 403
    assert "SERVICE" in response.text


def test_dataset_parameters_are_refused(server):
    response = server.get("/sparql", params={"query": LABELS, "default-graph-uri": "http://example.org/g"})
    assert response.status_code == 400


def test_syntax_error_is_400_with_the_parser_message(server):
    response = server.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"}, headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert "syntax error" in response.text.lower()
    assert "line 2, column 3" in response.text
    assert "?s ?p" in response.text  # the offending line, quoted


def test_empty_request(server):
    assert server.post("/sparql", data={}).status_code == 400
    page = server.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<textarea" in page.text


# ------------------------------------------------------------------------------ limits

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_timeout_stops_the_query_and_the_server_keeps_answering(server):
    response = server.get("/sparql", params={"query": SLOW}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 503
    assert "stopped after 1 s" in response.text
    after = server.get("/sparql", params={"query": f"ASK {{ <{ENTRY}> ?p ?o }}"}, headers={"Accept": "application/json"})
    assert after.status_code == 200 and after.json()["boolean"] is True
    for _ in range(3):  # and again, whichever worker answers (the killed one is being replaced)
        again = server.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/csv"})
        assert again.status_code == 200 and TITLE in again.text


def test_result_cap(server):
    response = server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert response.status_code == 413
    assert "2000" in response.text
    limited = server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2000"}, headers={"Accept": "text/csv"})
    assert limited.status_code == 200

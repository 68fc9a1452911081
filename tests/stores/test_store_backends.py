"""The store interface: specs, entry points, the embedded stores, persistence."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from claimgraph import api
from claimgraph.errors import QueryError, RDFSyntaxError, StoreError
from claimgraph.model.terms import CG, DATA_GRAPH
from claimgraph.stores import available_stores, open_store, parse_spec
from claimgraph.stores.memory import MemoryStore
from claimgraph.stores.oxigraph import OxigraphStore
from claimgraph.stores.remote import RemoteStore

EX = "http://example.org/"


def small_graph() -> Graph:
    g = Graph()
    g.add((URIRef(EX + "a"), RDF.type, CG.Entry))
    g.add((URIRef(EX + "a"), CG.declaredSourceCount, Literal(3)))
    g.add((URIRef(EX + "b"), RDF.type, CG.Entry))
    g.add((URIRef(EX + "b"), CG.pagePath, Literal("/b")))
    return g


def test_entry_points_register_the_three_stores():
    assert {"memory", "oxigraph", "remote"} <= set(available_stores())


@pytest.mark.parametrize("spec, expected", [
    (None, ("oxigraph", None)),
    ("memory", ("memory", None)),
    ("oxigraph", ("oxigraph", None)),
    ("oxigraph:/tmp/x", ("oxigraph", "/tmp/x")),
    ("http://h:1/sparql", ("remote", "http://h:1/sparql")),
    ("remote:https://h/q", ("remote", "https://h/q")),
])
def test_parse_spec(spec, expected):
    assert parse_spec(spec) == expected


def test_open_store_resolves_entry_points(tmp_path):
    assert isinstance(open_store("memory"), MemoryStore)
    assert isinstance(open_store(), OxigraphStore)
    persistent = open_store(f"oxigraph:{tmp_path / 'db'}")
    assert isinstance(persistent, OxigraphStore) and persistent.path == tmp_path / "db"
    persistent.close()
    remote = open_store("http://127.0.0.1:9/query")
    assert isinstance(remote, RemoteStore)
    remote.close()


def test_unknown_store_is_a_store_error():
    with pytest.raises(StoreError, match="unknown store 'nosuch'"):
        open_store("nosuch")
    with pytest.raises(StoreError, match="takes no argument"):
        open_store("memory:/x")


def test_remote_spec_options_and_conventional_layouts():
    r = RemoteStore.from_spec("http://h:7878/query")
    assert (r.query_url, r.update_url, r.gsp_url, r.graph) == (
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store", str(DATA_GRAPH))
    v = RemoteStore.from_spec("http://h:8890/sparql")
    assert (v.update_url, v.gsp_url) == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    x = RemoteStore.from_spec("http://h/endpoint?key=1&gsp=http://h/g&update=http://h/u&graph=")
    assert (x.query_url, x.gsp_url, x.update_url, x.graph) == ("http://h/endpoint?key=1", "http://h/g", "http://h/u", None)
    assert RemoteStore.from_spec("http://h/e?graph=urn:g").graph == "urn:g"
    for r_ in (r, v, x):
        r_.close()
    with pytest.raises(StoreError):
        RemoteStore.from_spec("ftp://h/x")


def test_unreachable_endpoint_is_a_store_error(port):
    store = RemoteStore.from_spec(f"http://127.0.0.1:{port}/query")
    with pytest.raises(StoreError, match="cannot reach"):
        store.query("ASK { ?s ?p ?o }")
    store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_embedded_store_load_query_len(spec):
    store = open_store(spec)
    assert store.is_empty() and len(store) == 0
    store.load(small_graph())
    assert len(store) == 4 and not store.is_empty()
    result = store.query(f"SELECT ?e ?n WHERE {{ ?e a <{CG.Entry}> OPTIONAL {{ ?e <{CG.declaredSourceCount}> ?n }} }}")
    assert result.kind == "select" and result.variables == ["e", "n"]
    assert sorted(result.rows, key=str) == [(URIRef(EX + "a"), Literal(3)), (URIRef(EX + "b"), None)]
    assert result.rows[0][1] is None or result.rows[0][1].datatype == XSD.integer
    ask = store.query("ASK { ?s ?p 3 }")
    assert ask.kind == "ask" and ask.boolean is True
    built = store.query("CONSTRUCT { ?s <http://example.org/p> ?o } WHERE { ?s <%s> ?o }" % CG.pagePath)
    assert built.kind == "graph" and set(built.graph) == {(URIRef(EX + "b"), URIRef(EX + "p"), Literal("/b"))}
    store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_named_graph_is_part_of_the_default_graph(spec):
    """Embedded stores query the union of their graphs, as Virtuoso does."""
    store = open_store(spec)
    store.load(small_graph(), graph=str(DATA_GRAPH))
    assert len(store) == 4
    assert store.query(f"SELECT ?e WHERE {{ ?e a <{CG.Entry}> }}").rows
    store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_bindings_are_terms(spec):
    store = open_store(spec)
    store.load(small_graph())
    r = store.query(f"SELECT ?e WHERE {{ ?e <{CG.pagePath}> ?p }}", {"p": Literal("/b")})
    assert r.rows == [(URIRef(EX + "b"),)]
    r = store.query(f"SELECT ?e WHERE {{ ?e <{CG.pagePath}> ?p }}", {"p": Literal("/b\" } ?x ?y ?z { \"")})
    assert r.rows == []
    store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_syntax_error_names_line_and_column(spec):
    store = open_store(spec)
    with pytest.raises(QueryError) as info:
        store.query("SELECT ?s\nWHERE {\n  ?s ?p\n}")
    assert info.value.line == 4 if spec == "oxigraph" else info.value.line in (3, 4)
    assert info.value.column is not None
    assert "line" in str(info.value) and "column" in str(info.value)
    store.close()


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_load_files_reports_syntax_errors_with_position(spec, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    store = open_store(spec)
    with pytest.raises(RDFSyntaxError) as info:
        store.load_files([bad])
    assert info.value.path == str(bad) and info.value.line == 3
    store.close()


def test_persistent_oxigraph_directory_is_not_reloaded(tmp_path, root):
    spec = f"oxigraph:{tmp_path / 'db'}"
    first = api.open_store(spec, root=root)
    n = len(first)
    assert n > 1000
    first.close()
    again = api.open_store(spec, root=root)  # already holds data: used as it is
    assert len(again) == n
    assert again.query("ASK { ?e a <https://w3id.org/claimgraph/ontology#Entry> }").boolean
    again.close()


def test_api_open_store_loads_project_into_embedded_stores(root, project_graph):
    for spec in ("memory", "oxigraph"):
        store = api.open_store(spec, root=root)
        assert len(store) == len(project_graph)
        store.close()


def test_remote_store_refuses_local_data_paths():
    with pytest.raises(Exception, match="--data cannot be used with a remote store"):
        api.open_store("http://127.0.0.1:9/query", ["data"])

"""View models from SPARQL results (present.pages), their rendering, and links, without a server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SH, SKOS

from claimgraph import api
from claimgraph.model.load import load_shapes
from claimgraph.present import pages
from claimgraph.stores import open_store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BASE = "https://w3id.org/claimgraph/"
ENTRY = BASE + "id/entry/unintended-subgoals"
CG = BASE + "ontology#"


@pytest.fixture(scope="module")
def store():
    st = api.open_store("oxigraph", root=ROOT)
    yield st
    st.close()


@pytest.fixture(scope="module")
def shapes_store():
    st = open_store("oxigraph")
    st.load(load_shapes(api.project(ROOT)))
    yield st
    st.close()


@pytest.fixture(scope="module")
def xss_store():
    st = open_store("oxigraph")
    st.load(api.load([FIXTURES / "xss", FIXTURES / "xss-pages"], root=ROOT))
    yield st
    st.close()


def test_entry_view_holds_what_the_source_page_shows(store):
    v = pages.entry_view(store, ENTRY)
    assert v["label"] == "AI Systems Pursue Unintended Sub-Goals Autonomously"
    assert (v["type"]["label"], v["category"]["label"]) == ("Capability", "Specification Gaming")
    assert v["evidence_status"]["original"] == "DEMONSTRATED (REAL-WORLD)"
    assert v["stated_confidence"]["original"] == "✓ Verified"
    assert v["confidence"]["label"] == "High Confidence"  # claimgraph's own, honest level
    assert v["date_verified"]["display"] == v["modified"]["display"] == "17 March 2026"
    assert v["claim"]["text"].startswith("AI systems pursue unintended sub-goals")
    titles = [s["title"] for s in v["sections"]]
    assert titles.index("The Mechanistic Debate") < titles.index("The Escalation Path")
    incident = v["evidence"][0]
    assert incident["date_as_stated"] == "late 2025" and incident["systems"][0]["label"] == "ROME"
    assert incident["developers"][0]["label"] == "Alibaba" and incident["self_reported"] is True
    debate = v["interpretations"][0]
    assert {c["mechanism"]["label"] for c in debate["candidates"]} == {"specification gaming", "instrumental convergence"}
    assert debate["consequence_holds_regardless"] is True
    assert {(e["from"]["label"], e["to"]["label"]) for e in v["escalations"]} == {
        ("reward hacking", "alignment faking"), ("reward hacking", "sabotage")}
    counter = v["counterarguments"][0]
    assert counter["source_statement"] == "Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team"
    assert counter["attribution"]["agents"][0]["iri"] == BASE + "id/person/alex-turner"
    assert counter["attribution"]["alias"] == "TurnTrout"
    assert counter["responses"][0]["date"]["display"] == "December 2025"
    assert counter["responses"][0]["citations"][0]["source"]["date"]["display"] == "18 December 2025"
    assert len(v["sources"]) == v["declared_source_count"] == 4
    assert v["tags"] == ["autonomy", "instrumental-convergence", "ROME", "specification-gaming"]


def test_every_entry_has_a_view(store):
    entries = pages.all_entries(store)
    assert len(entries) > 1
    for entry in entries:
        view = pages.entry_view(store, entry["iri"])
        assert view is not None and view["label"] == entry["label"]


def test_non_entries_get_the_resource_view(store):
    assert pages.entry_view(store, BASE + "id/person/alex-turner") is None
    person = pages.resource_view(store, BASE + "id/person/alex-turner")
    assert person["label"] == "Alex Turner"
    referenced = {v["iri"] for p in person["referenced_by"] for v in p["values"]}
    assert ENTRY + "/counterargument/1" in referenced
    part = pages.resource_view(store, ENTRY + "/counterargument/1")
    assert part["entry"]["iri"] == ENTRY
    assert pages.resource_view(store, BASE + "id/person/nobody") is None


def test_facet_counts_ignore_their_own_selection(store):
    entries = pages.all_entries(store)
    everything = pages.index_view(entries, pages.EntryFilter())
    incidents = pages.index_view(entries, pages.EntryFilter.from_params({"type": ["incident"]}))
    types = {f["name"]: f for f in everything["facets"]}["type"]["values"]
    assert {v["key"]: v["count"] for v in types} == {
        v["key"]: v["count"] for v in {f["name"]: f for f in incidents["facets"]}["type"]["values"]}
    assert incidents["count"] == {v["key"]: v["count"] for v in types}["incident"]
    assert all(e["facets"]["type"][0]["key"] == "incident" for e in incidents["entries"])


def test_search_needs_every_word(store):
    entries = pages.all_entries(store)
    found = pages.index_view(entries, pages.EntryFilter.from_params({"q": ["SSH", "TUNNELS"]}))
    assert ENTRY in [e["iri"] for e in found["entries"]]
    assert pages.index_view(entries, pages.EntryFilter.from_params({"q": ["SSH qqqqq"]}))["count"] == 0


def test_ontology_view_documents_every_term_scheme_and_shape(store, shapes_store):
    view = pages.ontology_view(store, shapes_store)
    onto = Graph().parse(ROOT / "ontology" / "claimgraph.ttl")
    classes = {str(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(CG)}
    props = {str(p) for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in onto.subjects(RDF.type, t)
             if str(p).startswith(CG)}
    assert {t["iri"] for t in view["classes"]} == classes
    assert {t["iri"] for t in view["properties"]} == props
    assert all(t["anchor"] == t["iri"][len(CG):] for t in view["classes"] + view["properties"])
    vocab = api.load([], root=ROOT)
    assert {s["iri"] for s in view["schemes"]} == {str(s) for s in vocab.subjects(RDF.type, SKOS.ConceptScheme)}
    shapes = load_shapes(api.project(ROOT))
    assert {s["iri"] for s in view["shapes"]} == {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)}


def test_describe_all_matches_describe(store):
    iris = pages.all_resources(store)
    sample = iris[::max(1, len(iris) // 25)] + [ENTRY, BASE + "ontology", BASE + "vocab/mechanism"]
    together = pages.describe_all(store, sample)
    for iri in sample:
        assert isomorphic(together[iri], pages.describe(store, iri)), iri


def test_description_of_an_entry_is_its_parts(store):
    graph = pages.describe(store, ENTRY)
    subjects = {str(s) for s in graph.subjects()}
    assert ENTRY + "/counterargument/1/response" in subjects
    assert ENTRY + "/debate/specification-gaming" in subjects
    assert BASE + "id/incident/rome-mining-and-ssh-tunnel" in subjects  # ... cg:supports the claim

    def part(iri: str) -> bool:
        return iri == ENTRY or iri.startswith((ENTRY + "/", ENTRY + "#"))

    for s, _p, o in graph:  # the entry's parts, or statements pointing at one of them
        assert part(str(s)) or part(str(o)), (s, o)


def test_blank_node_descriptions_serialise(shapes_store, store):
    graph = pages.describe(store, BASE + "shapes", shapes_store)
    for fmt in ("turtle", "nt", "jsonld", "xml"):
        assert pages.rdf_bytes(graph, fmt)


def test_dates_are_printed_like_the_source_page():
    from rdflib import Literal
    from rdflib.namespace import XSD
    assert pages.display_value(Literal("2026-03-17", datatype=XSD.date)) == "17 March 2026"
    assert pages.display_value(Literal("2025-12", datatype=XSD.gYearMonth)) == "December 2025"
    assert pages.display_value(Literal("2025", datatype=XSD.gYear)) == "2025"
    assert pages.display_value(Literal("not a date", datatype=XSD.date)) == "not a date"


# ------------------------------------------------------------------------------ links

def test_server_links():
    links = pages.Links()
    assert links.href(ENTRY) == "/id/entry/unintended-subgoals"
    assert links.href(CG + "Entry") == "/ontology#Entry"
    assert links.href("https://arxiv.org/abs/2512.24873") == "https://arxiv.org/abs/2512.24873"
    for unsafe in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "mailto:a@b"):
        assert links.href(unsafe) is None
    assert links.url("") == "/" and links.url("static/site.css") == "/static/site.css"


def test_static_links_are_relative_files():
    links = pages.Links("id/entry/unintended-subgoals/index.html")
    assert links.href(BASE + "id/person/alex-turner") == "../../person/alex-turner/index.html"
    assert links.href(CG + "Entry") == "../../../ontology/index.html#Entry"
    assert links.href(BASE + "id/source/arxiv-2512.24873") == "../../source/arxiv-2512.24873/index.html"
    assert links.url("") == "../../../index.html"
    assert links.url("static/site.css") == "../../../static/site.css"
    assert pages.Links("index.html").url("queries") == "queries/index.html"


# ------------------------------------------------------------------------------ rendering

PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script><script>alert(2)</script>",
            '"><svg onload=alert(3)>', "<script>alert(12)</script>", "<svg onload=alert(22)>")


@pytest.mark.parametrize("static", [False, True])
def test_rendered_pages_escape_every_value(xss_store, static):
    renderer = pages.Renderer(static=static)
    rendered = [
        renderer.render("entry.html", pages.entry_view(xss_store, BASE + "id/entry/xss-test"), page="id/entry/xss-test/index.html"),
        renderer.render("entry.html", pages.entry_view(xss_store, BASE + "id/entry/xss-pages"), page="id/entry/xss-pages/index.html"),
        renderer.render("index.html", pages.index_view(pages.all_entries(xss_store), pages.EntryFilter()), page="index.html"),
        renderer.render("resource.html", pages.resource_view(xss_store, BASE + "id/person/xss-test-person"), page="p/index.html"),
    ]
    for html in rendered:
        for payload in PAYLOADS:
            assert payload not in html
        assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
        assert not re.search(r"<(img|svg)\b", html)
        assert len(re.findall(r"<script\b", html)) == 1  # site.js only
    assert "&lt;img src=x onerror=alert(1)&gt; Entry title &lt;script&gt;alert(1)&lt;/script&gt;" in rendered[0]
    assert "{{7*7}}" in rendered[1]  # template syntax in data is printed, not evaluated


def test_result_view():
    from rdflib import BNode, Literal
    from claimgraph.stores.base import QueryResult
    table = pages.result_view(QueryResult("select", variables=["a", "b"], rows=[
        (URIRef(ENTRY), Literal("x", lang="en")), (BNode("b1"), None)]))
    assert table["rows"][0][0] == {"iri": ENTRY, "label": "entry:unintended-subgoals"}
    assert table["rows"][0][1]["lang"] == "en" and table["rows"][1] == [{"bnode": "b1"}, None]
    assert pages.result_view(QueryResult("ask", boolean=True))["boolean"] is True

"""Pages and linked data against a real server: every IRI dereferences, with content negotiation;
the entry list's facets and search work without JavaScript; every HTML view has a JSON twin."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from serve_support import ENTRY, ENTRY_PATH

CG = "https://w3id.org/claimgraph/ontology#"
BASE = "https://w3id.org/claimgraph/"
TITLE = "AI Systems Pursue Unintended Sub-Goals Autonomously"
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml"}
SUFFIXES = {".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".rdf": "xml"}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse_links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


# ------------------------------------------------------------------------------ entry IRIs

@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_entry_iri_negotiates_rdf(server, accept):
    response = server.get(ENTRY_PATH, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "accept" in response.headers["vary"].lower()
    suffix = {"text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt",
              "application/rdf+xml": ".rdf"}[accept]
    assert response.headers["content-location"] == ENTRY_PATH + suffix
    graph = Graph().parse(data=response.content, format=RDF_TYPES[accept])
    entry = URIRef(ENTRY)
    assert (entry, RDFS.label, Literal(TITLE)) in graph
    # the entry's parts are in its description: the counterargument, its response, citations
    counter = URIRef(ENTRY + "/counterargument/1")
    assert (entry, URIRef(CG + "counterargument"), counter) in graph
    assert (URIRef(ENTRY + "/counterargument/1/response"), URIRef(CG + "attacks"), counter) in graph
    assert any(graph.triples((counter, URIRef(CG + "citation"), None)))
    # and statements pointing at them (the incident supporting the claim)
    assert any(graph.triples((None, URIRef(CG + "supports"), URIRef(ENTRY + "/claim"))))


@pytest.mark.parametrize("suffix", list(SUFFIXES))
def test_entry_suffixes_and_format_parameter(server, suffix):
    by_suffix = server.get(ENTRY_PATH + suffix)
    by_param = server.get(ENTRY_PATH, params={"format": suffix[1:]})
    for response in (by_suffix, by_param):
        assert response.status_code == 200
        graph = Graph().parse(data=response.content, format=SUFFIXES[suffix])
        assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in graph
    assert "content-location" not in by_suffix.headers  # nothing was negotiated


def test_entry_html_by_default_with_alternates(server):
    for headers in ({}, {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, {"Accept": "*/*"}):
        response = server.get(ENTRY_PATH, headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
    assert f'<link rel="alternate" type="text/turtle" href="{ENTRY_PATH}.ttl">' in response.text
    assert 'rel="alternate"; type="text/turtle"' in response.headers["link"]


def test_entry_page_shows_what_the_source_page_shows(server):
    html = server.get(ENTRY_PATH).text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for expected in ("← Back to Database", "Capability", "Specification Gaming", TITLE,
                     "DEMONSTRATED (REAL-WORLD)", "✓ Verified", "Verified: 17 March 2026",
                     "Last updated: 17 March 2026", "The Mechanistic Debate", "The Escalation Path",
                     "Counterarguments", "Sources (4)", "instrumental-convergence", "ROME",
                     "Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team", "Response:",
                     "late 2025", "mined cryptocurrency", "reward hacking", "alignment faking"):
        assert expected.replace("'", "&#39;") in text or expected in text, expected


def test_entry_json_twin(server):
    for response in (server.get(ENTRY_PATH, headers={"Accept": "application/json"}),
                     server.get(ENTRY_PATH + ".json"), server.get(ENTRY_PATH, params={"format": "json"})):
        assert response.status_code == 200
        view = response.json()
        assert view["iri"] == ENTRY and view["label"] == TITLE
        assert view["type"]["label"] == "Capability"
        counter = view["counterarguments"][0]
        assert counter["source_statement"].startswith("Alex Turner (TurnTrout)")
        assert counter["responses"][0]["text"].startswith("In December 2025")
        assert len(view["sources"]) == 4


def test_every_link_on_the_entry_page_dereferences(server):
    links = parse_links(server.get(ENTRY_PATH).text)
    ours = sorted({h.split("#")[0] for h in links.hrefs if h.startswith(("/id/", "/vocab/", "/ontology"))
                   and not h.endswith((".json", ".ttl", ".jsonld", ".nt"))})  # not the page's own data links
    kinds = {h.split("/")[2] for h in ours if h.startswith("/id/")}
    assert {"person", "source", "system", "incident", "organisation", "escalation"} <= kinds
    assert any(h.startswith("/vocab/mechanism/") for h in ours)
    for href in ours:
        page = server.get(href)
        assert page.status_code == 200, href
        assert page.headers["content-type"].startswith("text/html")
        turtle = server.get(href, headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200, href
        assert len(Graph().parse(data=turtle.content, format="turtle")) > 0, href


def test_resource_pages(server):
    person = server.get("/id/person/alex-turner")
    assert person.status_code == 200 and "Alex Turner" in person.text and "TurnTrout" in person.text
    part = server.get(ENTRY_PATH + "/counterargument/1")
    assert part.status_code == 200 and f'href="{ENTRY_PATH}"' in part.text  # links back to its entry
    source = server.get("/id/source/arxiv-2512.24873")  # a slug with a dot is not a file suffix
    assert source.status_code == 200 and "Let It Flow" in source.text
    concept = server.get("/vocab/mechanism/reward-hacking", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=concept.content, format="turtle")
    assert (URIRef(BASE + "vocab/mechanism/reward-hacking"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("reward hacking", lang="en")) in graph


def test_unknown_resources_are_404(server):
    assert server.get("/id/entry/no-such-entry").status_code == 404
    assert server.get("/id/entry/no-such-entry", headers={"Accept": "text/turtle"}).status_code == 404
    assert server.get("/nowhere", headers={"Accept": "application/json"}).status_code == 404


def test_trailing_slash_redirects(server):
    response = server.get(ENTRY_PATH + "/", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == ENTRY_PATH


# ------------------------------------------------------------------------------ ontology

def test_ontology_terms_dereference(server):
    page = server.get("/ontology")
    assert page.status_code == 200
    ids = parse_links(page.text).ids
    for term in ("Entry", "Counterargument", "Response", "attacks", "escalatesTo", "evidenceStatus"):
        assert term in ids, term  # https://w3id.org/claimgraph/ontology#Entry -> /ontology#Entry
    assert "EntryShape" in ids and "shapes" in ids and "schemes" in ids
    turtle = server.get("/ontology", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.content, format="turtle")
    assert (URIRef(CG + "Entry"), RDF.type, OWL.Class) in graph
    assert server.get("/ontology.ttl").status_code == 200
    assert server.get("/ontology", params={"format": "json"}).json()["classes"]


def test_shapes_dereference(server):
    assert server.get("/shapes", follow_redirects=False).headers["location"] == "/ontology#shapes"
    graph = Graph().parse(data=server.get("/shapes.ttl").content, format="turtle")
    shape = URIRef("https://w3id.org/claimgraph/shapes#EntryShape")
    assert (shape, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")) in graph


@pytest.mark.parametrize("path", ["/ontology", "/shapes"])
def test_ontology_and_shapes_by_suffix_or_parameter(server, path):
    by_suffix, by_param = server.get(path + ".nt"), server.get(path, params={"format": "nt"})
    assert by_suffix.status_code == by_param.status_code == 200
    assert by_suffix.headers["content-type"].startswith("application/n-triples")
    assert by_suffix.content == by_param.content
    assert len(Graph().parse(data=by_suffix.content, format="nt")) > 50
    assert server.get(path + ".docx").status_code == 404  # an unknown suffix is no page


def test_concept_schemes_dereference(server):
    scheme = server.get("/vocab/mechanism")
    assert scheme.status_code == 200
    assert "/vocab/mechanism/specification-gaming" in scheme.text


# ------------------------------------------------------------------------------ entry list

def _entry_types(view: dict) -> set[str]:
    return {t["key"] for e in view["entries"] for t in e["facets"]["type"]}


def test_index_lists_entries_with_facets(server):
    view = server.get("/", headers={"Accept": "application/json"}).json()
    assert view["count"] == view["total"] > 1
    assert {f["name"] for f in view["facets"]} == {"type", "status", "confidence", "mechanism", "tag"}
    html = server.get("/").text
    assert TITLE in html and 'name="type" value="capability"' in html


def test_facets_filter_without_javascript(server):
    everything = server.get("/", params={"format": "json"}).json()
    incidents = server.get("/", params={"type": "incident", "format": "json"}).json()
    assert 0 < incidents["count"] < everything["count"]
    assert _entry_types(incidents) == {"incident"}
    both = server.get("/", params=[("type", "incident"), ("type", "capability"), ("format", "json")]).json()
    assert both["count"] > incidents["count"]
    tagged = server.get("/", params={"tag": "ROME", "format": "json"}).json()
    assert ENTRY in [e["iri"] for e in tagged["entries"]]
    mech = server.get("/", params={"mechanism": "specification-gaming", "status": "demonstrated-real-world",
                                   "format": "json"}).json()
    assert ENTRY in [e["iri"] for e in mech["entries"]]
    html = server.get("/", params={"type": "incident"}).text
    assert TITLE not in html  # a capability entry
    assert 'value="incident" checked' in html


def test_text_search(server):
    found = server.get("/", params={"q": "SSH tunnels", "format": "json"}).json()
    assert ENTRY in [e["iri"] for e in found["entries"]]
    assert server.get("/", params={"q": "zzzz-no-such-words", "format": "json"}).json()["count"] == 0


# ------------------------------------------------------------------------------ queries, graph

def test_named_queries_listing(server):
    view = server.get("/queries", headers={"Accept": "application/json"}).json()
    names = [q["name"] for q in view["queries"]]
    assert names
    html = server.get("/queries").text
    for name in names:
        assert f'action="/queries/{name}"' in html


def test_every_named_query_runs_with_its_defaults(server):
    names = [q["name"] for q in server.get("/queries", params={"format": "json"}).json()["queries"]]
    for name in names:
        page = server.get(f"/queries/{name}")
        assert page.status_code == 200, (name, page.text[:500])
        assert 'class="results"' in page.text or "Answer:" in page.text, name


def test_named_query_parameters_and_downloads(server):
    queries = server.get("/queries", params={"format": "json"}).json()["queries"]
    named = next(q for q in queries if q["name"] == "stale-entries")
    assert [p["name"] for p in named["parameters"]] == ["days", "today"]
    fresh = server.get("/queries/stale-entries", params={"days": "100000", "today": "2026-06-01", "format": "json"})
    stale = server.get("/queries/stale-entries", params={"days": "1", "today": "2030-01-01", "format": "json"})
    assert fresh.status_code == stale.status_code == 200
    assert fresh.json() == [] and len(stale.json()) > 0
    csv = server.get("/queries/stale-entries", params={"days": "1", "today": "2030-01-01", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and ENTRY in csv.text
    page = server.get("/queries/stale-entries", params={"days": "1", "today": "2030-01-01"})
    assert 'href="/queries/stale-entries?days=1&amp;today=2030-01-01&amp;format=csv"' in page.text
    bad = server.get("/queries/stale-entries", params={"days": "many", "format": "json"})
    assert bad.status_code == 400
    assert server.get("/queries/no-such-query").status_code == 404


def test_graph_explorer_and_its_json_twin(server):
    page = server.get("/graph")
    assert page.status_code == 200 and "<script" in page.text
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?:', page.text)  # self-contained
    data = server.get("/graph", params={"format": "json"}).json()
    assert data["nodes"] and data["edges"]
    around = server.get("/graph", params={"entry": ENTRY, "format": "json"}).json()
    assert 0 < len(around["nodes"]) < len(data["nodes"])


def test_pages_load_nothing_from_elsewhere(server):
    for path in ("/", ENTRY_PATH, "/ontology", "/queries", "/sparql", "/id/person/alex-turner"):
        response = server.get(path)
        html = response.text
        for m in re.finditer(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html):
            assert not urlsplit(m.group(1)).netloc, (path, m.group(1))
        assert "default-src 'none'" in response.headers["content-security-policy"]

"""The static site (present.site, the release's site/): files where IRIs say, relative links
that resolve, nothing loaded from elsewhere, facets filtering in the browser, payloads inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from claimgraph import api
from claimgraph.present import pages
from claimgraph.present.site import write_site, write_site_step
from claimgraph.publish import release

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
TITLE = "AI Systems Pursue Unintended Sub-Goals Autonomously"
ENTRY = "https://w3id.org/claimgraph/id/entry/unintended-subgoals"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    api.write_site(out, root=ROOT)
    return out


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.refs.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def _refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_layout_follows_the_iris(site):
    entries = json.loads((site / "index.json").read_text())["entries"]
    assert len(entries) > 1
    for entry in entries:
        folder = site / pages.path_of(entry["iri"])
        for name in ("index.html", "index.ttl", "index.jsonld", "index.nt", "index.json"):
            assert (folder / name).is_file(), folder / name
    for name in ("index.html", "ontology/index.html", "ontology/index.ttl", "graph/index.html",
                 "queries/index.html", "static/site.css", "static/site.js", "id/person/alex-turner/index.html",
                 "vocab/mechanism/reward-hacking/index.html", "vocab/mechanism/index.html"):
        assert (site / name).is_file(), name


def test_entry_data_files(site):
    folder = site / "id/entry/unintended-subgoals"
    for name, fmt in (("index.ttl", "turtle"), ("index.jsonld", "json-ld"), ("index.nt", "nt")):
        graph = Graph().parse(folder / name, format=fmt)
        assert (URIRef(ENTRY), RDFS.label, Literal(TITLE)) in graph
    html = (folder / "index.html").read_text()
    assert TITLE in html and "Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team" in html
    assert 'href="index.ttl"' in html


def test_every_relative_link_resolves(site):
    checked = 0
    ontology_ids = _refs(site / "ontology" / "index.html").ids
    for page in site.rglob("*.html"):
        if page.parts[-2:] == ("graph", "index.html"):
            continue  # the explorer links to IRIs, not to files
        refs = _refs(page)
        for tag, ref in refs.refs:
            parts = urlsplit(ref)
            if parts.scheme == "data" or ref.startswith("#"):
                continue
            if parts.scheme:
                assert tag == "a", (page, ref)  # only links go elsewhere; nothing is loaded from there
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), (page.relative_to(site), ref)
            if parts.fragment and target == (site / "ontology" / "index.html").resolve():
                assert parts.fragment in ontology_ids, ref
            checked += 1
    assert checked > 1000


def test_no_server_only_links(site):
    for page in (site / "index.html", site / "queries/index.html", site / "id/entry/unintended-subgoals/index.html"):
        html = page.read_text()
        assert 'href="/' not in html and 'src="/' not in html
        assert "/sparql" not in re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)


def test_release_step_writes_the_same_site(site, tmp_path):
    """The release step, and determinism: a second build gives byte-identical pages."""
    assert write_site_step in release.default_steps()
    ctx = release.build(tmp_path / "release", project=api.project(ROOT), steps=[write_site_step])
    built = ctx.out / "site"
    for name in ("index.html", "index.json", "id/entry/unintended-subgoals/index.html",
                 "id/entry/unintended-subgoals/index.ttl", "id/person/alex-turner/index.ttl",
                 "ontology/index.html", "queries/index.html"):
        assert (built / name).read_bytes() == (site / name).read_bytes(), name
    assert not any(name.startswith("site/") for name in ctx.files)  # one browsable copy, not dumps


# ------------------------------------------------------------------------------ in Chromium

def _open(browser):
    context = browser.new_context()
    page = context.new_page()
    seen = {"errors": [], "dialogs": [], "requests": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    context.add_init_script("window.__dialogs = []; for (const n of ['alert','confirm','prompt']) "
                            "window[n] = (m) => window.__dialogs.push(String(m));")
    return context, page, seen


def test_static_facets_filter_in_the_browser(site, browser):
    context, page, seen = _open(browser)
    try:
        page.goto((site / "index.html").as_uri())
        everything = page.locator("li.entry-card:visible").count()
        page.goto((site / "index.html").as_uri() + "?type=incident")
        shown = page.locator("li.entry-card:visible").all_inner_texts()
        assert 0 < len(shown) < everything and all("Incident" in t for t in shown)
        assert page.is_checked('input[name="type"][value="incident"]')
        page.uncheck('input[name="type"][value="incident"]')  # filters again, without a server
        assert page.locator("li.entry-card:visible").count() == everything
        assert seen["errors"] == []
        assert all(u.startswith("file://") for u in seen["requests"])
    finally:
        context.close()


def test_static_pages_over_the_xss_fixtures_run_nothing(tmp_path, browser):
    graph = api.load([FIXTURES / "xss", FIXTURES / "xss-pages"], root=ROOT)
    write_site(graph, tmp_path, project=api.project(ROOT))
    context, page, seen = _open(browser)
    try:
        for name in ("index.html", "id/entry/xss-test/index.html", "id/entry/xss-pages/index.html",
                     "id/person/xss-test-person/index.html", "id/source/xss-pages-js-source/index.html"):
            page.goto((tmp_path / name).as_uri())  # file://: no Content-Security-Policy helps here
            for tag in page.locator(".tag, .entry-card").all()[:10]:
                tag.hover()
            assert page.evaluate("window.__dialogs") == [] and seen["dialogs"] == [], name
            assert page.locator("img[src='x'], svg, a[href^='javascript:']").count() == 0, name
        page.goto((tmp_path / "id/entry/xss-test/index.html").as_uri())
        assert "<img src=x onerror=alert(1)> Entry title <script>alert(1)</script>" in page.inner_text("main")
    finally:
        context.close()

"""The explorer in headless Chromium: loads offline without errors, shows every node and edge,
settles, and its search, type filters and tooltips work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claimgraph.analyse.projection import project
from claimgraph.analyse.select import entry_view
from claimgraph.present.explorer import explorer_page, render_explorer

CLAIM = "https://w3id.org/claimgraph/id/entry/unintended-subgoals/claim"
TURNER = "https://w3id.org/claimgraph/id/person/alex-turner"
LOCAL_SCHEMES = ("file:", "data:", "about:")

NODE_DOM_POSITION = """(iri) => {
  const s = window.claimgraphExplorer;
  const id = s.meta.findIndex(m => m.iri === iri);
  s.network.focus(id, {scale: 1.5, animation: false});
  s.network.redraw();
  const d = s.network.canvasToDOM(s.network.getPositions([id])[id]);
  const r = document.getElementById('graph').getBoundingClientRect();
  return [r.left + d.x, r.top + d.y];
}"""


@contextmanager
def opened(browser, path: Path) -> Iterator[tuple[object, dict]]:
    """The page, loaded until still, with every console error, page error, request and dialog."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    log: dict[str, list[str]] = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-state=still]", state="attached", timeout=90_000)
        yield page, log
    finally:
        page.close()


@pytest.fixture(scope="module")
def graph(project_graph):
    return project(project_graph)


@pytest.fixture(scope="module")
def pages(project_graph, graph, tmp_path_factory) -> dict[str, tuple[Path, object]]:
    """The whole graph (browser physics), the whole graph with the Python layout, one entry."""
    out = tmp_path_factory.mktemp("explorer")
    views = {
        "whole": (explorer_page(project_graph), graph),
        "static": (explorer_page(project_graph, layout_mode="static"), graph),
        "entry": (explorer_page(project_graph, entry="unintended-subgoals"), entry_view(graph, "unintended-subgoals")),
    }
    result = {}
    for name, (html, view) in views.items():
        path = out / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        result[name] = (path, view)
    return result


@pytest.mark.parametrize("name", ["whole", "static", "entry"])
def test_loads_offline_and_shows_every_node_and_edge(browser, pages, name) -> None:
    path, view = pages[name]
    with opened(browser, path) as (page, log):
        counts = page.evaluate("""() => { const s = window.claimgraphExplorer;
            return [s.nodes.length, s.edges.length, s.network.body.nodeIndices.length,
                    s.network.body.edgeIndices.length, s.still, s.mode,
                    s.mode === 'static' ? !s.network.physics.physicsEnabled : s.network.physics.stabilized]; }""")
    assert log["errors"] == []
    assert [u for u in log["requests"] if not u.startswith(LOCAL_SCHEMES)] == []
    assert counts[:4] == [view.number_of_nodes(), view.number_of_edges()] * 2
    assert counts[4] is True
    assert counts[5] == ("static" if name == "static" else "settle")
    assert counts[6] is True  # physics off, or the simulation stabilised and stopped


def test_search_finds_and_selects_a_node(browser, pages) -> None:
    with opened(browser, pages["whole"][0]) as (page, log):
        page.fill("#search", "alex turner")
        page.press("#search", "Enter")
        results = page.locator("#results li").all_text_contents()
        selected = page.evaluate("() => claimgraphExplorer.network.getSelectedNodes().map(id => claimgraphExplorer.meta[id].iri)")
        details = page.locator("#details-body").text_content()
        nothing = page.evaluate("() => claimgraphExplorer.search('zzz-no-such-thing-zzz')")
    assert any(r.startswith("Alex Turner") for r in results)
    assert selected == [TURNER]
    assert TURNER in details
    assert nothing == []
    assert log["errors"] == []


def test_type_filter_hides_nodes(browser, pages, graph) -> None:
    sources = sum(1 for _n, t in graph.nodes(data="type") if t == "source")
    with opened(browser, pages["whole"][0]) as (page, log):
        page.locator("#legend input[value=source]").uncheck()
        hidden = page.evaluate("() => claimgraphExplorer.hiddenCount()")
        visible = page.evaluate("() => claimgraphExplorer.network.body.nodeIndices.length")
        found = page.evaluate("() => claimgraphExplorer.search('arXiv 2512.24873').map(id => claimgraphExplorer.meta[id].type)")
        page.locator("#legend input[value=source]").check()
        shown_again = page.evaluate("() => claimgraphExplorer.network.body.nodeIndices.length")
    assert hidden == sources > 0
    assert visible == graph.number_of_nodes() - sources
    assert "source" not in found  # hidden nodes are not found
    assert shown_again == graph.number_of_nodes()
    assert log["errors"] == []


def test_tooltip_shows_text_source_date_and_status(browser, pages) -> None:
    with opened(browser, pages["entry"][0]) as (page, log):
        x, y = page.evaluate(NODE_DOM_POSITION, CLAIM)
        page.mouse.move(x, y)
        page.wait_for_selector("#tooltip:not([hidden])")
        text = page.locator("#tooltip").text_content()
    assert "AI systems pursue unintended sub-goals autonomously." in text
    assert "grounded: accepted" in text
    assert "Date: 2026-03-17" in text
    assert "Source: " in text and "arXiv 2512.24873" in text
    assert log["errors"] == []


def test_a_larger_generated_graph_renders_every_node(browser, tmp_path) -> None:
    import networkx as nx
    g = nx.MultiDiGraph()
    for i in range(600):
        g.add_node(f"https://example.org/n{i}", type=("claim", "source", "person")[i % 3], label=f"node {i}",
                   text="", source="", date="", iri=f"https://example.org/n{i}", entry="")
        if i:
            g.add_edge(f"https://example.org/n{i}", f"https://example.org/n{(i * 7) % i}", key="cites", type="cites")
    path = tmp_path / "large.html"
    path.write_text(render_explorer(g), encoding="utf-8")
    with opened(browser, path) as (page, log):
        counts = page.evaluate("() => [claimgraphExplorer.nodes.length, claimgraphExplorer.edges.length, claimgraphExplorer.mode]")
    assert counts == [600, 599, "static"]
    assert log["errors"] == []


def test_large_graph_labels_arrive_when_zoomed_in(browser, pages, graph) -> None:
    with opened(browser, pages["static"][0]) as (page, log):
        before = page.evaluate("""() => { const s = window.claimgraphExplorer;
            return [s.nodes.get({filter: n => n.label !== undefined}).length,
                    s.edges.get({filter: e => e.label !== undefined}).length]; }""")
        after = page.evaluate("""(iri) => { const s = window.claimgraphExplorer;
            const id = s.meta.findIndex(m => m.iri === iri);
            s.network.focus(id, {scale: 1.5, animation: false});
            s.labelInView();
            const edges = s.network.getConnectedEdges(id).map(e => s.edges.get(e).label);
            return [s.nodes.get(id).label, edges]; }""", CLAIM)
    assert before == [0, 0]  # nothing measured before the first frame
    assert after[0] == "AI Systems Pursue\nUnintended Sub-Goals…"
    assert after[1] and all(label in ("supports", "attacks", "cites", "concerns", "escalation path") for label in after[1])
    assert log["errors"] == []


def test_an_empty_view_still_loads(browser, tmp_path) -> None:
    import networkx as nx
    path = tmp_path / "empty.html"
    path.write_text(render_explorer(nx.MultiDiGraph()), encoding="utf-8")
    with opened(browser, path) as (page, log):
        counts = page.evaluate("() => [claimgraphExplorer.nodes.length, claimgraphExplorer.edges.length, claimgraphExplorer.still]")
    assert counts == [0, 0, True]
    assert log["errors"] == []

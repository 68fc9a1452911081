"""The explorer page as a file: self-contained, offline, inert data, and the viz command."""

from __future__ import annotations

import json
import re

import pytest

from claimgraph import api
from claimgraph.analyse.projection import project
from claimgraph.cli import main
from claimgraph.present.explorer import PHYSICS_LIMIT, choose_mode, page_data, render_explorer

CDN_HOSTS = ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrapcdn", "cloudflare", "gstatic", "jquery")
REMOTE_REF = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                        re.IGNORECASE)


@pytest.fixture(scope="module")
def html(project_graph) -> str:
    from claimgraph.present.explorer import explorer_page
    return explorer_page(project_graph)


@pytest.fixture(scope="module")
def xss_html(root, fixtures) -> str:
    return api.explorer_html([fixtures / "xss"], root=root)


def test_no_remote_resources(html) -> None:
    assert not REMOTE_REF.search(html)
    lowered = html.lower()
    for host in CDN_HOSTS:
        assert host not in lowered, host
    assert "sourceMappingURL" not in html
    assert "default-src 'none'" in html  # the browser itself refuses any request


def test_data_cannot_break_out_of_its_script(xss_html) -> None:
    for payload in ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script><script>alert(2)</script>",
                    '"><svg onload=alert(3)>'):
        assert payload not in xss_html
    assert xss_html.count("</script>") == 3  # data, vis-network, explorer
    data = re.search(r'<script id="explorer-data" type="application/json">(.*?)</script>', xss_html, re.S).group(1)
    decoded = json.loads(data)
    texts = json.dumps(decoded, ensure_ascii=False)
    assert "<img src=x onerror=alert(1)>" in texts  # the data itself is intact


def test_page_data_matches_the_graph(project_graph) -> None:
    g = project(project_graph)
    data = page_data(g)
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len(data["edges"]) == g.number_of_edges()
    assert all(row[2] is not None for row in data["nodes"])  # every node has a position
    assert data == page_data(g)  # deterministic


def test_layout_modes() -> None:
    assert choose_mode(PHYSICS_LIMIT) == "settle"
    assert choose_mode(PHYSICS_LIMIT + 1) == "static"
    assert choose_mode(5, "static") == "static" and choose_mode(10**6, "physics") == "settle"
    from claimgraph.errors import InputError
    with pytest.raises(InputError):
        choose_mode(5, "sideways")


def test_render_is_deterministic(project_graph) -> None:
    g = project(project_graph)
    assert render_explorer(g) == render_explorer(g)


def test_viz_command(root, tmp_path, capsys) -> None:
    out = tmp_path / "entry.html"
    assert main(["--root", str(root), "viz", "--entry", "unintended-subgoals", "-o", str(out)]) == 0
    text = out.read_text()
    assert "entry unintended-subgoals, depth 1" in text
    out2 = tmp_path / "focus.html"
    assert main(["--root", str(root), "viz", "--focus", "person:alex-turner", "--depth", "1",
                 "--types", "person", "counterargument", "candidate", "--layout", "static", "-o", str(out2)]) == 0
    assert "around person:alex-turner, depth 1; types: person, counterargument, candidate" in out2.read_text()
    assert main(["--root", str(root), "viz", "--entry", "no-such-entry", "-o", str(tmp_path / "x.html")]) == 2
    assert not (tmp_path / "x.html").exists()
    capsys.readouterr()
    assert main(["--root", str(root), "viz", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")

"""Data is escaped everywhere: pages over the XSS fixtures (tests/fixtures/xss, the explorer's,
and tests/fixtures/xss-pages) run nothing in Chromium, and show the payloads as text."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from browser_support import open_session

PAGES = [
    "/", "/id/entry/xss-test", "/id/entry/xss-pages", "/id/entry/xss-test/counterargument/1",
    "/id/person/xss-test-person", "/id/source/xss-test-source", "/id/source/xss-pages-js-source",
    "/id/organisation/xss-test-org", "/id/system/xss-test-system", "/id/result/xss-test-result",
    "/id/incident/xss-pages-incident", "/id/database/xss-test", "/vocab/mechanism/reward-hacking",
    "/?" + urlencode({"q": "<script>alert(40)</script>\"><img src=x onerror=alert(41)>"}),
    "/?" + urlencode({"tag": "tag' onmouseover='alert(16)' x='"}),
    "/sparql?" + urlencode({"query": "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"}),
    "/sparql?" + urlencode({"query": "SELECT * WHERE { <x> <y> \"<img src=x onerror=alert(42)>\" "}),
    "/graph",
]
#: Elements and attributes a payload would create if it were parsed as markup.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith("on")) found.push(el.tagName + "[" + attr + "]");
    }
  }
  for (const el of document.querySelectorAll("img[src='x'], svg[onload], a[href^='javascript:']")) found.push(el.outerHTML);
  for (const s of document.scripts) {
    if (s.src && !s.src.endsWith("/static/site.js")) found.push("script " + s.src);
    if (!s.src && s.type !== "application/json" && !document.getElementById("explorer-data")) found.push("inline script");
  }
  return found;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_payloads_run_nothing(xss_server, browser, path):
    session = open_session(browser)
    page = session.page
    try:
        response = page.goto(xss_server.url + path, wait_until="load")
        assert response.status in (200, 400)
        page.wait_for_timeout(300)
        for card in page.locator(".tag, .entry-card").all()[:20]:
            card.hover()  # an injected onmouseover would fire now
        assert session.dialogs == []
        assert page.evaluate("window.__dialogs") == []
        assert page.evaluate(INJECTED) == []
        assert session.foreign_requests() == []
    finally:
        session.close()


def test_payloads_show_as_text(xss_server, browser):
    session = open_session(browser)
    page = session.page
    try:
        page.goto(xss_server.url + "/id/entry/xss-test")
        text = page.inner_text("main")
        assert "<img src=x onerror=alert(1)> Entry title <script>alert(1)</script>" in text
        assert "Counterargument <img src=x onerror=alert(1)> <script>alert(1)</script>" in text
        assert "&lt;b&gt;entity&lt;/b&gt;" in text and "{{7*7}}" in text  # shown literally
        page.goto(xss_server.url + "/id/entry/xss-pages")
        text = page.inner_text("main")
        assert "Section <script>alert(20)</script>" in text
        assert "Pages source statement <script>alert(29)</script>" in text
        assert "tag' onmouseover='alert(16)' x='" in text
        assert page.locator('a[href^="javascript:"]').count() == 0  # the source's javascript: URL is not a link
        page.goto(xss_server.url + "/")
        assert "Pages <script>alert(12)</script> entry {{7*7}}" in page.inner_text("main")
    finally:
        session.close()


def test_facet_filter_with_a_payload_tag(xss_server, browser):
    session = open_session(browser)
    page = session.page
    try:
        page.goto(xss_server.url + "/")
        with page.expect_navigation():
            page.check('input[name="tag"][value="tag\\\' onmouseover=\\\'alert(16)\\\' x=\\\'"]')
        cards = page.locator("li.entry-card:visible").all_inner_texts()
        assert len(cards) == 1 and "Pages <script>alert(12)</script>" in cards[0]
        assert page.evaluate("window.__dialogs") == [] and session.dialogs == []
    finally:
        session.close()

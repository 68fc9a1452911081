"""The pages in headless Chromium: no console errors, nothing fetched from elsewhere, facets
that filter (with and without JavaScript), the entry page's counterargument, the SPARQL form."""

from __future__ import annotations

import pytest
from browser_support import open_session
from serve_support import ENTRY_PATH

PAGES = ["/", ENTRY_PATH, ENTRY_PATH + "/counterargument/1", "/id/person/alex-turner",
         "/id/source/arxiv-2512.24873", "/vocab/mechanism/reward-hacking", "/vocab/mechanism", "/ontology",
         "/queries", "/queries/stale-entries", "/sparql", "/graph", "/?type=incident&q=agent"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_stays_local(server, browser, path):
    session = open_session(browser)
    try:
        response = session.page.goto(server.url + path, wait_until="load")
        assert response.status == 200
        session.page.wait_for_timeout(300)  # late console errors (scripts run after load)
        assert session.errors == []
        assert session.foreign_requests() == []
        assert session.dialogs == [] and session.hooked_dialogs() == []
    finally:
        session.close()


def _cards(page) -> list[str]:
    return page.locator("li.entry-card:visible").all_inner_texts()


def test_facets_filter_with_javascript(server, browser):
    session = open_session(browser)
    page = session.page
    try:
        page.goto(server.url + "/")
        before = _cards(page)
        with page.expect_navigation():
            page.check('input[name="type"][value="incident"]')  # the script submits on change
        assert "type=incident" in page.url
        after = _cards(page)
        assert 0 < len(after) < len(before)
        assert all("Incident" in card for card in after)
        assert page.is_checked('input[name="type"][value="incident"]')
        assert session.errors == []
    finally:
        session.close()


def test_facets_and_search_without_javascript(server, browser):
    session = open_session(browser, javascript=False)
    page = session.page
    try:
        page.goto(server.url + "/")
        before = _cards(page)
        page.check('input[name="type"][value="capability"]')
        page.fill('input[name="q"]', "tunnels")
        with page.expect_navigation():
            page.click('button[type="submit"]')
        after = _cards(page)
        assert 0 < len(after) < len(before)
        assert any("AI Systems Pursue Unintended Sub-Goals Autonomously" in card for card in after)
        assert all("Capability" in card for card in after)
    finally:
        session.close()


def test_entry_page_shows_counterargument_source_and_response(server, browser):
    session = open_session(browser)
    page = session.page
    try:
        page.goto(server.url + ENTRY_PATH)
        section = page.locator("#counterarguments")
        text = section.inner_text()
        assert "What happened is specification gaming" in text
        assert "Source: Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team" in text
        assert "Response: In December 2025 Turner wrote" in text
        # the source and the person link to their own pages, which open
        link = section.locator('a[href="/id/person/alex-turner"]').first
        assert link.is_visible()
        cited = section.locator('a[href="/id/source/turntrout-reward-hacking-doesnt-show-reward-is-optimization-target"]')
        assert cited.count() >= 1
        with page.expect_navigation():
            cited.first.click()
        assert "/id/source/turntrout-reward-hacking" in page.url
        assert "Alex Turner" in page.inner_text("main")
        assert session.errors == [] and session.foreign_requests() == []
    finally:
        session.close()


def test_sparql_form_runs_a_query(server, browser):
    session = open_session(browser)
    page = session.page
    try:
        page.goto(server.url + "/sparql")
        page.fill("textarea.sparql", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                                     "SELECT ?person ?name WHERE { ?person a <https://schema.org/Person> ; rdfs:label ?name }")
        with page.expect_navigation():
            page.click("button[type=submit]")
        table = page.locator("table.results")
        assert "Alex Turner" in table.inner_text()
        assert table.locator('a[href="/id/person/alex-turner"]').count() == 1
        assert session.errors == []
    finally:
        session.close()

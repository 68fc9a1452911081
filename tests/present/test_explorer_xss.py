"""The explorer on the XSS fixture: every payload shows as text and nothing runs."""

from __future__ import annotations

import pytest

from claimgraph import api

PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script><script>alert(2)</script>",
            '"><svg onload=alert(3)>', "javascript:alert(4)")
HOOK = """
window.__alerts = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = function () { window.__alerts.push([name, String(arguments[0])]); };
}
"""


@pytest.fixture(scope="module")
def page_path(root, fixtures, tmp_path_factory):
    path = tmp_path_factory.mktemp("xss") / "explorer.html"
    path.write_text(api.explorer_html([fixtures / "xss"], root=root), encoding="utf-8")
    return path


def test_payloads_show_as_text_and_run_nothing(browser, page_path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(HOOK)
    try:
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-state=still]", state="attached", timeout=90_000)
        n = page.evaluate("() => claimgraphExplorer.nodes.length")
        shown = []
        for node in range(n):  # hover every node (tooltip) and select it (details panel)
            x, y = page.evaluate("""(id) => { const s = window.claimgraphExplorer;
                s.focusNode(id); s.network.redraw();
                const d = s.network.canvasToDOM(s.network.getPositions([id])[id]);
                const r = document.getElementById('graph').getBoundingClientRect();
                return [r.left + d.x, r.top + d.y]; }""", node)
            page.mouse.move(x, y)
            page.wait_for_selector("#tooltip:not([hidden])")
            shown.append(page.locator("#tooltip").text_content())
            shown.append(page.locator("#details-body").text_content())
            page.mouse.move(5, 5)
        page.fill("#search", "alert")
        page.press("#search", "Enter")
        shown.append(page.locator("#results").text_content())
        legend = page.locator("#sidebar").text_content()
        injected = page.evaluate("() => document.querySelectorAll('img, svg, iframe, object, embed, a').length")
        scripts = page.evaluate("() => document.scripts.length")
        alerts = page.evaluate("() => window.__alerts")
    finally:
        page.close()
    assert alerts == [] and dialogs == []
    assert injected == 0
    assert scripts == 3
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    text = "\n".join(shown)
    for payload in PAYLOADS:
        assert payload in text, payload
    assert "alert" in legend  # search results listed as text

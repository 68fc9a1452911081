"""Opening pages in headless Chromium while recording console errors, requests and dialogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: Replaces the dialog functions before any page script runs, and counts calls.
HOOK_DIALOGS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function (...args) { window.__dialogs.push([name, String(args[0])]); };
}
"""


@dataclass
class Session:
    page: object
    context: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def hooked_dialogs(self) -> list:
        return self.page.evaluate("window.__dialogs || []")

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def close(self) -> None:
        self.context.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "about", "blob", "file") or parts.hostname in ("127.0.0.1", "localhost")


def open_session(browser, *, javascript: bool = True) -> Session:
    """A fresh context: requests leaving this machine are recorded and aborted; console errors,
    page errors and dialogs are recorded (dialogs are dismissed)."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    session = Session(page, context)
    page.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: session.errors.append(str(e)))
    page.on("request", lambda r: session.requests.append(r.url))

    def on_dialog(dialog):
        session.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    if javascript:
        context.add_init_script(HOOK_DIALOGS)
    return session

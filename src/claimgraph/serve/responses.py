"""Responses shared by the routes: errors as HTML, JSON or text, JSON twins, security headers."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ClaimgraphError, InputError
from .conneg import NotAcceptable, negotiate
from .guard import QueryRefused
from .pool import QueryTimeout, ServerBusy
from .worker import ResultTooLarge

#: Pages load nothing from elsewhere and run only /static/site.js.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: The explorer inlines its script and styles (a self-contained file); still nothing external.
EXPLORER_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                "img-src data:; base-uri 'none'; frame-ancestors 'none'")


def status_of(err: Exception) -> int:
    """The HTTP status an error stands for."""
    if isinstance(err, QueryRefused):
        return 403
    if isinstance(err, NotAcceptable):
        return 406
    if isinstance(err, ResultTooLarge):
        return 413
    if isinstance(err, (QueryTimeout, ServerBusy)):
        return 503
    if isinstance(err, InputError):
        return 400
    return 500


_TITLES = {400: "Bad request", 403: "Refused", 404: "Not found", 405: "Method not allowed",
           406: "Not acceptable", 413: "Result too large", 415: "Unsupported media type",
           500: "Server error", 503: "Query stopped"}


def error_response(request: Request, status: int, message: str) -> Response:
    """An error in the form the client reads: an HTML page, JSON, or plain text (SPARQL clients)."""
    offer = negotiate(request.headers.get("accept"), (
        ("text/plain", "text"), ("text/html", "html"), ("application/json", "json"),
        ("application/sparql-results+json", "json")))
    fmt = offer[1] if offer else "text"
    if request.query_params.get("format") == "json":
        fmt = "json"
    title = _TITLES.get(status, "Error")
    if fmt == "html":
        renderer = request.app.state.backend.renderer
        page = renderer.render("error.html", {"title": title, "message": message, "label": title},
                               page=request.url.path)
        return HTMLResponse(page, status_code=status)
    if fmt == "json":
        return json_response({"error": title, "status": status, "message": message}, status)
    return Response(f"{title}: {message}\n", status_code=status, media_type="text/plain; charset=utf-8")


def exception_response(request: Request, err: ClaimgraphError) -> Response:
    return error_response(request, status_of(err), str(err))


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return Response(body, status_code=status, media_type="application/json", headers=headers)


class SecurityHeaders:
    """Adds a Content-Security-Policy and friends to every response (pure ASGI, no buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = EXPLORER_CSP if scope.get("path", "").rstrip("/") == "/graph" else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in ((b"content-security-policy", csp.encode()),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"no-referrer")):
                    if name not in present:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

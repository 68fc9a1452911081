"""/sparql: the SPARQL 1.1 Protocol, read-only.

Queries arrive as ``GET ?query=``, ``POST`` of a form (``application/x-www-form-urlencoded``)
or ``POST`` of the query itself (``application/sparql-query``). Updates (an ``update``
parameter, ``application/sparql-update``, or update text in ``query``) are refused with 403, as
are ``SERVICE`` calls; ``default-graph-uri``/``named-graph-uri`` are refused with 400 (use FROM
in the query), except ``default-graph-uri`` naming claimgraph's data graph, which is the default
graph here (claimgraph's remote store sends it). Results follow the Accept header or ``format=``; a browser gets an HTML table.
``GET /sparql`` without a query shows a query form.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..errors import ClaimgraphError
from ..model.terms import DATA_GRAPH
from ..present.pages import result_view
from .responses import error_response, exception_response, json_response, status_of

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

EXAMPLE = """PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entry ?label WHERE {
  ?entry a cg:Entry ; rdfs:label ?label .
} ORDER BY ?label LIMIT 50"""


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _params(request: Request) -> dict[str, list[str]]:
    """The protocol's parameters from the URL and, for POST, the body."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = request.app.state.config.max_body
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _Refusal(413, f"the request body is larger than {limit} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refusal(400, "the request body is not UTF-8") from None
    if not body:
        return params
    if media == FORM:
        for key, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
    elif media == QUERY:
        params.setdefault("query", []).append(text)
    elif media == UPDATE:
        raise _Refusal(403, "this endpoint is read-only: SPARQL Update is refused")
    else:
        raise _Refusal(415, f"POST a form ({FORM}) or a query ({QUERY}), not {media or 'no content type'}")
    return params


async def sparql(request: Request) -> Response:
    try:
        params = await _params(request)
        if "update" in params:
            raise _Refusal(403, "this endpoint is read-only: SPARQL Update is refused")
        # the data is the default graph; naming claimgraph's data graph (as claimgraph's remote
        # store does) says the same, any other dataset is not supported
        if any(v != str(DATA_GRAPH) for v in params.get("default-graph-uri", [])) or "named-graph-uri" in params:
            raise _Refusal(400, "default-graph-uri and named-graph-uri are not supported here (except "
                                f"default-graph-uri={DATA_GRAPH}, the data); use FROM / FROM NAMED in the query")
        queries = params.get("query", [])
        if len(queries) > 1:
            raise _Refusal(400, "more than one query parameter")
    except _Refusal as refusal:
        return error_response(request, refusal.status, str(refusal))
    requested = (params.get("format") or [None])[0]
    if not queries:
        if request.method == "POST":
            return error_response(request, 400, "no query: send it in the 'query' parameter")
        return _form_page(request, EXAMPLE, requested, None, None)
    text = queries[0]
    backend = request.app.state.backend
    try:
        reply = await run_in_threadpool(backend.sparql, text, request.headers.get("accept"), requested)
    except ClaimgraphError as err:
        if _wants_html(request, requested):
            return _form_page(request, text, requested, None, str(err), status=status_of(err))
        return exception_response(request, err)
    if reply.fmt == "html":
        return _form_page(request, text, requested, result_view(reply.result), None)
    return Response(reply.payload, media_type=reply.media_type, headers={"Vary": "Accept"})


def _wants_html(request: Request, requested: str | None) -> bool:
    if requested:
        return requested == "html"
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def _form_page(request: Request, text: str, requested: str | None, table: dict | None, error: str | None,
               status: int = 200) -> Response:
    backend = request.app.state.backend
    if requested == "json" and table is None and error is None:
        return json_response({"endpoint": str(request.url_for("sparql")), "example": EXAMPLE})
    view = {"label": "SPARQL", "query": text, "table": table, "error": error}
    page = backend.renderer.render("sparql.html", view, page="sparql")
    return HTMLResponse(page, status_code=status, headers={"Vary": "Accept"})

"""Pages: the entry list, every resource (entries, people, sources, concepts, ...), the
ontology, the named queries and the argument graph.

Linked-data content negotiation is direct (no 303): ``/id/entry/x`` answers 200 with HTML,
the JSON view model, Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the Accept header (with
``Vary: Accept`` and a ``Content-Location`` naming the variant), by ``?format=``, or by a file
suffix (``/id/entry/x.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.json``, ``.html``).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..errors import ClaimgraphError
from ..present import pages
from .conneg import (
    MEDIA_TYPES, RESOURCE_ALIASES, RESOURCE_OFFERS, SUFFIXES, VIEW_ALIASES, VIEW_OFFERS, NotAcceptable, choose,
)
from .responses import error_response, exception_response, json_response, status_of

#: format name -> (file suffix, label) for the "this page as data" links
DATA_FORMATS = {"turtle": (".ttl", "Turtle"), "jsonld": (".jsonld", "JSON-LD"), "nt": (".nt", "N-Triples"),
                "rdfxml": (".rdf", "RDF/XML"), "json": (".json", "JSON")}
_EXPORT = {"turtle": "turtle", "jsonld": "jsonld", "nt": "nt", "rdfxml": "xml"}


def _params(request: Request) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        out.setdefault(key, []).append(value)
    return out


def _alternates(path: str, formats=("json", "turtle", "jsonld", "nt")) -> list[dict]:
    return [{"href": "/" + path + DATA_FORMATS[f][0], "media_type": MEDIA_TYPES[f].split(";")[0],
             "label": DATA_FORMATS[f][1], "fmt": f} for f in formats]


def _link_header(alternates: list[dict]) -> str:
    return ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["media_type"]}"' for a in alternates)


def _html(request: Request, template: str, view: dict, page: str, *, alternates: list[dict] | None = None,
          status: int = 200, headers: dict[str, str] | None = None, **extra) -> HTMLResponse:
    renderer = request.app.state.backend.renderer
    body = renderer.render(template, view, page=page, alternates=alternates or [], **extra)
    return HTMLResponse(body, status_code=status, headers=headers)


# ---------------------------------------------------------------------------------------------
# /  (entries with facets and search)
# ---------------------------------------------------------------------------------------------

async def index(request: Request) -> Response:
    backend = request.app.state.backend
    try:
        fmt = choose(request.headers.get("accept"), request.query_params.get("format"), VIEW_OFFERS, VIEW_ALIASES)
        entries = await run_in_threadpool(backend.entries)
    except ClaimgraphError as err:
        return exception_response(request, err)
    flt = pages.EntryFilter.from_params(_params(request))
    view = pages.index_view(entries, flt)
    headers = {"Vary": "Accept"}
    if fmt == "json":
        return json_response(view, headers=headers)
    query = urlencode(flt.params() + [("format", "json")])
    alternates = [{"href": "/?" + query, "media_type": "application/json", "label": "JSON"}]
    return _html(request, "index.html", view, "", alternates=alternates, headers=headers)


# ---------------------------------------------------------------------------------------------
# /id/..., /vocab/...  (every resource dereferences)
# ---------------------------------------------------------------------------------------------

async def resource(request: Request) -> Response:
    backend = request.app.state.backend
    path = request.scope["path"].lstrip("/")
    if path.endswith("/"):
        target = "/" + path.rstrip("/") + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(target, status_code=301)
    stem, by_suffix = path, None
    ext = posixpath.splitext(path)[1].lower()
    try:
        if ext in SUFFIXES and await run_in_threadpool(backend.page, str(pages.iri_of(path))) is None:
            stem, by_suffix = path[: -len(ext)], SUFFIXES[ext]
        requested = request.query_params.get("format") or by_suffix
        fmt = choose(request.headers.get("accept"), requested, RESOURCE_OFFERS, RESOURCE_ALIASES)
    except ClaimgraphError as err:
        return exception_response(request, err)
    return await _resource(request, stem, fmt, negotiated=requested is None)


async def _resource(request: Request, path: str, fmt: str, *, negotiated: bool) -> Response:
    backend = request.app.state.backend
    iri = str(pages.iri_of(path))
    alternates = _alternates(path)
    headers = {"Vary": "Accept", "Link": _link_header(alternates)}
    if negotiated and fmt != "html":
        headers["Content-Location"] = "/" + path + DATA_FORMATS[fmt][0]
    try:
        if fmt in ("html", "json"):
            view = await run_in_threadpool(backend.page, iri)
            if view is None:
                return error_response(request, 404, f"nothing is known about {iri}")
            if fmt == "json":
                return json_response(view, headers=headers)
            template = "entry.html" if view["kind"] == "entry" else "resource.html"
            return _html(request, template, view, path, alternates=alternates, headers=headers)
        graph = await run_in_threadpool(backend.description, iri)
        if graph is None or len(graph) == 0:
            return error_response(request, 404, f"nothing is known about {iri}")
        body = await run_in_threadpool(pages.rdf_bytes, graph, _EXPORT[fmt])
    except ClaimgraphError as err:
        return exception_response(request, err)
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


# ---------------------------------------------------------------------------------------------
# /ontology, /shapes
# ---------------------------------------------------------------------------------------------

def _requested_format(request: Request) -> tuple[str | None, Response | None]:
    """The format asked for by ``?format=`` or the path's suffix (/ontology.ttl), or None; and a
    404 response instead when the suffix is not one of SUFFIXES."""
    ext = request.path_params.get("ext")
    by_suffix = SUFFIXES.get("." + ext.lower()) if ext else None
    if ext and by_suffix is None:
        return None, error_response(request, 404, f"no such page: {request.url.path}")
    return request.query_params.get("format") or by_suffix, None


async def ontology(request: Request) -> Response:
    backend = request.app.state.backend
    requested, not_found = _requested_format(request)
    if not_found is not None:
        return not_found
    try:
        fmt = choose(request.headers.get("accept"), requested, RESOURCE_OFFERS, RESOURCE_ALIASES)
        if fmt not in ("html", "json"):
            return await _resource(request, "ontology", fmt, negotiated=requested is None)
        view = await run_in_threadpool(backend.ontology)
    except ClaimgraphError as err:
        return exception_response(request, err)
    alternates = _alternates("ontology")
    headers = {"Vary": "Accept", "Link": _link_header(alternates)}
    if fmt == "json":
        return json_response(view, headers=headers)
    return _html(request, "ontology.html", view, "ontology", alternates=alternates, headers=headers)


async def shapes(request: Request) -> Response:
    requested, not_found = _requested_format(request)
    if not_found is not None:
        return not_found
    try:
        fmt = choose(request.headers.get("accept"), requested, RESOURCE_OFFERS, RESOURCE_ALIASES)
    except NotAcceptable as err:
        return exception_response(request, err)
    if fmt in ("html", "json"):
        return RedirectResponse("/ontology#shapes", status_code=303)
    return await _resource(request, "shapes", fmt, negotiated=requested is None)


# ---------------------------------------------------------------------------------------------
# /queries, /queries/NAME
# ---------------------------------------------------------------------------------------------

def _query_info(named) -> dict:
    info = named.to_dict()
    info["text"] = named.text
    return info


async def queries(request: Request) -> Response:
    backend = request.app.state.backend
    try:
        fmt = choose(request.headers.get("accept"), request.query_params.get("format"), VIEW_OFFERS, VIEW_ALIASES)
    except NotAcceptable as err:
        return exception_response(request, err)
    view = {"label": "Named queries", "queries": [_query_info(q) for q in backend.queries.values()]}
    if fmt == "json":
        return json_response(view)
    alternates = [{"href": "/queries?format=json", "media_type": "application/json", "label": "JSON"}]
    return _html(request, "queries.html", view, "queries", alternates=alternates)


async def query(request: Request) -> Response:
    backend = request.app.state.backend
    name = request.path_params["name"]
    requested = request.query_params.get("format")
    named = backend.queries.get(name)
    if named is None:
        return error_response(request, 404, f"no named query {name!r}")
    values = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
    view = {"label": named.title, "query": _query_info(named), "values": values, "table": None, "error": None,
            "downloads": [(f, label, "/queries/" + name + "?" + urlencode({**values, "format": f}))
                          for f, label in (("csv", "CSV"), ("json", "JSON"), ("tsv", "TSV"), ("srj", "SPARQL JSON"))]}
    try:
        reply = await run_in_threadpool(backend.named, name, values, request.headers.get("accept"), requested)
    except ClaimgraphError as err:
        if requested in (None, "html") and "text/html" in request.headers.get("accept", "text/html"):
            view["error"] = str(err)
            return _html(request, "query.html", view, "queries/" + name, status=status_of(err))
        return exception_response(request, err)
    if reply.fmt != "html":
        return Response(reply.payload, media_type=reply.media_type, headers={"Vary": "Accept"})
    view["table"] = pages.result_view(reply.result)
    if reply.form in ("construct", "describe"):
        view["downloads"] = [(f, label, "/queries/" + name + "?" + urlencode({**values, "format": f}))
                             for f, label in (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"))]
    return _html(request, "query.html", view, "queries/" + name, headers={"Vary": "Accept"})


# ---------------------------------------------------------------------------------------------
# /graph
# ---------------------------------------------------------------------------------------------

async def graph(request: Request) -> Response:
    backend = request.app.state.backend
    entry = request.query_params.get("entry") or None
    focus = request.query_params.get("focus") or None
    try:
        fmt = choose(request.headers.get("accept"), request.query_params.get("format"), VIEW_OFFERS, VIEW_ALIASES)
        if fmt == "json":
            data = await run_in_threadpool(backend.explorer_data, entry, focus)
            return json_response(data, headers={"Vary": "Accept"})
        html = await run_in_threadpool(backend.explorer, entry, focus)
    except ClaimgraphError as err:
        return exception_response(request, err)
    return HTMLResponse(html, headers={"Vary": "Accept"})


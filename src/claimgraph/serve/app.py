"""The Starlette application: routes, CORS, security headers, and the worker pool's lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import ClaimgraphError
from ..present.pages import STATIC
from . import sparql, web
from .backend import Backend
from .config import ServeConfig
from .responses import SecurityHeaders, error_response, exception_response


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", None) or "error"
    if status == 404:
        detail = f"no such page: {request.url.path}"
    return error_response(request, status, str(detail))


async def _claimgraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ClaimgraphError)
    return exception_response(request, exc)


def create_app(config: ServeConfig) -> Starlette:
    backend = Backend(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(backend.start)
        try:
            yield
        finally:
            await run_in_threadpool(backend.close)

    routes = [
        Route("/", web.index, name="index"),
        Route("/sparql", sparql.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/queries", web.queries, name="queries"),
        Route("/queries/{name}", web.query, name="query"),
        Route("/graph", web.graph, name="graph"),
        Route("/ontology", web.ontology, name="ontology"),
        Route("/ontology.{ext}", web.ontology),
        Route("/shapes", web.shapes, name="shapes"),
        Route("/shapes.{ext}", web.shapes),
        Route("/id/{rest:path}", web.resource, name="id"),
        Route("/vocab/{rest:path}", web.resource, name="vocab"),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                   allow_headers=["*"], expose_headers=["Content-Location", "Link", "Vary"], max_age=86400),
        Middleware(SecurityHeaders),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error, ClaimgraphError: _claimgraph_error})
    app.state.backend = backend
    app.state.config = config
    return app


def run(config: ServeConfig, *, access_log: bool = False) -> None:
    """Serve until interrupted (uvicorn; SIGINT/SIGTERM stop it and the query workers)."""
    import uvicorn
    uvicorn.run(create_app(config), host=config.host, port=config.port, access_log=access_log,
                log_level="info", timeout_graceful_shutdown=5)

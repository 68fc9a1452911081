"""`claimgraph serve`: a read-only SPARQL 1.1 endpoint and a web page for every resource.

    app       the Starlette application: routes, CORS, security headers, lifespan
    sparql    /sparql, the SPARQL 1.1 Protocol (GET, POST form, POST sparql-query)
    web       pages: /, /id/..., /vocab/..., /ontology, /shapes, /queries, /graph
    backend   what the routes call: the worker pool, cached views, named queries
    pool      query worker processes with a per-query deadline (kill and replace)
    worker    the worker process: store, guard, size cap, serialisation
    guard     which queries the public endpoint runs (no updates, no SERVICE)
    conneg    content negotiation (Accept, ?format=, file suffixes)

IRIs map to paths: ``https://w3id.org/claimgraph/PATH`` is served at ``/PATH`` (so
``https://w3id.org/claimgraph/id/entry/x`` at ``/id/entry/x``, ``.../ontology#Entry`` at
``/ontology#Entry``, ``.../vocab/mechanism/y`` at ``/vocab/mechanism/y``).
"""

from .config import ServeConfig

__all__ = ["ServeConfig", "create_app"]


def create_app(config: ServeConfig | None = None):
    """The ASGI application (Starlette) for ``config``."""
    from .app import create_app as _create
    return _create(config or ServeConfig())

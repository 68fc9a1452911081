"""The server's settings, as `claimgraph serve` takes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    #: store spec (see claimgraph.stores.base); None: embedded Oxigraph loaded with the project
    store: str | None = None
    #: data files or directories instead of the project's data/ (embedded stores only)
    paths: tuple[str, ...] | None = None
    root: str | None = None
    #: seconds a query may run before its worker is killed
    timeout: float = 10.0
    #: most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a query may return
    max_results: int = 10_000
    #: query worker processes
    workers: int = 2
    #: address-space cap per worker in MiB (0: none)
    memory_limit_mb: int = 2048
    #: largest request body accepted (a POSTed query), in bytes
    max_body: int = 1 << 20
    #: compute the argument analysis and serve it in its named graph (in-memory stores only)
    analysis: bool = True

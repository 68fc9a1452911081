"""What the web routes call: the worker pool, the named queries, and the page views.

Views come from ``present.pages`` (SPARQL through the pool, rows -> view models) and are cached:
the store does not change while the server runs, so a page is computed once. Query results
(/sparql, /queries) are never cached: each request runs on a worker under the deadline.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from rdflib.term import Node

from .. import api
from ..errors import InputError
from ..model.load import load_shapes
from ..present import pages
from ..stores import open_store, parse_spec
from .config import ServeConfig
from .pool import WorkerPool
from .worker import NamedJob, Reply, SparqlJob, WorkerSpec

log = logging.getLogger("claimgraph.serve")
T = TypeVar("T")


class _Cache:
    """A small thread-safe LRU of computed views."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class _Views:
    """The pool as the pages' Queryable, with the generous deadline of the server's own queries."""

    def __init__(self, pool: WorkerPool, timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *, timeout: float | None = None):
        return self.pool.query(sparql, bindings, timeout=timeout or self.timeout)


class Backend:
    """One per server: started by the app's lifespan, closed at shutdown."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        workers = config.workers
        name, argument = parse_spec(config.store)
        if name == "oxigraph" and argument and workers > 1:
            # a persistent Oxigraph directory can be opened by one process at a time
            log.warning("a persistent Oxigraph store is served by one query worker")
            workers = 1
        self._in_memory = name in ("oxigraph", "memory") and not argument
        spec = WorkerSpec(store=config.store, paths=config.paths, root=config.root,
                          max_results=config.max_results,
                          memory_limit=config.memory_limit_mb * (1 << 20) if config.memory_limit_mb else None)
        self.pool = WorkerPool(spec, size=workers, timeout=config.timeout)
        #: the server's own queries (pages) may take longer than a user's: few, fixed, cached
        self.views = _Views(self.pool, max(30.0, 3 * config.timeout))
        self.renderer = pages.Renderer()
        self.queries: dict = {}
        self._shapes = None
        self._cache = _Cache()

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        if self.config.analysis and self._in_memory:
            # computed once here, handed to every worker: grounded statuses on the pages, and
            # in the analysis named graph for SPARQL (queries/argument-status.rq)
            from dataclasses import replace
            from ..publish.export import serialize
            analysis = api.analysis_graph(list(self.config.paths) if self.config.paths else None,
                                          root=self.config.root)
            self.pool.spec = replace(self.pool.spec, analysis=serialize(analysis, "nt"))
        self.pool.start()
        try:
            self.queries = api.named_queries(root=self.config.root)
        except InputError:
            self.queries = {}
        shapes = open_store("oxigraph")
        shapes.load(load_shapes(api.project(self.config.root)))
        self._shapes = shapes

    def close(self) -> None:
        self.pool.close()
        if self._shapes is not None:
            self._shapes.close()

    # -- views ------------------------------------------------------------------------------

    def entries(self) -> list[dict]:
        return self._cache.get("entries", lambda: pages.all_entries(self.views))

    def page(self, iri: str) -> dict | None:
        """An entry's view model, or any other resource's; None when nothing mentions it."""
        return self._cache.get(("page", iri), lambda: pages.entry_view(self.views, iri)
                               or pages.resource_view(self.views, iri))

    def ontology(self) -> dict:
        return self._cache.get("ontology", lambda: pages.ontology_view(self.views, self._shapes))

    def description(self, iri: str):
        """The RDF describing a resource (an rdflib Graph); None or empty when unknown."""
        return self._cache.get(("describe", iri), lambda: pages.describe(self.views, iri, self._shapes))

    def explorer(self, entry: str | None = None, focus: str | None = None) -> str:
        from ..present.explorer import explorer_page
        return self._cache.get(("explorer", entry, focus),
                               lambda: explorer_page(self._whole_graph(), entry=entry, focus=focus))

    def explorer_data(self, entry: str | None = None, focus: str | None = None) -> dict:
        """The explorer's JSON twin: the nodes and edges its page draws."""
        def compute() -> dict:
            from ..analyse.analysis import grounded_statuses
            from ..analyse.projection import project
            from ..analyse.select import entry_view, focus_view
            from ..present.explorer import page_data
            whole = project(self._whole_graph())
            view = entry_view(whole, entry) if entry else focus_view(whole, focus) if focus else whole
            return page_data(view, grounded_statuses(whole))
        return self._cache.get(("explorer-data", entry, focus), compute)

    def _whole_graph(self):
        return self._cache.get("graph", lambda: self.views.query(pages.Q_ALL).graph)

    # -- queries ----------------------------------------------------------------------------

    def sparql(self, text: str, accept: str | None, requested: str | None) -> Reply:
        return self.pool.run(SparqlJob(text, accept, requested))

    def named(self, name: str, params: Mapping[str, str], accept: str | None, requested: str | None) -> Reply:
        return self.pool.run(NamedJob(name, dict(params), accept, requested))

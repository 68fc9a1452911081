"""A query worker: a child process that opens its own store and answers jobs over a pipe.

Why processes: pyoxigraph cannot be interrupted from Python once it evaluates a query (a
blocking aggregate keeps it inside Rust, holding the thread), so the one reliable way to stop
a runaway query is to kill the process running it. The pool (``pool.py``) does that and starts
a replacement; the worker itself only runs jobs, checks result sizes and serialises answers,
so that this work happens in parallel and never in the web server's process.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib.term import Node

from ..errors import ClaimgraphError, InputError, QueryError, StoreError
from ..stores.base import QueryResult

log = logging.getLogger("claimgraph.serve.worker")


@dataclass(frozen=True)
class WorkerSpec:
    """Everything a worker needs to open the same store as its siblings."""

    store: str | None = None
    paths: tuple[str, ...] | None = None
    root: str | None = None
    max_results: int = 10_000
    memory_limit: int | None = None  # bytes of address space; None: no limit
    parent_pid: int = 0
    #: the argument analysis as N-Triples, loaded into its named graph (computed once, by the server)
    analysis: bytes | None = None


@dataclass(frozen=True)
class SparqlJob:
    """A query from the public endpoint: checked by the guard, size-capped, negotiated."""

    text: str
    accept: str | None = None
    requested: str | None = None


@dataclass(frozen=True)
class NamedJob:
    """A named query from queries/, with parameter values as the user typed them."""

    name: str
    params: Mapping[str, str] = field(default_factory=dict)
    accept: str | None = None
    requested: str | None = None


@dataclass(frozen=True)
class QueryJob:
    """One of the server's own queries (pages): trusted, not size-capped, result returned as is."""

    text: str
    bindings: Mapping[str, Node] | None = None


Job = SparqlJob | NamedJob | QueryJob


@dataclass
class Reply:
    """A job's answer: serialised bytes, or (HTML pages and own queries) the result itself."""

    ok: bool
    form: str | None = None
    fmt: str | None = None
    payload: bytes | None = None
    media_type: str | None = None
    result: QueryResult | None = None
    error: str | None = None  # refused, not-acceptable, bad-query, too-large, store, internal
    message: str | None = None


class ResultTooLarge(StoreError):
    """A result with more rows or triples than the server's cap (HTTP 413)."""


# ---------------------------------------------------------------------------------------------

def main(conn, spec: WorkerSpec) -> None:
    """Entry point of the child process: open the store, say ready, answer jobs until EOF."""
    _die_with_parent(spec.parent_pid)
    _limit_memory(spec.memory_limit)
    from .. import api
    import rdflib.plugins.sparql as rdflib_sparql
    rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must never fetch from the network
    try:
        store = api.open_store(spec.store, list(spec.paths) if spec.paths else None, root=spec.root)
        if spec.analysis:
            from rdflib import Graph
            from ..model.terms import ANALYSIS_GRAPH
            store.load(Graph().parse(data=spec.analysis, format="nt"), graph=str(ANALYSIS_GRAPH))
        try:
            queries = api.named_queries(root=spec.root)
        except InputError:
            queries = {}
    except ClaimgraphError as err:
        conn.send(("failed", str(err)))
        return
    conn.send(("ready", len(store)))
    runner = _Runner(store, queries, spec.max_results)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        reply = runner.handle(job)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            break
    store.close()


class _Runner:
    def __init__(self, store, queries: dict, max_results: int) -> None:
        self.store = store
        self.queries = queries
        self.max_results = max_results

    def handle(self, job: Job) -> Reply:
        from .conneg import NotAcceptable
        from .guard import QueryRefused
        try:
            if isinstance(job, QueryJob):
                return Reply(True, result=self.store.query(job.text, job.bindings))
            if isinstance(job, SparqlJob):
                return self._sparql(job)
            if isinstance(job, NamedJob):
                return self._named(job)
            return Reply(False, error="internal", message=f"unknown job {type(job).__name__}")
        except QueryRefused as err:
            return Reply(False, error="refused", message=str(err))
        except NotAcceptable as err:
            return Reply(False, error="not-acceptable", message=str(err))
        except ResultTooLarge as err:
            return Reply(False, error="too-large", message=str(err))
        except InputError as err:
            return Reply(False, error="bad-query", message=str(err))
        except ClaimgraphError as err:
            return Reply(False, error="store", message=str(err))
        except MemoryError:
            return Reply(False, error="too-large", message="the query needed more memory than a worker may use")
        except Exception as err:  # an engine bug must not take the worker down
            log.exception("query failed")
            return Reply(False, error="internal", message=f"{type(err).__name__}: {err}")

    def _sparql(self, job: SparqlJob) -> Reply:
        from .conneg import sparql_format
        from .guard import check_query
        form = check_query(job.text)
        fmt = sparql_format(form, job.accept, job.requested)
        return self._answer(self.store.query(job.text), form, fmt)

    def _named(self, job: NamedJob) -> Reply:
        from ..query import query_form, run_query
        from .conneg import named_format
        named = self.queries.get(job.name)
        if named is None:
            raise QueryError(f"unknown query {job.name!r}")
        form = query_form(named.text).lower()
        fmt = named_format(form, job.accept, job.requested)
        return self._answer(run_query(self.store, named, dict(job.params)), form, fmt)

    def _answer(self, result: QueryResult, form: str, fmt: str) -> Reply:
        size = len(result.graph) if result.kind == "graph" and result.graph is not None else len(result.rows)
        if size > self.max_results:
            noun = "triples" if result.kind == "graph" else "rows"
            raise ResultTooLarge(f"the result has {size} {noun}, more than this server returns "
                                 f"({self.max_results}); add a LIMIT or narrow the query")
        if fmt == "html":
            return Reply(True, form=form, fmt=fmt, result=result)
        payload, media_type = _serialize(result, fmt)
        return Reply(True, form=form, fmt=fmt, payload=payload, media_type=media_type)


#: graph formats written by present.pages.rdf_bytes (the exporter, and blank nodes handled)
_RDF = {"turtle": ("turtle", "text/turtle"), "nt": ("nt", "application/n-triples"),
        "jsonld": ("jsonld", "application/ld+json"), "rdfxml": ("xml", "application/rdf+xml")}


def _serialize(result: QueryResult, fmt: str) -> tuple[bytes, str]:
    if result.kind == "graph" and fmt in _RDF and result.graph is not None:
        from ..present.pages import rdf_bytes
        export_fmt, media_type = _RDF[fmt]
        return rdf_bytes(result.graph, export_fmt), media_type
    from ..query import serialize_result
    return serialize_result(result, fmt)


# ---------------------------------------------------------------------------------------------

def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when the server dies, so that no runaway query outlives it."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent_pid and os.getppid() != parent_pid:
        os._exit(0)  # the server died before we could ask


def _limit_memory(limit: int | None) -> None:
    """Cap the worker's address space: a query that would need more fails instead of swapping."""
    if not limit:
        return
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


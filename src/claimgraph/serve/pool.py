"""A small pool of query worker processes, each holding the store, with a deadline per query.

The web server never evaluates SPARQL itself: it hands each query to an idle worker and waits
at most ``timeout`` seconds. A worker that misses the deadline is killed (SIGKILL: pyoxigraph
cannot be interrupted from Python) and a replacement is started in the background, so one
runaway query costs one worker for a moment and the server keeps answering with the others.

Workers are started by one long-lived thread, so that Linux's parent-death signal (set by each
worker) fires only when the server process itself dies, never when a request thread ends.
Everything here is blocking and thread-safe; the async web app calls it from worker threads.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Mapping

from rdflib.term import Node

from ..errors import ClaimgraphError, QueryError, StoreError
from ..stores.base import QueryResult
from .conneg import NotAcceptable
from .guard import QueryRefused
from .worker import Job, QueryJob, Reply, ResultTooLarge, WorkerSpec
from .worker import main as worker_main

log = logging.getLogger("claimgraph.serve")


class QueryTimeout(StoreError):
    """A query ran past the deadline and was stopped (HTTP 503)."""


class ServerBusy(StoreError):
    """No worker became free in time (HTTP 503)."""


class WorkerCrashed(StoreError):
    """The worker running a query died (out of memory, or killed) (HTTP 500)."""


class _Deadline(Exception):
    pass


class _Worker:
    def __init__(self, process, conn) -> None:
        self.process = process
        self.conn = conn

    def exchange(self, job: Job, timeout: float) -> Reply:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise _Deadline
        return self.conn.recv()

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        except (OSError, ValueError):
            pass
        try:
            self.conn.close()
        except OSError:
            pass


def error_of(reply: Reply) -> ClaimgraphError:
    """The exception a failed reply stands for (the worker sends kinds, not pickled exceptions)."""
    message = reply.message or "query failed"
    return {
        "refused": QueryRefused, "not-acceptable": NotAcceptable, "bad-query": QueryError,
        "too-large": ResultTooLarge,
    }.get(reply.error or "", StoreError)(message)


class WorkerPool:
    """``size`` worker processes answering jobs; ``run`` enforces the per-query deadline."""

    def __init__(self, spec: WorkerSpec, *, size: int = 2, timeout: float = 10.0,
                 startup_timeout: float = 120.0, acquire_timeout: float | None = None) -> None:
        self.spec = spec
        self.size = max(1, size)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.acquire_timeout = acquire_timeout if acquire_timeout is not None else max(60.0, 3 * timeout)
        self.store_size: int | None = None
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._requests: queue.Queue[bool] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._first = threading.Event()
        self._first_error: str | None = None
        self._spawner = threading.Thread(target=self._spawn_loop, name="claimgraph-workers", daemon=True)

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers; returns when they are all ready. Raises StoreError if the first
        one cannot open the store (a wrong --store, say)."""
        self._spawner.start()
        for _ in range(self.size):
            self._requests.put(True)
        if not self._first.wait(self.startup_timeout):
            raise StoreError(f"no query worker was ready after {self.startup_timeout:.0f} s")
        if self._first_error is not None:
            self.close()
            raise StoreError(self._first_error)
        deadline = time.monotonic() + self.startup_timeout
        while self._idle.qsize() < self.size and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        self._closed.set()
        self._requests.put(False)
        with self._lock:
            workers = list(self._live)
            self._live.clear()
        for w in workers:
            w.kill()

    @property
    def workers(self) -> int:
        with self._lock:
            return len(self._live)

    # -- running jobs -----------------------------------------------------------------------

    def run(self, job: Job, *, timeout: float | None = None) -> Reply:
        """Run a job on an idle worker; a failed reply raises the exception it stands for."""
        if self._closed.is_set():
            raise StoreError("the server is shutting down")
        limit = self.timeout if timeout is None else timeout
        try:
            worker = self._idle.get(timeout=self.acquire_timeout)
        except queue.Empty:
            raise ServerBusy(f"every query worker stayed busy for {self.acquire_timeout:.0f} s; "
                             "try again later") from None
        try:
            reply = worker.exchange(job, limit)
        except _Deadline:
            self._discard(worker)
            raise QueryTimeout(f"the query was stopped after {limit:g} s, this server's time limit "
                               "per query; narrow it (a LIMIT, fewer unbound patterns)") from None
        except (EOFError, OSError) as err:
            self._discard(worker)
            raise WorkerCrashed(f"the query worker died while running the query ({type(err).__name__}); "
                                "it may have needed more memory than allowed") from None
        except BaseException:
            self._discard(worker)
            raise
        self._idle.put(worker)
        if not reply.ok:
            raise error_of(reply)
        return reply

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
        """The server's own queries (pages): the Queryable interface over the pool."""
        reply = self.run(QueryJob(sparql, dict(bindings) if bindings else None), timeout=timeout)
        assert reply.result is not None
        return reply.result

    # -- workers ----------------------------------------------------------------------------

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and ask for a replacement."""
        with self._lock:
            self._live.discard(worker)
        worker.kill()
        if not self._closed.is_set():
            self._requests.put(True)

    def _spawn_loop(self) -> None:
        failures = 0
        while not self._closed.is_set():
            if not self._requests.get():
                return
            error = self._spawn_one()
            if error is None or self._closed.is_set():
                failures = 0
                continue
            if not self._first.is_set():
                self._first_error = error
                self._first.set()
                return
            failures += 1
            log.error("could not start a query worker: %s", error)
            self._closed.wait(min(30.0, 2.0 ** failures))
            self._requests.put(True)

    def _spawn_one(self) -> str | None:
        parent, child = self._ctx.Pipe()
        spec = self.spec if self.spec.parent_pid else _with_parent(self.spec)
        process = self._ctx.Process(target=worker_main, args=(child, spec), name="claimgraph-query-worker",
                                    daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            if not parent.poll(self.startup_timeout):
                worker.kill()
                return f"the worker did not open the store within {self.startup_timeout:.0f} s"
            status, detail = parent.recv()
        except (EOFError, OSError):
            worker.kill()
            return "the worker exited while opening the store"
        if status != "ready":
            worker.kill()
            return str(detail)
        if self._closed.is_set():
            worker.kill()
            return None
        with self._lock:
            self._live.add(worker)
        self.store_size = int(detail)
        self._idle.put(worker)
        self._first.set()
        return None


def _with_parent(spec: WorkerSpec) -> WorkerSpec:
    from dataclasses import replace
    return replace(spec, parent_pid=os.getpid())

"""Validation jobs: a data graph (as N-Triples) and the shapes to check on it, run by pyshacl in
this process or, when there is enough work, in worker processes (one per core)."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..collector import collector_paused, frozen
from ..model.convert import add_to_graph
from ..model.indexed import IndexedGraph
from ..model.terms import bind_prefixes
from ..progress import no_threads
from .report import Finding
from .scope import top_level_shapes, untarget
from .shacl import run_shacl

#: Below this many statements in all, jobs run in this process (starting workers costs more).
PARALLEL_THRESHOLD = 30_000


@dataclass
class Job:
    """``use_shapes``: the top-level shapes to validate (None: all); ``accept``: what the
    findings are recorded under (see plan.Plan.done)."""

    name: str
    data: bytes  # N-Triples
    size: int    # statements: the cost estimate used to order and balance jobs
    use_shapes: tuple[str, ...] | None
    accept: object = None


def ntriples(lines: Iterable[str]) -> bytes:
    return "".join(f"{line} .\n" for line in lines).encode("utf-8")


def serialize_triples(triples: Sequence) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""


_shapes_cache: dict[tuple, Graph] = {}


def _shapes(shapes_nt: bytes, active: tuple[str, ...] | None) -> Graph:
    """The shapes graph in which only the ``active`` top-level shapes have targets. (pyshacl's
    own ``use_shapes`` option is not used: with it, shapes reached through ``sh:node`` lose
    their constraints.) Untargeted shapes validate nothing by themselves and can still be
    reached through ``sh:node``, exactly as in a run with every shape."""
    key = (shapes_nt, active)
    graph = _shapes_cache.get(key)
    if graph is None:
        graph = _graph(shapes_nt)
        if active is not None:
            keep = {URIRef(iri) for iri in active}
            for shape in top_level_shapes(graph):
                if shape not in keep:
                    untarget(graph, shape)
        _shapes_cache[key] = graph
    return graph


def _graph(data: bytes) -> Graph:
    """The statements as an rdflib graph for pyshacl: one that reads its store's indices
    directly (see model.indexed; a fifth less pyshacl CPU on large jobs)."""
    graph = IndexedGraph()
    bind_prefixes(graph)
    return add_to_graph(graph, ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def run_job(shapes_nt: bytes, data: bytes, use_shapes: tuple[str, ...] | None) -> list[Finding]:
    """Validate one job, with the garbage collector kept off the data graph (see collector):
    paused while the graph is built, and the graph frozen while pyshacl, which allocates much,
    runs; about a fifth of a job's time on 100k statements."""
    with collector_paused():
        graph = _graph(data)
    with frozen():
        return run_shacl(graph, _shapes(shapes_nt, use_shapes))


def run_job_in_worker(shapes_nt: bytes, data: bytes, use_shapes: tuple[str, ...] | None) -> list[Finding]:
    """``run_job`` in a worker process. A finished job's graph holds reference cycles and stays
    in memory until a full collection, which costs 1-2 s after a million-statement job. So the
    worker collects before a large job (never two large graphs at once) and not before a small
    one (a worker's last jobs are the small global ones, and its memory goes when it exits)."""
    if len(data) >= COLLECT_BEFORE_BYTES:
        gc.collect()
    return run_job(shapes_nt, data, use_shapes)


#: N-Triples bytes (about 200k statements) from which a job first collects what earlier jobs left
COLLECT_BEFORE_BYTES = 32_000_000


def default_workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 8))


def _ready() -> None:
    return None


class WorkerPool:
    """Worker processes for validation jobs, forked when the pool is made. Make it before loading
    large data: a forked child shares its parent's memory pages, and its resident size counts
    them, so children forked early stay small (they receive their data with each job). Forking,
    unlike spawning, does not re-run the caller's main module, so it works from any script."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self.executor: ProcessPoolExecutor | None = None
        if self.workers > 1:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            with no_threads():
                self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
                self.executor.submit(_ready)  # starts the workers now, while this process is small

    def submit(self, fn: Callable, *args) -> Future | None:
        """Run ``fn(*args)`` in a worker (a module-level function; its arguments and result are
        pickled); None when there are no workers."""
        return self.executor.submit(fn, *args) if self.executor is not None else None

    def close(self, abandon: bool = False) -> None:
        """Stop the workers: after their queued work or, with ``abandon``, at once (when the
        caller is failing and nobody will read the results). Either way the executor's own
        thread reaps them (it notices terminated workers); reaping them here as well raced with
        it, and a worker could be reported alive after its end."""
        if self.executor is not None:
            if abandon:
                for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                    process.terminate()
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(abandon=exc_type is not None)


class Running:
    """Jobs started by :func:`start_jobs` (and :meth:`add`), working while the caller does
    something else (planning more jobs, writing the dumps); :meth:`wait` collects them."""

    def __init__(self, jobs: list[Job], shapes_nt: bytes, pool: WorkerPool | None,
                 parallel_at: int = PARALLEL_THRESHOLD) -> None:
        self.jobs: list[Job] = []
        self.shapes_nt = shapes_nt
        self.futures: dict[Future, Job] = {}
        self._here: list[Job] = []  # to run in this process when waited for
        self._executor = pool.executor if pool is not None else None
        self._parallel_at = parallel_at
        self.add(jobs)

    def add(self, jobs: list[Job]) -> None:
        """Start more jobs, largest first: in the workers once there is enough work for them
        (more than one job, ``parallel_at`` statements in all so far), otherwise here."""
        ordered = sorted(jobs, key=lambda j: -j.size)
        self.jobs.extend(ordered)
        self._here.extend(ordered)
        if (self._executor is None or len(self.jobs) < 2
                or sum(j.size for j in self.jobs) < self._parallel_at):
            return
        for job in self._here:
            self.futures[self._executor.submit(run_job_in_worker, self.shapes_nt, job.data, job.use_shapes)] = job
            job.data = b""  # the workers get their copy; free ours
        self._here = []

    def wait(self, done: Callable[[Job, list[Finding]], None]) -> None:
        """Call ``done(job, findings)`` as each job finishes (run here if not started)."""
        for job in self._here:
            done(job, run_job(self.shapes_nt, job.data, job.use_shapes))
        self._here = []
        for future in as_completed(self.futures):
            done(self.futures[future], future.result())


def start_jobs(jobs: list[Job], shapes_nt: bytes, pool: WorkerPool | None,
               parallel_at: int = PARALLEL_THRESHOLD) -> Running:
    """Start the jobs, largest first, in the pool's workers when there is enough work for them
    (``parallel_at`` statements in all)."""
    return Running(jobs, shapes_nt, pool, parallel_at)

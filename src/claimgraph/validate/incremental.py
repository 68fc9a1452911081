"""Validating files: partitioned, in parallel, and only what changed since the last run.

The report is the one a single pyshacl run over all the files would give. The argument:

1. Shapes are split (``scope``) into local shapes, whose results for a focus node depend only on
   the node's forward closure, and global shapes (UniqueSourceIdentifiers, EscalationIsSourced),
   whose results depend only on the statements with the predicates they read.
2. The graph is cut (``units``) into units such that every unit's closure can be assembled from
   the unit and the shared nodes it points to. A **local job** validates a set of units with the
   local shapes on a graph holding their closures (plus, for shared units, one statement per
   ``sh:targetObjectsOf`` predicate that targets them), and keeps the findings whose focus node
   belongs to those units: each such node is targeted exactly as in the whole graph and reads
   exactly what it reads there, so it gets the same results; every focus node of the whole graph
   belongs to exactly one unit. Jobs over disjoint sets of units run in parallel processes.
3. A **global job** validates one global shape on its projection of the whole graph.
4. Results are remembered per unit key and per global projection (keys hash the shapes, the
   engine versions and everything read), so a run validates only the units whose key is new:
   after one entry changes, its component; after a source changes, that source and the
   components that cite it; after the shapes change, everything.

Shapes the analysis cannot vouch for (``Scope.partitionable`` False) are validated in one job over
the whole graph, still remembered by the content of all the files.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..collector import collector_paused
from ..model.convert import triple_to_oxigraph
from ..model.load import ParsedFile
from ..progress import task
from .cache import ValidationCache
from .jobs import PARALLEL_THRESHOLD, Job, Running, WorkerPool, serialize_triples, start_jobs
from .plan import Files, Plan, Stats, plan_global, plan_units, plan_whole, summaries
from .report import Finding, ValidationReport
from .scope import analyse_shapes
from .shacl import shapes_digest
from .summary import digest

FORMAT = "claimgraph-validation-5"


@dataclass(frozen=True)
class Tuning:
    """When work is worth splitting (statements): worker processes are started for inputs of
    ``pool_bytes`` or more, jobs go to them from ``parallel_at`` statements in all, and stale
    components are split into one batch per worker from ``split_at`` statements."""

    pool_bytes: int = 3_000_000
    parallel_at: int = PARALLEL_THRESHOLD
    split_at: int = 20_000


def validate_files(paths: Iterable[Path], shapes: Graph, *, cache: ValidationCache | None = None,
                   workers: int | None = None, parsed: Mapping[Path, ParsedFile] | None = None,
                   tuning: Tuning | None = None) -> ValidationReport:
    """Validate the files (ontology, vocabularies and data) against the shapes."""
    return run_validation(paths, shapes, cache=cache, workers=workers, parsed=parsed, tuning=tuning).report()


def run_validation(paths: Iterable[Path], shapes: Graph, *, cache: ValidationCache | None = None,
                   workers: int | None = None, parsed: Mapping[Path, ParsedFile] | None = None,
                   tuning: Tuning | None = None) -> Validation:
    """Validate to completion; the returned Validation has the report and what was done."""
    paths = list(paths)
    with worker_pool(paths, workers, parsed, tuning) as pool:
        validation = start_validation(paths, shapes, cache=cache, pool=pool, parsed=parsed, tuning=tuning)
        validation.report()
    return validation


def worker_pool(paths: Iterable[Path], workers: int | None = None,
                parsed: Mapping[Path, ParsedFile] | None = None, tuning: Tuning | None = None) -> WorkerPool:
    """Worker processes if the files are big enough to need them (judged by their size)."""
    tuning = tuning or Tuning()
    size = sum(len(parsed[p].triples) * 100 if parsed and p in parsed else p.stat().st_size for p in paths)
    return WorkerPool(workers if size >= tuning.pool_bytes else 1)


class Validation:
    """A validation whose jobs are running (see :func:`start_validation`)."""

    def __init__(self, plan: Plan, running: Running | None, cache: ValidationCache, shapes_hash: str) -> None:
        self.plan = plan
        self.stats: Stats = plan.stats
        self._running = running
        self._cache = cache
        self._shapes_hash = shapes_hash
        self._report: ValidationReport | None = None

    def report(self) -> ValidationReport:
        """Wait for the jobs, remember their results, and return the report."""
        if self._report is None:
            if self._running is not None:
                with task("Validating", total=sum(j.size for j in self._running.jobs) or None) as advance:
                    def finished(job: Job, found: list[Finding]) -> None:
                        self.plan.done(job, found)
                        advance(job.size)
                    self._running.wait(finished)
            self._cache.save(self.plan.results)
            findings = (f for found in self.plan.results.values() for f in found)
            self._report = ValidationReport.collect(findings, shapes_hash=self._shapes_hash)
        return self._report


def start_validation(paths: Iterable[Path], shapes: Graph, *, cache: ValidationCache | None = None,
                     pool: WorkerPool | None = None, parsed: Mapping[Path, ParsedFile] | None = None,
                     tuning: Tuning | None = None, files: Files | None = None) -> Validation:
    """Work out what needs validating and start it (in the pool's workers when it is big);
    ``.report()`` waits for the jobs and returns the report. ``files``: the files as a caller
    has read them (see plan.Files), instead of ``paths`` and ``parsed``."""
    files = files or Files(paths, parsed or {})
    with collector_paused():  # planning allocates much (summaries, units) and frees little
        return _start_validation(files, shapes, cache, pool, tuning or Tuning())


def _start_validation(files: Files, shapes: Graph, cache: ValidationCache | None, pool: WorkerPool | None,
                      tuning: Tuning) -> Validation:
    cache = cache or ValidationCache(None)
    shapes_hash = shapes_digest(shapes)
    engine = _engine()
    salt = digest(engine, shapes_hash)
    scope = cache.scope(shapes_hash)
    if scope is None:
        scope = analyse_shapes(shapes)
        cache.put_scope(shapes_hash, scope)
    remembered = cache.results()
    shapes_nt = serialize_triples([triple_to_oxigraph(t) for t in shapes])
    if scope.partitionable:
        workers = pool.workers if pool is not None else 1
        found = summaries(files, scope, cache, engine)
        plan = Plan()
        # the global shapes' jobs start first: the workers would otherwise wait for the units' plan
        running = start_jobs(plan_global(plan, found, scope, salt, remembered), shapes_nt, pool, tuning.parallel_at)
        running.add(plan_units(plan, files, found, scope, salt, remembered, cache, workers, tuning.split_at))
    else:
        plan = plan_whole(files, salt, remembered)
        running = start_jobs(plan.jobs, shapes_nt, pool, tuning.parallel_at)
    plan.stats.jobs = len(plan.jobs)
    plan.stats.parallel = bool(running.futures)
    return Validation(plan, running if plan.jobs else None, cache, shapes_hash)


def _engine() -> str:
    versions = (f"{name} {importlib.metadata.version(name)}" for name in ("pyshacl", "rdflib", "pyoxigraph"))
    return FORMAT + "|" + "|".join(versions)

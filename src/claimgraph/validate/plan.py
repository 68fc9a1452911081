"""Planning a validation: summarise the files (remembered per content), cut the graph into units,
look up what is remembered, and prepare jobs for the rest: each a graph in N-Triples and the
top-level shapes to check on it (see ``incremental`` for why the results equal one run)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model.load import ParsedFile, content_digest, parse_file, read_bytes
from ..progress import task
from .cache import ValidationCache
from .jobs import Job, ntriples, serialize_triples
from .report import Finding
from .scope import Scope
from .summary import TARGETING, FileSummary, digest, element, node_key, summarise
from .units import Partition, Unit, partition


class Files:
    """The files of one run: content read once, parsed only when the statements are needed and
    not in the cache's index."""

    def __init__(self, paths: Iterable[Path], parsed: Mapping[Path, ParsedFile] | None = None, *,
                 keep_parsed: bool = False) -> None:
        self.paths = list(paths)
        self.keep_parsed = keep_parsed  # someone will want the statements after planning
        self._parsed = dict(parsed or {})
        self._data: dict[Path, bytes] = {}
        self._digests: dict[Path, str] = {}

    def is_parsed(self, path: Path) -> bool:
        return path in self._parsed

    def digest(self, path: Path) -> str:
        found = self._digests.get(path)
        if found is None:
            parsed = self._parsed.get(path)
            found = self._digests[path] = parsed.digest if parsed else content_digest(self.data(path))
        return found

    def data(self, path: Path) -> bytes:
        """The file's content as first read: whoever parses it later (a release step, say)
        parses the bytes that were validated. (Kept rather than the parsed statements, which
        take several times the memory.)"""
        data = self._data.get(path)
        if data is None:
            data = self._data[path] = read_bytes(path)
        return data

    def parsed(self, path: Path) -> ParsedFile:
        found = self._parsed.get(path)
        if found is None:
            found = self._parsed[path] = parse_file(path, self.data(path))
        return found


@dataclass
class Stats:
    """What a validation did: units and global shapes in all, and how many were validated."""

    units: int = 0
    units_validated: int = 0
    global_shapes: int = 0
    global_validated: int = 0
    jobs: int = 0
    parallel: bool = False


@dataclass
class UnitBatch:
    """What a local job is run for: these units, whose findings it sorts out by focus node."""

    indexes: set[int]
    units: list[Unit]
    unit_of: dict[str, int]


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    results: dict[bytes, tuple[Finding, ...]] = field(default_factory=dict)  # result key -> findings
    stats: Stats = field(default_factory=Stats)

    def done(self, job: Job, found: list[Finding]) -> None:
        """Record a finished job's findings under the keys it was run for."""
        if isinstance(job.accept, bytes):
            self.results[job.accept] = tuple(found)
            return
        batch: UnitBatch = job.accept
        by_unit: dict[int, list[Finding]] = defaultdict(list)
        for f in found:
            u = batch.unit_of.get(element(f.focus), batch.unit_of.get("_:" + f.focus))
            if u in batch.indexes:
                by_unit[u].append(f)
        for u in batch.indexes:
            self.results[batch.units[u].key] = tuple(by_unit.get(u, ()))


@dataclass(frozen=True)
class Summarised:
    path: Path
    key: str  # of the summary and the index in the cache
    summary: FileSummary
    index: dict[str, str] | None = field(default=None, repr=False, compare=False)  # if made in this run


def summaries(files: Files, scope: Scope, cache: ValidationCache, engine: str) -> list[Summarised]:
    out = []
    with task("Reading files", total=len(files.paths)) as advance:
        for path in files.paths:
            key = digest(engine, files.digest(path), scope.digest).hex()
            summary, index = cache.summary(key), None
            if summary is None:  # the jobs take the statements from the index: keep them only if asked
                parsed = (files.parsed(path) if files.keep_parsed or files.is_parsed(path)
                          else parse_file(path, files.data(path)))
                summary, index = summarise(parsed, scope)
                cache.put_summary(key, summary, index)
            out.append(Summarised(path, key, summary, index))
            advance()
    return out


def plan_whole(files: Files, salt: bytes, remembered: dict) -> Plan:
    """One job over every statement with every shape, remembered by the content of all files."""
    plan = Plan()
    key = digest(salt, b"whole", *sorted(files.digest(p) for p in files.paths))
    if key in remembered:
        plan.results[key] = remembered[key]
    else:
        triples = [t for path in files.paths for t in files.parsed(path).triples]
        plan.jobs.append(Job("whole graph", serialize_triples(triples), len(triples), None, key))
    return plan


def plan_global(plan: Plan, summaries: list[Summarised], scope: Scope, salt: bytes, remembered: dict) -> list[Job]:
    """The global shapes, each on its projection (which the summaries hold): the jobs to run."""
    jobs = []
    plan.stats.global_shapes = len(scope.global_shapes)
    for i, shape in enumerate(scope.global_shapes):
        # the files' projections as a whole: the same digests, the same union of lines
        key = digest(salt, b"global", shape.iri, *sorted(s.summary.projection_digests[i] for s in summaries))
        if key in remembered:
            plan.results[key] = remembered[key]
        else:
            plan.stats.global_validated += 1
            lines = sorted(set().union(*(s.summary.projections[i] for s in summaries)))
            jobs.append(Job(f"global {shape.iri}", ntriples(lines), len(lines), (shape.iri,), key))
    plan.jobs.extend(jobs)
    return jobs


def plan_units(plan: Plan, files: Files, summaries: list[Summarised], scope: Scope, salt: bytes, remembered: dict,
               cache: ValidationCache, workers: int, split_at: int) -> list[Job]:
    """The local shapes on the units (see ``units``): the stale units' jobs to run."""
    part = partition((s.summary for s in summaries), salt, scope.target_nodes)
    stale = [i for i, unit in enumerate(part.units) if unit.key not in remembered]
    plan.results.update((u.key, remembered[u.key]) for u in part.units if u.key in remembered)
    plan.stats.units = len(part.units)
    jobs = []
    if stale and scope.local_shapes:
        plan.stats.units_validated = len(stale)
        jobs = _local_jobs(part, stale, files, summaries, cache, scope, workers, split_at)
    plan.jobs.extend(jobs)
    return jobs


def _local_jobs(part: Partition, stale: list[int], files: Files, summaries: list[Summarised],
                cache: ValidationCache, scope: Scope, workers: int, split_at: int) -> list[Job]:
    """Stale units in balanced batches (shared units with the first), each with its closure."""
    is_shared = lambda i: part.units[i].members[0] in part.shared  # noqa: E731
    size = lambda i: part.units[i].size  # noqa: E731
    components = [i for i in stale if not is_shared(i)]
    shared = [i for i in stale if is_shared(i)]
    n = max(1, min(workers, len(components))) if sum(map(size, components)) >= split_at else 1
    batches = balance(components, size, n)
    if n > 1 and shared:
        # the shared units go with the first batch, and the others borrow much of them (their
        # closure): what the last batch borrows is measured (0.2 s at 1M statements) and the
        # first batch starts with the rest of the shared units' weight
        borrowed = part.closure(m for i in batches[-1] for m in part.units[i].members)
        extra = sum(size(i) for i in shared if borrowed.isdisjoint(part.units[i].members))
        batches = balance(components, size, n, extra)
    batches[0].extend(shared)

    membership: dict[str, list[int]] = defaultdict(list)
    for k, batch in enumerate(batches):
        for elem in part.closure(m for i in batch for m in part.units[i].members):
            membership[elem].append(k)
    data: list[list[bytes]] = [[] for _ in batches]
    sizes = [0] * len(batches)
    for entry in summaries:
        if membership.keys().isdisjoint(entry.summary.elements.keys()):
            continue
        index = entry.index
        if index is None and not files.is_parsed(entry.path):
            index = cache.index(entry.key)
        if index is not None:  # joining an element's lines costs less than selecting statements
            _from_index(index, membership, entry.summary, data, sizes)
        else:
            _from_statements(files.parsed(entry.path).triples, membership, data, sizes)
    jobs = []
    for k, batch in enumerate(batches):
        targeted = [part.units[i].members[0] for i in batch if part.units[i].members[0] in part.targeted]
        data[k].append(ntriples(f"{TARGETING} <{p}> {_nt(node)}"
                                for node in targeted for p in sorted(part.targeted[node])))
        jobs.append(Job(f"units {k}", b"".join(data[k]), sizes[k], scope.local_shapes,
                        UnitBatch(set(batch), part.units, part.unit_of)))
        data[k] = []
    return jobs


def balance(components: list[int], size: Callable[[int], int], n: int, head_start: int = 0) -> list[list[int]]:
    """``n`` batches of about the same size: the components, largest first, each into the
    lightest batch, the first batch starting ``head_start`` statements heavier (what it will
    carry besides). Which batch a unit is validated in does not change its results, only when
    the slowest batch ends: at 1M statements, the first batch's shared units that no other
    batch borrows made it 13% larger than the second."""
    batches: list[list[int]] = [[] for _ in range(n)]
    weights = [0] * n
    weights[0] = head_start
    for i in sorted(components, key=lambda i: (-size(i), i)):
        k = weights.index(min(weights))
        batches[k].append(i)
        weights[k] += size(i)
    return batches


def _from_index(index: dict[str, str], membership: dict[str, list[int]], summary: FileSummary,
                data: list[list[bytes]], sizes: list[int]) -> None:
    lines: list[list[str]] = [[] for _ in data]
    for elem, text in index.items():
        for k in membership.get(elem, ()):
            lines[k].append(text)
            sizes[k] += summary.elements[elem][1]
    for k, texts in enumerate(lines):
        if texts:  # each text: N-Triples lines without their final " ." (literals escape newlines)
            data[k].append("".join(t.replace("\n", " .\n") + " .\n" for t in texts).encode("utf-8"))


def _from_statements(triples: list, membership: dict[str, list[int]], data: list[list[bytes]],
                     sizes: list[int]) -> None:
    selected: list[list] = [[] for _ in data]
    elements: dict[str, str] = {}
    for triple in triples:
        key = node_key(triple.subject)
        elem = elements.get(key)
        if elem is None:
            elem = elements[key] = element(key)
        for k in membership.get(elem, ()):
            selected[k].append(triple)
    for k, chosen in enumerate(selected):
        if chosen:
            data[k].append(serialize_triples(chosen))
            sizes[k] += len(chosen)


def _nt(node: str) -> str:
    return node if node.startswith("_:") else f"<{node}>"

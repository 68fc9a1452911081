"""`claimgraph build`, the main job: load ontology and data, validate, and write a release.

A release directory holds the dumps (Turtle, N-Triples, JSON-LD with its context), the DCAT/VoID
description, the validation report, and whatever the later pipeline stages contribute (the
argument analysis, the explorer page, the static site). It is assembled in a staging directory
and moved into place only when everything succeeded: no half-written release, ever.

The work is split so that both cores stay busy: with worker processes (large inputs), one worker
parses the files and writes the dumps and the release statistics while this process plans the
validation (see validate.incremental: remembered per unit, the rest in the workers) and the other
worker starts on its first jobs; without, this process does it all, in that order. Dumps made
from a file that changed meanwhile are refused; here, the files are read once and parsed from
those (validated) bytes only as far as planning or a later step needs them. The rdflib graph is
built once, when a step first asks for ``ctx.graph``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from .. import __version__
from ..collector import collector_paused
from ..errors import FindingsError, InputError
from ..model.load import ParsedFile, expand_paths, graph_from_files, load_shapes, parse_file, project_paths
from ..model.project import Project, find_project
from ..progress import task
from ..validate import Files, ValidationCache, ValidationReport, start_validation, worker_pool
from .describe import ReleaseStatistics, describe_release
from .export import FORMATS, SortedTriples, fast_writer, jsonld_context, serialize
from .files import staged_directory

DUMP_NAME = "claimgraph"
DUMP_FORMATS = ("turtle", "nt", "jsonld")


class ReleaseContext:
    """What release steps see: the validated graph, and the files written so far.

    ``parsed`` is the parsed files, or a function giving them when first needed; ``graph`` is
    built from them on first use (steps that only need the dumps never pay for an rdflib
    graph); ``dump(fmt)`` serialises once per format."""

    def __init__(self, project: Project | None, graph: Graph | None, report: ValidationReport | None,
                 version: str, out: Path, files: dict[str, tuple[bytes, str]] | None = None, *,
                 parsed: list[ParsedFile] | Callable[[], list[ParsedFile]] | None = None) -> None:
        self.project = project
        self._graph = graph
        self._parse = parsed if callable(parsed) else None
        self._parsed_files = None if callable(parsed) else (parsed or [])
        self.report = report
        self.version = version
        self.out = out  # the staging directory while steps run
        self.files: dict[str, tuple[bytes, str]] = files if files is not None else {}
        self._dumps: dict[str, bytes] = {}
        self._sorted_triples: SortedTriples | None = None
        self._size: int | None = None
        self._statistics: ReleaseStatistics | None = None

    @property
    def _parsed(self) -> list[ParsedFile]:
        if self._parsed_files is None:
            with collector_paused():  # allocates much, frees little
                self._parsed_files = self._parse()
        return self._parsed_files

    def _has_files(self) -> bool:
        return self._parse is not None or bool(self._parsed_files)

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            with task("Building the rdflib graph"):
                self._graph = graph_from_files(self._parsed)
        return self._graph

    @property
    def size(self) -> int:
        """Statements in the release (duplicates across files counted once)."""
        if self._graph is not None:
            return len(self._graph)
        if self._size is None:
            self._size = len(self._sorted())
        return self._size

    def statistics(self) -> ReleaseStatistics:
        """What the release description counts: from ``graph`` if a step has built it, otherwise
        from the sorted, distinct parsed statements, without building an rdflib graph (~25 s
        and 1.3 GB per million statements)."""
        if self._graph is not None or not self._has_files():
            return ReleaseStatistics.of_graph(self.graph)
        if self._statistics is None:
            self._statistics = ReleaseStatistics.of_triples(self._sorted().triples)
        return self._statistics

    def _statement_count(self) -> int:
        return sum(len(p.triples) for p in self._parsed) if self._graph is None else len(self._graph)

    def _sorted(self) -> SortedTriples:
        if self._sorted_triples is None:
            self._sorted_triples = SortedTriples(t for p in self._parsed for t in p.triples)
            self._size = len(self._sorted_triples)
        return self._sorted_triples

    def adopt_dumps(self, prepared: PreparedDumps, validated: Callable[[Path], str]) -> None:
        """Take the dumps and statistics a worker prepared from the same files, if they are the
        same: ``validated(path)`` is the digest of the content that was validated."""
        dumps, statistics, digests = prepared
        changed = sorted(str(path) for path, digest in digests.items() if digest != validated(path))
        if changed:
            raise InputError(f"{changed[0]} changed while the release was being built; build again",
                             path=changed[0])
        self._dumps.update(dumps)
        if self._graph is None and self._has_files():
            self._statistics = statistics

    def prepare_dumps(self, formats=DUMP_FORMATS) -> None:
        """Serialise the dumps and count the release statistics now (e.g. while workers
        validate), then free the sorted copy of the statements they were made from (sorting
        again later would cost ~5 s per million statements)."""
        for fmt in formats:
            self.dump(fmt)
        if self._graph is None and self._has_files():
            self.statistics()
        self._sorted_triples = None

    def dump(self, fmt: str) -> bytes:
        """The graph in one of FORMATS (see publish.export: rdflib up to RDFLIB_LIMIT statements,
        pyoxigraph above), serialised once."""
        if fmt not in self._dumps:
            with task(f"Writing {fmt}"):
                if self._graph is None and self._has_files() and fast_writer(self._statement_count(), fmt):
                    self._dumps[fmt] = self._sorted().serialize(fmt)
                else:
                    self._dumps[fmt] = serialize(self.graph, fmt)
        return self._dumps[fmt]

    def write(self, name: str, payload: bytes | str, media_type: str) -> None:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files[name] = (data, media_type)


ReleaseStep = Callable[[ReleaseContext], None]

#: dumps by format, the release statistics, and the digest of each file they were made from
PreparedDumps = tuple[dict[str, bytes], ReleaseStatistics | None, dict[Path, str]]


def prepare_dumps_of(paths: list[Path], formats=DUMP_FORMATS) -> PreparedDumps:
    """The dumps and statistics of the files, made as ``ReleaseContext.prepare_dumps`` makes
    them (the same parser, the same code), and the digests of the contents they were made from:
    run in a worker process while the main one plans the validation."""
    with collector_paused():
        parsed = [parse_file(path) for path in paths]
        ctx = ReleaseContext(None, None, None, "", Path("."), parsed=parsed)
        ctx.prepare_dumps(formats)
    return ctx._dumps, ctx._statistics, {p.path: p.digest for p in parsed}


def write_dumps(ctx: ReleaseContext) -> None:
    for fmt in DUMP_FORMATS:
        suffix, media_type = FORMATS[fmt]
        ctx.write(DUMP_NAME + suffix, ctx.dump(fmt), media_type)
    ctx.write("context.jsonld", json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n",
              "application/ld+json")


def write_validation_report(ctx: ReleaseContext) -> None:
    ctx.write("validation-report.json", ctx.report.to_json(), "application/json")
    ctx.write("validation-report.txt", ctx.report.to_text(), "text/plain")


def default_steps() -> list[ReleaseStep]:
    """The release steps in order; later stages of the pipeline add theirs here."""
    from ..analyse.steps import write_analysis
    from ..present.explorer import write_explorer
    from ..present.site import write_site_step

    steps: list[ReleaseStep] = [write_dumps, write_validation_report, write_analysis, write_explorer,
                                write_site_step]
    return steps


def build(out: str | Path = "release", *, project: Project | None = None, version: str | None = None,
          steps: list[ReleaseStep] | None = None, report_only: bool = False, use_cache: bool = True,
          workers: int | None = None) -> ReleaseContext:
    """Build a release into ``out``. Raises FindingsError (nothing written) when the data does
    not conform; the report is attached to the exception as ``.report``. ``use_cache`` False
    validates everything again (the results are remembered afterwards either way)."""
    project = project or find_project()
    steps = steps if steps is not None else default_steps()
    paths = expand_paths(project_paths(project))
    with worker_pool(paths, workers) as pool:  # before loading: the workers stay small
        # with workers, one of them parses the files and writes the dumps while this process
        # plans the validation (otherwise the workers would wait for it)
        dumps = pool.submit(prepare_dumps_of, paths) if write_dumps in steps else None
        # read once: any later parse here reads the bytes that are validated; the statements
        # parsed for planning are kept if this process will want them again (no parse twice)
        later = any(step not in (write_dumps, write_validation_report) for step in steps)
        files = Files(paths, keep_parsed=later or (write_dumps in steps and dumps is None))
        validation = start_validation(paths, load_shapes(project), pool=pool, files=files,
                                      cache=ValidationCache.for_project(project.root, read=use_cache))
        ctx = ReleaseContext(project, None, None, version or __version__, Path(out),
                             parsed=lambda: [files.parsed(path) for path in paths])
        if dumps is not None:
            ctx.adopt_dumps(dumps.result(), files.digest)
        elif write_dumps in steps:
            ctx.prepare_dumps()
        report = validation.report()
    if not report.conforms:
        err = FindingsError(f"the data does not conform: {len(report.violations)} violation(s); no release written")
        err.report = report  # type: ignore[attr-defined]
        raise err
    ctx.report = report
    with staged_directory(out) as staging:
        ctx.out = staging
        for step in steps:
            step(ctx)
        description = describe_release(ctx.statistics(), ctx.version, ctx.files)
        ctx.write("void.ttl", serialize(description, "turtle"), "text/turtle")
    ctx.out = Path(out)
    return ctx

"""`claimgraph build`, the main job: load ontology and data, validate, and write a release.

A release directory holds the dumps (Turtle, N-Triples, JSON-LD with its context), the DCAT/VoID
description, the validation report, and whatever the later pipeline stages contribute (the
argument analysis, the explorer page, the static site). It is assembled in a staging directory
and moved into place only when everything succeeded: no half-written release, ever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .. import __version__
from ..errors import FindingsError
from ..model.load import load_project, load_shapes
from ..model.project import Project, find_project
from ..validate import ValidationReport, validate
from .describe import describe_release
from .export import FORMATS, jsonld_context, serialize
from .files import staged_directory

import json

DUMP_NAME = "claimgraph"


@dataclass
class ReleaseContext:
    """What release steps see: the validated graph, and the files written so far."""

    project: Project
    graph: Graph
    report: ValidationReport
    version: str
    out: Path  # the staging directory
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def write(self, name: str, payload: bytes | str, media_type: str) -> None:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files[name] = (data, media_type)


ReleaseStep = Callable[[ReleaseContext], None]


def write_dumps(ctx: ReleaseContext) -> None:
    for fmt in ("turtle", "nt", "jsonld"):
        suffix, media_type = FORMATS[fmt]
        ctx.write(DUMP_NAME + suffix, serialize(ctx.graph, fmt), media_type)
    ctx.write("context.jsonld", json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n",
              "application/ld+json")


def write_validation_report(ctx: ReleaseContext) -> None:
    ctx.write("validation-report.json", ctx.report.to_json(), "application/json")
    ctx.write("validation-report.txt", ctx.report.to_text(), "text/plain")


def default_steps() -> list[ReleaseStep]:
    """The release steps in order; later stages of the pipeline add theirs here."""
    steps: list[ReleaseStep] = [write_dumps, write_validation_report]
    return steps


def build(out: str | Path = "release", *, project: Project | None = None, version: str | None = None,
          steps: list[ReleaseStep] | None = None, report_only: bool = False) -> ReleaseContext:
    """Build a release into ``out``. Raises FindingsError (nothing written) when the data does
    not conform; the report is attached to the exception as ``.report``."""
    project = project or find_project()
    graph = load_project(project)
    report = validate(graph, load_shapes(project))
    if not report.conforms:
        err = FindingsError(f"the data does not conform: {len(report.violations)} violation(s); no release written")
        err.report = report  # type: ignore[attr-defined]
        raise err
    version = version or __version__
    with staged_directory(out) as staging:
        ctx = ReleaseContext(project, graph, report, version, staging)
        for step in steps if steps is not None else default_steps():
            step(ctx)
        description = describe_release(graph, version, ctx.files)
        ctx.write("void.ttl", serialize(description, "turtle"), "text/turtle")
    ctx.out = Path(out)
    return ctx

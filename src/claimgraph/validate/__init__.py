"""Validation: SHACL shapes (including the source database's methodology rules) -> a typed report.

``validate(graph, shapes)`` runs pyshacl once over an rdflib graph; ``validate_files(paths,
shapes, cache=...)`` validates files partitioned, in parallel and incrementally, with the same
report (see ``incremental``)."""

from __future__ import annotations

from rdflib import Graph

from .cache import ValidationCache
from .incremental import Tuning, Validation, run_validation, start_validation, validate_files, worker_pool
from .jobs import WorkerPool
from .plan import Files, Stats
from .report import Finding, Severity, ValidationReport
from .shacl import run_shacl, shapes_digest


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate a data graph (ontology and vocabularies included) against the shapes."""
    shapes_hash = shapes_digest(shapes)
    return ValidationReport.collect(run_shacl(data, shapes), shapes_hash=shapes_hash)


__all__ = ["Files", "Finding", "Severity", "Stats", "Tuning", "Validation", "ValidationCache", "ValidationReport",
           "WorkerPool", "run_validation", "start_validation", "validate", "validate_files", "worker_pool"]

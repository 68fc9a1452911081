"""Validation: SHACL shapes (including the source database's methodology rules) -> a typed report."""

from __future__ import annotations

from rdflib import Graph

from .report import Finding, Severity, ValidationReport
from .shacl import run_shacl, shapes_digest


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate a data graph (ontology and vocabularies included) against the shapes."""
    return ValidationReport.collect(run_shacl(data, shapes), shapes_hash=shapes_digest(shapes))


__all__ = ["Finding", "Severity", "ValidationReport", "validate"]

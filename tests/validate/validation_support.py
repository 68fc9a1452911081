"""Helpers for the validation tests (importable by name, unlike conftest modules): editing a
project's files, and the reference: the whole graph validated in one pyshacl run. Generated
projects come from ``support.generate_project``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from claimgraph.model.load import load_project, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate import ValidationReport, validate

ENTRY = "https://w3id.org/claimgraph/id/entry/"
CG = "https://w3id.org/claimgraph/ontology#"


def one_run(root: Path) -> ValidationReport:
    """The reference: the whole graph in one pyshacl run."""
    project = find_project(root)
    return validate(load_project(project), load_shapes(project))


def statements(path: Path) -> list:
    return [q.triple for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)]


def rewrite(path: Path, triples) -> None:
    """Write statements back as N-Triples (which is Turtle), keeping the file name."""
    path.write_bytes(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES))


def edit(path: Path, *, drop=lambda t: False, add=()) -> None:
    rewrite(path, [t for t in statements(path) if not drop(t)] + list(add))


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def entry_file(root: Path) -> Path:
    return sorted((root / "data" / "entries").glob("*.ttl"))[0]

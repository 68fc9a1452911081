"""Helpers for the validation tests (importable by name, unlike conftest modules): a small
synthetic project from benchmarks/generate.py, editing its files, and the reference: the whole
graph validated in one pyshacl run."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

from claimgraph.model.load import load_project, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate import ValidationReport, validate

ENTRY = "https://w3id.org/claimgraph/id/entry/"
CG = "https://w3id.org/claimgraph/ontology#"


def generate(root: Path, out: Path, entries: int, violating: float = 0.0, seed: int = 3) -> Path:
    """A claimgraph project at ``out``: the real ontology and data from benchmarks/generate.py."""
    name = "claimgraph_benchmarks_generate"
    generator = sys.modules.get(name)
    if generator is None:
        spec = importlib.util.spec_from_file_location(name, root / "benchmarks" / "generate.py")
        generator = sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generator)
    shutil.copytree(root / "ontology", out / "ontology")
    generator.generate(entries, out / "data", seed=seed, violating_fraction=violating, root=root)
    (out / "data" / "manifest.json").unlink()
    return out


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

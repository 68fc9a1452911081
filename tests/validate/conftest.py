"""A small synthetic project (benchmarks/generate.py) to edit, and helpers to edit it and to
validate it in one pyshacl run, the reference every other way of validating must match."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.model.load import load_project, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate import ValidationReport, validate

ENTRY = "https://w3id.org/claimgraph/id/entry/"
SOURCE = "https://w3id.org/claimgraph/id/source/"
CG = "https://w3id.org/claimgraph/ontology#"


def generate(root: Path, out: Path, entries: int, violating: float = 0.0) -> Path:
    """A claimgraph project at ``out``: the real ontology and generated data."""
    shutil.copytree(root / "ontology", out / "ontology")
    subprocess.run([sys.executable, str(root / "benchmarks" / "generate.py"), "--entries", str(entries),
                    "--violating-fraction", str(violating), "--out", str(out / "data"), "--seed", "3"],
                   check=True, capture_output=True)
    (out / "data" / "manifest.json").unlink()
    return out


@pytest.fixture(scope="session")
def synthetic_template(root, tmp_path_factory) -> Path:
    return generate(root, tmp_path_factory.mktemp("synthetic") / "proj", entries=24, violating=0.1)


@pytest.fixture
def synthetic(synthetic_template, tmp_path) -> Path:
    """A fresh copy of the synthetic project, free to edit."""
    return Path(shutil.copytree(synthetic_template, tmp_path / "proj"))


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

"""Where a claimgraph project keeps its files: ontology/, data/, queries/.

The project root is found from an explicit path, the CLAIMGRAPH_ROOT environment variable, the
current directory or one of its parents, or finally the source checkout this package runs from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import MissingFileError


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    def ontology_files(self) -> list[Path]:
        """The ontology and vocabularies (everything in ontology/ except the shapes)."""
        return sorted(p for p in self.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")

    def data_files(self) -> list[Path]:
        return sorted(self.data_dir.rglob("*.ttl"))


def _is_root(path: Path) -> bool:
    return (path / "ontology" / "shapes.ttl").is_file()


def find_project(root: str | os.PathLike | None = None) -> Project:
    if root is not None:
        path = Path(root).resolve()
        if not _is_root(path):
            raise MissingFileError(f"not a claimgraph project (no ontology/shapes.ttl): {path}")
        return Project(path)
    env = os.environ.get("CLAIMGRAPH_ROOT")
    if env:
        return find_project(env)
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _is_root(candidate):
            return Project(candidate)
    checkout = Path(__file__).resolve().parents[3]
    if _is_root(checkout):
        return Project(checkout)
    raise MissingFileError("no claimgraph project found: run inside one or set CLAIMGRAPH_ROOT")

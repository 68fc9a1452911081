"""The validation cache directory (``.claimgraph-cache/validation`` in the project root).

Everything in it is content-addressed: file summaries and statement indexes by the file's content
and the shape scope, results by unit keys (see ``units``). A stale, missing or corrupt entry is
only a cache miss; concurrent runs may each lose the other's additions, never get wrong answers.
Only the entries used by the latest run are kept, so the directory does not grow without bound
(validating a subset of the files forgets the rest).
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..publish.files import write_atomic
from .scope import Scope
from .summary import FileSummary

CACHE_DIR = ".claimgraph-cache"


class ValidationCache:
    """``directory`` None: a cache that remembers nothing. ``read`` False: results are
    recomputed (and then remembered) whatever is stored."""

    def __init__(self, directory: Path | None, *, read: bool = True) -> None:
        self.directory = directory
        self.read = read and directory is not None
        self._used_summaries: set[str] = set()

    @classmethod
    def for_project(cls, root: Path, *, read: bool = True) -> ValidationCache:
        return cls(root / CACHE_DIR / "validation", read=read)

    def _load(self, path: Path):
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - missing, truncated or from another version: a miss
            return None

    def _store(self, path: Path, value) -> None:
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def scope(self, key: str) -> Scope | None:
        if not self.read:
            return None
        value = self._load(self.directory / f"scope-{key}.pickle")
        return value if isinstance(value, Scope) else None

    def put_scope(self, key: str, scope: Scope) -> None:
        if self.directory is not None:
            self._store(self.directory / f"scope-{key}.pickle", scope)

    def summary(self, key: str) -> FileSummary | None:
        self._used_summaries.add(key)
        if not self.read:
            return None
        value = self._load(self.directory / "files" / f"{key}.summary.pickle")
        return value if isinstance(value, FileSummary) else None

    def put_summary(self, key: str, summary: FileSummary, index: dict[str, str]) -> None:
        """Remember a file's summary and its statements by element (see summary.summarise)."""
        self._used_summaries.add(key)
        if self.directory is not None:
            self._store(self.directory / "files" / f"{key}.summary.pickle", summary)
            self._store(self.directory / "files" / f"{key}.index.pickle", index)

    def index(self, key: str) -> dict[str, str] | None:
        value = self._load(self.directory / "files" / f"{key}.index.pickle") if self.directory else None
        return value if isinstance(value, dict) else None

    def results(self) -> dict[bytes, tuple]:
        if not self.read:
            return {}
        value = self._load(self.directory / "results.pickle")
        return value if isinstance(value, dict) else {}

    def save(self, results: dict[bytes, tuple]) -> None:
        """Remember these results (and forget the others), and drop unused file summaries."""
        if self.directory is None:
            return
        self._store(self.directory / "results.pickle", results)
        files = self.directory / "files"
        if files.is_dir():
            for path in files.glob("*.pickle"):
                if path.name.split(".", 1)[0] not in self._used_summaries:
                    path.unlink(missing_ok=True)

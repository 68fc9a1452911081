"""Small helpers shared by command modules: writing output to a file or stdout, shortening IRIs."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.terms import shorten  # noqa: F401 - re-exported for command modules
from ..publish.files import write_atomic


def emit(payload: bytes | str, out: str | None) -> None:
    """Write to ``out`` atomically, or to stdout when ``out`` is None or '-'."""
    if out and out != "-":
        write_atomic(Path(out), payload)
        return
    if isinstance(payload, bytes):
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(payload)
        sys.stdout.flush()

"""Small helpers shared by command modules: writing output to a file or stdout, shortening IRIs."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.terms import PREFIXES
from ..publish.files import write_atomic


def shorten(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


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

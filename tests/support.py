"""Shared constants and helpers for tests (importable as ``support``; conftest modules are not
unique names, so tests import from here, never from ``conftest``)."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_executable() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's chromium is required for browser tests; scripts/test.sh installs it")
    return path


def benchmark_module(stem: str):
    """benchmarks/STEM.py, imported once, by path (benchmarks/ is not a package); registered in
    ``sys.modules`` before it runs, as dataclasses require."""
    name = f"claimgraph_benchmarks_{stem}"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{stem}.py")
        module = sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def generate_project(out: Path, entries: int, violating: float = 0.0, seed: int = 3) -> Path:
    """A claimgraph project at ``out``: the real ontology and data from benchmarks/generate.py."""
    generator = benchmark_module("generate")
    shutil.copytree(ROOT / "ontology", out / "ontology")
    generator.generate(entries, out / "data", seed=seed, violating_fraction=violating, root=ROOT)
    (out / "data" / "manifest.json").unlink()
    return out

"""Shared fixtures: the project, a free loopback port, Chromium for browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CHROMIUM_ARGS, FIXTURES, ROOT, SHARED_REFERENCE, chromium_executable, free_port  # noqa: F401


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def project_graph():
    """The bundled ontology + data, loaded once (do not mutate; copy first)."""
    from claimgraph import api
    return api.load(root=ROOT)



@pytest.fixture
def port() -> int:
    return free_port()



@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright; never downloads a browser."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield b
        b.close()

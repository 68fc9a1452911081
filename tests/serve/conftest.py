"""Fixtures of the serve tests: servers started once per session (see serve_support)."""

from __future__ import annotations

import pytest

from serve_support import FIXTURES, start_server, stop_server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The bundled data, with a 1 s query timeout and a 2000-result cap (tests use both)."""
    srv = start_server(tmp_path_factory.mktemp("serve"), "--timeout", "1", "--max-results", "2000")
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def xss_server(tmp_path_factory):
    """The XSS fixtures (the explorer's, tests/fixtures/xss, and the pages', xss-pages)."""
    srv = start_server(tmp_path_factory.mktemp("serve-xss"), "--data", str(FIXTURES / "xss"),
                       "--data", str(FIXTURES / "xss-pages"))
    yield srv
    stop_server(srv)

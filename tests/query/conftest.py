"""Stores loaded with the query fixture (tests/fixtures/query/data), one per engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import api
from claimgraph.query import load_queries

QUERY_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "query"
FIXTURE_DATA = QUERY_FIXTURE / "data"
DRAFT_DATA = QUERY_FIXTURE / "draft"
ENGINES = ("memory", "oxigraph")


@pytest.fixture(scope="session")
def queries(root):
    return load_queries(root / "queries")


@pytest.fixture(scope="session")
def fixture_stores(root):
    stores = {spec: api.open_store(spec, [FIXTURE_DATA], root=root) for spec in ENGINES}
    yield stores
    for s in stores.values():
        s.close()


@pytest.fixture(scope="session")
def draft_stores(root):
    stores = {spec: api.open_store(spec, [FIXTURE_DATA, DRAFT_DATA], root=root) for spec in ENGINES}
    yield stores
    for s in stores.values():
        s.close()


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def run(fixture_stores, queries, engine):
    """run(name, **params) on the fixture data with the engine under test."""
    from claimgraph.query import run_query

    def _run(name: str, **params: str):
        return run_query(fixture_stores[engine], queries[name], params)
    return _run

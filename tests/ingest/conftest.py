"""Shared fixtures of the ingest tests: the import context of the bundled project, the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest.context import ImportContext
from claimgraph.ingest.importer import entry_id_for, import_text, read_page

from support import FIXTURES, SHARED_REFERENCE

PAGES = FIXTURES / "pages"
REAL_PAGE = SHARED_REFERENCE / "entry-unintended-subgoals.txt"

PREFIXES = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX entry: <https://w3id.org/claimgraph/id/entry/>
PREFIX person: <https://w3id.org/claimgraph/id/person/>
PREFIX organisation: <https://w3id.org/claimgraph/id/organisation/>
PREFIX etype: <https://w3id.org/claimgraph/vocab/entry-type/>
PREFIX evst: <https://w3id.org/claimgraph/vocab/evidence-status/>
PREFIX conf: <https://w3id.org/claimgraph/vocab/confidence/>
PREFIX category: <https://w3id.org/claimgraph/vocab/category/>
"""


def rows(graph, query: str) -> list[tuple]:
    return [tuple(r) for r in graph.query(PREFIXES + query)]


def values(graph, query: str) -> set[str]:
    return {str(r[0]) for r in rows(graph, query)}


@pytest.fixture(scope="session")
def context(project_graph) -> ImportContext:
    return ImportContext.from_graph(project_graph)


@pytest.fixture(scope="session")
def page_files() -> list[Path]:
    return sorted(PAGES.glob("*.txt"))


@pytest.fixture(scope="session")
def imported(context):
    """Import a fixture page by file name (cached)."""
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            path = PAGES / name
            cache[name] = import_text(read_page(path), entry_id_for(path), context, path=str(path))
        return cache[name]

    return get

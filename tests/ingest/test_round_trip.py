"""import -> render -> import gives an isomorphic graph, and the rendered page is the original
up to the documented normalisation (claimgraph.ingest.render)."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS

from claimgraph.ingest import normalise_page, render_page
from claimgraph.ingest.importer import import_text, read_page
from claimgraph.model.terms import CG, SCHEMA

from .conftest import PAGES

FIXTURES = sorted(p.name for p in PAGES.glob("*.txt"))


def assert_same_page(original: str, rendered: str, entry) -> None:
    a, b = normalise_page(original), normalise_page(rendered)
    assert a[:-1] == b[:-1]
    tags = {str(t) for t in entry.graph.objects(entry.iri, SCHEMA.keywords)}
    assert set(b[-1].split()) == tags  # the tag line, compared as a set of tags
    assert "".join(sorted(a[-1])) == "".join(sorted(b[-1].replace(" ", "")))


@pytest.mark.parametrize("name", FIXTURES)
def test_render_then_import_is_isomorphic(context, imported, name):
    first = imported(name)
    again = import_text(render_page(first.graph, first.iri), first.entry_id, context)
    assert isomorphic(first.graph, again.graph), set(to_isomorphic(first.graph)) ^ set(to_isomorphic(again.graph))


@pytest.mark.parametrize("name", FIXTURES)
def test_render_equals_the_original_page_after_normalisation(imported, name):
    entry = imported(name)
    assert_same_page(read_page(PAGES / name), render_page(entry.graph, entry.iri), entry)


def test_render_is_stable(imported):
    entry = imported("entry-lab-two-counterarguments.txt")
    assert render_page(entry.graph, entry.iri) == render_page(entry.graph, entry.iri)


def test_render_lays_out_like_the_real_page(imported):
    entry = imported("entry-lab-two-counterarguments.txt")
    text = render_page(entry.graph, entry.iri)
    assert text.startswith("← Back to Database\nCapability Specification Gaming\n\nReasoning Models Edit Game Files to Win\n\n"
                           "DEMONSTRATED (LAB) High Confidence\nAsked to beat")
    assert "\nVerified: 2 February 2026 · Last updated: 9 February 2026\n\nIn a 2025 evaluation" in text
    assert "\n\nSource: Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team\n\nResponse: The models" in text
    assert text.endswith("\n\nSources (3)\n\nchess reward-hacking specification-gaming\n")


def test_render_works_on_hand_written_entries_of_the_data(project_graph):
    """The renderer is shared with the entry web page: any entry of data/ renders."""
    for entry in sorted(project_graph.subjects(RDF.type, CG.Entry)):
        text = render_page(project_graph, entry)
        label = str(project_graph.value(entry, RDFS.label))
        assert label in text and text.endswith("\n")

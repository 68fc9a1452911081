"""Property-based: random page-like text never crashes the importer (only a clean InputError),
and whatever imports survives render -> import unchanged."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from claimgraph.errors import InputError
from claimgraph.ingest import render_page
from claimgraph.ingest.importer import import_text
from claimgraph.ingest.page import decode_page

from .conftest import PAGES

HEADER = [
    "← Back to Database", "Capability Specification Gaming", "Incident Regulation", "Governance Gap",
    "Landscape Evaluation & Oversight", "Capability", "AI Systems Pursue Unintended Sub-Goals Autonomously",
    "DEMONSTRATED (REAL-WORLD) ✓ Verified", "DEMONSTRATED (LAB) High Confidence", "PARTIALLY DEMONSTRATED Moderate",
    "APPROACHING Needs Update", "THEORETICAL", "✓ Verified", "Moderate", "MAYBE ✓ Verified",
    "Verified: 17 March 2026 · Last updated: 17 March 2026", "Verified: 31 February 2026", "Last updated: 1 Jan 2026",
]
BODY = [
    "The Mechanistic Debate", "The Escalation Path", "Update", "Counterarguments", "counterarguments",
    "The strongest objections to this entry, with sources.", "Source: Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team",
    "Source: Dana Fixture, Example Safety Institute", "Source:", "Source: (unclosed, x", "Source: arXiv 2512.24873",
    "Response:Turner himself now considers it more likely.", "Response:", "Response: twice.",
    "Sources (4)", "Sources", "Sources (0)", "instrumental-convergencespecification-gamingROMEautonomy",
    "In late 2025, the ROME agent (developed by Alibaba) mined cryptocurrency.", "A paragraph, ending well.",
    "Anthropic’s own research (MacDiarmid et al.) shows that reward hacking generalises.", "", "   ", "\t",
]
FIXTURE_LINES = sorted({line for p in PAGES.glob("*.txt") for line in p.read_text().splitlines()})
line = st.one_of(st.sampled_from(HEADER + BODY + FIXTURE_LINES),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
valid_start = st.sampled_from([
    "Capability Specification Gaming\nA Title\nDEMONSTRATED (LAB) Moderate\nA summary line.\n",
    "← Back to Database\nIncident Unsafe Autonomy\n\nSome Incident\n\nHigh Confidence\nSummary here.\n"
    "Verified: 2 May 2026 · Last updated: 3 May 2026\n",
    "",
])


@st.composite
def pages(draw) -> str:
    return draw(valid_start) + "\n".join(draw(st.lists(line, max_size=30)))


def imports(context, text: str):
    try:
        return import_text(text, "random", context, path="random.txt")
    except InputError as err:
        assert err.path == "random.txt" and err.line is not None and err.line >= 1
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=pages())
def test_random_pages_import_or_fail_cleanly(context, text):
    imports(context, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=pages())
def test_whatever_imports_round_trips(context, text):
    first = imports(context, text)
    if first is None:
        return
    again = import_text(render_page(first.graph, first.iri), "random", context)
    assert isomorphic(first.graph, again.graph)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_decode_or_fail_cleanly(data):
    try:
        decode_page(data, "junk.bin")
    except InputError as err:
        assert err.line is not None and err.line >= 1


@pytest.mark.parametrize("text", ["Capability\n" * 3, "Capability X\nTitle\n" + "x" * 5000,
                                  "Capability X\nT\nModerate\nS\nSources (1)\n" + "ab" * 3000])
def test_edge_cases_do_not_crash(context, text):
    imports(context, text)

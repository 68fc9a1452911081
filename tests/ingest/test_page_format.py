"""Parsing the page format: structure, variations and malformed pages."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.importer import read_page
from claimgraph.ingest.page import looks_like_heading, parse_page
from claimgraph.ingest.vocab import project_vocabulary

from .conftest import PAGES


def parse(name: str):
    return parse_page(read_page(PAGES / name), project_vocabulary(), str(PAGES / name))


def test_header_fields_with_their_lines():
    page = parse("entry-lab-two-counterarguments.txt")
    assert (page.entry_type.text, page.category.text) == ("Capability", "Specification Gaming")
    assert page.title.text == "Reasoning Models Edit Game Files to Win" and page.title.line == 4
    assert (page.status.text, page.confidence.text) == ("DEMONSTRATED (LAB)", "High Confidence")
    assert page.summary.line == 7
    assert str(page.verified[0]) == "2026-02-02" and str(page.modified[0]) == "2026-02-09"
    assert page.source_count == (3, 36)
    assert page.tags.text == "specification-gamingreward-hackingchess"


def test_lead_then_headed_sections_with_paragraphs():
    page = parse("entry-lab-two-counterarguments.txt")
    titles = [s.title.text if s.title else None for s in page.sections]
    assert titles == [None, "The Mechanistic Debate", "The Escalation Path"]
    assert [len(s.paragraphs) for s in page.sections] == [1, 2, 1]


def test_several_counterarguments_with_and_without_response():
    page = parse("entry-approaching-repeated-sections.txt")
    assert [c.source.text for c in page.counterarguments] == [
        "Dana Fixture (dfixture), Example Safety Institute", "Alex Turner", "Example Safety Institute"]
    assert [c.response is not None for c in page.counterarguments] == [True, False, True]
    assert page.counterarguments[0].response.text.startswith("The same behaviour persisted")


def test_repeated_heading_is_kept_and_noted():
    page = parse("entry-approaching-repeated-sections.txt")
    assert [s.title.text for s in page.sections if s.title] == ["Update", "Update"]
    assert any(n.line == 15 and "repeats the heading on line 11" in n.message for n in page.notes)


def test_sections_in_another_order_without_lead_and_no_counterarguments():
    page = parse("entry-partially-demonstrated-reordered.txt")
    assert [s.title.text for s in page.sections] == ["The Escalation Path", "The Mechanistic Debate"]
    assert page.counterarguments == []


@pytest.mark.parametrize("name, entry_type, status, confidence", [
    ("entry-lab-two-counterarguments.txt", "Capability", "DEMONSTRATED (LAB)", "High Confidence"),
    ("entry-partially-demonstrated-reordered.txt", "Capability", "PARTIALLY DEMONSTRATED", "Moderate"),
    ("entry-approaching-repeated-sections.txt", "Capability", "APPROACHING", "Needs Update"),
    ("entry-theoretical-lead-only.txt", "Capability", "THEORETICAL", "✓ Verified"),
    ("entry-incident.txt", "Incident", None, "High Confidence"),
    ("entry-governance-gap.txt", "Governance Gap", None, "Moderate"),
    ("entry-landscape.txt", "Landscape", None, "✓ Verified"),
])
def test_each_type_status_and_confidence(name, entry_type, status, confidence):
    page = parse(name)
    assert page.entry_type.text == entry_type
    assert (page.status.text if page.status else None) == status
    assert page.confidence.text == confidence


def test_missing_parts_are_notes_with_lines_not_errors():
    text = "Capability Specification Gaming\n\nA Title Here\n\nTHEORETICAL Moderate\n\nLead paragraph here.\n"
    page = parse_page(text, project_vocabulary(), "p.txt")
    messages = {(n.line, n.message.split(":")[0]) for n in page.notes}
    assert (7, "no 'Verified") in messages
    assert page.summary.text == "Lead paragraph here." and page.sections == []
    assert page.tags is None and page.source_count is None


def test_unreadable_dates_are_notes():
    text = ("Incident Regulation\nT i t l e\nModerate\nA summary of the incident.\n"
            "Verified: 31 February 2026 · Last updated: 3 March 2026\n")
    page = parse_page(text, project_vocabulary(), "p.txt")
    assert page.verified is None and str(page.modified[0]) == "2026-03-03"
    assert any(n.line == 5 and "31 February 2026" in n.message for n in page.notes)


@pytest.mark.parametrize("name, line, words", [
    ("no-title.txt", 4, "no title"),
    ("unknown-status.txt", 6, "unknown evidence status 'PROBABLY TRUE'"),
    ("counterargument-without-source.txt", 14, "counterargument without a 'Source:' line"),
    ("no-entry-type.txt", 2, "expected the entry type"),
])
def test_malformed_pages_name_the_line(name, line, words):
    path = PAGES / "malformed" / name
    with pytest.raises(InputError) as err:
        parse_page(read_page(path), project_vocabulary(), str(path))
    assert err.value.path == str(path) and err.value.line == line
    assert words in str(err.value) and f"{path}:{line}:" in str(err.value)


@pytest.mark.parametrize("data, line, words", [
    (b"", 1, "empty page"),
    (b"  \n\n\t\n", 1, "empty page"),
    (b"Capability X\nTitle\n\x89PNG\r\n\x1a\n\x00\x00", 3, "invalid UTF-8"),
    (b"Capability X\nTitle\nok\x00binary", 3, "control character U+0000"),
])
def test_empty_and_binary_input(tmp_path, data, line, words):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        parse_page(read_page(path), project_vocabulary(), str(path))
    assert err.value.line == line and words in str(err.value)


@pytest.mark.parametrize("text, expected", [
    ("The Mechanistic Debate", True),
    ("Why It Matters", True),
    ("The interpretation is contested.", False),
    ("Source: Alex Turner (TurnTrout), Google DeepMind", False),
    ("lower-case start", False),
    ("A heading: with a colon:", False),
])
def test_heading_heuristic(text, expected):
    assert looks_like_heading(text) is expected

"""`claimgraph new`: a scaffold that parses and fails the shapes only where content is missing."""

from __future__ import annotations

import pytest

from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.ingest.scaffold import scaffold_text
from claimgraph.model.load import load_graph, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate.shacl import run_shacl

MISSING_FOR_EVERY_TYPE = {
    ("EntryShape", "label"), ("EntryShape", "category"), ("EntryShape", "abstract"),
    ("EntryShape", "confidence"), ("EntryShape", "dateVerified"), ("EntryShape", "modified"),
    ("EntryShape", "keywords"), ("EntryShape", "citation"), ("ClaimShape", "text"),
}
MISSING_FOR_CAPABILITY = {
    ("EvidenceStatusOnlyOnCapability", None), ("CapabilityNeedsSourcedCounterargument", None),
    ("CounterargumentShape", "text"), ("CounterargumentShape", "qualifiedAttribution"),
}


TYPES = ["capability", "incident", "governance-gap", "landscape"]


@pytest.fixture(scope="module")
def scaffold_findings(root, tmp_path_factory):
    """The four scaffolds written by `claimgraph new`, validated together beside the ontology
    and the database resource they belong to."""
    out = tmp_path_factory.mktemp("entries")
    for etype in TYPES:
        assert main(["--root", str(root), "new", f"new-{etype}", "--type", etype, "--out", str(out)]) == 0
    project = find_project(root)
    graph = load_graph([*project.ontology_files(), project.data_dir / "database.ttl", out])
    return out, list(run_shacl(graph, load_shapes(project)))


@pytest.mark.parametrize("etype", TYPES)
def test_scaffold_fails_only_on_missing_content(scaffold_findings, etype):
    out, findings = scaffold_findings
    assert (out / f"new-{etype}.ttl").is_file()
    found = [f for f in findings if f.entry and f.entry.endswith(f"/entry/new-{etype}")]
    got = {(f.rule.rsplit("#", 1)[-1], f.path and f.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for f in found}
    expected = MISSING_FOR_EVERY_TYPE | (MISSING_FOR_CAPABILITY if etype == "capability" else set())
    assert got == expected
    # every finding is about something absent, never about a value that is there
    assert all(f.value is None or f.value == f.focus for f in found)


def test_no_findings_outside_the_scaffolds(scaffold_findings):
    _, findings = scaffold_findings
    assert all(f.entry and "/entry/new-" in f.entry for f in findings)


def test_new_prints_what_it_wrote(root, tmp_path, capsys):
    assert main(["--root", str(root), "new", "w", "--type", "capability", "--out", str(tmp_path)]) == 0
    assert f"wrote {tmp_path / 'w.ttl'}" in capsys.readouterr().out


def test_scaffold_guides_in_comments_and_has_no_placeholders(root, tmp_path):
    text = scaffold_text("x", "capability")
    assert "TODO" not in text and "FIXME" not in text
    assert '#   rdfs:label "The page title" ;' in text
    assert "# Fill in: schema:text" in text
    code = [line for line in text.splitlines() if not line.startswith("#")]
    assert not any('"' in line and "pagePath" not in line for line in code)  # no literal but the page path


def test_guidance_lines_can_be_uncommented_as_they_are():
    """Fill the scaffold by uncommenting its guidance: the result parses (every prefix the
    guidance uses is declared) and carries the values."""
    import re
    import pyoxigraph as ox

    text = scaffold_text("x", "capability")
    entry_guidance = text[text.index("# Fill in (") : text.index("# Optional")]
    fills = [line[1:].strip().split("  ")[0].removesuffix(" ;") for line in entry_guidance.splitlines()
             if re.match(r"#   (rdfs|cg|dcterms|schema):", line) and "..." not in line]
    assert len(fills) >= 7
    body = text.replace("<entry/x> a cg:Entry ;", "<entry/x> a cg:Entry ;\n    " + " ;\n    ".join(fills) + " ;")
    body = body.replace("SLUG", "specification-gaming").replace("YYYY-MM-DD", "2026-01-01")
    triples = list(ox.parse(body.encode(), format=ox.RdfFormat.TURTLE))
    predicates = {t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in triples}
    assert {"label", "category", "confidence", "abstract", "dateVerified", "modified", "keywords", "evidenceStatus"} <= predicates


def test_scaffold_comments_survive_fmt(root, tmp_path):
    out = tmp_path / "entries"
    assert main(["--root", str(root), "new", "y", "--type", "incident", "--out", str(out)]) == 0
    assert main(["--root", str(root), "fmt", str(out)]) == 0
    text = (out / "y.ttl").read_text()
    assert '#   rdfs:label "The page title" ;' in text and "# Fill in: schema:text" in text


def test_new_refuses_existing_file_and_existing_entry(root, tmp_path, capsys):
    out = tmp_path / "entries"
    assert main(["--root", str(root), "new", "z", "--type", "landscape", "--out", str(out)]) == 0
    assert main(["--root", str(root), "new", "z", "--type", "landscape", "--out", str(out)]) == 2
    assert "exists; not overwritten" in capsys.readouterr().err
    assert main(["--root", str(root), "new", "unintended-subgoals", "--type", "capability", "--out", str(out)]) == 2
    assert "already exists in data/" in capsys.readouterr().err


def test_new_rejects_a_bad_id():
    with pytest.raises(InputError):
        scaffold_text("Not A Slug", "capability")

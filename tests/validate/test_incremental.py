"""Incremental validation: after each edit, the report equals one pyshacl run over the whole
graph, and only the units the edit affects are validated again."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from claimgraph import api
from claimgraph.cli import main
from claimgraph.model.load import expand_paths, load_shapes, project_paths
from claimgraph.model.project import find_project
from claimgraph.validate import Stats, ValidationCache, run_validation

from validation_support import CG, ENTRY, edit, entry_file, iri, one_run, statements

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
MODIFIED = iri("http://purl.org/dc/terms/modified")


def incremental(root: Path, *, use_cache: bool = True):
    project = find_project(root)
    validation = run_validation(expand_paths(project_paths(project)), load_shapes(project),
                                cache=ValidationCache.for_project(project.root, read=use_cache))
    return validation.report(), validation.stats


def check(root: Path) -> Stats:
    report, stats = incremental(root)
    assert report == one_run(root)
    return stats


def entry_subjects(path: Path) -> list[str]:
    return sorted({t.subject.value for t in statements(path)
                   if t.subject.value.startswith(ENTRY) and t.subject.value.count("/") == 6})


def test_first_run_validates_everything_and_a_second_nothing(synthetic):
    first = check(synthetic)
    assert first.units_validated == first.units > 0
    assert first.global_validated == first.global_shapes == 2
    second = check(synthetic)
    assert second.units_validated == 0 and second.global_validated == 0 and second.jobs == 0


def test_editing_one_entry_revalidates_only_that_entry(synthetic):
    check(synthetic)
    path = entry_file(synthetic)
    entry = entry_subjects(path)[0]
    edit(path, drop=lambda t: t.subject.value == entry and t.predicate == MODIFIED,
         add=[ox.Triple(iri(entry), MODIFIED, ox.Literal("1999-01-01", datatype=XSD_DATE))])
    stats = check(synthetic)
    assert stats.units_validated == 1 and stats.global_validated == 0
    report, _ = incremental(synthetic)
    assert any(f.entry == entry and f.rule.endswith("UpdatedNotBeforeVerified") for f in report.violations)


def test_duplicate_source_identifier_breaks_the_cross_entry_rule(synthetic):
    check(synthetic)
    sources = synthetic / "data" / "sources.ttl"
    arxiv = iri(CG + "arxivId")
    ids = sorted((t.subject.value, t.object.value) for t in statements(sources) if t.predicate == arxiv)
    (first, first_id), (second, _second_id) = ids[0], ids[1]
    edit(sources, drop=lambda t: t.subject.value == second and t.predicate == arxiv,
         add=[ox.Triple(iri(second), arxiv, ox.Literal(first_id))])
    stats = check(synthetic)
    assert stats.global_validated == 1  # UniqueSourceIdentifiers; EscalationIsSourced reads no identifiers
    assert 0 < stats.units_validated < stats.units  # the source and the entries whose closure holds it
    report, _ = incremental(synthetic)
    dupes = {f.focus for f in report.violations if f.rule.endswith("UniqueSourceIdentifiers")}
    assert dupes == {first, second}


def test_unsourced_escalation_edge_is_found(synthetic):
    check(synthetic)
    escalations = synthetic / "data" / "escalations.ttl"
    from_mechanism = iri(CG + "fromMechanism")
    finding = next(t.subject for t in statements(escalations) if t.predicate == from_mechanism)
    edit(escalations, drop=lambda t: t.subject == finding)
    check(synthetic)
    report, _ = incremental(synthetic)
    assert any(f.rule.endswith("EscalationIsSourced") for f in report.violations)


def test_changing_a_shared_source_reaches_the_entries_citing_it(synthetic):
    check(synthetic)
    sources = synthetic / "data" / "sources.ttl"
    rdf_type = iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    academic = {CG + "PeerReviewedArticle", CG + "Preprint"}
    # demote every academic source: Verified entries no longer meet the threshold
    edit(sources, drop=lambda t: t.predicate == rdf_type and t.object.value in academic,
         add=[ox.Triple(t.subject, rdf_type, iri("https://schema.org/BlogPosting"))
              for t in statements(sources) if t.predicate == rdf_type and t.object.value in academic])
    check(synthetic)


def test_adding_and_removing_entries(synthetic):
    check(synthetic)
    path = entry_file(synthetic)
    entry = entry_subjects(path)[-1]
    edit(path, drop=lambda t: t.subject.value == entry or t.subject.value.startswith(entry + "/"))
    check(synthetic)
    copy = path.with_name("copy.ttl")
    copy.write_bytes(path.read_bytes().replace(b"synthetic-", b"copied-"))
    check(synthetic)
    path.unlink()
    check(synthetic)


def test_shapes_change_revalidates_everything(synthetic):
    check(synthetic)
    shapes = synthetic / "ontology" / "shapes.ttl"
    text = shapes.read_text()
    assert "sh:minLength 10" in text
    shapes.write_text(text.replace("sh:minLength 10", "sh:minLength 100"))
    stats = check(synthetic)
    assert stats.units_validated == stats.units and stats.global_validated == 2
    report, _ = incremental(synthetic)
    assert any(f.rule.endswith("ClaimShape") for f in report.violations)


def test_reverting_an_edit_is_answered_from_the_cache(synthetic):
    before = check(synthetic)
    path = entry_file(synthetic)
    original = path.read_bytes()
    entry = entry_subjects(path)[0]
    edit(path, drop=lambda t: t.subject.value == entry and t.predicate == MODIFIED)
    check(synthetic)
    path.write_bytes(original)
    stats = check(synthetic)
    assert before.units == stats.units
    assert stats.units_validated <= 1  # the edited entry's old results were forgotten, nothing else


def test_no_cache_validates_everything_and_gives_the_same_report(synthetic):
    check(synthetic)
    report, stats = incremental(synthetic, use_cache=False)
    assert stats.units_validated == stats.units
    assert report == one_run(synthetic)


def test_cli_no_cache_flag(synthetic, capsys):
    assert main(["--root", str(synthetic), "validate", "--format", "json"]) == 1
    cached = json.loads(capsys.readouterr().out)
    assert main(["--root", str(synthetic), "validate", "--format", "json", "--no-cache"]) == 1
    assert json.loads(capsys.readouterr().out) == cached
    assert (synthetic / ".claimgraph-cache" / "validation" / "results.pickle").is_file()


def test_validate_data_on_given_paths(synthetic):
    entries = synthetic / "data" / "entries"
    report = api.validate_data([entries, synthetic / "data" / "sources.ttl"], root=synthetic)
    again = api.validate_data([entries, synthetic / "data" / "sources.ttl"], root=synthetic, use_cache=False)
    assert report == again
    assert report.violations  # entries without the database and people they point to


def test_a_corrupt_cache_is_only_a_miss(synthetic):
    check(synthetic)
    (synthetic / ".claimgraph-cache" / "validation" / "results.pickle").write_bytes(b"not a pickle")
    for path in (synthetic / ".claimgraph-cache" / "validation" / "files").iterdir():
        path.write_bytes(b"")
    stats = check(synthetic)
    assert stats.units_validated == stats.units

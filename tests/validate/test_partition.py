"""Partitioned and parallel validation give the report of one pyshacl run; the cut into units
keeps every unit's closure together."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimgraph.model.load import ParsedFile, expand_paths, load_shapes, parse_file, project_paths
from claimgraph.model.project import find_project
from claimgraph.validate import Tuning, ValidationCache, run_validation
from claimgraph.validate.scope import analyse_shapes
from claimgraph.validate.summary import digest, summarise
from claimgraph.validate.units import partition

from validation_support import one_run

SPLIT_EVERYTHING = Tuning(pool_bytes=0, parallel_at=0, split_at=0)


def validation(root: Path, **kw):
    project = find_project(root)
    return run_validation(expand_paths(project_paths(project)), load_shapes(project), **kw)


def test_parallel_partitions_give_the_report_of_one_run(synthetic):
    done = validation(synthetic, workers=2, tuning=SPLIT_EVERYTHING)
    assert done.stats.parallel and done.stats.jobs == 4  # two batches of units, two global shapes
    assert done.report().violations
    assert done.report() == one_run(synthetic)


def test_one_process_gives_the_same_report(synthetic):
    done = validation(synthetic, workers=1, tuning=SPLIT_EVERYTHING)
    assert not done.stats.parallel
    assert done.report() == one_run(synthetic)


def test_the_real_data(root):
    assert validation(root, workers=2, tuning=SPLIT_EVERYTHING).report() == one_run(root)


def test_shapes_beyond_the_analysis_are_validated_whole(synthetic):
    shapes = synthetic / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text() + """
cgsh:LabelRule a sh:NodeShape ;
    sh:targetClass cg:Claim ;
    sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate rdfs:comment ; sh:object "inferred" ] .
""")
    done = validation(synthetic, workers=2, tuning=SPLIT_EVERYTHING, cache=ValidationCache.for_project(synthetic))
    assert done.stats.units == 0 and done.stats.jobs == 1
    assert done.report() == one_run(synthetic)
    again = validation(synthetic, workers=2, tuning=SPLIT_EVERYTHING, cache=ValidationCache.for_project(synthetic))
    assert again.stats.jobs == 0 and again.report() == done.report()


def _files(tmp_path: Path, text: str) -> list[ParsedFile]:
    path = tmp_path / "data.ttl"
    path.write_text("@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n"
                    "@base <https://w3id.org/claimgraph/id/> .\n" + text)
    return [parse_file(path)]


def test_entries_sharing_an_incident_that_points_into_one_of_them_form_one_unit(root, tmp_path):
    files = _files(tmp_path, """
        <entry/a> cg:claim <entry/a/claim> ; cg:evidence <incident/i> ; cg:citation <entry/a/citation/1> .
        <entry/a/citation/1> cg:source <source/s> .
        <incident/i> cg:supports <entry/a/claim> .
        <entry/b> cg:evidence <incident/i> ; cg:citation <entry/b/citation/1> .
        <entry/b/citation/1> cg:source <source/s> .
        <entry/c> cg:citation <entry/c/citation/1> .
        <entry/c/citation/1> cg:source <source/s> .
        <source/s> cg:arxivId "1" .
    """)
    scope = analyse_shapes(load_shapes(find_project(root)))
    part = partition([summarise(f, scope)[0] for f in files], b"salt")
    unit = lambda node: part.unit_of_node("https://w3id.org/claimgraph/id/" + node)  # noqa: E731
    assert unit("entry/a") == unit("entry/b") == unit("incident/i") == unit("entry/a/claim")
    assert unit("entry/c") != unit("entry/a")
    assert unit("source/s") not in (unit("entry/a"), unit("entry/c"))  # shared: its own unit
    assert part.targeted["https://w3id.org/claimgraph/id/source/s"] == {
        "https://w3id.org/claimgraph/ontology#source"}


def test_keys_follow_the_closure(root, tmp_path):
    scope = analyse_shapes(load_shapes(find_project(root)))
    base = """
        <entry/a> cg:citation <entry/a/citation/1> . <entry/a/citation/1> cg:source <source/s> .
        <entry/c> cg:citation <entry/c/citation/1> . <entry/c/citation/1> cg:source <source/t> .
    """

    def keys(extra: str) -> dict[str, bytes]:
        part = partition([summarise(f, scope)[0] for f in _files(tmp_path, base + extra)], b"salt")
        return {n: part.units[part.unit_of_node("https://w3id.org/claimgraph/id/" + n)].key
                for n in ("entry/a", "entry/c", "source/s", "source/t")}

    before, after = keys('<source/s> cg:arxivId "1" .'), keys('<source/s> cg:arxivId "2" .')
    assert before["entry/a"] != after["entry/a"] and before["source/s"] != after["source/s"]
    assert before["entry/c"] == after["entry/c"] and before["source/t"] == after["source/t"]


def test_nodes_targeted_by_name_are_validated_even_without_statements(synthetic):
    shapes = synthetic / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text() + """
cgsh:NamedNode a sh:NodeShape ;
    sh:targetNode <https://w3id.org/claimgraph/id/person/nobody>, <https://w3id.org/claimgraph/id/entry/nothing> ;
    sh:property [ sh:path schema:name ; sh:minCount 1 ] .
""")
    done = validation(synthetic, workers=2, tuning=SPLIT_EVERYTHING)
    assert done.report() == one_run(synthetic)
    assert {f.focus for f in done.report().violations if f.rule.endswith("NamedNode")} == {
        "https://w3id.org/claimgraph/id/person/nobody", "https://w3id.org/claimgraph/id/entry/nothing"}


@pytest.mark.parametrize("parts", [(), ("a",), ("a", b"b", "c\x00"), (b"",), ("\u00e9", b"\xff")])
def test_digest_hashes_each_part_followed_by_a_zero_byte(parts):
    """The definition remembered results are keyed by: changing it would orphan every cache."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\x00")
    assert digest(*parts) == h.digest()

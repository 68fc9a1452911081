"""Partitioned and parallel validation give the report of one pyshacl run; the cut into units
keeps every unit's closure together."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimgraph.model.load import ParsedFile, expand_paths, load_shapes, parse_file, project_paths
from claimgraph.model.project import find_project
from claimgraph.validate import Tuning, ValidationCache, run_validation
from claimgraph.validate.plan import balance
from claimgraph.validate.scope import analyse_shapes
from claimgraph.validate.summary import FileSummary, digest, summarise
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


def test_the_cut_and_its_keys_are_pinned():
    """Keys are remembered on disk: the same summaries must give the same cut and the same keys.
    Values from the straightforward implementation, on a graph with a tainted incident, an
    entry referenced without statements, a cycle of shared nodes and one pointing at itself, nodes
    with no statements (referenced, targeted by name) and an element split across two files (it
    points somewhere only in the second: Partition.refs takes it there)."""
    ID, CG = "https://w3id.org/claimgraph/id/", "https://w3id.org/claimgraph/ontology#"
    iri = lambda name: name if name.startswith("http") else ID + name  # noqa: E731

    def summary(targeted=(), **elements):
        """element_name=(number of statements, elements pointed to); targeted: (predicate, node)."""
        return FileSummary({iri(k.replace("_", "/")): (digest(k, str(i)), n, tuple(map(iri, rs)))
                            for i, (k, (n, rs)) in enumerate(elements.items())},
                           frozenset((CG + p, iri(o)) for p, o in targeted), (), ())

    first = summary([("source", "source/s"), ("author", "person/p"), ("evidence", "incident/i")],
                    organisation_o=(1, ()),
                    entry_a=(5, ("incident/i", "source/s", CG + "Source")),
                    incident_i=(2, ("entry/a", "person/p")),
                    source_s=(2, ("person/p", CG + "Source")),
                    person_p=(1, ("organisation/o",)))
    second = summary(entry_b=(3, ("source/t", "entry/c")),
                     source_t=(1, ("source/t",)),
                     organisation_o=(2, ("person/p", CG + "Source")),
                     person_p=(1, (CG + "Person",)))
    part = partition([first, second], b"salt", [ID + "person/nobody", ID + "entry/d/claim"])

    short = lambda n: n.removeprefix(ID).removeprefix(CG)  # noqa: E731
    assert [(u.key.hex(), tuple(map(short, u.members)), u.size) for u in part.units] == [
        ("159e4584dba7249ff827e3a0e94b2ed4", ("entry/a", "incident/i"), 7),
        ("8610ac29af9d3d33f11e99db9114fa87", ("entry/b", "entry/c"), 3),
        ("8bd1bee9a33c19ab475c9a73261538c6", ("entry/d",), 0),
        ("395abd21d62c4dc4ae7b9ba83cce8397", ("organisation/o",), 3),
        ("5812eeb50d11702f4a2b2b97eb9d087e", ("person/nobody",), 0),
        ("ec4eeec36008370d1ce1b8abafbb83f6", ("person/p",), 2),
        ("d52b80e6b61ff0423531b7579ad8c80d", ("source/s",), 2),
        ("864d18c427475f0291175bd2da5482f9", ("source/t",), 1)]
    assert {short(n): i for n, i in part.unit_of.items()} == {
        "entry/a": 0, "incident/i": 0, "entry/b": 1, "entry/c": 1, "entry/d": 2, "organisation/o": 3,
        "person/nobody": 4, "person/p": 5, "source/s": 6, "source/t": 7}
    assert [(short(n), [short(o) for o in rs]) for n, rs in part.refs.items()] == [
        ("entry/a", ["incident/i", "source/s", "Source"]),
        ("incident/i", ["entry/a", "person/p"]),
        ("source/s", ["person/p", "Source"]),
        ("person/p", ["organisation/o", "Person"]),
        ("entry/b", ["source/t", "entry/c"]),
        ("source/t", ["source/t"]),
        ("organisation/o", ["person/p", "Source"])]
    assert {short(n) for n in part.shared} == {
        "organisation/o", "person/nobody", "person/p", "source/s", "source/t", "Person", "Source"}
    assert {short(n): {short(p) for p in ps} for n, ps in part.targeted.items()} == {
        "person/p": {"author"}, "source/s": {"source"}}


def test_batches_are_balanced_counting_what_the_first_carries_besides():
    sizes = {0: 10, 1: 10, 2: 10, 3: 10}
    batches = balance([0, 1, 2, 3], sizes.__getitem__, 2, head_start=20)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3]
    assert [sum(sizes[i] for i in b) for b in batches] == [10, 30]  # 20 + 10 and 30, not 20 + 20 and 20
    assert balance([1, 0], sizes.__getitem__, 1) == [[0, 1]]

"""`build` at a size where the pyoxigraph writers and the worker processes are used: the dumps
are byte-identical across runs and hold exactly the parsed statements, validation results are
reused, and a failure never leaves a half-written release."""

from __future__ import annotations

import json
import multiprocessing
import shutil

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import FindingsError, RDFSyntaxError
from claimgraph.model.load import parse_files, project_paths
from claimgraph.model.project import find_project
from claimgraph.publish.describe import describe_release
from claimgraph.publish.export import RDFLIB_LIMIT
from claimgraph.publish.release import ReleaseContext, build, write_dumps, write_validation_report

from support import generate_project

DUMPS = {"claimgraph.ttl": ox.RdfFormat.TURTLE, "claimgraph.nt": ox.RdfFormat.N_TRIPLES,
         "claimgraph.jsonld": ox.RdfFormat.JSON_LD}
STEPS = [write_dumps, write_validation_report]


@pytest.fixture(scope="module")
def large(root, tmp_path_factory):
    """A conforming project above RDFLIB_LIMIT statements, built once."""
    proj = generate_project(tmp_path_factory.mktemp("large") / "proj", entries=1000, seed=5)
    out = proj.parent / "first"
    build(out, project=find_project(proj), steps=STEPS, use_cache=False)
    return proj, out


def test_the_project_is_large(large):
    proj, _out = large
    assert sum(len(p.triples) for p in parse_files(project_paths(find_project(proj)))) > RDFLIB_LIMIT


def test_dumps_are_byte_identical_across_builds(large, tmp_path):
    proj, first = large
    again = tmp_path / "again"
    build(again, project=find_project(proj), steps=STEPS, use_cache=False)
    for f in first.iterdir():
        assert f.read_bytes() == (again / f.name).read_bytes(), f.name


def test_dumps_written_by_a_worker_equal_those_written_in_process(large, tmp_path):
    """With workers, a worker parses the files again and writes the dumps and counts the
    statistics (void.ttl); without, the main process does: the release is the same."""
    proj, _first = large
    releases = {}
    for workers in (1, 2):
        out = tmp_path / f"workers-{workers}"
        build(out, project=find_project(proj), steps=STEPS, use_cache=False, workers=workers)
        releases[workers] = {f.name: f.read_bytes() for f in out.iterdir()}
    assert releases[1] == releases[2]
    assert {"claimgraph.ttl", "claimgraph.nt", "claimgraph.jsonld", "void.ttl"} <= set(releases[2])


def test_dumps_of_a_file_changed_since_it_was_validated_are_refused(tmp_path):
    """The dump worker reads the files itself: dumps made from content other than the validated
    content are refused, naming the file, instead of being released."""
    from claimgraph.errors import InputError
    from claimgraph.model.load import parse_file
    from claimgraph.publish.release import prepare_dumps_of
    path = tmp_path / "data.ttl"
    path.write_bytes(b'<https://example.org/a> <https://example.org/p> "validated" .\n')
    validated = parse_file(path).digest
    path.write_bytes(b'<https://example.org/a> <https://example.org/p> "changed since" .\n')
    prepared = prepare_dumps_of([path], formats=("nt",))
    ctx = ReleaseContext(None, None, None, "1", tmp_path)
    with pytest.raises(InputError, match="data.ttl changed"):
        ctx.adopt_dumps(prepared, lambda _path: validated)
    assert ctx._dumps == {}
    ctx.adopt_dumps(prepared, lambda _path: parse_file(path).digest)
    assert b"changed since" in ctx.dump("nt")


def test_each_file_is_parsed_once_in_this_process(tmp_path, monkeypatch):
    """Without workers this process plans the validation and writes the dumps: the statements
    parsed for the one are kept for the other, never parsed twice."""
    from claimgraph.validate import plan
    proj = generate_project(tmp_path / "proj", entries=12, seed=3)
    parsed: list = []
    real = plan.parse_file
    monkeypatch.setattr(plan, "parse_file", lambda path, data=None: parsed.append(path) or real(path, data))
    build(tmp_path / "release", project=find_project(proj), steps=STEPS, use_cache=False, workers=1)
    assert parsed and len(parsed) == len(set(parsed))
    assert (tmp_path / "release" / "claimgraph.ttl").is_file()


def test_bad_input_leaves_no_worker_behind(large, tmp_path):
    """A syntax error found while the dump worker is busy: the error names the file, the
    workers are stopped and reaped, and nothing is written."""
    proj, _first = large
    broken = tmp_path / "proj"
    shutil.copytree(proj, broken)
    victim = sorted((broken / "data").rglob("*.ttl"))[-1]
    victim.write_text(victim.read_text() + "\nthis is not turtle\n")
    with pytest.raises(RDFSyntaxError) as err:
        build(tmp_path / "release", project=find_project(broken), steps=STEPS, use_cache=False, workers=2)
    assert victim.name in str(err.value)
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "release").exists()


def test_dumps_reparse_to_the_loaded_statements(large):
    proj, out = large
    statements = {t for p in parse_files(project_paths(find_project(proj))) for t in p.triples}
    for name, fmt in DUMPS.items():
        assert {q.triple for q in ox.parse((out / name).read_bytes(), format=fmt)} == statements, name
    doc = json.loads((out / "claimgraph.jsonld").read_text())
    assert doc["@context"] == json.loads((out / "context.jsonld").read_text())["@context"]
    assert "\\/" not in (out / "claimgraph.ttl").read_text()


def test_release_description_counts_the_same_graph(large):
    proj, out = large
    project = find_project(proj)
    parsed = parse_files(project_paths(project))
    ctx = ReleaseContext(project, None, None, "1", out, parsed=parsed)
    files = {"claimgraph.nt": ((out / "claimgraph.nt").read_bytes(), "application/n-triples")}
    light = ctx.statistics()  # from the parsed statements
    full_ctx = ReleaseContext(project, None, None, "1", out, parsed=parsed)
    assert len(full_ctx.graph) > 50_000
    full = full_ctx.statistics()  # from the rdflib graph
    assert light == full
    assert light.entities > 1000 and sum(light.entries.values()) > 100 and light.newest_modified is not None
    assert isomorphic(describe_release(light, "1", files), describe_release(full, "1", files))


def test_build_reuses_what_validate_remembered(large, tmp_path):
    proj, _out = large
    report = api.validate_data(root=proj)
    ctx = build(tmp_path / "release", project=find_project(proj), steps=STEPS)
    assert ctx.report == report
    assert json.loads((tmp_path / "release" / "validation-report.json").read_text())["conforms"] is True


def test_cli_build_without_cache(large, tmp_path, capsys):
    proj, first = large
    out = tmp_path / "release"
    assert main(["--root", str(proj), "build", "--out", str(out), "--no-cache"]) == 0
    assert "release written" in capsys.readouterr().out
    for name in DUMPS:
        assert (out / name).read_bytes() == (first / name).read_bytes()


def test_a_failing_step_leaves_the_previous_release(large, tmp_path):
    proj, first = large
    out = tmp_path / "release"
    shutil.copytree(first, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(ctx):
        ctx.write("partial.txt", "half", "text/plain")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        build(out, project=find_project(proj), steps=[*STEPS, broken])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_violations_found_by_the_workers_write_nothing(root, tmp_path):
    proj = generate_project(tmp_path / "proj", entries=1000, violating=0.01, seed=5)
    out = tmp_path / "release"
    for use_cache in (False, True):  # the second time, the violations come from the cache
        with pytest.raises(FindingsError) as err:
            build(out, project=find_project(proj), steps=STEPS, use_cache=use_cache)
        assert err.value.report.violations
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proj"]

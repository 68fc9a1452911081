"""`claimgraph analyze` and the release steps that publish the analysis."""

from __future__ import annotations

import json

from rdflib import Graph

from claimgraph import api
from claimgraph.cli import main
from claimgraph.model.terms import ARGUMENT_STATUS, CG
from claimgraph.publish.release import ReleaseContext, default_steps
from claimgraph.validate import ValidationReport

CLAIM = "https://w3id.org/claimgraph/id/entry/unintended-subgoals/claim"


def test_table(root, capsys) -> None:
    assert main(["--root", str(root), "analyze"]) == 0
    out = capsys.readouterr().out
    assert "entry:unintended-subgoals/claim" in out
    assert "Load-bearing nodes" in out and "single source" in out


def test_json_to_file(root, tmp_path) -> None:
    out = tmp_path / "analysis.json"
    assert main(["--root", str(root), "analyse", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    statuses = {a["iri"]: a["status"] for a in data["arguments"]}
    assert statuses[CLAIM] == "accepted"


def test_turtle_matches_the_api(root, capsys) -> None:
    assert main(["--root", str(root), "analyze", "-f", "turtle"]) == 0
    g = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert g.isomorphic(api.analysis_graph(root=root))
    assert (None, CG.groundedStatus, ARGUMENT_STATUS.accepted) in g


def test_explicit_paths_and_unusable_input(root, fixtures, tmp_path, capsys) -> None:
    assert main(["--root", str(root), "analyze", str(fixtures / "xss"), "-f", "json"]) == 0
    statuses = {a["iri"].rsplit("/", 1)[-1]: a["status"] for a in json.loads(capsys.readouterr().out)["arguments"]}
    assert statuses == {"claim": "accepted", "1": "rejected", "response": "accepted"}
    assert main(["--root", str(root), "analyze", str(tmp_path / "missing.ttl")]) == 2


def test_release_steps_write_analysis_and_explorer(root, project_graph, tmp_path) -> None:
    steps = default_steps()
    names = [s.__name__ for s in steps]
    assert "write_analysis" in names and "write_explorer" in names
    ctx = ReleaseContext(api.project(root), project_graph, ValidationReport(), "0.0.0-test", tmp_path)
    for step in steps:
        if step.__name__ in ("write_analysis", "write_explorer"):
            step(ctx)
    assert ctx.files["analysis.ttl"][1] == "text/turtle"
    g = Graph().parse(tmp_path / "analysis.ttl")
    assert g.isomorphic(api.analysis_graph(root=root))
    html = (tmp_path / "explorer.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "vis.DataSet" in html


def test_build_includes_the_analysis_and_the_explorer(root, tmp_path) -> None:
    ctx = api.build(tmp_path / "release", root=root)
    assert {"analysis.ttl", "explorer.html"} <= set(ctx.files)
    void = (tmp_path / "release" / "void.ttl").read_text()
    assert "analysis.ttl" in void and "explorer.html" in void

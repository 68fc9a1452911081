"""The same violations from the naive pipeline (rdflib parses the files, plain pyshacl validates)
as from claimgraph's (pyoxigraph parsing, partitions, worker processes, cache, speed-ups)."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph

from claimgraph import api
from claimgraph.errors import FindingsError
from claimgraph.model.load import expand_paths, load_shapes, project_paths
from claimgraph.model.project import find_project
from claimgraph.publish.release import build, write_validation_report
from claimgraph.validate import Tuning, ValidationCache, ValidationReport, validate_files
from claimgraph.validate.shacl import findings_from_results, shapes_digest

from support import generate_project


@pytest.fixture(scope="module")
def violating(tmp_path_factory):
    return generate_project(tmp_path_factory.mktemp("naive") / "proj", entries=40, violating=0.1)


@pytest.fixture(scope="module")
def naive(violating) -> ValidationReport:
    project = find_project(violating)
    graph = Graph()
    for path in expand_paths(project_paths(project)):
        graph.parse(path, format="turtle")
    shapes = Graph().parse(project.shapes_file, format="turtle")
    digest = shapes_digest(shapes)
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                                 inference="none", abort_on_first=False)
    return ValidationReport.collect(findings_from_results(results, shapes), shapes_hash=digest)


def test_validate_reports_what_the_naive_pipeline_reports(violating, naive):
    assert len(naive.violations) >= 4
    assert api.validate_data(root=violating, use_cache=False) == naive
    assert api.validate_data(root=violating) == naive  # from the cache


def test_parallel_partitions_report_what_the_naive_pipeline_reports(violating, naive):
    project = find_project(violating)
    report = validate_files(expand_paths(project_paths(project)), load_shapes(project), workers=2,
                            tuning=Tuning(pool_bytes=0, parallel_at=0, split_at=0), cache=ValidationCache(None))
    assert report == naive


def test_build_refuses_with_the_naive_pipelines_violations(violating, naive, tmp_path):
    with pytest.raises(FindingsError) as err:
        build(tmp_path / "release", project=find_project(violating), steps=[write_validation_report])
    assert err.value.report == naive
    assert not (tmp_path / "release").exists()

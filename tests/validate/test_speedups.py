"""pyshacl with claimgraph's speed-ups reports exactly what plain pyshacl reports: the same
results, as many times each (validate/speedups.py)."""

from __future__ import annotations

from collections import Counter

import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from claimgraph.model.load import load_project, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate.speedups import faster_pyshacl

from validation_support import generate

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Two people share one address; the address's property shape, nested in a property shape,
# finds it wrong once per person who reaches it. A third person's value is a literal.
SHARED_VALUE_SHAPES = PREFIXES + """
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
    sh:property [ sh:path ex:address ; sh:minCount 1 ;
        sh:property [ sh:path ex:postcode ; sh:minCount 1 ; sh:datatype xsd:string ] ] ;
    sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:minLength 2 ] .
"""
SHARED_VALUE_DATA = PREFIXES + """
ex:ann a ex:Person ; ex:name "Ann" ; ex:address ex:flat1 .
ex:bob a ex:Person ; ex:name "B", "Bobby" ; ex:address ex:flat1 , ex:flat2 .
ex:cyd a ex:Person ; ex:address "a string, not a node" .
ex:dan a ex:Person .
ex:flat2 ex:postcode 12345 .
"""


def results(data: Graph, shapes: Graph, *, faster: bool) -> Counter:
    def run():
        return pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                inference="none", abort_on_first=False)
    if faster:
        with faster_pyshacl():
            _conforms, graph, _text = run()
    else:
        _conforms, graph, _text = run()
    found = Counter()
    for r in graph.subjects(RDF.type, SH.ValidationResult):
        found[tuple(graph.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.value,
                                                SH.sourceConstraintComponent, SH.resultSeverity,
                                                SH.resultMessage))] += 1
    return found


def test_shared_value_nodes_give_the_same_results_as_often():
    data = Graph().parse(data=SHARED_VALUE_DATA, format="turtle")
    shapes = Graph().parse(data=SHARED_VALUE_SHAPES, format="turtle")
    plain = results(data, shapes, faster=False)
    assert sum(plain.values()) >= 5 and max(plain.values()) >= 2  # the shared address counts twice
    assert results(data, shapes, faster=True) == plain


@pytest.fixture(scope="module")
def violating_project(root, tmp_path_factory):
    return generate(root, tmp_path_factory.mktemp("speedups") / "proj", entries=30, violating=0.15, seed=5)


def test_real_shapes_on_violating_data_give_the_same_results(violating_project):
    project = find_project(violating_project)
    data, shapes = load_project(project), load_shapes(project)
    plain = results(data, shapes, faster=False)
    assert sum(plain.values()) >= 3
    assert results(data, shapes, faster=True) == plain


def test_speedups_are_undone_after_the_block():
    from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
    before = PropertyConstraintComponent._evaluate_property_shape
    with faster_pyshacl():
        assert PropertyConstraintComponent._evaluate_property_shape is not before
    assert PropertyConstraintComponent._evaluate_property_shape is before

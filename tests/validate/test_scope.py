"""The shape analysis: which shapes read only a focus node's forward closure (local), which need
the whole graph (global, with the predicates they read), and which defeat the analysis."""

from __future__ import annotations

import pytest
from rdflib import Graph

from claimgraph.model.load import load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate.scope import ALL, FULL, OBJECTS, analyse_shapes

CGSH = "https://w3id.org/claimgraph/shapes#"
CG = "https://w3id.org/claimgraph/ontology#"
HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
"""


def scope_of(turtle: str):
    return analyse_shapes(Graph().parse(data=HEAD + turtle, format="turtle"))


def sparql_shape(select: str) -> str:
    return f"""ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"{select}\"\"\" ] ."""


def test_project_shapes(root):
    scope = analyse_shapes(load_shapes(find_project(root)))
    assert scope.partitionable
    assert {g.iri for g in scope.global_shapes} == {CGSH + "UniqueSourceIdentifiers", CGSH + "EscalationIsSourced"}
    assert CGSH + "EntryShape" in scope.local_shapes and CGSH + "VerifiedThreshold" in scope.local_shapes
    assert scope.target_objects == (CG + "source",)
    unique = next(g for g in scope.global_shapes if g.iri.endswith("UniqueSourceIdentifiers"))
    assert unique.projection[CG + "source"] == OBJECTS  # only targets: one statement per source will do
    assert unique.projection[CG + "arxivId"] == FULL
    escalation = next(g for g in scope.global_shapes if g.iri.endswith("EscalationIsSourced"))
    assert {CG + "fromMechanism", CG + "toMechanism", CG + "citation", CG + "source"} <= set(escalation.projection)


def test_forward_paths_are_local_and_inverse_paths_global():
    forward = scope_of("""ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ( ex:a [ sh:zeroOrMorePath ex:b ] ) ; sh:class ex:D ; sh:minCount 1 ] .""")
    assert forward.local_shapes == ("http://example.org/S",)
    inverse = scope_of("""ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path [ sh:inversePath ex:a ] ; sh:maxCount 1 ] .""")
    assert [g.iri for g in inverse.global_shapes] == ["http://example.org/S"]


def test_nested_shapes_are_followed():
    scope = scope_of("""ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:a ; sh:node ex:N ] .
        ex:N a sh:NodeShape ; sh:or ( [ sh:path [ sh:inversePath ex:b ] ; sh:minCount 1 ] [ sh:class ex:D ] ) .""")
    assert [g.iri for g in scope.global_shapes] == ["http://example.org/S"]


@pytest.mark.parametrize("select", [
    "SELECT $this WHERE { $this ex:a ?x . ?x ex:b ?y . FILTER NOT EXISTS { ?y ex:c ?z } }",
    "SELECT $this ?value WHERE { $this ex:a ?value . OPTIONAL { ?value ex:b/ex:c ?w } }",
    "SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:a ?x . { ?x a ex:D } UNION { ?x ex:b ?y } } "
    "GROUP BY $this HAVING (COUNT(?x) < 2)",
])
def test_sparql_anchored_at_this_is_local(select):
    assert scope_of(sparql_shape(select)).local_shapes == ("http://example.org/S",)


@pytest.mark.parametrize("select", [
    "SELECT $this ?value WHERE { $this ex:id ?id . ?value ex:id ?id . FILTER (?value != $this) }",
    "SELECT $this WHERE { $this ex:a ?x . FILTER NOT EXISTS { ?e ex:from $this } }",
    "SELECT $this WHERE { { $this ex:a ?x } UNION { ?x ex:b ?y } }",
    "SELECT $this WHERE { $this ex:a ?x . OPTIONAL { ?z ex:b ?w } }",
    "SELECT $this WHERE { $this ex:a/^ex:b ?x }",
    "SELECT $this WHERE { $this ex:a ?x . MINUS { ?x ex:b ?y } }",
    "SELECT $this WHERE { ex:constant ex:a ?x . $this ex:b ?x }",
])
def test_sparql_reaching_outside_the_closure_is_global(select):
    scope = scope_of(sparql_shape(select))
    assert scope.partitionable and [g.iri for g in scope.global_shapes] == ["http://example.org/S"]


def test_variable_predicates_project_everything():
    scope = scope_of(sparql_shape("SELECT $this WHERE { ?other ?p $this }"))
    assert ALL in scope.global_shapes[0].projection


@pytest.mark.parametrize("extra", [
    "ex:R a sh:NodeShape ; sh:targetClass ex:C ; sh:rule [ a sh:TripleRule ; sh:subject sh:this ; "
    "sh:predicate ex:p ; sh:object ex:o ] .",
    "ex:R a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select \"SELECT ?this WHERE { ?this ?p ?o }\" ] .",
    "ex:CC a sh:ConstraintComponent ; sh:parameter [ sh:path ex:param ] .",
    "[] a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:a ; sh:minCount 1 ] .",
])
def test_constructs_beyond_the_analysis_turn_partitioning_off(extra):
    scope = scope_of(sparql_shape("SELECT $this WHERE { $this ex:a ?x }") + "\n" + extra)
    assert not scope.partitionable and scope.reason

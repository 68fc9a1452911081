"""pyshacl with claimgraph's speed-ups reports exactly what plain pyshacl reports: the same
results, as many times each (validate/speedups.py)."""

from __future__ import annotations

from collections import Counter

import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from claimgraph.model.load import load_project, load_shapes
from claimgraph.model.project import find_project
from claimgraph.validate.speedups import _bulk_safe, faster_pyshacl, without_text_report

from support import generate_project

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
    sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:minLength 2 ] ;
    sh:property [ sh:path ex:born ;
        sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] [ sh:class ex:Date ] ) ] .
"""
SHARED_VALUE_DATA = PREFIXES + """
ex:ann a ex:Person ; ex:name "Ann" ; ex:address ex:flat1 .
ex:bob a ex:Person ; ex:name "B", "Bobby" ; ex:address ex:flat1 , ex:flat2 .
ex:cyd a ex:Person ; ex:address "a string, not a node" .
ex:dan a ex:Person ; ex:born "1990-01-02"^^xsd:date, "1990"^^xsd:gYear, "1990-01"^^xsd:gYearMonth, ex:day1, ex:day2 .
ex:eve a ex:Person ; ex:born "1990"^^xsd:gYear, "not a date", ex:day1, "1990-13-45"^^xsd:date .
ex:day1 a ex:Date .
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
                                                SH.resultMessage, SH.sourceConstraint))] += 1
    return found


def test_shared_value_nodes_give_the_same_results_as_often():
    data = Graph().parse(data=SHARED_VALUE_DATA, format="turtle")
    shapes = Graph().parse(data=SHARED_VALUE_SHAPES, format="turtle")
    plain = results(data, shapes, faster=False)
    assert sum(plain.values()) >= 8 and max(plain.values()) >= 2  # the shared address counts twice
    assert sum(n for key, n in plain.items() if key[3] == SH.OrConstraintComponent) == 4
    assert results(data, shapes, faster=True) == plain


# sh:or alternatives checked with results that are thrown away: pyshacl still decides from their
# sh:resultSeverity whether an alternative is met (warnings are allowed), so the reduced results
# must keep it; ex:p1 meets an alternative whose only failure is a warning.
WARNING_ALTERNATIVE_SHAPES = PREFIXES + """
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:part ;
        sh:or ( [ sh:datatype xsd:integer ]
                [ sh:nodeKind sh:IRI ; sh:property [ sh:path ex:label ; sh:minCount 1 ; sh:severity sh:Warning ] ]
                [ sh:property [ sh:path ex:code ; sh:minCount 1 ] ] ) ] .
"""
WARNING_ALTERNATIVE_DATA = PREFIXES + """
ex:a a ex:Thing ; ex:part ex:p1, 7, "seven" .
ex:b a ex:Thing ; ex:part ex:p2 .
ex:p2 ex:code "x" .
"""


def test_alternatives_met_with_warnings_only_give_the_same_results():
    data = Graph().parse(data=WARNING_ALTERNATIVE_DATA, format="turtle")
    shapes = Graph().parse(data=WARNING_ALTERNATIVE_SHAPES, format="turtle")
    plain = results(data, shapes, faster=False)
    assert results(data, shapes, faster=True) == plain
    assert [str(key[2]) for key in plain] == ["seven"]  # ex:p1 meets an alternative with a warning only


@pytest.fixture(scope="module")
def violating_project(tmp_path_factory):
    return generate_project(tmp_path_factory.mktemp("speedups") / "proj", entries=30, violating=0.15, seed=5)


@pytest.fixture(scope="module")
def violating_graphs(violating_project):
    """The violating project's data and shapes graphs, and what plain pyshacl finds in them."""
    project = find_project(violating_project)
    data, shapes = load_project(project), load_shapes(project)
    return data, shapes, results(data, shapes, faster=False)


def test_real_shapes_on_violating_data_give_the_same_results(violating_graphs):
    data, shapes, plain = violating_graphs
    assert sum(plain.values()) >= 3
    assert results(data, shapes, faster=True) == plain


def test_without_text_report_the_results_graph_is_unchanged(violating_graphs):
    data, shapes, plain = violating_graphs
    with without_text_report():
        conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                                  inference="none", abort_on_first=False)
        assert results(data, shapes, faster=True) == plain
    assert not conforms and "Constraint Violation" not in text
    _c, _g, plain_text = pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                          inference="none", abort_on_first=False)
    assert "Constraint Violation" in plain_text  # undone after the block


def test_speedups_are_undone_after_the_block():
    from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
    from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
    from pyshacl.constraints.constraint_component import ConstraintComponent
    patched = [(PropertyConstraintComponent, "_evaluate_property_shape"), (ConstraintComponent, "make_v_result"),
               (SPARQLQueryHelper, "pre_bind_variables"), (SPARQLQueryHelper, "apply_prefixes")]
    before = [getattr(owner, name) for owner, name in patched]
    with faster_pyshacl():
        assert all(getattr(owner, name) is not b for (owner, name), b in zip(patched, before))
    assert all(getattr(owner, name) is b for (owner, name), b in zip(patched, before))


# Every SPARQL constraint of the shapes broken somewhere in a copy of the bundled data, and kept
# elsewhere: the constraints evaluated once per graph must find exactly what pyshacl finds one
# focus node at a time.
BREAK_EVERY_SPARQL_RULE = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX entry: <https://w3id.org/claimgraph/id/entry/>
PREFIX mechanism: <https://w3id.org/claimgraph/id/mechanism/>
PREFIX conf: <https://w3id.org/claimgraph/vocab/confidence/>
PREFIX evst: <https://w3id.org/claimgraph/vocab/evidence-status/>
DELETE { ?c cg:citation ?x } WHERE { entry:alignment-faking cg:counterargument ?c . ?c cg:citation ?x } ;
DELETE { ?c cg:attacks ?claim } WHERE { entry:in-context-scheming cg:counterargument ?c ; cg:claim ?claim } ;
DELETE { entry:sycophancy cg:evidenceStatus ?s } WHERE { entry:sycophancy cg:evidenceStatus ?s } ;
INSERT { ?e cg:evidenceStatus evst:demonstrated-lab } WHERE { ?e a cg:Entry ; cg:entryType <https://w3id.org/claimgraph/vocab/entry-type/incident> } ;
DELETE { entry:unintended-subgoals cg:declaredSourceCount ?n } INSERT { entry:unintended-subgoals cg:declaredSourceCount 9 }
  WHERE { entry:unintended-subgoals cg:declaredSourceCount ?n } ;
DELETE { ?e cg:confidence ?c } INSERT { ?e cg:confidence conf:verified }
  WHERE { VALUES ?e { entry:alignment-faking entry:shutdown-resistance } ?e cg:confidence ?c } ;
INSERT { ?b cg:arxivId ?id } WHERE { ?a cg:arxivId ?id . FILTER (?id = "1912.01683") ?b cg:arxivId "2105.14111" } ;
DELETE { ?s cg:authority ?a } INSERT { ?s a cg:Preprint }
  WHERE { entry:shutdown-resistance cg:citation/cg:source ?s OPTIONAL { ?s cg:authority ?a } } ;
INSERT DATA { mechanism:sycophancy cg:escalatesTo mechanism:sabotage }
"""


def test_sparql_constraints_once_per_graph_find_what_each_focus_node_finds(project_graph, root):
    data = Graph()
    for triple in project_graph:
        data.add(triple)
    data.update(BREAK_EVERY_SPARQL_RULE)
    shapes = load_shapes(find_project(root))
    plain = results(data, shapes, faster=False)
    broken = {key[6] for key in plain if key[3] == SH.SPARQLConstraintComponent}
    assert len(broken) == len(set(shapes.objects(None, SH.select))) == 9  # every SPARQL rule, broken
    assert results(data, shapes, faster=True) == plain


def test_every_sparql_constraint_of_the_shapes_is_evaluated_once_per_graph(root):
    """The speed-up applies to all of them (a query the check refuses still works, slowly)."""
    shapes = load_shapes(find_project(root))
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in shapes.namespaces())
    selects = list(shapes.objects(None, SH.select))
    assert len(selects) >= 9
    for select in selects:
        assert _bulk_safe(translateQuery(parseQuery(prefixes + str(select))).algebra), str(select)


@pytest.mark.parametrize("query", [
    "SELECT ?o WHERE { $this <p> ?o }",                                      # $this not projected
    "SELECT $this WHERE { OPTIONAL { $this <p> ?o } }",                      # bound only optionally
    "SELECT $this WHERE { ?x <p> ?o FILTER ($this = ?x) }",                  # only in an expression
    "SELECT $this WHERE { { $this <p> ?o } UNION { ?o <p> ?x } }",           # one branch only
    "SELECT $this WHERE { { SELECT $this WHERE { $this <p> ?o } } }",        # a sub-query
    "SELECT $this WHERE { $this <p> ?o MINUS { $this <q> ?o } }",
    "SELECT $this WHERE { $this <p> ?o VALUES ?o { 1 } }",
    "SELECT $this (COUNT(*) AS ?n) WHERE { $this <p> ?o }",                  # counts across nodes
    "SELECT $this (SAMPLE(?o) AS ?x) WHERE { $this <p> ?o } GROUP BY ?o",
    "SELECT $this WHERE { $this <p> ?o BIND (?o AS ?this) }",
])
def test_queries_whose_answer_depends_on_pre_binding_run_per_focus_node(query):
    assert not _bulk_safe(translateQuery(parseQuery(query)).algebra)

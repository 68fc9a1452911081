"""The analysis written back as RDF: ontology terms, minted IRIs, no blank nodes, determinism,
and queryable in the analysis named graph."""

from __future__ import annotations

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF, SKOS

from claimgraph.analyse.analysis import analyse_graph
from claimgraph.analyse.rdf import ANALYSIS_BASE, analysis_graph, analysis_iri, analysis_turtle
from claimgraph.model.terms import ANALYSIS_GRAPH, ARGUMENT_STATUS, CG

ID = "https://w3id.org/claimgraph/id/"


@pytest.fixture(scope="module")
def analysis(project_graph):
    return analyse_graph(project_graph)


@pytest.fixture(scope="module")
def graph(analysis) -> Graph:
    return analysis_graph(analysis)


def test_no_blank_nodes_and_minted_iris(graph) -> None:
    assert len(graph) > 0
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    for a in graph.subjects(RDF.type, CG.Analysis):
        assert str(a).startswith(ANALYSIS_BASE)
        assert len(list(graph.objects(a, CG.analyses))) == 1


def test_uses_the_ontology_terms_and_status_concepts(graph, project_graph) -> None:
    used = {p for _s, p, _o in graph}
    assert {CG.analyses, CG.groundedStatus, CG.inPreferredExtensions, CG.preferredExtensionCount,
            CG.centrality} <= used
    declared = set(project_graph.subjects(RDF.type, None))
    assert used - {RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#label")} <= declared
    for status in set(graph.objects(None, CG.groundedStatus)):
        assert (status, SKOS.inScheme, URIRef(str(ARGUMENT_STATUS).rstrip("/"))) in project_graph


def test_model_entry_statuses_as_triples(graph) -> None:
    def status(node: str):
        return graph.value(analysis_iri(node), CG.groundedStatus)
    claim = ID + "entry/unintended-subgoals/claim"
    assert status(claim) == ARGUMENT_STATUS.accepted
    assert status(ID + "entry/unintended-subgoals/counterargument/1") == ARGUMENT_STATUS.rejected
    assert status(ID + "entry/unintended-subgoals/counterargument/1/response") == ARGUMENT_STATUS.accepted
    assert graph.value(analysis_iri(claim), CG.inPreferredExtensions).toPython() == 1


def test_deterministic_turtle(project_graph, analysis) -> None:
    first = analysis_turtle(analysis)
    assert first == analysis_turtle(analyse_graph(project_graph))
    assert Graph().parse(data=first, format="turtle").isomorphic(analysis_graph(analysis))


def test_analysis_iri_is_stable_and_distinct() -> None:
    a = analysis_iri(ID + "entry/x/claim")
    assert a == analysis_iri(ID + "entry/x/claim")
    assert a != analysis_iri(ID + "entry/x-claim")
    assert str(a).startswith(ANALYSIS_BASE + "entry-x-claim-")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset.query
def test_sparql_over_the_analysis_named_graph(project_graph, graph) -> None:
    ds = Dataset()
    data = ds.graph(URIRef("https://w3id.org/claimgraph/graph/data"))
    for t in project_graph:
        data.add(t)
    target = ds.graph(ANALYSIS_GRAPH)
    for t in graph:
        target.add(t)
    rows = ds.query("""
        PREFIX cg: <https://w3id.org/claimgraph/ontology#>
        PREFIX schema: <https://schema.org/>
        SELECT ?text WHERE {
          GRAPH <https://w3id.org/claimgraph/graph/analysis> {
            ?a cg:analyses ?claim ; cg:groundedStatus <https://w3id.org/claimgraph/vocab/argument-status/accepted> }
          GRAPH <https://w3id.org/claimgraph/graph/data> { ?claim a cg:Claim ; schema:text ?text }
        }""")
    texts = {str(r.text) for r in rows}
    assert "AI systems pursue unintended sub-goals autonomously." in texts

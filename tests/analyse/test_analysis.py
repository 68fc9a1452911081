"""The analysis on the bundled data and on small RDF frameworks read through the whole pipeline."""

from __future__ import annotations

import pytest
from rdflib import Graph

from claimgraph.analyse.analysis import analyse_graph
from claimgraph.analyse.report import to_json, to_table

ID = "https://w3id.org/claimgraph/id/"
CLAIM = ID + "entry/unintended-subgoals/claim"
COUNTER = ID + "entry/unintended-subgoals/counterargument/1"
RESPONSE = COUNTER + "/response"


@pytest.fixture(scope="module")
def analysis(project_graph):
    return analyse_graph(project_graph)


def by_iri(analysis):
    return {a.iri: a for a in analysis.arguments}


def test_model_entry_statuses(analysis) -> None:
    args = by_iri(analysis)
    assert args[CLAIM].status == "accepted"
    assert args[COUNTER].status == "rejected"
    assert args[RESPONSE].status == "accepted"
    assert (args[CLAIM].in_preferred, args[CLAIM].preferred_count) == (1, 1)
    assert args[COUNTER].in_preferred == 0
    assert args[CLAIM].framework == args[COUNTER].framework == args[RESPONSE].framework


def test_every_claim_counterargument_and_response_has_a_status(project_graph, analysis) -> None:
    from claimgraph.model.terms import CG
    from rdflib.namespace import RDF
    expected = {str(s) for cls in (CG.Claim, CG.Counterargument, CG.Response)
                for s in project_graph.subjects(RDF.type, cls)}
    assert expected <= set(by_iri(analysis))
    assert {a.status for a in analysis.arguments} <= {"accepted", "rejected", "undecided"}


def test_load_bearing_single_source_and_contested(analysis) -> None:
    load = {x.iri: x for x in analysis.load_bearing}
    rome = ID + "source/arxiv-2512.24873"
    assert load[rome].claims >= 1 and 0 < load[rome].centrality <= 1
    assert ID + "person/alex-turner" in load  # author of the response's source, which defends the claim
    assert "https://w3id.org/claimgraph/vocab/mechanism/specification-gaming" in load
    claims = [x.claims for x in analysis.load_bearing]
    assert claims == sorted(claims, reverse=True)
    single = {c.iri: c for c in analysis.single_source_claims}
    assert single[CLAIM].sources == [rome] and single[CLAIM].self_reported
    contested = {c.iri: c for c in analysis.contested}
    rome_incident = contested[ID + "incident/rome-mining-and-ssh-tunnel"]
    assert rome_incident.holds_regardless
    assert len(rome_incident.candidates) == 2
    assert CLAIM in rome_incident.claims


PREFIXES = """
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix : <https://w3id.org/claimgraph/id/entry/t/> .
"""


def analyse_turtle(body: str):
    return analyse_graph(Graph().parse(data=PREFIXES + body, format="turtle"))


def statuses(body: str) -> dict[str, str]:
    return {a.iri.rsplit("/", 1)[-1]: a.status for a in analyse_turtle(body).arguments}


def test_unanswered_counterargument_rejects_the_claim() -> None:
    assert statuses("""
        :claim a cg:Claim ; schema:text "A claim under attack." .
        :c1 a cg:Counterargument ; cg:attacks :claim .
    """) == {"claim": "rejected", "c1": "accepted"}


def test_answered_counterarguments_reinstate_the_claim() -> None:
    assert statuses("""
        :claim a cg:Claim . :c1 a cg:Counterargument ; cg:attacks :claim .
        :c2 a cg:Counterargument ; cg:attacks :claim .
        :r1 a cg:Response ; cg:attacks :c1 . :r2 a cg:Response ; cg:attacks :c2 .
    """) == {"claim": "accepted", "c1": "rejected", "c2": "rejected", "r1": "accepted", "r2": "accepted"}


def test_mutual_attack_leaves_both_undecided_with_two_preferred_extensions() -> None:
    result = analyse_turtle("""
        :claim a cg:Claim . :c1 a cg:Counterargument ; cg:attacks :claim .
        :r1 a cg:Response ; cg:attacks :c1 . :c1 cg:attacks :r1 .
    """)
    args = {a.iri.rsplit("/", 1)[-1]: a for a in result.arguments}
    assert {k: a.status for k, a in args.items()} == {"claim": "undecided", "c1": "undecided", "r1": "undecided"}
    assert {k: (a.in_preferred, a.preferred_count) for k, a in args.items()} == {
        "claim": (1, 2), "c1": (1, 2), "r1": (1, 2)}
    assert result.preferred_extensions == 2


def test_reports_render(analysis) -> None:
    import json
    table = to_table(analysis)
    assert "accepted" in table and "rejected" in table and CLAIM in table
    assert "Claims resting on a single source" in table and "Contested evidence" in table
    data = json.loads(to_json(analysis))
    assert {"arguments", "load_bearing", "single_source_claims", "contested"} <= set(data)

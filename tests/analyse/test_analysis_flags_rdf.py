"""Single-source, self-report-only and contested flags reach the analysis graph, so SPARQL sees them."""

from __future__ import annotations

from claimgraph.analyse import analyse_graph
from claimgraph.analyse.rdf import analysis_graph

Q = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
SELECT ?node ?flag WHERE { ?a cg:analyses ?node ; ?p ?flag . FILTER (?p = cg:%s) }
"""
ENTRY = "https://w3id.org/claimgraph/id/entry/unintended-subgoals"


def test_flags_are_written_as_triples(project_graph):
    g = analysis_graph(analyse_graph(project_graph))
    single = {str(n): f.toPython() for n, f in g.query(Q % "restsOnSingleSource")}
    self_only = {str(n): f.toPython() for n, f in g.query(Q % "restsOnSelfReportsOnly")}
    contested = {str(n) for n, _f in g.query(Q % "contestedMechanism")}
    # the model entry's claim rests on the ROME paper alone, a developer self-report
    assert single[ENTRY + "/claim"] is True
    assert self_only[ENTRY + "/claim"] is True
    assert set(self_only) == set(single)
    assert "https://w3id.org/claimgraph/id/incident/rome-mining-and-ssh-tunnel" in contested

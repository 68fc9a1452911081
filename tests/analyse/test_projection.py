"""The projection of the RDF onto the typed argument graph, on the bundled model entry."""

from __future__ import annotations

import networkx as nx
import pytest

from claimgraph.analyse.projection import EDGE_TYPES, NODE_TYPES, project, shorten

ID = "https://w3id.org/claimgraph/id/"
MECH = "https://w3id.org/claimgraph/vocab/mechanism/"
CLAIM = ID + "entry/unintended-subgoals/claim"
COUNTER = ID + "entry/unintended-subgoals/counterargument/1"
RESPONSE = COUNTER + "/response"
ROME_INCIDENT = ID + "incident/rome-mining-and-ssh-tunnel"
TURNER = ID + "person/alex-turner"


@pytest.fixture(scope="module")
def g(project_graph) -> nx.MultiDiGraph:
    return project(project_graph)


def edge_types(g: nx.MultiDiGraph, u: str, v: str) -> set[str]:
    return set(g.get_edge_data(u, v, default={}))


def test_every_node_and_edge_is_typed(g) -> None:
    assert g.number_of_nodes() > 0
    assert {t for _n, t in g.nodes(data="type")} <= set(NODE_TYPES)
    assert {k for _u, _v, k in g.edges(keys=True)} <= set(EDGE_TYPES)
    for _n, attrs in g.nodes(data=True):
        assert {"type", "label", "text", "source", "date", "iri", "entry"} <= set(attrs)
        assert attrs["label"]


def test_model_entry_argument_structure(g) -> None:
    assert g.nodes[CLAIM]["type"] == "claim"
    assert g.nodes[CLAIM]["label"] == "AI Systems Pursue Unintended Sub-Goals Autonomously"
    assert g.nodes[CLAIM]["text"] == "AI systems pursue unintended sub-goals autonomously."
    assert g.nodes[CLAIM]["entry"] == ID + "entry/unintended-subgoals"
    assert g.nodes[CLAIM]["date"] == "2026-03-17"
    assert edge_types(g, COUNTER, CLAIM) == {"attacks"}
    assert edge_types(g, RESPONSE, COUNTER) == {"responds to"}
    assert "supports" in edge_types(g, ROME_INCIDENT, CLAIM)
    assert g.nodes[COUNTER]["source"].startswith("Alex Turner (TurnTrout)")
    assert g.nodes[RESPONSE]["date"] == "2025-12"


def test_citations_attributions_and_organisations(g) -> None:
    source = ID + "source/arxiv-2512.24873"
    assert g.nodes[source]["type"] == "source"
    assert edge_types(g, ROME_INCIDENT, source) == {"cites"}
    cites = g.get_edge_data(ROME_INCIDENT, source)["cites"]
    assert cites["locator"].startswith("Section 3.1.4")
    assert edge_types(g, CLAIM, source) == {"cites"}  # the entry's own source list
    argued = g.get_edge_data(COUNTER, TURNER)["argued by"]
    assert argued["alias"] == "TurnTrout"
    assert argued["affiliation"] == "Google DeepMind Scalable Alignment team"
    assert "developed by" in edge_types(g, ID + "system/rome", ID + "organisation/alibaba")
    assert "involves" in edge_types(g, ROME_INCIDENT, ID + "system/rome")
    assert "affiliated with" in edge_types(g, TURNER, ID + "organisation/google-deepmind-scalable-alignment")
    assert "authored by" in edge_types(g, ID + "source/lesswrong-reward-is-not-the-optimization-target", TURNER)


def test_contested_interpretation_and_escalation(g) -> None:
    candidates = [v for _u, v, k in g.out_edges(ROME_INCIDENT, keys=True) if k == "interpreted as"]
    assert sorted(g.nodes[c]["label"] for c in candidates) == ["Instrumental convergence", "Specification gaming"]
    spec = ID + "entry/unintended-subgoals/debate/specification-gaming"
    assert edge_types(g, spec, MECH + "specification-gaming") == {"concerns"}
    assert edge_types(g, spec, TURNER) == {"argued by"}
    assert g.get_edge_data(ROME_INCIDENT, spec)["interpreted as"]["holds_regardless"] is True
    assert "escalates to" in edge_types(g, MECH + "reward-hacking", MECH + "sabotage")
    assert "escalation path" in edge_types(g, CLAIM, MECH + "reward-hacking")
    assert g.nodes[MECH + "sabotage"]["label"] == "sabotage"


def test_projection_is_deterministic(project_graph, g) -> None:
    again = project(project_graph)
    assert list(again.nodes(data=True)) == list(g.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("one two three", 20) == "one two three"
    assert shorten("alpha beta gamma delta", 12) == "alpha beta…"
    assert len(shorten("x" * 100, 10)) == 10

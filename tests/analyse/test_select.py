"""Entry and focus neighbourhoods, and type filters, of the argument graph."""

from __future__ import annotations

import pytest

from claimgraph.analyse.projection import project
from claimgraph.analyse.select import entry_view, focus_view, only_types, resolve_entry, resolve_iri
from claimgraph.errors import InputError

ID = "https://w3id.org/claimgraph/id/"


@pytest.fixture(scope="module")
def g(project_graph):
    return project(project_graph)


def test_entry_view_holds_the_entry_and_its_neighbours(g) -> None:
    view = entry_view(g, "unintended-subgoals")
    for part in ("entry/unintended-subgoals/claim", "entry/unintended-subgoals/counterargument/1",
                 "entry/unintended-subgoals/counterargument/1/response", "incident/rome-mining-and-ssh-tunnel",
                 "source/arxiv-2512.24873", "person/alex-turner", "system/rome"):
        assert ID + part in view
    assert view.number_of_nodes() < g.number_of_nodes()
    same = entry_view(g, "entry:unintended-subgoals")
    assert set(same) == set(view)
    assert set(entry_view(g, ID + "entry/unintended-subgoals", depth=0)) < set(view)


def test_focus_view_depth(g) -> None:
    turner = ID + "person/alex-turner"
    one = focus_view(g, "person:alex-turner", 1)
    assert turner in one and all(n == turner or g.has_edge(n, turner) or g.has_edge(turner, n) for n in one)
    assert set(one) <= set(focus_view(g, turner, 2))
    assert set(focus_view(g, turner, 0)) == {turner}


def test_only_types(g) -> None:
    view = only_types(g, ["claim", "counterargument", "response"])
    assert {t for _n, t in view.nodes(data="type")} <= {"claim", "counterargument", "response"}
    assert {k for _u, _v, k in view.edges(keys=True)} <= {"attacks", "responds to"}


@pytest.mark.parametrize("call", [
    lambda g: entry_view(g, "no-such-entry"),
    lambda g: focus_view(g, "person:nobody", 1),
    lambda g: focus_view(g, "nope:x", 1),
    lambda g: only_types(g, ["claim", "planet"]),
    lambda g: focus_view(g, "person:alex-turner", -1),
    lambda g: resolve_entry("person:alex-turner"),
])
def test_bad_input_is_an_input_error(g, call) -> None:
    with pytest.raises(InputError):
        call(g)


def test_resolve_iri() -> None:
    assert resolve_iri("entry:x/claim") == ID + "entry/x/claim"
    assert resolve_iri("https://example.org/a") == "https://example.org/a"

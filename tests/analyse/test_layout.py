"""Positions computed in Python: complete, deterministic, and no two nodes on top of each other."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx

from claimgraph.analyse.layout import positions
from claimgraph.analyse.projection import project


def min_distance(pos: dict) -> float:
    pts = sorted(pos.values())
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.combinations(pts, 2):
        if abs(x2 - x1) >= best:
            continue
        best = min(best, math.hypot(x2 - x1, y2 - y1))
    return best


def clustered_graph(n_clusters: int = 40, seed: int = 3) -> nx.MultiDiGraph:
    """Clusters of 5-30 nodes, a few shared hubs, some edges between clusters."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    hubs = [f"hub{i}" for i in range(4)]
    g.add_nodes_from(hubs)
    for c in range(n_clusters):
        members = [f"c{c}-{i}" for i in range(rng.randint(5, 30))]
        for i, m in enumerate(members[1:], 1):
            g.add_edge(m, members[rng.randrange(i)], key="supports")
        for m in rng.sample(members, 3):
            g.add_edge(m, rng.choice(hubs), key="concerns")
        if c:
            g.add_edge(members[0], f"c{rng.randrange(c)}-0", key="cites")
    return g


def test_bundled_graph_positions(project_graph) -> None:
    g = project(project_graph)
    pos = positions(g)
    assert set(pos) == set(g.nodes)
    assert min_distance(pos) > 5
    assert positions(g) == pos


def test_clustered_graph_with_hubs_and_isolated_nodes() -> None:
    g = clustered_graph()
    g.add_nodes_from(["lonely-1", "lonely-2"])
    pos = positions(g)
    assert set(pos) == set(g.nodes)
    assert min_distance(pos) > 5
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


def test_large_component_is_split_and_placed() -> None:
    g = nx.path_graph(500)
    nx.add_star(g, [1000, *range(0, 500, 7)])  # a hub
    pos = positions(g)
    assert set(pos) == set(g.nodes)
    assert min_distance(pos) > 5


def test_empty_and_single() -> None:
    assert positions(nx.Graph()) == {}
    single = nx.Graph()
    single.add_node("a")
    assert set(positions(single)) == {"a"}

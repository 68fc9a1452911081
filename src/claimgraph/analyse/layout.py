"""Node positions computed in Python, in time linear in the graph's size.

Why: a browser force simulation over thousands of nodes takes tens of seconds to settle (pyvis's
defaults: 41.6 s at 1,000 nodes), while a page whose nodes arrive with positions and physics off
is usable at once. No numpy here, so no O(n^2) force layout either: instead

1. hubs (nodes far more connected than the rest: mechanisms, big organisations) are set aside;
2. what remains falls apart into clusters (connected components, large ones split by label
   propagation), typically one entry's claim, evidence, counterarguments and their sources;
3. each cluster is laid out as a radial tree around its best-connected node;
4. clusters are packed in rows, in breadth-first order of the cluster graph, so that clusters
   sharing edges sit near each other;
5. each hub goes to the centre of its neighbours, moved outwards until it has room.

Deterministic: the same graph always gives the same positions.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Hashable

import networkx as nx

Position = tuple[float, float]
Adjacency = list[set[int]]
#: Clusters larger than this are split (label propagation, then breadth-first chunks).
MAX_CLUSTER = 80
#: Rounds of label propagation at most.
LPA_ROUNDS = 6


def positions(graph: nx.Graph, *, spacing: float = 60.0) -> dict[Hashable, Position]:
    """Positions for every node of ``graph`` (directed or not, multi or not)."""
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    adj: Adjacency = [set() for _ in nodes]
    for u, v in graph.edges():
        a, b = index[u], index[v]
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    hubs = _hubs(adj)
    clusters = _clusters(adj, hubs)
    local = [_radial(adj, c, spacing) for c in clusters]
    placed = _pack(adj, clusters, local, spacing)
    _place_hubs(adj, hubs, placed, spacing)
    return {nodes[i]: p for i, p in placed.items()}


def _hubs(adj: Adjacency) -> set[int]:
    threshold = max(12, int(3 * math.sqrt(len(adj))))
    return {v for v, ns in enumerate(adj) if len(ns) > threshold}


def _components(adj: Adjacency, members: set[int]) -> list[list[int]]:
    """Connected components of the subgraph induced by ``members``, largest first."""
    seen: set[int] = set()
    comps: list[list[int]] = []
    for start in sorted(members):
        if start in seen:
            continue
        seen.add(start)
        comp, queue = [], deque([start])
        while queue:
            v = queue.popleft()
            comp.append(v)
            for w in sorted(adj[v]):
                if w in members and w not in seen:
                    seen.add(w)
                    queue.append(w)
        comps.append(sorted(comp))
    comps.sort(key=lambda c: (-len(c), c[0]))
    return comps


def _clusters(adj: Adjacency, hubs: set[int]) -> list[list[int]]:
    clusters: list[list[int]] = []
    for comp in _components(adj, set(range(len(adj))) - hubs):
        if len(comp) <= MAX_CLUSTER:
            clusters.append(comp)
            continue
        for community in _propagate_labels(adj, comp):
            clusters.extend(_chunks(adj, community))
    return clusters


def _propagate_labels(adj: Adjacency, comp: list[int]) -> list[list[int]]:
    """Communities by label propagation: each node takes its neighbours' most common label
    (ties to the smallest), in a fixed order, until nothing changes."""
    members = set(comp)
    label = {v: v for v in comp}
    for _round in range(LPA_ROUNDS):
        changed = False
        for v in comp:
            counts = Counter(label[w] for w in adj[v] if w in members)
            if not counts:
                continue
            best = max(counts.values())
            new = min(lab for lab, c in counts.items() if c == best)
            if new != label[v] and counts.get(label[v], 0) < best:
                label[v] = new
                changed = True
        if not changed:
            break
    groups: dict[int, list[int]] = {}
    for v in comp:
        groups.setdefault(label[v], []).append(v)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _chunks(adj: Adjacency, community: list[int]) -> list[list[int]]:
    """Breadth-first pieces of at most MAX_CLUSTER nodes."""
    if len(community) <= MAX_CLUSTER:
        return [community]
    members = set(community)
    seen: set[int] = set()
    pieces: list[list[int]] = []
    current: list[int] = []
    for start in community:
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            v = queue.popleft()
            current.append(v)
            if len(current) == MAX_CLUSTER:
                pieces.append(current)
                current = []
            for w in sorted(adj[v]):
                if w in members and w not in seen:
                    seen.add(w)
                    queue.append(w)
    if current:
        pieces.append(current)
    return pieces


def _radial(adj: Adjacency, cluster: list[int], spacing: float) -> tuple[dict[int, Position], float]:
    """A radial tree layout around the best-connected node; returns positions and the radius."""
    members = set(cluster)
    root = min(cluster, key=lambda v: (-len(adj[v]), v))
    children: dict[int, list[int]] = {v: [] for v in cluster}
    depth = {root: 0}
    order = [root]
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for w in sorted(adj[v]):
            if w in members and w not in depth:
                depth[w] = depth[v] + 1
                children[v].append(w)
                order.append(w)
                queue.append(w)
    for v in cluster:  # a piece of a split community need not be connected
        if v not in depth:
            depth[v] = 1
            children[root].append(v)
            order.append(v)
    leaves: dict[int, int] = {}
    for v in reversed(order):
        leaves[v] = max(1, sum(leaves[c] for c in children[v]))
    rings = Counter(depth.values())
    radius = {0: 0.0}
    for d in range(1, max(rings) + 1):
        radius[d] = max(radius[d - 1] + spacing, rings[d] * spacing / (2 * math.pi))
    pos: dict[int, Position] = {root: (0.0, 0.0)}
    stack = [(root, 0.0, 2 * math.pi)]
    while stack:
        v, start, width = stack.pop()
        offset = start
        for c in children[v]:
            share = width * leaves[c] / leaves[v]
            angle = offset + share / 2
            pos[c] = (radius[depth[c]] * math.cos(angle), radius[depth[c]] * math.sin(angle))
            stack.append((c, offset, share))
            offset += share
    return pos, radius[max(rings)] + spacing / 2


def _pack(adj: Adjacency, clusters: list[list[int]], local: list[tuple[dict[int, Position], float]],
          spacing: float) -> dict[int, Position]:
    """Rows of clusters, in breadth-first order of the graph of clusters."""
    cluster_of = {v: i for i, c in enumerate(clusters) for v in c}
    neighbours: list[set[int]] = [set() for _ in clusters]
    for v, i in cluster_of.items():
        for w in adj[v]:
            j = cluster_of.get(w)
            if j is not None and j != i:
                neighbours[i].add(j)
    sequence: list[int] = []
    seen: set[int] = set()
    for start in range(len(clusters)):
        if start in seen:
            continue
        seen.add(start)
        queue = deque([start])
        while queue:
            i = queue.popleft()
            sequence.append(i)
            for j in sorted(neighbours[i]):
                if j not in seen:
                    seen.add(j)
                    queue.append(j)
    area = sum((2 * r + spacing) ** 2 for _p, r in local)
    row_width = max(math.sqrt(area) * 1.2, max((2 * r for _p, r in local), default=0.0))
    placed: dict[int, Position] = {}
    x = y = row_height = 0.0
    for i in sequence:
        pos, r = local[i]
        size = 2 * r + spacing
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for v, (px, py) in pos.items():
            placed[v] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_height = max(row_height, size)
    return placed


def _place_hubs(adj: Adjacency, hubs: set[int], placed: dict[int, Position], spacing: float) -> None:
    """Each hub at the centre of its placed neighbours, on the nearest free cell of a grid."""
    cell = spacing * 1.5
    taken = {(round(x / cell), round(y / cell)) for x, y in placed.values()}
    for hub in sorted(hubs, key=lambda v: (-len(adj[v]), v)):
        around = [placed[w] for w in adj[hub] if w in placed]
        if around:
            cx = sum(p[0] for p in around) / len(around)
            cy = sum(p[1] for p in around) / len(around)
        else:
            cx = cy = 0.0
        i, j = round(cx / cell), round(cy / cell)
        for di, dj in _spiral():
            if (i + di, j + dj) not in taken:
                taken.add((i + di, j + dj))
                placed[hub] = (round((i + di) * cell, 1), round((j + dj) * cell, 1))
                break


def _spiral():
    """Grid offsets in rings of growing distance: (0, 0), then the 8 around it, and so on."""
    yield 0, 0
    ring = 1
    while True:
        for di in range(-ring, ring + 1):
            for dj in range(-ring, ring + 1):
                if max(abs(di), abs(dj)) == ring:
                    yield di, dj
        ring += 1

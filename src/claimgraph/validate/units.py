"""The graph cut into validation units, each with a key naming exactly what its results depend on.

Local shapes (see ``scope``) read only a focus node's forward closure. The graph is cut so that
every unit's closure is present wherever the unit is validated. It is cut between *elements*
(see ``summary``): an entry with all its parts (the IRIs below ``id/entry/SLUG``), or any other
node, which is **shared** (a source, a person, a concept, a class...).

- A shared node from which an entry can be reached (an incident that ``cg:supports`` an entry's
  claim) is **tainted**: its closure depends on entries.
- **Components**: entries and tainted nodes, joined (union-find) along every statement between
  two of them. Every statement pointing into a component comes from the same component (a node
  pointing at an entry-reaching node is entry-reaching), so a component's closure is its own
  statements plus the closure of the untainted shared nodes it points to; and whoever targets a
  component node through ``sh:targetObjectsOf`` is in the component too.
- **Shared units**: every other node, one unit each. Its closure lies entirely among untainted
  shared nodes; the only outside fact its results depend on is which predicates target it
  through ``sh:targetObjectsOf``.

A unit's key hashes the shapes, its own statements, the closure digests of the shared nodes it
points to and (shared units) its targeting predicates. Closure digests are Merkle hashes over the
strongly connected components of the shared graph, so equal digests mean equal closures. Equal
key, equal results: that is what makes remembered results safe to reuse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.terms import entry_of
from .summary import FileSummary, digest, element


@dataclass
class Unit:
    key: bytes
    members: tuple[str, ...]
    size: int  # statements of the members: a cost estimate


@dataclass
class Partition:
    units: list[Unit]
    unit_of: dict[str, int]                 # element -> index in units
    refs: dict[str, list[str]]              # element -> elements its statements point to
    shared: set[str]                        # untainted shared nodes
    targeted: dict[str, set[str]] = field(default_factory=dict)  # shared node -> predicates

    def unit_of_node(self, node: str) -> int | None:
        return self.unit_of.get(element(node))

    def closure(self, nodes: Iterable[str]) -> set[str]:
        """The elements reachable from ``nodes`` (included) by following statements forwards."""
        seen = set(nodes)
        stack = list(seen)
        refs = self.refs
        while stack:
            for o in refs.get(stack.pop(), ()):
                if o not in seen:
                    seen.add(o)
                    stack.append(o)
        return seen


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def partition(summaries: Iterable[FileSummary], salt: bytes, target_nodes: Iterable[str] = ()) -> Partition:
    """Cut the graph described by the file summaries into units keyed under ``salt`` (the
    shapes and the engine, see ``incremental``); ``target_nodes`` are focus nodes whatever the
    statements (``sh:targetNode``)."""
    own: dict[str, list[bytes]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    refs: dict[str, list[str]] = defaultdict(list)
    targeted: dict[str, set[str]] = defaultdict(set)
    for summary in summaries:
        for node, (d, n, rs) in summary.elements.items():
            own[node].append(d)
            count[node] += n
            if rs:
                refs[node].extend(rs)
        for p, o in summary.targeted:
            targeted[o].add(p)
    named = {element(n) for n in target_nodes}

    nodes = set(own)
    for rs in refs.values():
        nodes.update(rs)
    nodes.update(element(n) for n in targeted)
    nodes.update(named)
    entries = {n for n in nodes if entry_of(n) == n}

    # tainted shared nodes: reverse search from the entries over shared subjects
    reverse: dict[str, list[str]] = defaultdict(list)
    for s, rs in refs.items():
        if s not in entries:
            for o in rs:
                reverse[o].append(s)
    reaching = set(entries)
    stack = [n for n in entries if n in reverse]
    while stack:
        for s in reverse.get(stack.pop(), ()):
            if s not in reaching:
                reaching.add(s)
                stack.append(s)

    uf = _UnionFind()
    for n in reaching:
        uf.find(n)
        for o in refs.get(n, ()):
            if o in reaching:
                uf.union(n, o)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in reaching:
        groups[uf.find(n)].append(n)

    shared = nodes - reaching
    closure_digest = _closure_digests(shared, own, refs)
    units: list[Unit] = []
    unit_of: dict[str, int] = {}
    for root in sorted(groups):
        members = tuple(sorted(groups[root]))
        outside = sorted({closure_digest[o] for m in members for o in refs.get(m, ()) if o in shared})
        own_digests = sorted(d for m in members for d in own.get(m, ()))
        key = digest(salt, b"component", *own_digests, b"|", *outside)
        _add(units, unit_of, Unit(key, members, sum(count.get(m, 0) for m in members)))
    for node in sorted(shared):
        if node not in own and node not in targeted and node not in named:
            continue  # no statements and not targeted: never a focus node
        preds = sorted(targeted.get(node, ()))
        key = digest(salt, b"shared", closure_digest[node], b"|", *preds)
        _add(units, unit_of, Unit(key, (node,), count.get(node, 0)))
    return Partition(units, unit_of, dict(refs), shared,
                     {n: ps for n, ps in targeted.items() if n in shared})


def _add(units: list[Unit], unit_of: dict[str, int], unit: Unit) -> None:
    for m in unit.members:
        unit_of[m] = len(units)
    units.append(unit)


def _closure_digests(shared: set[str], own: dict[str, list[bytes]],
                     refs: dict[str, list[str]]) -> dict[str, bytes]:
    """Merkle digest of each shared node's closure: strongly connected components (Tarjan,
    iterative) come out successors first, so each component's digest covers its members'
    statements and its successors' digests."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: dict[str, bytes] = {}
    counter = 0
    for start in sorted(shared):
        if start in index:
            continue
        work = [(start, iter(refs.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in shared:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(refs.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    members.append(m)
                    if m == node:
                        break
                member_set = set(members)
                own_digests = sorted(d for m in members for d in (own.get(m) or [digest("node", m)]))
                successors = sorted({result[o] for m in members for o in refs.get(m, ())
                                     if o in shared and o not in member_set})
                d = digest(b"scc", *own_digests, b"|", *successors)
                for m in members:
                    result[m] = d
    return result

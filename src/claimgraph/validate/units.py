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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

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


def partition(summaries: Iterable[FileSummary], salt: bytes, target_nodes: Iterable[str] = ()) -> Partition:
    """Cut the graph described by the file summaries into units keyed under ``salt`` (the
    shapes and the engine, see ``incremental``); ``target_nodes`` are focus nodes whatever the
    statements (``sh:targetNode``).

    It runs on every ``validate`` and goes over every reference (hundreds of thousands) several
    times, so it does so in C where it can: set operations, ``map``, bulk ``dict`` updates."""
    elements, more_digests, targeted = _gather(summaries)
    named = {element(n) for n in target_nodes}

    nodes = set(elements)
    nodes.update(chain.from_iterable(map(itemgetter(2), elements.values())))
    nodes.update(element(n) for n in targeted)
    nodes.update(named)
    entries = {n for n in nodes if entry_of(n) == n}

    reaching = _tainted(entries, elements)
    # A shared node points at no tainted node (it would be tainted itself): the shared nodes are
    # closed under references.
    shared = nodes - reaching
    closure_digest = _closure_digests(shared, elements, more_digests)
    outside_digest = closure_digest.get  # None for a tainted node
    units: list[Unit] = []
    unit_of: dict[str, int] = {}
    for members in _components(reaching, elements):
        own_digests: list[bytes] = []
        outside: set[bytes | None] = set()
        size = 0
        for m in members:
            if m in elements:
                d, n, rs = elements[m]
                own_digests.append(d)
                if m in more_digests:
                    own_digests += more_digests[m]
                size += n
                outside.update(map(outside_digest, rs))
        own_digests.sort()
        outside.discard(None)
        key = digest(salt, b"component", *own_digests, b"|", *sorted(outside))
        for m in members:
            unit_of[m] = len(units)
        units.append(Unit(key, members, size))
    for node in sorted(shared):
        preds = targeted.get(node)
        found = elements.get(node)
        if preds is None and found is None and node not in named:
            continue  # no statements and not targeted: never a focus node
        key = digest(salt, b"shared", closure_digest[node], b"|", *(sorted(preds) if preds else ()))
        unit_of[node] = len(units)
        units.append(Unit(key, (node,), found[1] if found else 0))
    refs = {node: list(rs) for node, (_, _, rs) in elements.items() if rs}
    return Partition(units, unit_of, refs, shared,
                     {n: ps for n, ps in targeted.items() if n in shared})


_Element = tuple[bytes, int, Sequence[str]]


def _gather(summaries: Iterable[FileSummary]) -> tuple[dict[str, _Element], dict[str, list[bytes]],
                                                        dict[str, set[str]]]:
    """The summaries merged: element -> (digest of its statements in the first file holding it,
    their number in all files, the elements they point to in all files); element -> the digests
    of its statements in the other files (rare: an element split across files); targeted node ->
    targeting predicates. The elements are in the order ``Partition.refs`` lists them in: where
    each first points somewhere."""
    elements: dict[str, _Element] = {}
    more_digests: dict[str, list[bytes]] = {}
    targeted: dict[str, set[str]] = {}
    for summary in summaries:
        if elements.keys().isdisjoint(summary.elements):
            elements.update(summary.elements)  # the usual case, in C: the summaries' own tuples
        else:
            for node, (d, n, rs) in summary.elements.items():
                known = elements.get(node)
                if known is None:
                    elements[node] = (d, n, rs)
                    continue
                more_digests.setdefault(node, []).append(d)
                if rs and not known[2]:
                    del elements[node]  # moved to where it first points somewhere
                elements[node] = (known[0], known[1] + n, (*known[2], *rs))
        for p, o in summary.targeted:
            if o in targeted:
                targeted[o].add(p)
            else:
                targeted[o] = {p}
    return elements, more_digests, targeted


def _tainted(entries: set[str], elements: dict[str, _Element]) -> set[str]:
    """The entries and the nodes from which an entry can be reached: a reverse search from the
    entries over the other subjects."""
    reverse: dict[str, list[str]] = defaultdict(list)
    for s, (_, _, rs) in elements.items():
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
    return reaching


def _components(reaching: set[str], elements: dict[str, _Element]) -> list[tuple[str, ...]]:
    """The connected components of the tainted graph (entries and tainted nodes, joined along
    every statement between two of them), each sorted, in the order of their least member."""
    parent: dict[str, str] = {}  # union-find; a root is the least member of its set
    tainted_among = reaching.intersection
    for n, (_, _, rs) in elements.items():
        if n in reaching:
            for o in tainted_among(rs):
                a = n
                while a in parent:
                    a = parent[a]
                b = o
                while b in parent:
                    b = parent[b]
                if a != b:
                    if b < a:
                        a, b = b, a
                    parent[b] = a
                    for x in (n, o):  # compress both paths
                        while x != a:
                            parent[x], x = a, parent[x]
    # in sorted order, each set is met first by its root: the sets come out sorted, in order
    groups: dict[str, list[str]] = {}
    for n in sorted(reaching):
        root = n
        while root in parent:
            root = parent[root]
        if root in groups:
            groups[root].append(n)
        else:
            groups[root] = [n]
    return [tuple(members) for members in groups.values()]


def _closure_digests(shared: set[str], elements: dict[str, _Element],
                     more_digests: dict[str, list[bytes]]) -> dict[str, bytes]:
    """Merkle digest of each shared node's closure: strongly connected components (Tarjan,
    iterative) come out successors first, so each component's digest covers its members'
    statements and its successors' digests. ``shared`` must be closed under references.

    A digest depends on the components only, not on the order they are found in. Nearly all
    components are single nodes, most found with all their successors already done: those skip
    the Tarjan machinery (a node pointing nowhere, or only at finished nodes, is in no cycle)."""
    result: dict[str, bytes] = {}
    finished = result.get  # None for a node not finished

    def statements(node: str) -> list[bytes]:
        """The sorted digests of the node's statements, or of its name if it has none."""
        if node not in elements:
            return [digest("node", node)]
        d = elements[node][0]
        return sorted([d, *more_digests[node]]) if node in more_digests else [d]

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    work: list[tuple[str, Iterator[str]]] = []
    for start in shared:
        if start in result:
            continue
        visit: str | None = start
        while True:
            if visit is not None:
                rs = elements[visit][2] if visit in elements else ()
                successors = set(map(finished, rs))
                if None in successors:
                    index[visit] = low[visit] = len(index)
                    stack.append(visit)
                    work.append((visit, iter(rs)))
                else:
                    result[visit] = digest(b"scc", *statements(visit), b"|", *sorted(successors))
                visit = None
            if not work:
                break
            node, children = work[-1]
            for child in children:
                if child in result:
                    continue
                if child not in index:
                    visit = child
                    break
                if index[child] < low[node]:  # on the stack: in this node's component
                    low[node] = index[child]
            else:
                work.pop()
                lowest = low[node]
                if work and lowest < low[work[-1][0]]:
                    low[work[-1][0]] = lowest
                if lowest == index[node]:
                    members = []
                    while True:
                        m = stack.pop()
                        members.append(m)
                        if m == node:
                            break
                    own_digests = sorted(d for m in members for d in statements(m))
                    successors = set()  # every successor is finished or a member (None)
                    for m in members:
                        if m in elements:
                            successors.update(map(finished, elements[m][2]))
                    successors.discard(None)
                    d = digest(b"scc", *own_digests, b"|", *sorted(successors))
                    for m in members:
                        result[m] = d
    return result

"""Abstract argumentation (Dung 1995): grounded labelling and preferred extensions.

Why here and not a library: the semantics are short, must be exact, and must stay tractable on a
growing database. The grounded labelling is computed in linear time. Preferred extensions are
enumerated per weakly connected component, and only over the arguments the grounded labelling
leaves undecided: every preferred extension is the grounded extension plus a preferred extension
of the framework restricted to the undecided arguments (accepted arguments attack no undecided
one, and rejected ones are already defeated), and a disjoint union's preferred extensions are the
products of its parts'.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from math import prod

import networkx as nx

Arg = Hashable

#: Search steps allowed per component when enumerating preferred extensions; beyond it the
#: component's preferred membership is reported as unknown (None) rather than hanging.
DEFAULT_BUDGET = 200_000


class Status(enum.Enum):
    """Grounded labels (Caminada's in / out / undec)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Framework:
    """Arguments and the attack relation: ``(a, b)`` means a attacks b."""

    arguments: frozenset
    attacks: frozenset

    @classmethod
    def of(cls, arguments: Iterable[Arg], attacks: Iterable[tuple[Arg, Arg]]) -> Framework:
        attacks = frozenset(attacks)
        return cls(frozenset(arguments) | {x for pair in attacks for x in pair}, attacks)

    def attackers(self) -> dict[Arg, set[Arg]]:
        result: dict[Arg, set[Arg]] = {a: set() for a in self.arguments}
        for a, b in self.attacks:
            result[b].add(a)
        return result

    def attacked(self) -> dict[Arg, set[Arg]]:
        result: dict[Arg, set[Arg]] = {a: set() for a in self.arguments}
        for a, b in self.attacks:
            result[a].add(b)
        return result

    def restrict(self, arguments: Iterable[Arg]) -> Framework:
        keep = frozenset(arguments)
        return Framework(keep, frozenset((a, b) for a, b in self.attacks if a in keep and b in keep))

    def components(self) -> list[frozenset]:
        """Weakly connected components, in a stable order (by their smallest member's text)."""
        g = nx.Graph()
        g.add_nodes_from(self.arguments)
        g.add_edges_from(self.attacks)
        return sorted((frozenset(c) for c in nx.connected_components(g)), key=lambda c: min(map(str, c)))


def grounded_labelling(af: Framework) -> dict[Arg, Status]:
    """The least fixed point: accept arguments all of whose attackers are rejected, reject those
    attacked by an accepted one; what is left is undecided."""
    attackers = af.attackers()
    attacked = af.attacked()
    live = {a: len(attackers[a]) for a in af.arguments}  # attackers not yet rejected
    label: dict[Arg, Status] = {}
    queue = deque(sorted((a for a, n in live.items() if n == 0), key=str))
    while queue:
        a = queue.popleft()
        if a in label:
            continue
        label[a] = Status.ACCEPTED
        for b in sorted(attacked[a], key=str):
            if b in label:
                continue
            label[b] = Status.REJECTED
            for c in attacked[b]:
                live[c] -= 1
                if live[c] == 0 and c not in label:
                    queue.append(c)
    return {a: label.get(a, Status.UNDECIDED) for a in af.arguments}


def grounded_extension(af: Framework) -> frozenset:
    return frozenset(a for a, s in grounded_labelling(af).items() if s is Status.ACCEPTED)


class BudgetExceeded(Exception):
    """Internal: the search for preferred extensions of one component ran out of steps."""


# Labels of the enumeration (Nofal, Atkinson and Dunne 2014).
_BLANK, _IN, _OUT, _MUST_OUT, _UNDEC = range(5)


def _preferred_undecided(af: Framework, budget: int) -> list[frozenset]:
    """Preferred extensions of a framework by labelling search: try each blank argument IN (its
    targets OUT, its attackers MUST_OUT), then UNDEC; a leaf with no MUST_OUT left is admissible.
    IN-first branching finds maximal sets before their subsets; a final filter keeps maximal ones."""
    args = sorted(af.arguments, key=str)
    index = {a: i for i, a in enumerate(args)}
    attackers = [sorted(index[b] for b in af.attackers()[a]) for a in args]
    attacked = [sorted(index[b] for b in af.attacked()[a]) for a in args]
    labels = [_UNDEC if i in attackers[i] else _BLANK for i in range(len(args))]
    found: list[int] = []  # bitmasks of admissible sets found
    steps = 0

    def hopeless(lab: list[int]) -> bool:
        # a MUST_OUT argument none of whose attackers can still come IN
        return any(lab[x] == _MUST_OUT and not any(lab[y] == _BLANK for y in attackers[x])
                   for x in range(len(lab)))

    def search(lab: list[int]) -> None:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise BudgetExceeded
        while True:
            blank = next((i for i, v in enumerate(lab) if v == _BLANK), None)
            if blank is None:
                break
            nxt = lab.copy()
            nxt[blank] = _IN
            for t in attacked[blank]:
                nxt[t] = _OUT
            for t in attackers[blank]:
                if nxt[t] != _OUT:
                    nxt[t] = _MUST_OUT
            if not hopeless(nxt):
                search(nxt)
            lab = lab.copy()
            lab[blank] = _UNDEC
            if hopeless(lab):
                return
        if any(v == _MUST_OUT for v in lab):
            return
        mask = sum(1 << i for i, v in enumerate(lab) if v == _IN)
        if not any(mask | other == other for other in found):
            found.append(mask)

    search(labels)
    maximal = [m for m in found if not any(m != o and m | o == o for o in found)]
    return sorted((frozenset(args[i] for i in range(len(args)) if m >> i & 1) for m in maximal),
                  key=lambda s: sorted(map(str, s)))


@dataclass(frozen=True)
class Part:
    """A weakly connected part of a component's undecided arguments, with its preferred extensions."""

    arguments: frozenset
    extensions: tuple[frozenset, ...]


@dataclass
class ComponentResult:
    """Preferred extensions of one weakly connected component of the attack graph, kept factored:
    the grounded extension times each undecided part's preferred extensions."""

    arguments: frozenset
    grounded: frozenset
    #: None when the search ran over budget (membership then unknown)
    parts: tuple[Part, ...] | None = ()

    @property
    def count(self) -> int | None:
        """How many preferred extensions the component has."""
        if self.parts is None:
            return None
        return prod(len(p.extensions) for p in self.parts)

    def membership(self, arg: Arg) -> int | None:
        """In how many of the component's preferred extensions ``arg`` lies."""
        if self.parts is None:
            return None
        if arg in self.grounded:
            return self.count
        for part in self.parts:
            if arg in part.arguments:
                others = prod(len(p.extensions) for p in self.parts if p is not part)
                return others * sum(1 for ext in part.extensions if arg in ext)
        return 0  # rejected by the grounded labelling

    def extensions(self) -> list[frozenset] | None:
        """All preferred extensions of the component (the product of the parts'): small ones only."""
        if self.parts is None:
            return None
        result = [self.grounded]
        for part in self.parts:
            result = [e | p for e in result for p in part.extensions]
        return sorted(result, key=lambda s: sorted(map(str, s)))


def preferred_by_component(af: Framework, *, budget: int = DEFAULT_BUDGET) -> list[ComponentResult]:
    """For each weakly connected component: its grounded extension and the preferred extensions
    of its undecided arguments, split again into weakly connected parts."""
    labels = grounded_labelling(af)
    results = []
    for component in af.components():
        grounded = frozenset(a for a in component if labels[a] is Status.ACCEPTED)
        undecided = af.restrict(a for a in component if labels[a] is Status.UNDECIDED)
        parts: tuple[Part, ...] | None
        try:
            parts = tuple(Part(p, tuple(_preferred_undecided(undecided.restrict(p), budget)))
                          for p in undecided.components())
        except BudgetExceeded:
            parts = None
        results.append(ComponentResult(frozenset(component), grounded, parts))
    return results


def preferred_extensions(af: Framework, *, budget: int = DEFAULT_BUDGET) -> list[frozenset]:
    """All preferred extensions of the whole framework (the product over components): meant for
    small frameworks and tests; analyses use per-component counts instead."""
    result = [frozenset()]
    for comp in preferred_by_component(af, budget=budget):
        exts = comp.extensions()
        if exts is None:
            raise BudgetExceeded
        result = [e | x for e in result for x in exts]
    return sorted(result, key=lambda s: sorted(map(str, s)))


def is_admissible(af: Framework, s: Iterable[Arg]) -> bool:
    """Conflict-free and defending each member against each attacker (used by tests and checks)."""
    s = set(s)
    attackers = af.attackers()
    if any((a, b) in af.attacks for a in s for b in s):
        return False
    return all(any((d, b) in af.attacks for d in s) for a in s for b in attackers[a])

"""Dung's semantics on textbook frameworks whose extensions are known."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.analyse.argumentation import (
    Framework,
    Status,
    grounded_extension,
    grounded_labelling,
    is_admissible,
    preferred_by_component,
    preferred_extensions,
)

A, R, U = Status.ACCEPTED, Status.REJECTED, Status.UNDECIDED


def af(*attacks: str, args: str = "") -> Framework:
    """``af("ba", "cb")``: b attacks a, c attacks b."""
    return Framework.of(set(args), [(x[0], x[1]) for x in attacks])


def sets(*members: str) -> list[frozenset]:
    return sorted((frozenset(m) for m in members), key=lambda s: sorted(s))


def test_chain_a_attacked_by_b_attacked_by_c() -> None:
    f = af("ba", "cb")
    assert grounded_labelling(f) == {"a": A, "b": R, "c": A}
    assert preferred_extensions(f) == sets("ac")


def test_odd_cycle_has_empty_grounded_and_no_nonempty_preferred() -> None:
    f = af("ab", "bc", "ca")
    assert grounded_labelling(f) == {"a": U, "b": U, "c": U}
    assert grounded_extension(f) == frozenset()
    assert preferred_extensions(f) == [frozenset()]
    (comp,) = preferred_by_component(f)
    assert comp.count == 1 and all(comp.membership(x) == 0 for x in "abc")


def test_even_cycle_has_two_preferred_extensions() -> None:
    f = af("ab", "ba")
    assert grounded_labelling(f) == {"a": U, "b": U}
    assert preferred_extensions(f) == sets("a", "b")
    (comp,) = preferred_by_component(f)
    assert comp.count == 2 and comp.membership("a") == 1 and comp.membership("b") == 1


def test_self_attack_is_undecided_and_never_preferred() -> None:
    f = af("aa", "ab")
    assert grounded_labelling(f) == {"a": U, "b": U}
    assert preferred_extensions(f) == [frozenset()]
    g = af("aa", "ba")  # an unattacked b defeats the self-attacker
    assert grounded_labelling(g) == {"a": R, "b": A}
    assert preferred_extensions(g) == sets("b")


def test_mixed_even_cycle_feeding_an_odd_cycle() -> None:
    # a <-> b, b -> c, c -> d -> e -> c, plus an isolated chain f -> g
    f = af("ab", "ba", "bc", "cd", "de", "ec", "fg")
    labels = grounded_labelling(f)
    assert {x for x, s in labels.items() if s is A} == {"f"}
    assert labels["g"] is R
    assert all(labels[x] is U for x in "abcde")
    assert preferred_extensions(f) == sets("af", "bdf")
    by_comp = {min(c.arguments): c for c in preferred_by_component(f)}
    big, small = by_comp["a"], by_comp["f"]
    assert big.count == 2 and small.count == 1
    assert [big.membership(x) for x in "abcde"] == [1, 1, 0, 1, 0]
    assert small.membership("f") == 1 and small.membership("g") == 0


def test_floating_acceptance_is_sceptically_preferred_but_grounded_undecided() -> None:
    # a <-> b, both attack c, c attacks d: d is in every preferred extension, yet undecided
    f = af("ab", "ba", "ac", "bc", "cd")
    assert grounded_labelling(f)["d"] is U
    assert preferred_extensions(f) == sets("ad", "bd")
    (comp,) = preferred_by_component(f)
    assert comp.membership("d") == comp.count == 2


def test_unattacked_arguments_without_attacks() -> None:
    f = af(args="xyz")
    assert grounded_labelling(f) == {"x": A, "y": A, "z": A}
    assert preferred_extensions(f) == sets("xyz")


def test_independent_even_cycles_multiply() -> None:
    f = af("ab", "ba", "cd", "dc", "de", "ed")  # two components: 2 and (c,d,e) with c<->d<->e
    exts = preferred_extensions(f)
    assert all(is_admissible(f, e) for e in exts)
    assert len(exts) == 2 * len(preferred_extensions(af("cd", "dc", "de", "ed")))


def test_budget_exhaustion_reports_unknown_instead_of_hanging() -> None:
    f = af(*(a + b for a, b in itertools.permutations("abcdefgh", 2)))  # a clique of attacks
    (comp,) = preferred_by_component(f, budget=3)
    assert comp.count is None and comp.membership("a") is None


def _brute_force_preferred(f: Framework) -> list[frozenset]:
    args = sorted(f.arguments)
    admissible = [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)
                  if is_admissible(f, c)]
    maximal = [s for s in admissible if not any(s < t for t in admissible)]
    return sorted(maximal, key=lambda s: sorted(s))


@settings(max_examples=150, deadline=None)
@given(st.sets(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")), max_size=14))
def test_preferred_agrees_with_brute_force(attacks: set[tuple[str, str]]) -> None:
    f = Framework.of("abcdefg", attacks)
    assert preferred_extensions(f) == _brute_force_preferred(f)
    grounded = grounded_extension(f)
    assert all(grounded <= e for e in preferred_extensions(f))

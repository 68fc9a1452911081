"""Load-bearing nodes: what the claims rest on.

A claim depends on what it cites, on the evidence supporting it (and what that evidence cites and
involves), on the mechanisms it concerns and the escalations it relies on, on the authors of those
sources, and on the responses that defend it against its counterarguments (and their sources).
The centrality of a node is the share of all claims that depend on it: a source half the claims
rest on is load-bearing, whoever else cites it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .projection import EVIDENCE_TYPES

#: Edge types followed from a node to what it rests on (u depends on v).
FORWARD = frozenset({"cites", "concerns", "escalation path", "escalates to", "argued by", "authored by",
                     "involves"})
#: Edge types followed backwards (v depends on u): a claim rests on the evidence supporting it.
BACKWARD = frozenset({"supports"})
ATTACKS = frozenset({"attacks", "responds to"})


def dependency_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """``u -> v`` when u rests on v; a defended argument rests on its defenders."""
    d = nx.DiGraph()
    d.add_nodes_from(g.nodes)
    attackers: dict[str, set[str]] = {}
    for u, v, etype in g.edges(keys=True):
        if etype in FORWARD:
            d.add_edge(u, v)
        elif etype in BACKWARD:
            d.add_edge(v, u)
        elif etype in ATTACKS:
            attackers.setdefault(v, set()).add(u)
    for target, its_attackers in attackers.items():
        for attacker in its_attackers:
            for defender in attackers.get(attacker, ()):
                d.add_edge(target, defender)
    return d


def claims_of(g: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, t in g.nodes(data="type") if t == "claim")


def dependents(g: nx.MultiDiGraph, d: nx.DiGraph | None = None) -> dict[str, set[str]]:
    """For each node, the claims that depend on it (directly or transitively)."""
    d = d if d is not None else dependency_graph(g)
    result: dict[str, set[str]] = {n: set() for n in g.nodes}
    for claim in claims_of(g):
        for n in nx.descendants(d, claim):
            result[n].add(claim)
    return result


def centrality(g: nx.MultiDiGraph, d: nx.DiGraph | None = None) -> dict[str, float]:
    """Share of all claims that depend on each node (0 when there are no claims)."""
    claims = claims_of(g)
    if not claims:
        return {n: 0.0 for n in g.nodes}
    return {n: len(c) / len(claims) for n, c in dependents(g, d).items()}


@dataclass
class SourceBase:
    """The distinct sources a claim's evidence rests on (the claim's own citations when it has no
    evidence), and whether every one of its evidence items is a self-report."""

    claim: str
    sources: list[str]
    evidence: list[str]
    self_reported: bool

    @property
    def single(self) -> bool:
        return len(self.sources) <= 1


def source_base(g: nx.MultiDiGraph, claim: str) -> SourceBase:
    evidence = sorted(u for u, _v, k in g.in_edges(claim, keys=True)
                      if k == "supports" and g.nodes[u].get("type") in EVIDENCE_TYPES)
    holders = evidence or [claim]
    sources = sorted({v for h in holders for _u, v, k in g.out_edges(h, keys=True) if k == "cites"})
    self_reported = bool(evidence) and all(g.nodes[e].get("self_reported") for e in evidence)
    return SourceBase(claim, sources, evidence, self_reported)


@dataclass
class Candidate:
    iri: str
    label: str
    mechanisms: list[str]
    argued_by: list[str]
    held_by: str


@dataclass
class ContestedEvidence:
    """An evidence item whose mechanism is disputed: the competing candidates, and whether the
    entry's consequence holds whichever is true."""

    iri: str
    interpretation: str
    debate: str
    holds_regardless: bool
    candidates: list[Candidate] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


def contested_evidence(g: nx.MultiDiGraph) -> list[ContestedEvidence]:
    """Evidence items with a contested interpretation of at least two candidate mechanisms."""
    found: dict[tuple[str, str], ContestedEvidence] = {}
    for u, v, k, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if k != "interpreted as":
            continue
        key = (u, attrs.get("interpretation", ""))
        item = found.setdefault(key, ContestedEvidence(
            u, key[1], attrs.get("debate", ""), bool(attrs.get("holds_regardless")),
            claims=sorted(c for _e, c, kk in g.out_edges(u, keys=True) if kk == "supports")))
        out = [(w, kk) for _c, w, kk in g.out_edges(v, keys=True)]
        item.candidates.append(Candidate(
            v, g.nodes[v].get("label", ""),
            sorted(w for w, kk in out if kk == "concerns"),
            sorted(w for w, kk in out if kk == "argued by"),
            g.nodes[v].get("held_by", "")))
    return [c for _k, c in sorted(found.items()) if len(c.candidates) >= 2]


def type_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    return dict(sorted(Counter(t for _n, t in g.nodes(data="type")).items()))

"""One analysis run over the argument graph: argument statuses, load-bearing nodes, single-source
claims and contested evidence, as plain data that the table, JSON, RDF and pages all render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Graph

from . import metrics
from .argumentation import DEFAULT_BUDGET, Framework, Status, grounded_labelling, preferred_by_component
from .projection import ARGUMENT_TYPES, project

#: Node types reported as load-bearing (what claims rest on).
LOAD_BEARING_TYPES = ("source", "person", "mechanism", "organisation", "system", "incident", "result",
                      "response")


@dataclass
class ArgumentResult:
    """One argument node under Dung's semantics (preferred counts are per weakly connected
    component of the attack graph: the framework containing the node)."""

    iri: str
    type: str
    label: str
    entry: str
    status: str
    in_preferred: int | None
    preferred_count: int | None
    framework: int
    centrality: float


@dataclass
class LoadBearing:
    iri: str
    type: str
    label: str
    claims: int
    centrality: float


@dataclass
class SingleSourceClaim:
    iri: str
    label: str
    sources: list[str]
    evidence: list[str]
    self_reported: bool


@dataclass
class Analysis:
    """Everything ``claimgraph analyze`` reports."""

    claims: int
    arguments: list[ArgumentResult] = field(default_factory=list)
    load_bearing: list[LoadBearing] = field(default_factory=list)
    single_source_claims: list[SingleSourceClaim] = field(default_factory=list)
    contested: list[metrics.ContestedEvidence] = field(default_factory=list)
    frameworks: int = 0
    #: preferred extensions of the whole attack graph (the product over its components); None
    #: when a component's search ran over budget
    preferred_extensions: int | None = None
    node_types: dict[str, int] = field(default_factory=dict)

    def statuses(self) -> dict[str, str]:
        """Grounded status by node IRI (what the explorer shows)."""
        return {a.iri: a.status for a in self.arguments}

    def to_dict(self) -> dict:
        return asdict(self)


def attack_framework(g: nx.MultiDiGraph) -> Framework:
    """The Dung framework of the argument graph: claims, counterarguments and responses, with
    cg:attacks (counterarguments attack claims, responses attack counterarguments)."""
    arguments = [n for n, t in g.nodes(data="type") if t in ARGUMENT_TYPES]
    attacks = [(u, v) for u, v, k in g.edges(keys=True) if k in metrics.ATTACKS]
    return Framework.of(arguments, attacks)


def grounded_statuses(g: nx.MultiDiGraph) -> dict[str, str]:
    """Grounded status of every argument node: cheap (linear), for pages of any size."""
    return {a: s.value for a, s in grounded_labelling(attack_framework(g)).items()}


def analyse_graph(graph: Graph, *, budget: int = DEFAULT_BUDGET) -> Analysis:
    """Project an RDF graph and analyse it."""
    return analyse_projection(project(graph), budget=budget)


def analyse_projection(g: nx.MultiDiGraph, *, budget: int = DEFAULT_BUDGET) -> Analysis:
    af = attack_framework(g)
    labels = grounded_labelling(af)
    components = preferred_by_component(af, budget=budget)
    deps = metrics.dependency_graph(g)
    dependents = metrics.dependents(g, deps)
    claims = metrics.claims_of(g)
    share = {n: (len(c) / len(claims) if claims else 0.0) for n, c in dependents.items()}

    arguments = []
    for index, comp in enumerate(components):
        for arg in sorted(comp.arguments):
            node = g.nodes[arg] if arg in g else {}
            arguments.append(ArgumentResult(
                iri=arg, type=node.get("type", ""), label=node.get("label", ""), entry=node.get("entry", ""),
                status=labels[arg].value, in_preferred=comp.membership(arg), preferred_count=comp.count,
                framework=index, centrality=round(share.get(arg, 0.0), 4)))
    arguments.sort(key=lambda a: (a.entry, _TYPE_ORDER.get(a.type, 9), a.iri))

    load_bearing = [
        LoadBearing(n, t, g.nodes[n].get("label", ""), len(dependents[n]), round(share[n], 4))
        for n, t in g.nodes(data="type") if t in LOAD_BEARING_TYPES and dependents[n]]
    load_bearing.sort(key=lambda x: (-x.claims, LOAD_BEARING_TYPES.index(x.type), x.iri))

    single = []
    for claim in claims:
        base = metrics.source_base(g, claim)
        if base.single:
            single.append(SingleSourceClaim(claim, g.nodes[claim].get("label", ""), base.sources,
                                            base.evidence, base.self_reported))
    return Analysis(claims=len(claims), arguments=arguments, load_bearing=load_bearing,
                    single_source_claims=single, contested=metrics.contested_evidence(g),
                    frameworks=len(components), preferred_extensions=_product(c.count for c in components),
                    node_types=metrics.type_counts(g))


def _product(counts) -> int | None:
    total = 1
    for c in counts:
        if c is None:
            return None
        total *= c
    return total


_TYPE_ORDER = {t: i for i, t in enumerate(ARGUMENT_TYPES)}
__all__ = ["Analysis", "ArgumentResult", "LoadBearing", "SingleSourceClaim", "Status", "analyse_graph",
           "analyse_projection", "attack_framework", "grounded_statuses"]

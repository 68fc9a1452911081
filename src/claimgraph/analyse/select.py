"""Views of the argument graph: one entry's neighbourhood, a node's neighbourhood, some node types.

Why a module: the explorer command, the API and the web server all cut the same projection the
same way, and bad input (an unknown entry, IRI or type) must fail with one clear message.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import networkx as nx

from ..errors import InputError
from ..model.terms import ID, PREFIXES, entry_iri, is_slug
from .projection import NODE_TYPES

DEFAULT_ENTRY_DEPTH = 1
DEFAULT_FOCUS_DEPTH = 2


def resolve_iri(text: str) -> str:
    """A full IRI, or a prefixed name with one of claimgraph's prefixes (``entry:x/claim``)."""
    if "://" in text or text.startswith("urn:"):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    raise InputError(f"not an IRI or known prefixed name: {text!r}")


def resolve_entry(entry: str) -> str:
    """An entry IRI from a slug (``unintended-subgoals``), a prefixed name or an IRI."""
    if is_slug(entry):
        return str(entry_iri(entry))
    iri = resolve_iri(entry)
    if not iri.startswith(f"{ID}entry/"):
        raise InputError(f"not an entry: {entry!r}")
    return iri


def entry_nodes(g: nx.MultiDiGraph, entry: str) -> set[str]:
    """The entry's own nodes (claim, counterarguments, responses, candidates) and its evidence."""
    iri = resolve_entry(entry)
    own = {n for n, e in g.nodes(data="entry") if e == iri}
    if not own:
        raise InputError(f"no entry {entry!r} in the graph")
    claims = [n for n in own if g.nodes[n].get("type") == "claim"]
    own |= {u for c in claims for u, _v, k in g.in_edges(c, keys=True) if k == "supports"}
    return own


def neighbourhood(g: nx.MultiDiGraph, seeds: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The seeds and every node within ``depth`` edges of one (edges followed either way)."""
    if depth < 0:
        raise InputError("depth must be 0 or more")
    seeds = list(seeds)
    for s in seeds:
        if s not in g:
            raise InputError(f"no node {s!r} in the graph")
    dist = {s: 0 for s in seeds}
    queue = deque(seeds)
    while queue:
        v = queue.popleft()
        if dist[v] == depth:
            continue
        for w in sorted(set(g.successors(v)) | set(g.predecessors(v))):
            if w not in dist:
                dist[w] = dist[v] + 1
                queue.append(w)
    return g.subgraph(dist).copy()


def entry_view(g: nx.MultiDiGraph, entry: str, depth: int = DEFAULT_ENTRY_DEPTH) -> nx.MultiDiGraph:
    return neighbourhood(g, sorted(entry_nodes(g, entry)), depth)


def focus_view(g: nx.MultiDiGraph, focus: str, depth: int = DEFAULT_FOCUS_DEPTH) -> nx.MultiDiGraph:
    return neighbourhood(g, [resolve_iri(focus)], depth)


def check_types(types: Iterable[str]) -> list[str]:
    types = list(types)
    unknown = sorted(set(types) - set(NODE_TYPES))
    if unknown:
        raise InputError(f"unknown node type(s) {', '.join(unknown)}; choose from {', '.join(NODE_TYPES)}")
    return types


def only_types(g: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    keep = set(check_types(types))
    return g.subgraph(n for n, t in g.nodes(data="type") if t in keep).copy()

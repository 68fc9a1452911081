"""What validation needs to know about one file, computed once per file content and remembered:
the statements of each *element* (as a digest) and the elements they point to, the objects
targeted by ``sh:targetObjectsOf``, and the statements each global shape reads (see ``scope``).

An element is an entry with all its parts (the IRIs below ``id/entry/SLUG``), or any other single
node: the grain of the partition (see ``units``), which an entry's dozen nodes never split."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..model.load import ParsedFile
from ..model.terms import entry_of
from .scope import ALL, FULL, OBJECTS, Scope

#: Stands for the other end of a statement read only to find targets (see scope: a global shape's
#: projection; a shared unit's ``sh:targetObjectsOf`` statement).
TARGETING = "<urn:claimgraph:targeting>"


def node_key(term) -> str:
    """A node's key: its IRI, or ``_:label`` for a blank node."""
    return term.value if type(term) is ox.NamedNode else "_:" + term.value


def element(node: str) -> str:
    """The element a node belongs to: its entry, or itself."""
    return entry_of(node) or node


def digest(*parts: str | bytes) -> bytes:
    """BLAKE2b (16 bytes) of the parts, each followed by a zero byte."""
    data = [part.encode() if isinstance(part, str) else part for part in parts]
    data.append(b"")
    return hashlib.blake2b(b"\x00".join(data), digest_size=16).digest()


@dataclass(frozen=True)
class FileSummary:
    """``elements``: element -> (digest of its statements in this file, their number, the other
    elements they point to); ``targeted``: (predicate, object node) for the predicates whose
    objects local shapes target; ``projections``: per global shape of the scope, the N-Triples
    lines it reads, and ``projection_digests`` a digest of each (so that a run can tell whether a
    global shape's input changed without gathering and sorting every file's lines)."""

    elements: dict[str, tuple[bytes, int, tuple[str, ...]]]
    targeted: frozenset[tuple[str, str]]
    projections: tuple[frozenset[str], ...]
    projection_digests: tuple[bytes, ...]


def summarise(parsed: ParsedFile, scope: Scope) -> tuple[FileSummary, dict[str, str]]:
    """The file's summary, and its statements as N-Triples lines by element (the index a later
    run reads instead of parsing the file when it needs only some elements' statements)."""
    lines: dict[str, list[str]] = defaultdict(list)
    refs: dict[str, list[str]] = defaultdict(list)
    targeted: set[tuple[str, str]] = set()
    target_preds = set(scope.target_objects)
    projections: list[set[str]] = [set() for _ in scope.global_shapes]
    modes = [(g.projection, g.projection.get(ALL)) for g in scope.global_shapes]
    elements: dict[str, str] = {}
    for triple in parsed.triples:
        s, o = triple.subject, triple.object
        p = triple.predicate.value
        sk = node_key(s)
        se = elements.get(sk)
        if se is None:
            se = elements[sk] = element(sk)
        line = str(triple)
        lines[se].append(line)
        if type(o) is not ox.Literal:
            ok = node_key(o)
            oe = elements.get(ok)
            if oe is None:
                oe = elements[ok] = element(ok)
            if oe != se:
                refs[se].append(oe)
            if p in target_preds:
                targeted.add((p, ok))
        for proj, (projection, everything) in zip(projections, modes):
            mode = everything or projection.get(p)
            if mode is None:
                continue
            if mode == FULL:
                proj.add(line)
            elif mode == OBJECTS:
                proj.add(f"{TARGETING} <{p}> {o}")
            else:
                proj.add(f"{s} <{p}> {TARGETING}")
    index = {e: "\n".join(sorted(ls)) for e, ls in lines.items()}
    summary = {e: (digest(text), len(lines[e]), tuple(sorted(set(refs.get(e, ()))))) for e, text in index.items()}
    return FileSummary(summary, frozenset(targeted), tuple(frozenset(p) for p in projections),
                       tuple(digest(*sorted(p)) for p in projections)), index

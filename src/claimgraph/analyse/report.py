"""An Analysis as text (an aligned table per section) or as JSON, for the CLI and the API."""

from __future__ import annotations

import json
from collections.abc import Callable

from .analysis import Analysis

Shorten = Callable[[str], str]
#: How many load-bearing nodes of each type the table lists.
TOP = 10
_REPORTED_TYPES = {"source": "sources", "person": "people", "mechanism": "mechanisms"}


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return [fmt(header), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)]


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)


def to_table(analysis: Analysis, shorten: Shorten = lambda s: s) -> str:
    out = [f"Arguments under Dung's semantics ({len(analysis.arguments)} arguments, {analysis.claims} claims; "
           f"{analysis.frameworks} independent frameworks, {_count(analysis.preferred_extensions)} preferred "
           f"extensions in all)",
           "preferred: in how many of its framework's preferred extensions the node lies / how many there are", ""]
    rows = [(a.status, f"{_count(a.in_preferred)}/{_count(a.preferred_count)}", a.type, shorten(a.iri),
             a.label[:60]) for a in analysis.arguments]
    out += _table(rows, ("grounded", "preferred", "type", "node", "label")) if rows else ["  (none)"]

    out += ["", "Load-bearing nodes (share of claims that depend on each)"]
    for ntype, heading in _REPORTED_TYPES.items():
        items = [x for x in analysis.load_bearing if x.type == ntype][:TOP]
        out += ["", f"{heading}:"]
        rows = [(f"{x.centrality:.0%}", f"{x.claims}", shorten(x.iri), x.label[:60]) for x in items]
        out += ["  " + line for line in _table(rows, ("share", "claims", "node", "label"))] if rows else ["  (none)"]

    out += ["", "Claims resting on a single source (of their evidence)", ""]
    rows = [(shorten(c.iri), ", ".join(shorten(s) for s in c.sources) or "(no source)",
             "yes" if c.self_reported else "no") for c in analysis.single_source_claims]
    out += _table(rows, ("claim", "source", "self-reported")) if rows else ["  (none)"]

    out += ["", "Contested evidence (competing candidate mechanisms)", ""]
    rows = []
    for c in analysis.contested:
        candidates = "; ".join(
            f"{cand.label} ({', '.join(shorten(a) for a in cand.argued_by) or cand.held_by or 'unattributed'})"
            for cand in c.candidates)
        rows.append((shorten(c.iri), candidates, "yes" if c.holds_regardless else "no"))
    out += _table(rows, ("evidence", "candidates (argued by)", "consequence holds regardless")) if rows else ["  (none)"]
    return "\n".join(out) + "\n"

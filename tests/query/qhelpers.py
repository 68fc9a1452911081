"""Helpers for the query tests: readable rows (prefixed IRIs, lexical forms) to compare with
expectations written by hand."""

from __future__ import annotations

from rdflib import BNode, URIRef

from claimgraph.model.terms import PREFIXES


def short(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
                   key=lambda pn: len(pn[1]), default=None)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    if isinstance(term, BNode):
        return "_:b"
    return str(term)


def rows(result, *columns: str) -> list[tuple]:
    """The result's rows (in the order the query returns them) as tuples of readable strings,
    restricted to ``columns`` when given."""
    idx = [result.variables.index(c) for c in columns] if columns else range(len(result.variables))
    return [tuple(short(row[i]) for i in idx) for row in result.rows]

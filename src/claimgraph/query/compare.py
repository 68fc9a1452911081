"""Comparing results across engines: the same answer may come back in another row order, with
other blank-node labels, or with a string typed xsd:string explicitly; none of that is a
difference. Everything else (datatypes, lexical forms, languages, counts) is."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..stores.base import QueryResult

CanonicalTerm = tuple[str, ...] | None


_NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                  "nonNegativeInteger", "positiveInteger", "unsignedInt", "unsignedLong")}


def canonical_term(term: Node | None, *, numbers_by_value: bool = False) -> CanonicalTerm:
    """A hashable, engine-neutral form of a term. ``numbers_by_value`` compares numeric
    literals by value (servers type aggregates differently, e.g. COUNT as xsd:int)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        if term.language:
            return ("lang", str(term), term.language.lower())
        dt = str(term.datatype) if term.datatype is not None else str(XSD.string)
        if numbers_by_value and dt in _NUMERIC:
            try:
                return ("number", str(Decimal(str(term)).normalize()))
            except InvalidOperation:
                pass
        return ("literal", str(term), dt)
    return ("other", str(term))


def canonical(result: QueryResult, *, numbers_by_value: bool = False) -> tuple:
    """(kind, variables, sorted rows) for SELECT; (kind, boolean) for ASK; (kind, sorted
    triples) for CONSTRUCT/DESCRIBE. Equal canonical forms mean the same answer."""
    def term(t):
        return canonical_term(t, numbers_by_value=numbers_by_value)
    if result.kind == "ask":
        return ("ask", bool(result.boolean))
    if result.kind == "graph":
        triples = [tuple(term(t) for t in triple) for triple in (result.graph or ())]
        return ("graph", tuple(sorted(triples, key=repr)))
    rows = [tuple(term(t) for t in row) for row in result.rows]
    return ("select", tuple(result.variables), tuple(sorted(rows, key=repr)))


def differences(a: QueryResult, b: QueryResult, limit: int = 5, *, numbers_by_value: bool = False) -> list[str]:
    """Human-readable differences between two results (empty when they agree)."""
    ca, cb = canonical(a, numbers_by_value=numbers_by_value), canonical(b, numbers_by_value=numbers_by_value)
    if ca == cb:
        return []
    if ca[0] != cb[0]:
        return [f"different kinds: {ca[0]} vs {cb[0]}"]
    if ca[0] == "select" and ca[1] != cb[1]:
        return [f"different variables: {ca[1]} vs {cb[1]}"]
    if ca[0] == "ask":
        return [f"ASK {ca[1]} vs {cb[1]}"]
    rows_a, rows_b = ca[-1], cb[-1]
    only_a = [r for r in rows_a if r not in set(rows_b)]
    only_b = [r for r in rows_b if r not in set(rows_a)]
    out = [f"{len(rows_a)} vs {len(rows_b)} rows"]
    out += [f"only in first: {r}" for r in only_a[:limit]]
    out += [f"only in second: {r}" for r in only_b[:limit]]
    if not only_a and not only_b:
        out.append("same rows, different multiplicities")
    return out

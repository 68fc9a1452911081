"""rdflib's in-memory store: the reference engine the other stores are checked against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
from ..model.terms import bind_prefixes
from .base import QueryResult, Store


class MemoryStore(Store):
    """One plain rdflib Graph on rdflib's Memory store: the reference engine as people use it.

    Statements loaded into a named graph are merged into it, which gives the union-default-graph
    view every store offers (an rdflib Dataset would keep the graphs apart, but warns on every
    triple lookup in rdflib 7 and is slower, which would distort the reference figures)."""

    name = "memory"

    def __init__(self) -> None:
        self.graph = Graph()
        bind_prefixes(self.graph)

    def load(self, triples: Graph | Iterable, graph: str | None = None) -> None:
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
        # rdflib's own initial bindings, not a VALUES block: a VALUES block turns off rdflib's
        # lazy (binding-propagating) joins for the whole group, and a query that took 1 s took
        # more than 5 minutes (queries/README.md). The differential tests check that both ways
        # give the same answers.
        try:
            result = self.graph.query(sparql, initBindings=dict(bindings) if bindings else None)
        except Exception as err:  # pyparsing's ParseException and rdflib's own errors
            raise _query_error(err) from None
        return from_rdflib_result(result)

    def __len__(self) -> int:
        return len(self.graph)


def _query_error(err: Exception) -> QueryError:
    line = getattr(err, "lineno", None)
    column = getattr(err, "col", None)
    if line is not None and type(err).__name__ == "ParseException":
        msg = getattr(err, "msg", str(err))
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {msg}",
                          line=line, column=column)
    return QueryError(f"query failed in rdflib: {type(err).__name__}: {err}")


def from_rdflib_result(result: Result) -> QueryResult:
    """rdflib's Result -> QueryResult."""
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        bind_prefixes(g)
        for t in result.graph or ():
            g.add(t)
        return QueryResult("graph", graph=g)
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(row) for row in result]
    return QueryResult("select", variables=variables, rows=rows)

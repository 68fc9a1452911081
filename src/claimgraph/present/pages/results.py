"""Query results as a table of cells (the SPARQL page, named queries), for HTML and JSON."""

from __future__ import annotations

from rdflib import BNode, Literal
from rdflib.term import Node

from ...stores.base import QueryResult
from .base import curie


def _cell(node: Node | None) -> dict | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return {"bnode": str(node)}
    if isinstance(node, Literal):
        return {"value": str(node), "datatype": curie(str(node.datatype)) if node.datatype else None,
                "lang": node.language}
    return {"iri": str(node), "label": curie(str(node))}


def result_view(result: QueryResult) -> dict:
    """A query result as rows of cells (IRIs to link, literals to show), for HTML and JSON."""
    if result.kind == "ask":
        return {"kind": "ask", "boolean": bool(result.boolean), "variables": [], "rows": []}
    if result.kind == "graph":
        triples = sorted(result.graph or (), key=lambda t: tuple(str(x) for x in t))
        return {"kind": "graph", "variables": ["subject", "predicate", "object"],
                "rows": [[_cell(x) for x in t] for t in triples]}
    return {"kind": "select", "variables": list(result.variables),
            "rows": [[_cell(x) for x in row] for row in result.rows]}

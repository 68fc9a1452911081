"""The argument graph: the RDF projected onto networkx, Dung semantics over its attacks, the
load-bearing nodes, and the analysis written back as RDF.

    projection    RDF graph -> typed networkx MultiDiGraph (one function, used by analysis and pages)
    select        neighbourhoods and type filters of the projection (entry view, focus view)
    argumentation abstract argumentation frameworks: grounded labelling, preferred extensions
    metrics       load-bearing nodes: dependence of claims on sources, people, mechanisms
    analysis      runs the above over a graph -> an Analysis result
    rdf           an Analysis as triples for the analysis named graph (analysis.ttl)
    report        an Analysis as a text table or JSON
    layout        node positions computed in Python for graphs too large for browser physics
    steps         the release step writing analysis.ttl
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .analysis import Analysis, analyse_graph
    from .projection import EDGE_TYPES, NODE_TYPES, project

__all__ = ["Analysis", "EDGE_TYPES", "NODE_TYPES", "analyse_graph", "project"]

#: Where each name lives: imported on first use (PEP 562), so that reading ``NODE_TYPES`` for the
#: command line does not import networkx (a quarter of a second, paid by every command).
_HOMES = {"Analysis": "analysis", "analyse_graph": "analysis",
          "EDGE_TYPES": "projection", "NODE_TYPES": "projection", "project": "projection"}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)

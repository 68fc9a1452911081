"""Release step: the argument analysis as analysis.ttl, a separate file (computed results are
kept apart from the authored data; load it into model.terms.ANALYSIS_GRAPH)."""

from __future__ import annotations

from .analysis import analyse_graph
from .rdf import analysis_turtle

ANALYSIS_FILE = "analysis.ttl"


def write_analysis(ctx) -> None:
    ctx.write(ANALYSIS_FILE, analysis_turtle(analyse_graph(ctx.graph)), "text/turtle")

"""Named SPARQL queries, parameter binding and result formats; ``claimgraph.stores`` runs them.

    load_queries(dir)                    -> {name: NamedQuery}   (queries/*.rq with their headers)
    run_query(store, query, params)      -> QueryResult          (parameters bound as RDF terms)
    serialize_result(result, fmt)        -> (bytes, media type)  (table, csv, tsv, json, srj, srx,
                                                                  turtle, nt, jsonld)
"""

from __future__ import annotations

from ..stores.base import QueryResult
from .binding import bind_values, query_form, term_to_sparql
from .formats import GRAPH_FORMATS, RESULT_FORMATS, serialize_result
from .named import Derivation, NamedQuery, Parameter, load_queries
from .params import PARAM_TYPES, parse_value
from .run import resolve_query, run_query

__all__ = [
    "GRAPH_FORMATS", "PARAM_TYPES", "RESULT_FORMATS", "Derivation", "NamedQuery", "Parameter",
    "QueryResult", "bind_values", "load_queries", "parse_value", "query_form", "resolve_query",
    "run_query", "serialize_result", "term_to_sparql",
]

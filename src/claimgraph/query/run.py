"""Running a query (named, or plain text) on a store with parameters bound as RDF terms."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib.term import Node

from ..errors import QueryError
from ..stores.base import QueryResult, Store
from .named import NamedQuery, load_queries


def resolve_query(ref: str | Path | NamedQuery, queries_dir: str | Path | None = None) -> NamedQuery:
    """A NamedQuery from a name in ``queries_dir``, a path to a ``.rq`` file, or itself."""
    if isinstance(ref, NamedQuery):
        return ref
    path = Path(ref)
    if path.suffix == ".rq" or path.is_file():
        return NamedQuery.from_file(path)
    if queries_dir is None:
        raise QueryError(f"unknown query {ref!r} (no query directory given)")
    ref = str(ref)
    queries = load_queries(queries_dir)
    if ref not in queries:
        raise QueryError(f"unknown query {ref!r}; known: {', '.join(queries) or '(none)'}")
    return queries[ref]


def run_query(store: Store, query: NamedQuery | str, params: Mapping[str, str | Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
    """Run ``query`` (a NamedQuery, or SPARQL text whose header may declare parameters) on
    ``store``; ``params`` maps parameter names to text (parsed by declared type) or terms."""
    named = query if isinstance(query, NamedQuery) else NamedQuery.from_text(query)
    bindings = named.bindings(params)
    return store.query(named.text, bindings, timeout=timeout)

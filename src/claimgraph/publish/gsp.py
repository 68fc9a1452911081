"""Publishing the validated graph into a named graph of a remote SPARQL store.

The whole graph goes up in one request that replaces the named graph: an HTTP PUT of the SPARQL
1.1 Graph Store Protocol (the server swaps the graph in one transaction), or, for endpoints
without a graph store, one SPARQL Update request ``DROP SILENT GRAPH <g> ; INSERT DATA {...}``
(one request, so the server runs it as one transaction). Data that does not conform is never
sent; a refused or failed upload leaves the previous version in place and the error says why
(HTTP status and the server's answer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import FindingsError, PublishError, StoreError
from ..model.load import load_project, load_shapes
from ..model.project import Project, find_project
from ..model.terms import DATA_GRAPH
from ..validate import ValidationReport, validate


@dataclass
class PublishReport:
    """What was published where: triples sent, triples the endpoint now holds in the graph."""

    endpoint: str
    graph: str
    method: str
    sent: int
    stored: int
    report: ValidationReport


def publish_to_endpoint(endpoint: str, graph: str = str(DATA_GRAPH), *,
                        paths: Iterable[str | Path] | None = None, project: Project | None = None,
                        method: str | None = None) -> PublishReport:
    """Validate the project's graph and replace ``graph`` on the endpoint (a store spec: query
    URL with optional ``gsp=``/``update=`` options) with it. ``method``: "gsp", "update" or None
    (GSP when a graph store URL is known)."""
    from ..stores.remote import RemoteStore
    project = project or find_project()
    data = load_project(project, list(paths) if paths else None)
    report = validate(data, load_shapes(project))
    if not report.conforms:
        err = FindingsError(f"the data does not conform: {len(report.violations)} violation(s); "
                            f"nothing was published, {graph} is unchanged")
        err.report = report  # type: ignore[attr-defined]
        raise err
    if method not in (None, "gsp", "update"):
        raise PublishError(f"unknown upload method {method!r}; use gsp or update")
    spec = endpoint[len("remote:"):] if endpoint.startswith("remote:") else endpoint
    try:
        store = RemoteStore.from_spec(spec)
    except StoreError as err:
        raise PublishError(str(err)) from None
    try:
        try:
            used = store.replace_graph(data, graph, use_gsp=None if method is None else method == "gsp")
        except StoreError as err:
            raise PublishError(f"upload to {graph} failed; the previous version is unchanged. {err}") from None
        try:
            stored = store.count(graph)
        except StoreError as err:
            raise PublishError(f"uploaded, but counting the statements of {graph} failed: {err}") from None
    finally:
        store.close()
    return PublishReport(endpoint=store.query_url, graph=graph, method=used, sent=len(data),
                         stored=stored, report=report)

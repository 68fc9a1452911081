"""A remote SPARQL 1.1 endpoint over HTTP (httpx): Protocol for queries and updates, and the
Graph Store Protocol (GSP) for whole-graph uploads.

Queries are POSTed as forms and ask for ``application/sparql-results+json`` (SELECT/ASK) or
N-Triples/Turtle (CONSTRUCT/DESCRIBE); results come back as rdflib terms, like every other store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..model.convert import to_rdflib
from ..model.terms import DATA_GRAPH, bind_prefixes
from .base import QueryResult, Store

SPARQL_JSON = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.N3,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: conventional layouts: query path suffix -> (update path, graph store path)
_LAYOUTS = {
    "/query": ("/update", "/store"),                    # Oxigraph server
    "/sparql": ("/sparql", "/sparql-graph-crud"),       # Virtuoso
}


class RemoteStore(Store):
    """A SPARQL endpoint; ``graph`` (default: claimgraph's data graph) is the graph queries run
    on, sent as ``default-graph-uri``; None queries the endpoint's own default graph."""

    name = "remote"

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 graph: str | None = str(DATA_GRAPH), timeout: float = 120.0) -> None:
        self.query_url = query_url
        self.graph = graph or None
        layout = next((v for k, v in _LAYOUTS.items() if urlsplit(query_url).path.endswith(k)), None)
        base = query_url.rsplit("/", 1)[0]
        self.update_url = update_url or (base + layout[0] if layout else None)
        self.gsp_url = gsp_url or (base + layout[1] if layout else None)
        self.client = httpx.Client(timeout=timeout, follow_redirects=True)

    @classmethod
    def from_spec(cls, argument: str | None) -> RemoteStore:
        if not argument:
            raise StoreError("a remote store needs the endpoint URL (remote:http://host/sparql)")
        parts = urlsplit(argument)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) endpoint URL: {argument!r}")
        options: dict[str, str] = {}
        kept = []
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key in ("update", "gsp", "graph"):
                options[key] = value
            else:
                kept.append((key, value))
        url = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))
        graph = options.get("graph", str(DATA_GRAPH))
        return cls(url, update_url=options.get("update") or None, gsp_url=options.get("gsp") or None,
                   graph=graph or None)

    @property
    def loads_project(self) -> bool:
        return False

    # ------------------------------------------------------------------ queries

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
        from ..query.binding import bind_values, query_form
        if bindings:
            sparql = bind_values(sparql, bindings)
        form = query_form(sparql)
        accept = _GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else SPARQL_JSON
        data = {"query": sparql}
        if self.graph:
            data["default-graph-uri"] = self.graph
        response = self._send("POST", self.query_url, data=data, headers={"Accept": accept},
                              timeout=timeout)
        if response.status_code == 400:
            raise QueryError(f"the endpoint rejected the query (HTTP 400): {_body(response)}")
        _check(response, "query")
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if form in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult("graph", graph=_parse_graph(response.content, ctype))
        if ctype not in (SPARQL_JSON, "application/json"):
            raise StoreError(f"the endpoint answered {ctype or 'without a content type'}, "
                             f"not {SPARQL_JSON}: {_body(response)}")
        return parse_sparql_json(response.content)

    def __len__(self) -> int:
        return self.count(self.graph)

    def count(self, graph: str | None = None) -> int:
        """Statements in ``graph`` (or in the endpoint's default graph when None)."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        response = self._send("POST", self.query_url, data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"},
                              headers={"Accept": SPARQL_JSON})
        _check(response, "count")
        rows = parse_sparql_json(response.content).rows
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    # ------------------------------------------------------------------ writes

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        if not self.update_url:
            raise StoreError("no update URL: add update=URL to the store spec")
        response = self._send("POST", self.update_url, data={"update": sparql})
        _check(response, "update")

    def load(self, triples: Graph | Iterable, graph: str | None = None) -> None:
        """Add statements to ``graph`` (default: this store's graph) with a GSP POST (merge),
        or a SPARQL INSERT DATA where no graph store URL is known."""
        target = graph or self.graph
        body = _ntriples(triples)
        if self.gsp_url:
            response = self._send("POST", self.gsp_url, params=_graph_param(target), content=body,
                                  headers={"Content-Type": "text/turtle"})
            _check(response, "graph store POST")
        else:
            self.update(_insert_data(body, target))

    def replace_graph(self, triples: Graph | Iterable, graph: str | None = None,
                      *, use_gsp: bool | None = None) -> str:
        """Replace ``graph`` whole: a GSP PUT (one atomic request), or where no graph store URL
        is known (or ``use_gsp`` is False) one SPARQL Update request ``DROP SILENT GRAPH;
        INSERT DATA``. Returns the method used ("gsp" or "update")."""
        target = graph or self.graph
        body = _ntriples(triples)
        if (use_gsp is None and self.gsp_url) or use_gsp:
            if not self.gsp_url:
                raise StoreError("no graph store URL: add gsp=URL to the store spec")
            response = self._send("PUT", self.gsp_url, params=_graph_param(target), content=body,
                                  headers={"Content-Type": "text/turtle"})
            _check(response, "graph store PUT")
            return "gsp"
        if not target:
            raise StoreError("replacing the default graph needs a graph store URL")
        self.update(f"DROP SILENT GRAPH <{target}> ;\n" + _insert_data(body, target))
        return "update"

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ plumbing

    def _send(self, method: str, url: str, *, timeout: float | None = None, **kwargs) -> httpx.Response:
        try:
            if timeout is not None:
                kwargs["timeout"] = timeout
            return self.client.request(method, url, **kwargs)
        except httpx.HTTPError as err:
            raise StoreError(f"cannot reach {url}: {type(err).__name__}: {err}") from None


def _graph_param(graph: str | None) -> dict[str, str]:
    return {"graph": graph} if graph else {"default": ""}


def _body(response: httpx.Response, limit: int = 2000) -> str:
    text = response.text.strip()
    return text[:limit] + ("…" if len(text) > limit else "")


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 300:
        raise StoreError(f"{what} refused by {response.request.url.copy_with(query=None)}: "
                         f"HTTP {response.status_code} {response.reason_phrase}: {_body(response)}")


def _ntriples(triples: Graph | Iterable) -> bytes:
    from ..publish.export import serialize
    if not isinstance(triples, Graph):
        g = Graph()
        for t in triples:
            g.add(t)
        triples = g
    return serialize(triples, "nt")


def _insert_data(body: bytes, graph: str | None) -> str:
    data = body.decode("utf-8")
    if graph:
        return f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}"
    return f"INSERT DATA {{\n{data}}}"


def _parse_graph(payload: bytes, ctype: str) -> Graph:
    fmt = _RDF_FORMATS.get(ctype)
    if fmt is None:
        raise StoreError(f"the endpoint answered a graph query with {ctype!r}, which claimgraph cannot read")
    g = Graph()
    bind_prefixes(g)
    try:
        for t in ox.parse(payload, format=fmt):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    except SyntaxError as err:
        raise StoreError(f"the endpoint's {ctype} answer does not parse: {err}") from None
    return g


def _term(d: dict) -> Node:
    kind = d.get("type")
    value = d.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if d.get("xml:lang"):
            return Literal(value, lang=d["xml:lang"])
        dt = d.get("datatype")
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    raise StoreError(f"unknown term type in SPARQL results: {kind!r}")


def parse_sparql_json(payload: bytes) -> QueryResult:
    """W3C SPARQL 1.1 Query Results JSON -> QueryResult."""
    try:
        doc = json.loads(payload)
    except ValueError as err:
        raise StoreError(f"the endpoint's answer is not JSON: {err}") from None
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    variables = list(doc.get("head", {}).get("vars", []))
    rows = []
    for b in doc.get("results", {}).get("bindings", []):
        rows.append(tuple(_term(b[v]) if v in b else None for v in variables))
    return QueryResult("select", variables=variables, rows=rows)

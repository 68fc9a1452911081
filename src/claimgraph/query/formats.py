"""Query results -> bytes: a readable table, CSV/TSV, plain JSON, the W3C SPARQL results formats
(JSON ``srj`` and XML ``srx``) and, for CONSTRUCT/DESCRIBE, RDF (Turtle, N-Triples, JSON-LD)."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError
from ..model.terms import PREFIXES
from ..stores.base import QueryResult
from .binding import term_to_sparql

#: format name -> media type
RESULT_FORMATS: dict[str, str] = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/json",
    "srj": "application/sparql-results+json",
    "srx": "application/sparql-results+xml",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger}
_FLOAT_TYPES = {XSD.decimal, XSD.double, XSD.float}
_SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def serialize_result(result: QueryResult, fmt: str) -> tuple[bytes, str]:
    """The result in format ``fmt`` (one of RESULT_FORMATS) and its media type."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")
    if result.kind == "graph":
        return _graph(result, fmt), RESULT_FORMATS[fmt]
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"format {fmt} needs a CONSTRUCT or DESCRIBE query; this is a "
                         f"{result.kind.upper()} query (use table, csv, tsv, json, srj or srx)")
    writer = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "srj": _srj, "srx": _srx}[fmt]
    return writer(result), RESULT_FORMATS[fmt]


# ------------------------------------------------------------------------------ helpers

def shorten(iri: str) -> str:
    """prefix:local for IRIs in one of claimgraph's namespaces (longest match)."""
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"


def _nt(term: Node | None) -> str:
    """One-line SPARQL/N-Triples form of a term ('' for unbound): newlines and tabs escaped, so
    a TSV row stays one line (rdflib's n3() writes long strings with raw newlines)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    try:
        return term_to_sparql(term)
    except QueryError:
        return f"<{term}>"


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _readable(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term).replace("\n", " ")


def _rows_of(result: QueryResult) -> tuple[list[str], list[tuple]]:
    if result.kind == "ask":
        return ["boolean"], [(Literal(bool(result.boolean)),)]
    return result.variables, result.rows


# ------------------------------------------------------------------------------ writers

def _table(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return (("true" if result.boolean else "false") + "\n").encode()
    header = result.variables
    cells = [[_readable(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [min(len(r[i]), 80) for r in cells]) for i, h in enumerate(header)]

    def fmt_row(values: list[str]) -> str:
        out = []
        for v, w in zip(values, widths):
            v = v if len(v) <= 80 else v[:79] + "…"
            out.append(v.ljust(w))
        return "  ".join(out).rstrip()

    lines = [fmt_row(header), fmt_row(["-" * w for w in widths])]
    lines.extend(fmt_row(r) for r in cells)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv(result: QueryResult) -> bytes:
    variables, rows = _rows_of(result)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    for row in rows:
        w.writerow([_plain(t) for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(result: QueryResult) -> bytes:
    variables, rows = _rows_of(result)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_nt(t) for t in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json_value(term: Node):
    if isinstance(term, Literal):
        if term.datatype in _INTEGER_TYPES:
            try:
                return int(str(term))
            except ValueError:
                return str(term)
        if term.datatype in _FLOAT_TYPES:
            try:
                return float(str(term))
            except ValueError:
                return str(term)
        if term.datatype == XSD.boolean:
            return str(term).lower() in ("true", "1")
    return _plain(term)


def _json(result: QueryResult) -> bytes:
    if result.kind == "ask":
        doc: object = {"boolean": bool(result.boolean)}
    else:
        doc = [{v: _json_value(t) for v, t in zip(result.variables, row) if t is not None}
               for row in result.rows]
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _srj_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    d: dict = {"type": "literal", "value": str(term)}
    if term.language:
        d["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        d["datatype"] = str(term.datatype)
    return d


def _srj(result: QueryResult) -> bytes:
    if result.kind == "ask":
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": result.variables},
               "results": {"bindings": [{v: _srj_term(t) for v, t in zip(result.variables, row) if t is not None}
                                        for row in result.rows]}}
    return (json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8")


def _srx_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def _srx(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{_SPARQL_RESULTS_NS}">']
    if result.kind == "ask":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            for v, t in zip(result.variables, row):
                if t is not None:
                    out.append(f"      <binding name={quoteattr(v)}>{_srx_term(t)}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _graph(result: QueryResult, fmt: str) -> bytes:
    graph = result.graph
    assert graph is not None
    if fmt in GRAPH_FORMATS:
        from ..publish.export import serialize
        return serialize(graph, fmt)
    if fmt == "json":
        from ..publish.export import serialize
        return serialize(graph, "jsonld")
    if fmt in ("srj", "srx"):
        raise QueryError(f"format {fmt} is for SELECT and ASK results; use turtle, nt or jsonld "
                         "for a CONSTRUCT or DESCRIBE query")
    triples = sorted(graph, key=lambda t: tuple(_nt(x) for x in t))
    as_select = QueryResult("select", variables=["subject", "predicate", "object"], rows=list(triples))
    return {"table": _table, "csv": _csv, "tsv": _tsv}[fmt](as_select)

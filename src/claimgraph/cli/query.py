"""queries, query: list the named queries; run one (or a .rq file, or SPARQL text) on a store."""

from __future__ import annotations

import json

from .. import api
from ..errors import InputError
from ..query import RESULT_FORMATS, NamedQuery, resolve_query, serialize_result
from .output import emit


def register(sub) -> None:
    p = sub.add_parser("queries", help="list the named queries with their parameters")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text",
                       description="Run a query. Parameters are bound as RDF terms of their declared "
                                   "type (IRI as <...> or prefix:name, integer, decimal, date, string, boolean).")
    p.add_argument("query", nargs="?", help="a named query (see `claimgraph queries`) or a .rq file")
    p.add_argument("--sparql", metavar="TEXT", help="SPARQL text to run instead of a named query")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable)")
    p.add_argument("--format", "-f", choices=tuple(RESULT_FORMATS), default=None,
                   help="result format (default: table; turtle for CONSTRUCT/DESCRIBE)")
    p.add_argument("--store", metavar="SPEC",
                   help="memory | oxigraph | oxigraph:DIR | http(s)://endpoint (default: oxigraph)")
    p.add_argument("--data", nargs="+", action="extend", metavar="PATH",
                   help="data files or directories to load (default: data/)")
    p.add_argument("--with-analysis", action="store_true",
                   help="also load the argument analysis of the data (grounded and preferred statuses), "
                        "as `claimgraph serve` does; queries such as argument-status read it")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.set_defaults(func=cmd_query)


def parse_params(items: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings -> dict; the value is kept verbatim (it is parsed by type later)."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param needs NAME=VALUE, got {item!r}")
        params[name.strip()] = value
    return params


def cmd_queries(args) -> int:
    queries = api.named_queries(root=args.root)
    if args.format == "json":
        emit(json.dumps([q.to_dict() for q in queries.values()], indent=1, ensure_ascii=False) + "\n", None)
        return 0
    lines = []
    for q in queries.values():
        lines.append(f"{q.name}: {q.title}")
        if q.description:
            lines.append(f"    {q.description}")
        for p in q.parameters:
            default = p.default if p.default is not None else "unbound"
            lines.append(f"    --param {p.name}=<{p.type}>  (default {default})  {p.description}".rstrip())
    emit("\n".join(lines) + "\n", None)
    return 0


def cmd_query(args) -> int:
    if bool(args.query) == bool(args.sparql):
        raise InputError("give either a query name / .rq file or --sparql TEXT")
    params = parse_params(args.param)
    if args.sparql:
        named = NamedQuery.from_text(args.sparql, name="--sparql")
    else:
        named = resolve_query(args.query, api.project(args.root).queries_dir)
    result = api.run_named_query(named, params, store=args.store, paths=args.data, root=args.root,
                                 with_analysis=args.with_analysis)
    fmt = args.format or ("turtle" if result.kind == "graph" else "table")
    payload, _media_type = serialize_result(result, fmt)
    emit(payload, args.output)
    return 0

"""publish: validate, then replace a named graph of a remote SPARQL store with the data."""

from __future__ import annotations

import sys

from .. import api
from ..errors import FindingsError
from ..model.terms import DATA_GRAPH
from .output import shorten


def register(sub) -> None:
    p = sub.add_parser(
        "publish", help="validate and upload the graph to a SPARQL store (Graph Store Protocol)",
        description="Validate the data (exit 1 if it does not conform, nothing is sent), then replace "
                    "a named graph of a remote store with it in one request. A refused upload leaves "
                    "the previous version in place.")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's SPARQL query URL; add ?gsp=URL and/or &update=URL when they are not "
                        "the conventional ones (Oxigraph /query -> /store, Virtuoso /sparql -> /sparql-graph-crud)")
    p.add_argument("--graph", default=str(DATA_GRAPH), metavar="IRI",
                   help=f"named graph to replace (default {DATA_GRAPH})")
    p.add_argument("--method", choices=("gsp", "update"),
                   help="upload with a Graph Store PUT (default when known) or one SPARQL Update request")
    p.add_argument("--data", nargs="+", action="extend", metavar="PATH",
                   help="data files or directories (default: data/)")
    p.set_defaults(func=cmd_publish)


def cmd_publish(args) -> int:
    try:
        result = api.publish(args.endpoint, args.graph, paths=args.data, root=args.root, method=args.method)
    except FindingsError as err:
        report = getattr(err, "report", None)
        if report is not None:
            sys.stderr.write(report.to_text(shorten))
        raise
    print(f"published {result.sent} triples to <{result.graph}> at {result.endpoint} "
          f"(by {'Graph Store PUT' if result.method == 'gsp' else 'SPARQL Update'}); "
          f"the graph now holds {result.stored} triples")
    return 0

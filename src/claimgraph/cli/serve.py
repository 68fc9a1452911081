"""serve: the read-only SPARQL endpoint and the web pages."""

from __future__ import annotations

from .. import api


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve a read-only SPARQL endpoint and a web page for every entry",
                       description="Serve /sparql (SPARQL 1.1 Protocol, read-only), a page for every "
                                   "entry and linked resource (IRI https://w3id.org/claimgraph/PATH at /PATH), "
                                   "/queries, /graph and /ontology.")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--store", help="store spec: oxigraph (default), memory, oxigraph:DIR, or an endpoint URL")
    p.add_argument("--data", action="append", metavar="PATH",
                   help="data file or directory instead of data/ (repeatable; embedded stores only)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="stop a query after this long (default: 10)")
    p.add_argument("--max-results", type=int, default=10_000, metavar="N",
                   help="refuse results with more rows or triples (default: 10000)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default: 2)")
    p.add_argument("--memory-limit", type=int, default=2048, metavar="MIB",
                   help="address-space cap per query worker in MiB, 0 for none (default: 2048)")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args) -> int:
    api.serve(host=args.host, port=args.port, store=args.store, paths=args.data, root=args.root,
              timeout=args.timeout, max_results=args.max_results, workers=args.workers,
              memory_limit_mb=args.memory_limit, access_log=args.access_log)
    return 0

"""viz: the argument graph explorer, one self-contained HTML page."""

from __future__ import annotations

import sys

from .. import api
from ..analyse.projection import NODE_TYPES
from .output import emit

DEFAULT_OUTPUT = "explorer.html"


def register(sub) -> None:
    p = sub.add_parser(
        "viz", help="write the argument graph explorer (an offline HTML page)",
        description="Draw the argument graph as one self-contained HTML page that works offline: the whole "
                    "graph, one entry's neighbourhood (--entry), or a node's (--focus, --depth).")
    p.add_argument("paths", nargs="*", help="data files or directories (default: data/)")
    view = p.add_mutually_exclusive_group()
    view.add_argument("--entry", metavar="ID", help="an entry's neighbourhood: its slug, prefixed name or IRI")
    view.add_argument("--focus", metavar="IRI", help="the neighbourhood of a node (IRI or prefixed name)")
    p.add_argument("--depth", type=int, metavar="N",
                   help="how many edges out from the entry (default 1) or the focus node (default 2)")
    p.add_argument("--types", nargs="+", metavar="TYPE", choices=list(NODE_TYPES),
                   help=f"keep only these node types ({', '.join(NODE_TYPES)})")
    p.add_argument("--title", help="page title")
    p.add_argument("--layout", choices=("auto", "physics", "static"), default="auto",
                   help="auto (default): browser physics up to a few hundred nodes, positions computed in "
                        "Python above; or force one")
    p.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                   help=f"output file (default: {DEFAULT_OUTPUT}; '-' for stdout)")
    p.set_defaults(func=cmd_viz)


def cmd_viz(args) -> int:
    html = api.explorer_html(args.paths or None, root=args.root, entry=args.entry, focus=args.focus,
                             depth=args.depth, types=args.types, title=args.title,
                             layout=args.layout)
    emit(html, args.output)
    if args.output and args.output != "-":
        print(f"explorer written to {args.output}", file=sys.stderr)
    return 0

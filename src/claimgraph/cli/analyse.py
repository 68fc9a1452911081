"""analyze: argument statuses (Dung's grounded and preferred semantics) and load-bearing nodes."""

from __future__ import annotations

from .. import api
from .output import emit, shorten

FORMATS = ("table", "json", "turtle")


def register(sub) -> None:
    p = sub.add_parser(
        "analyze", aliases=["analyse"],
        help="argument status of every claim, counterargument and response, and what the claims rest on",
        description="Grounded status (accepted / rejected / undecided) and preferred-extension membership "
                    "of every claim, counterargument and response (counterarguments and responses attack); "
                    "the sources, people and mechanisms most claims depend on; claims resting on a single "
                    "source; evidence with contested mechanisms.")
    p.add_argument("paths", nargs="*", help="data files or directories (default: data/)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table",
                   help="table (default), json, or turtle (the analysis graph, as in the release's analysis.ttl)")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.set_defaults(func=cmd_analyze)


def cmd_analyze(args) -> int:
    paths = args.paths or None
    if args.format == "turtle":
        emit(api.analysis_turtle(paths, root=args.root), args.output)
        return 0
    analysis = api.analyse(paths, root=args.root)
    if args.format == "json":
        from ..analyse.report import to_json
        emit(to_json(analysis), args.output)
    else:
        from ..analyse.report import to_table
        emit(to_table(analysis, shorten), args.output)
    return 0

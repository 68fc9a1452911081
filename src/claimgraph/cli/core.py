"""validate, export, stats, build (with a progress display on stderr when it is a terminal)."""

from __future__ import annotations

import sys

from .. import api, progress
from ..errors import FindingsError
from .output import emit, shorten


def register(sub) -> None:
    p = sub.add_parser("validate", help="check data against the SHACL shapes; exit 0 conforms, 1 violations, 2 unusable input")
    p.add_argument("paths", nargs="*", help="data files or directories (default: data/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--no-cache", action="store_true", help="validate everything again, ignoring remembered results")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="write the graph in a standard RDF format, deterministically")
    p.add_argument("paths", nargs="*", help="data files or directories (default: data/)")
    p.add_argument("--format", "-f", choices=api.EXPORT_FORMATS, default="turtle")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--no-ontology", action="store_true", help="leave the ontology and vocabularies out")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="counts by class, entry type and status")
    p.add_argument("paths", nargs="*")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("build", help="the main job: load, validate and write a release")
    p.add_argument("--out", default="release", help="release directory (default: release/)")
    p.add_argument("--release-version", help="version recorded in the release (default: package version)")
    p.add_argument("--no-cache", action="store_true", help="validate everything again, ignoring remembered results")
    p.set_defaults(func=cmd_build)


def cmd_validate(args) -> int:
    with progress.display():
        report = api.validate_data(args.paths or None, root=args.root, use_cache=not args.no_cache)
    emit(report.to_json() if args.format == "json" else report.to_text(shorten), None)
    return 0 if report.conforms else 1


def cmd_export(args) -> int:
    with progress.display():
        payload = api.export(args.paths or None, args.format, root=args.root, with_ontology=not args.no_ontology)
    emit(payload, args.output)
    return 0


def cmd_stats(args) -> int:
    stats = api.stats(args.paths or None, root=args.root)
    if args.format == "json":
        import json
        emit(json.dumps(stats, indent=2, sort_keys=True) + "\n", None)
        return 0
    lines = [f"triples: {stats['triples']}"]
    for section in ("entry types", "evidence statuses", "confidence", "classes", "mechanisms in use"):
        lines.append(f"{section}:")
        for key, n in stats[section].items():
            lines.append(f"  {n:6d}  {shorten(key) if key.startswith('http') else key}")
    emit("\n".join(lines) + "\n", None)
    return 0


def cmd_build(args) -> int:
    try:
        with progress.display():
            ctx = api.build(args.out, root=args.root, version=args.release_version, use_cache=not args.no_cache)
    except FindingsError as err:
        report = getattr(err, "report", None)
        if report is not None:
            sys.stderr.write(report.to_text(shorten))
        raise
    print(f"release written to {ctx.out}/ ({ctx.size} triples; files: {', '.join(sorted(ctx.files))})")
    return 0

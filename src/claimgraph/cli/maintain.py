"""import page, new, fmt, diff: the commands for maintaining the data."""

from __future__ import annotations

import sys

from .. import api
from ..model.terms import ENTRY_TYPES


def register(sub) -> None:
    p = sub.add_parser("import", help="import entries from the source database's formats")
    formats = p.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    pp = formats.add_parser("page", help="entry pages (their text) -> Turtle entries for review; "
                                         "exit 0 imported, 2 malformed page or entry exists")
    pp.add_argument("files", nargs="+", metavar="FILE", help="page text files; the entry id is the file "
                    "name without extension and 'entry-' prefix")
    pp.add_argument("--out", help="directory for the entries (default: data/entries/)")
    pp.add_argument("--force", action="store_true", help="replace entries that already exist")
    pp.set_defaults(func=cmd_import_page)

    p = sub.add_parser("new", help="write the scaffold of a new entry; `validate` then lists what to fill in")
    p.add_argument("entry_id", metavar="ENTRY-ID")
    p.add_argument("--type", required=True, choices=ENTRY_TYPES, dest="entry_type")
    p.add_argument("--out", help="directory (default: data/entries/)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("fmt", help="rewrite Turtle files in the canonical layout; --check: exit 1 "
                                   "and list the files that would change")
    p.add_argument("paths", nargs="*", help="files or directories (default: data/ and ontology/)")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file would change")
    p.set_defaults(func=cmd_fmt)

    p = sub.add_parser("diff", help="statements added and removed between two versions, by entry; "
                                    "exit 0 same, 1 different, 2 bad input")
    p.add_argument("old", help="file, directory (release or data), git REV (its data/) or REV:PATH")
    p.add_argument("new", help="as OLD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_diff)


def cmd_import_page(args) -> int:
    results = api.import_pages(args.files, args.out, force=args.force, root=args.root)
    for r in results:
        for note in r.entry.notes:
            print(f"{r.source}:{note.line}: note: {note.message}", file=sys.stderr)
        print(f"wrote {r.target} (entry {r.entry.entry_id}; {len(r.entry.notes)} note(s) to review)")
    return 0


def cmd_new(args) -> int:
    path = api.new_entry(args.entry_id, args.entry_type, args.out, root=args.root)
    print(f"wrote {path}; `claimgraph validate` lists what to fill in")
    return 0


def cmd_fmt(args) -> int:
    results = api.format_files(args.paths or None, check=args.check, root=args.root)
    changed = [r for r in results if r.changed]
    for r in changed:
        print(f"would reformat {r.path}" if args.check else f"reformatted {r.path}")
        if r.moved_comments or r.dropped_comments:
            print(f"{r.path}: note: {r.moved_comments} comment line(s) between statements "
                  f"{'would move' if args.check else 'moved'} to the top block, {r.dropped_comments} "
                  "section-banner line(s) dropped", file=sys.stderr)
    if args.check:
        print(f"{len(changed)} of {len(results)} file(s) would change", file=sys.stderr)
        return 1 if changed else 0
    return 0


def cmd_diff(args) -> int:
    result = api.diff(args.old, args.new, root=args.root)
    sys.stdout.write(result.to_json() if args.format == "json" else result.to_text())
    return 1 if result else 0

"""`claimgraph import page`: page files -> reviewed-to-be Turtle entries in data/entries/.

All pages are read, parsed and checked before anything is written: one malformed page, or one
entry that already exists (without ``force``), and no file is written at all.
The entry id is the page file's name without its extension and an 'entry-' prefix
(``entry-unintended-subgoals.txt`` -> ``unintended-subgoals``), as on the site (/database/ID).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from ..errors import InputError, MissingFileError
from ..model.convert import triple_to_oxigraph
from ..model.terms import CG, ID, entry_iri, is_slug, slugify
from ..publish.files import write_atomic
from ..publish.fmt import canonical_triples, write_turtle
from .context import ImportContext
from .entry import ImportedEntry, build_entry
from .page import decode_page, parse_page


@dataclass
class ImportResult:
    source: Path
    target: Path
    entry: ImportedEntry
    turtle: str


def entry_id_for(path: str | Path) -> str:
    stem = Path(path).stem
    stem = stem.removeprefix("entry-") or stem
    return stem if is_slug(stem) else slugify(stem)


def read_page(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingFileError("no such page file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("a directory, not a page file", path=str(path)) from None
    except OSError as err:
        raise MissingFileError(f"cannot read: {err.strerror}", path=str(path)) from None
    return decode_page(data, str(path))


def import_text(text: str, entry_id: str, context: ImportContext, *, path: str = "<page>") -> ImportedEntry:
    """Parse one page's text and build its entry graph (nothing is written)."""
    page = parse_page(text, context.vocabulary, path)
    return build_entry(page, entry_id, context)


def entry_turtle(imported: ImportedEntry, source_name: str) -> str:
    """The imported entry as a Turtle file in fmt's canonical layout, its review notes on top."""
    header = [
        f"# Entry imported from {source_name} by `claimgraph import page`; every part needs review.",
        "# The text is the source page's own wording: rewrite it in our own words before publishing,",
        "# add the citations, and lower cg:confidence where the sources do not meet the threshold.",
    ]
    if imported.notes:
        header.append("# Import notes (line of the page: note):")
        header.extend(f"#   {n.line}: {n.message}" for n in imported.notes)
    triples = canonical_triples(triple_to_oxigraph(t) for t in imported.graph)
    return write_turtle(triples, base=str(ID), header=header)


def _defined_in(data_files: Iterable[Path], slug: str) -> Path | None:
    needle = (f"entry/{slug}>", f"entry:{slug} ", f"entry/{slug}> ")
    for path in data_files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(n in text for n in needle):
            return path
    return None


def import_pages(files: Iterable[str | Path], out_dir: str | Path, context: ImportContext, *,
                 existing: Graph, data_files: Iterable[Path] = (), force: bool = False) -> list[ImportResult]:
    """Import page files into ``out_dir``. ``existing``: the data graph, to refuse entries that
    already exist (unless ``force``). Raises InputError before writing anything."""
    out = Path(out_dir)
    results: list[ImportResult] = []
    targets: dict[Path, Path] = {}
    data_files = list(data_files)
    for raw in files:
        source = Path(raw)
        entry_id = entry_id_for(source)
        imported = import_text(read_page(source), entry_id, context, path=str(source))
        target = out / f"{entry_id}.ttl"
        if target in targets:
            raise InputError(f"two pages give the same entry id {entry_id!r} (also {targets[target]})", path=str(source))
        targets[target] = source
        if not force:
            if target.exists():
                raise InputError(f"{target} exists; not overwritten (use --force to replace it)", path=str(source))
            if (entry_iri(entry_id), RDF.type, CG.Entry) in existing:
                where = _defined_in(data_files, entry_id)
                raise InputError(f"entry {entry_id!r} already exists in data/"
                                 f"{f' ({where})' if where else ''}; not imported (use --force)", path=str(source))
        results.append(ImportResult(source, target, imported, entry_turtle(imported, source.name)))
    for result in results:
        write_atomic(result.target, result.turtle)
    return results

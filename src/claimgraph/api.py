"""The public API: the functions the CLI and the web server both call.

Every function takes optional data ``paths`` (files or directories; default: the project's
``data/``) and an optional project ``root``; the ontology and vocabularies are always loaded
beside the data, because the shapes and queries read them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .model.load import expand_paths, graph_from_files, load_project, load_shapes, parse_files, project_paths
from .model.project import Project, find_project
from .model.terms import CG
from .progress import task
from .publish.export import FORMATS, SortedTriples, check_format, fast_writer, serialize
from .publish.release import ReleaseContext
from .publish.release import build as _build
from .validate import ValidationCache, ValidationReport, validate_files

EXPORT_FORMATS = tuple(FORMATS)
PathsArg = Sequence[str | Path] | None


def project(root: str | Path | None = None) -> Project:
    return find_project(root)


def load(paths: PathsArg = None, *, root: str | Path | None = None, with_ontology: bool = True) -> Graph:
    """Ontology, vocabularies and data as one rdflib graph."""
    return load_project(project(root), paths, with_ontology=with_ontology)


def validate_data(paths: PathsArg = None, *, root: str | Path | None = None,
                  use_cache: bool = True) -> ValidationReport:
    """Validate the data (default: data/) against ontology/shapes.ttl. Results are remembered in
    the project's .claimgraph-cache/ and only what changed is validated again; ``use_cache``
    False validates everything (see claimgraph.validate.incremental)."""
    proj = project(root)
    files = expand_paths(project_paths(proj, paths))
    return validate_files(files, load_shapes(proj), cache=ValidationCache.for_project(proj.root, read=use_cache))


def export(paths: PathsArg = None, fmt: str = "turtle", *, root: str | Path | None = None,
           with_ontology: bool = True) -> bytes:
    """The graph in one of EXPORT_FORMATS, deterministically (large graphs are written with
    pyoxigraph without building an rdflib graph: see claimgraph.publish.export)."""
    check_format(fmt)
    with task("Loading"):
        parsed = parse_files(project_paths(project(root), paths, with_ontology=with_ontology))
    if fast_writer(sum(len(p.triples) for p in parsed), fmt):
        with task(f"Writing {fmt}"):
            return SortedTriples(t for p in parsed for t in p.triples).serialize(fmt)
    return serialize(graph_from_files(parsed), fmt)


def _labelled_counts(graph: Graph, predicate: URIRef) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for _s, o in graph.subject_objects(predicate):
        label = graph.value(o, SKOS.prefLabel)
        counts[str(label) if label is not None else str(o)] += 1
    return dict(sorted(counts.items()))


def stats(paths: PathsArg = None, *, root: str | Path | None = None) -> dict:
    graph = load(paths, root=root)
    classes = Counter(str(o) for o in graph.objects(None, RDF.type))
    return {
        "triples": len(graph),
        "entries": len(set(graph.subjects(RDF.type, CG.Entry))),
        "entry types": _labelled_counts(graph, CG.entryType),
        "evidence statuses": _labelled_counts(graph, CG.evidenceStatus),
        "confidence": _labelled_counts(graph, CG.confidence),
        "mechanisms in use": dict(sorted(Counter(
            str(graph.value(m, SKOS.prefLabel) or m)
            for m in {o for s, o in graph.subject_objects(CG.mechanism)}).items())),
        "classes": dict(sorted(classes.items())),
    }


def build(out: str | Path = "release", *, root: str | Path | None = None,
          version: str | None = None, use_cache: bool = True) -> ReleaseContext:
    """The main job: load, validate and write a release into ``out``."""
    return _build(out, project=project(root), version=version, use_cache=use_cache)


# ---------------------------------------------------------------------------------------------
# Queries and stores (issue 4)
# ---------------------------------------------------------------------------------------------

def named_queries(*, root: str | Path | None = None) -> dict:
    """The project's named queries (queries/*.rq), by name."""
    from .query import load_queries
    return load_queries(project(root).queries_dir)


def open_store(spec: str | None = None, paths: PathsArg = None, *, root: str | Path | None = None,
               with_analysis: bool = False):
    """Open a store (spec: see claimgraph.stores.base; default embedded Oxigraph) holding the
    ontology, vocabularies and data. Embedded stores that are empty get the project's files
    loaded, and with ``with_analysis`` the argument analysis of that data in its named graph
    (model.terms.ANALYSIS_GRAPH, as `claimgraph serve` and the release's analysis.ttl have it);
    a persistent Oxigraph directory that already holds data, and remote endpoints, are used as
    they are."""
    from .errors import InputError
    from .stores import open_store as _open
    store = _open(spec)
    if not store.loads_project:
        if paths or with_analysis:
            store.close()
            what = "--data" if paths else "--with-analysis"
            raise InputError(f"{what} cannot be used with a remote store: publish the data there first")
        return store
    if store.is_empty():
        proj = project(root)
        files: list[str | Path] = list(proj.ontology_files())
        files.extend(paths if paths else [proj.data_dir])
        store.load_files(files)
        if with_analysis:
            from .model.terms import ANALYSIS_GRAPH
            store.load(analysis_graph(paths, root=root), graph=str(ANALYSIS_GRAPH))
    return store


def run_named_query(query, params=None, *, store=None, paths: PathsArg = None,
                    root: str | Path | None = None, with_analysis: bool = False):
    """Run a query with parameters given as text or RDF terms. ``query`` is a NamedQuery, the
    name of one in queries/, or a path to a .rq file; for SPARQL text use
    ``NamedQuery.from_text(text)``. ``store`` is a Store or a spec (default: embedded Oxigraph
    loaded with the project, and with ``with_analysis`` the argument analysis: see open_store).
    Returns a QueryResult."""
    from .query import resolve_query, run_query
    from .stores import Store
    named = resolve_query(query, project(root).queries_dir)
    own = not isinstance(store, Store)
    st = open_store(store, paths, root=root, with_analysis=with_analysis) if own else store
    try:
        return run_query(st, named, params)
    finally:
        if own:
            st.close()


# ---------------------------------------------------------------------------------------------
# Publishing workflow (issue 7): import pages, scaffold entries, fmt, diff, render pages
# ---------------------------------------------------------------------------------------------

def import_pages(files: Sequence[str | Path], out: str | Path | None = None, *, force: bool = False,
                 root: str | Path | None = None) -> list:
    """Import source-database page files as Turtle entries into ``out`` (default
    data/entries/); returns ImportResults (entry graph, review notes, target file). Nothing is
    written if any page is malformed or any entry exists already (unless ``force``)."""
    from .ingest.context import ImportContext
    from .ingest.importer import import_pages as _import
    proj = project(root)
    graph = load_project(proj)
    return _import(files, out if out is not None else proj.data_dir / "entries", ImportContext.from_graph(graph),
                   existing=graph, data_files=proj.data_files(), force=force)


def new_entry(entry_id: str, entry_type: str, out: str | Path | None = None, *,
              root: str | Path | None = None) -> Path:
    """Write the scaffold of a new entry (``out``, default data/entries/); returns its path."""
    from .ingest.scaffold import write_scaffold
    proj = project(root)
    return write_scaffold(entry_id, entry_type, out if out is not None else proj.data_dir / "entries",
                          existing=load_project(proj, with_ontology=False))


def format_files(paths: PathsArg = None, *, check: bool = False, root: str | Path | None = None) -> list:
    """Rewrite Turtle files (default: data/ and ontology/) in the canonical layout, or with
    ``check`` only report which would change; returns FormatResults."""
    from .publish.fmt import format_paths
    if not paths:
        proj = project(root)
        paths = [proj.data_dir, proj.ontology_dir]
    return format_paths(paths, check=check)


def diff(old: str, new: str, *, root: str | Path | None = None):
    """Semantic diff of two releases, files, directories or git revisions (see
    claimgraph.publish.diff); returns a GraphDiff (falsy when there are no differences)."""
    from .publish.diff import diff as _diff
    return _diff(old, new, project(root).root)


def render_entry_page(entry: str, paths: PathsArg = None, *, root: str | Path | None = None) -> str:
    """An entry (IRI or id) rendered in the source database's page text format."""
    from .ingest.render import render_page
    from .model.terms import entry_iri, is_slug
    iri = entry_iri(entry) if is_slug(entry) else entry
    return render_page(load(paths, root=root), iri)


# ---------------------------------------------------------------------------------------------
# Web server and static site (issue 6)
# ---------------------------------------------------------------------------------------------

def web_app(*, store: str | None = None, paths: PathsArg = None, root: str | Path | None = None,
            timeout: float = 10.0, max_results: int = 10_000, workers: int = 2, memory_limit_mb: int = 2048):
    """The web server's ASGI application (Starlette): /sparql, entry pages, /queries, /graph, /ontology."""
    from .serve import ServeConfig, create_app
    return create_app(ServeConfig(store=store, paths=tuple(str(p) for p in paths) if paths else None,
                                  root=str(root) if root is not None else None, timeout=timeout,
                                  max_results=max_results, workers=workers, memory_limit_mb=memory_limit_mb))


def serve(*, host: str = "127.0.0.1", port: int = 8000, store: str | None = None, paths: PathsArg = None,
          root: str | Path | None = None, timeout: float = 10.0, max_results: int = 10_000, workers: int = 2,
          memory_limit_mb: int = 2048, access_log: bool = False) -> None:
    """Run the web server until interrupted."""
    from .serve import ServeConfig
    from .serve.app import run
    run(ServeConfig(host=host, port=port, store=store, paths=tuple(str(p) for p in paths) if paths else None,
                    root=str(root) if root is not None else None, timeout=timeout, max_results=max_results,
                    workers=workers, memory_limit_mb=memory_limit_mb), access_log=access_log)


def write_site(out: str | Path, *, root: str | Path | None = None) -> list[str]:
    """The static site (the server's pages as files) for the project's data, written into ``out``;
    returns the file names written."""
    from .present.site import write_site as _write_site
    return _write_site(load(root=root), out, project=project(root))


def publish(endpoint: str, graph: str | None = None, *, paths: PathsArg = None,
            root: str | Path | None = None, method: str | None = None):
    """Validate the data and replace a named graph (default: the data graph) of a remote SPARQL
    store with it; raises FindingsError (nothing sent) or PublishError (previous version kept)."""
    from .model.terms import DATA_GRAPH
    from .publish.gsp import publish_to_endpoint
    return publish_to_endpoint(endpoint, graph or str(DATA_GRAPH), paths=paths, project=project(root),
                               method=method)


# -- the argument graph: analysis and explorer ----------------------------------------------------

def argument_graph(paths: PathsArg = None, *, root: str | Path | None = None):
    """The data projected onto a typed networkx MultiDiGraph (what analysis and pages read)."""
    from .analyse.projection import project
    return project(load(paths, root=root))


def analyse(paths: PathsArg = None, *, root: str | Path | None = None):
    """Dung statuses of claims, counterarguments and responses, and the load-bearing nodes."""
    from .analyse.analysis import analyse_graph
    return analyse_graph(load(paths, root=root))


def analysis_graph(paths: PathsArg = None, *, root: str | Path | None = None) -> Graph:
    """The analysis as triples, for the named graph model.terms.ANALYSIS_GRAPH."""
    from .analyse.rdf import analysis_graph as _analysis_graph
    return _analysis_graph(analyse(paths, root=root))


def analysis_turtle(paths: PathsArg = None, *, root: str | Path | None = None) -> bytes:
    """The analysis graph as deterministic Turtle (the release's analysis.ttl)."""
    from .analyse.rdf import analysis_turtle as _analysis_turtle
    return _analysis_turtle(analyse(paths, root=root))


def explorer_html(paths: PathsArg = None, *, root: str | Path | None = None, entry: str | None = None,
                  focus: str | None = None, depth: int | None = None, types: Sequence[str] | None = None,
                  title: str | None = None, layout: str = "auto") -> str:
    """The argument graph explorer page: the whole graph, an entry's or a node's neighbourhood.
    ``layout``: auto (browser physics for small graphs), physics, or static (computed in Python)."""
    from .present.explorer import explorer_page
    return explorer_page(load(paths, root=root), entry=entry, focus=focus, depth=depth, types=types, title=title,
                         layout_mode=layout)

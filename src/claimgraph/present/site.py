"""The static site: the server's pages written as files, for publishers who host files only.

Layout (inside the release's ``site/``), mirroring the IRIs like the server's paths do:

    index.html, index.json                      the entry list (facets filter in the browser)
    id/entry/SLUG/index.html                    an entry's page
    id/entry/SLUG/index.{ttl,jsonld,nt,json}    its description as RDF, and its JSON view model
    id/KIND/SLUG/index.{html,ttl,json}          every other resource (people, sources, parts, ...):
                                                Turtle only, which keeps the build quick
    vocab/SCHEME[/SLUG]/index.html (+ data)     concept schemes and concepts
    ontology/index.html (+ index.ttl, ...)      classes, properties, concept schemes, shapes
    queries/index.html                          the named queries (run them with `claimgraph query`)
    graph/index.html                            the argument-graph explorer
    static/site.css, static/site.js

Links between pages are relative, so the site works from any base path (and from file://).
A host that maps ``https://w3id.org/claimgraph/PATH`` to ``PATH/`` (or ``PATH/index.ttl`` for
RDF clients) dereferences every IRI.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from ..model.load import load_shapes
from ..model.terms import ANALYSIS_GRAPH
from ..model.project import Project, find_project
from ..stores import open_store
from . import pages

SITE_DIR = "site"
#: (export format, file suffix, media type, label) of each page's data files
DATA_FILES = (("turtle", ".ttl", "text/turtle", "Turtle"), ("jsonld", ".jsonld", "application/ld+json", "JSON-LD"),
              ("nt", ".nt", "application/n-triples", "N-Triples"))


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _alternates(data_files=DATA_FILES) -> list[dict]:
    alts = [{"href": "index" + suffix, "media_type": media_type, "label": label}
            for _fmt, suffix, media_type, label in data_files]
    return alts + [{"href": "index.json", "media_type": "application/json", "label": "JSON"}]


def site_files(graph: Graph, project: Project | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the static site as (relative path, content), rendered from SPARQL results
    over ``graph`` (loaded into an embedded store, like the server's)."""
    project = project or find_project()
    store = open_store("oxigraph")
    store.load(graph)
    store.load(_analysis(graph), graph=str(ANALYSIS_GRAPH))  # grounded statuses on the pages
    shapes = open_store("oxigraph")
    shapes.load(load_shapes(project))
    renderer = pages.Renderer(static=True)
    try:
        index = pages.index_view(pages.all_entries(store), pages.EntryFilter())
        yield "index.json", _json(index)
        yield "index.html", renderer.render("index.html", index, page="index.html",
                                            alternates=_alternates(())).encode("utf-8")
        ontology_iri = pages.BASE + "ontology"
        resources = pages.all_resources(store)
        descriptions = pages.describe_all(store, [*resources, ontology_iri])
        for iri in resources:
            path = pages.path_of(iri)
            view = pages.entry_view(store, iri) or pages.resource_view(store, iri)
            if not path or view is None:
                continue
            if view["kind"] == "entry":
                yield from _page(renderer, descriptions[iri], path, view, "entry.html", DATA_FILES)
            else:
                yield from _page(renderer, descriptions[iri], path, view, "resource.html", DATA_FILES[:1])
        ontology = pages.ontology_view(store, shapes)
        yield from _page(renderer, descriptions[ontology_iri], "ontology", ontology, "ontology.html", DATA_FILES)
        yield from _queries(renderer, project)
        yield "graph/index.html", _explorer(graph).encode("utf-8")
        for asset in sorted(pages.STATIC.iterdir()):
            if asset.is_file():
                yield f"static/{asset.name}", asset.read_bytes()
    finally:
        store.close()
        shapes.close()


def _page(renderer: pages.Renderer, description: Graph, path: str, view: dict, template: str,
          data_files=DATA_FILES) -> Iterator[tuple[str, bytes]]:
    page = posixpath.join(path, "index.html")
    formats = data_files if len(description) else ()
    yield page, renderer.render(template, view, page=page, alternates=_alternates(formats)).encode("utf-8")
    yield posixpath.join(path, "index.json"), _json(view)
    for fmt, suffix, _media, _label in formats:
        yield posixpath.join(path, "index" + suffix), pages.rdf_bytes(description, fmt)


def _queries(renderer: pages.Renderer, project: Project) -> Iterator[tuple[str, bytes]]:
    from ..errors import InputError
    from ..query import load_queries
    try:
        named = load_queries(project.queries_dir)
    except InputError:
        named = {}
    view = {"label": "Named queries",
            "queries": [{**q.to_dict(), "text": q.text} for q in named.values()]}
    yield "queries/index.json", _json(view)
    yield "queries/index.html", renderer.render("queries.html", view, page="queries/index.html",
                                                alternates=[{"href": "index.json", "media_type": "application/json",
                                                             "label": "JSON"}]).encode("utf-8")


def _analysis(graph: Graph) -> Graph:
    from ..analyse.analysis import analyse_graph
    from ..analyse.rdf import analysis_graph
    return analysis_graph(analyse_graph(graph))


def _explorer(graph: Graph) -> str:
    from .explorer import explorer_page
    return explorer_page(graph)


def write_site(graph: Graph, out: str | Path, *, project: Project | None = None) -> list[str]:
    """Write the site's files below ``out``; returns their relative paths."""
    out = Path(out)
    written = []
    for name, data in site_files(graph, project):
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(name)
    return written


def write_site_step(ctx) -> None:
    """Release step: the static site in ``site/`` (files are not listed one by one as
    distributions in void.ttl: the site is one browsable copy of the release, not a dump)."""
    write_site(ctx.graph, ctx.out / SITE_DIR, project=ctx.project)

"""Rendering: the Jinja2 environment, and where links point (server or static site)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from .base import TEMPLATES, path_of


_SAFE_SCHEMES = ("http", "https")
#: Site paths that are files, not pages (downloads beside a page: index.ttl, claimgraph.nt, ...).
_FILE_SUFFIXES = (".ttl", ".nt", ".jsonld", ".json", ".csv", ".html", ".css", ".js")


class Links:
    """Where links point: absolute server paths, or (static site) paths relative to the page."""

    def __init__(self, page: str | None = None) -> None:
        self.page = page  # the static page's own file path, e.g. "id/entry/x/index.html"

    def url(self, path: str) -> str:
        """A site path ("", "queries", "static/site.css", "id/entry/x#anchor") as a link."""
        path, _, fragment = path.partition("#")
        if self.page is None:
            target = "/" + path
        else:
            if path.startswith("static/") or posixpath.splitext(path)[1] in _FILE_SUFFIXES:
                file = path
            else:
                file = posixpath.join(path, "index.html") if path else "index.html"
            target = posixpath.relpath(file, posixpath.dirname(self.page) or ".")
        return target + ("#" + fragment if fragment else "")

    def href(self, iri: str | None) -> str | None:
        """A link for an IRI: ours dereference on this site; others only when http(s)."""
        if not iri:
            return None
        path = path_of(iri)
        if path is not None:
            return self.url(path)
        return iri if urlsplit(iri).scheme.lower() in _SAFE_SCHEMES else None


class Renderer:
    """The Jinja2 environment (autoescape on for every template) and the site's navigation."""

    def __init__(self, *, static: bool = False, sparql_endpoint: str | None = None) -> None:
        self.static = static
        self.sparql_endpoint = sparql_endpoint
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def render(self, template: str, view: Mapping[str, Any], *, page: str, **extra: Any) -> str:
        """Render ``template`` for the page at site path ``page`` (used for relative links)."""
        links = Links(page if self.static else None)
        return self.env.get_template(template).render(
            view=view, href=links.href, url=links.url, static=self.static,
            sparql_endpoint=self.sparql_endpoint, **extra)

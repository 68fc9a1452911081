"""Entry pages, resource pages, the entry list and the ontology page, shared by `serve` and the
static site.

Every view is built in two steps: fixed SPARQL queries (the resource IRI passed as a binding,
never pasted into the text) give rows, and the rows become a plain JSON-able dict: the view
model. Templates (Jinja2, autoescape on) only lay the dict out, and the dict is also the page's
JSON twin. Nothing here reads triples directly, so any store that answers SPARQL can back it.

One module per kind of view: ``entry``, ``resource``, ``entry_list``, ``ontology``; the RDF twins
in ``describe``; query result tables in ``results``; templates and links in ``render``; what
they share (IRIs, values, running queries) in ``base``.
"""

from __future__ import annotations

from ...model.terms import BASE
from .base import STATIC, TEMPLATES, Queryable, curie, display_value, iri_of, path_of
from .descriptions import Q_ALL, all_resources, describe, describe_all, rdf_bytes
from .entry import entry_view
from .entry_list import EntryFilter, all_entries, index_view
from .ontology import ontology_view
from .render import Links, Renderer
from .resource import resource_view
from .results import result_view

__all__ = ["BASE", "Q_ALL", "STATIC", "TEMPLATES", "EntryFilter", "Links", "Queryable", "Renderer", "all_entries",
           "all_resources", "curie", "describe", "describe_all", "display_value", "entry_view", "index_view",
           "iri_of", "ontology_view", "path_of", "rdf_bytes", "resource_view", "result_view"]

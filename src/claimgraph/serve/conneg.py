"""Content negotiation: which representation a client gets, from its Accept header, a
``format=`` parameter or a file suffix (the last two win, so that browsers can ask too).

Offers are (media type, format name) pairs in the server's order of preference; format names
are those of ``claimgraph.query.serialize_result`` plus ``rdfxml`` and, for pages, ``html`` and
``json`` (the view model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError

Offer = tuple[str, str]  # (media type, format name)

#: SELECT and ASK results
RESULT_OFFERS: tuple[Offer, ...] = (
    ("application/sparql-results+json", "srj"), ("application/sparql-results+xml", "srx"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("application/json", "srj"),
    ("application/xml", "srx"), ("text/xml", "srx"), ("text/html", "html"), ("text/plain", "table"),
)
#: CONSTRUCT and DESCRIBE results
GRAPH_OFFERS: tuple[Offer, ...] = (
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"), ("application/x-turtle", "turtle"), ("application/turtle", "turtle"),
    ("application/json", "jsonld"), ("text/html", "html"), ("text/plain", "nt"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
)
#: a resource page: HTML, its JSON view model, or the RDF description
RESOURCE_OFFERS: tuple[Offer, ...] = (
    ("text/html", "html"), ("application/xhtml+xml", "html"), ("application/json", "json"),
    ("text/turtle", "turtle"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdfxml"), ("application/x-turtle", "turtle"),
)
#: a page that is only a view (entry list, queries): HTML or JSON
VIEW_OFFERS: tuple[Offer, ...] = (("text/html", "html"), ("application/xhtml+xml", "html"),
                                  ("application/json", "json"))

#: ``format=`` values and file suffixes -> format name, per kind of answer
RESULT_ALIASES = {"json": "srj", "srj": "srj", "xml": "srx", "srx": "srx", "csv": "csv", "tsv": "tsv",
                  "html": "html", "table": "table", "text": "table", "txt": "table"}
GRAPH_ALIASES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                 "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "xml": "rdfxml",
                 "rdf": "rdfxml", "rdfxml": "rdfxml", "html": "html", "csv": "csv", "tsv": "tsv",
                 "table": "table", "text": "table"}
RESOURCE_ALIASES = {"html": "html", "json": "json", "turtle": "turtle", "ttl": "turtle", "nt": "nt",
                    "ntriples": "nt", "n-triples": "nt", "jsonld": "jsonld", "json-ld": "jsonld",
                    "rdf": "rdfxml", "xml": "rdfxml", "rdfxml": "rdfxml"}
VIEW_ALIASES = {"html": "html", "json": "json"}
#: file suffixes a resource path may end with
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".json": "json", ".rdf": "rdfxml",
            ".html": "html"}
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "json": "application/json",
               "turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples",
               "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


class NotAcceptable(InputError):
    """No representation the client accepts (HTTP 406), or an unknown ``format=``."""


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    index: int

    def specificity(self, media_type: str) -> int | None:
        """How closely this range matches ``media_type`` (None: not at all)."""
        mtype, _, msub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == mtype and self.subtype == "*":
            return 1
        if self.type == mtype and self.subtype == msub:
            return 2
        return None


def parse_accept(header: str | None) -> list[MediaRange]:
    ranges: list[MediaRange] = []
    for index, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        mtype, _, msub = media.partition("/")
        ranges.append(MediaRange(mtype, msub, q, index))
    return ranges


def negotiate(accept: str | None, offers: Sequence[Offer]) -> Offer | None:
    """The offer the Accept header prefers: highest q, then the client's order, then ours.
    No header (or an empty one) takes the first offer."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: tuple[tuple, Offer] | None = None
    for rank, offer in enumerate(offers):
        matches = [(r.specificity(offer[0]), r) for r in ranges]
        matches = [(s, r) for s, r in matches if s is not None]
        if not matches:
            continue
        spec, chosen = max(matches, key=lambda m: (m[0], -m[1].index))
        if chosen.q <= 0:
            continue
        key = (chosen.q, spec == 2, -chosen.index, -rank)
        if best is None or key > best[0]:
            best = (key, offer)
    return best[1] if best else None


def choose(accept: str | None, requested: str | None, offers: Sequence[Offer],
           aliases: dict[str, str], *, strict: bool = True) -> str:
    """A format name: the requested one (``format=`` or suffix; a name or a media type), else
    the Accept header's choice. Raises NotAcceptable; an unknown ``format=`` does too when
    ``strict``, and otherwise leaves the choice to the Accept header (SPARQL clients send
    ``format=`` values of their own, e.g. SPARQLWrapper's ``format=n3``)."""
    if requested:
        key = requested.strip().lower()
        if key in aliases:
            return aliases[key]
        by_type = dict(offers)
        if key.split(";")[0].strip() in by_type:
            return by_type[key.split(";")[0].strip()]
        if strict:
            raise NotAcceptable(f"unknown format {requested!r}; use one of {', '.join(sorted(aliases))}")
    offer = negotiate(accept, offers)
    if offer is None:
        types = ", ".join(dict.fromkeys(t for t, _ in offers))
        raise NotAcceptable(f"none of the accepted media types ({accept}) is available; this resource "
                            f"is available as {types}")
    return offer[1]


def sparql_format(form: str, accept: str | None, requested: str | None) -> str:
    """The result format for a query of ``form`` (select, ask, construct, describe)."""
    if form in ("construct", "describe"):
        return choose(accept, requested, GRAPH_OFFERS, GRAPH_ALIASES, strict=False)
    return choose(accept, requested, RESULT_OFFERS, RESULT_ALIASES, strict=False)


#: A named query's page: HTML first (a browser's view), JSON as plain rows (its JSON twin)
NAMED_RESULT_OFFERS: tuple[Offer, ...] = (
    ("text/html", "html"), ("application/json", "json"), ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"), ("application/sparql-results+json", "srj"),
    ("application/sparql-results+xml", "srx"), ("text/plain", "table"),
)
NAMED_RESULT_ALIASES = {"html": "html", "json": "json", "csv": "csv", "tsv": "tsv", "srj": "srj",
                        "srx": "srx", "xml": "srx", "table": "table", "text": "table"}
NAMED_GRAPH_OFFERS: tuple[Offer, ...] = (("text/html", "html"),) + tuple(o for o in GRAPH_OFFERS if o[1] != "html")


def named_format(form: str, accept: str | None, requested: str | None) -> str:
    """The format of a named query's answer on /queries/NAME."""
    if form in ("construct", "describe"):
        return choose(accept, requested, NAMED_GRAPH_OFFERS, GRAPH_ALIASES)
    return choose(accept, requested, NAMED_RESULT_OFFERS, NAMED_RESULT_ALIASES)

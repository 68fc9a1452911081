"""IRIs, values, and running the views' queries: what every view module uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ...model.terms import BASE, PREFIXES
from ...stores.base import QueryResult

TEMPLATES = Path(__file__).parent.parent / "templates"
STATIC = Path(__file__).parent.parent / "static"


class Queryable(Protocol):
    """Anything that answers SPARQL with a QueryResult: a Store, or the server's worker pool."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult: ...


# ---------------------------------------------------------------------------------------------
# IRIs, paths and values
# ---------------------------------------------------------------------------------------------

def path_of(iri: str) -> str | None:
    """The site path of one of our IRIs (``https://w3id.org/claimgraph/id/x`` -> ``id/x``)."""
    return iri[len(BASE):] if iri.startswith(BASE) else None


def iri_of(path: str) -> URIRef:
    """The IRI a site path names (the inverse of ``path_of``)."""
    return URIRef(BASE + path.lstrip("/"))


def curie(iri: str) -> str:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def display_value(node: Node | None) -> str | None:
    """A literal as the source page prints it: dates in words, everything else as its text."""
    if node is None:
        return None
    if isinstance(node, Literal):
        text = str(node)
        try:
            if node.datatype == XSD.date:
                d = date.fromisoformat(text)
                return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
            if node.datatype == XSD.gYearMonth:
                year, month = text.split("-")[:2]
                return f"{_MONTHS[int(month) - 1]} {year}"
        except (ValueError, IndexError):
            return text
        return text
    return str(node)


def text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def flag(node: Node | None) -> bool | None:
    if node is None:
        return None
    value = node.toPython() if isinstance(node, Literal) else node
    return value if isinstance(value, bool) else str(value).lower() == "true"


def number(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def ref(node: Node | None, label: Node | None = None) -> dict | None:
    """A link to a resource: its IRI and a label to show (the label, else a short form)."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return {"iri": None, "label": text(label) or "(blank node)"}
    iri = str(node)
    return {"iri": iri, "label": text(label) or curie(iri)}


def dated(node: Node | None) -> dict | None:
    if node is None:
        return None
    return {"value": str(node), "display": display_value(node)}


# ---------------------------------------------------------------------------------------------
# Running queries
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def with_prefixes(sparql: str) -> str:
    """The query with PREFIX declarations for the claimgraph prefixes it uses (only those: every
    declaration costs the engine, and the binder, a little parsing)."""
    used = [p for p in PREFIXES if re.search(rf"(?<![\w?$]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + sparql


def select(store: Queryable, sparql: str, **bindings: Node) -> list[dict[str, Node | None]]:
    """Rows of a SELECT as dicts; bindings pre-bind variables (the store binds them as terms)."""
    result = store.query(with_prefixes(sparql), bindings or None)
    return [dict(zip(result.variables, row)) for row in result.rows]


def first(rows: Iterable[Mapping[str, Node | None]], key: str) -> Node | None:
    for row in rows:
        if row.get(key) is not None:
            return row[key]
    return None


def group(rows: list[dict[str, Node | None]], key: str) -> dict[Node, list[dict[str, Node | None]]]:
    """Rows grouped by one variable, in first-seen order (OPTIONAL labels may repeat a row)."""
    groups: dict[Node, list[dict[str, Node | None]]] = {}
    for row in rows:
        if row.get(key) is not None:
            groups.setdefault(row[key], []).append(row)
    return groups


def unique_refs(rows: Iterable[Mapping[str, Node | None]], key: str, label: str) -> list[dict]:
    seen: dict[Node, Node | None] = {}
    for row in rows:
        node = row.get(key)
        if node is not None and (node not in seen or seen[node] is None):
            seen[node] = row.get(label)
    return sorted((ref(n, lab) for n, lab in seen.items()), key=lambda r: r["label"].lower())


LABEL = "skos:prefLabel|schema:name|rdfs:label|dcterms:title"

"""Parameter values: text as users type it (``--param NAME=VALUE``) -> an RDF term of the declared
type. The term is what gets bound; the text never reaches the query."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError
from ..model.terms import PREFIXES
from .binding import term_to_sparql

#: declared parameter types (as written in query headers, case-insensitive)
PARAM_TYPES = ("iri", "integer", "decimal", "date", "string", "boolean")

_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*)?:([^\s]*)$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://\S+$|^urn:\S+$")


def today() -> date:
    """The current date (a function, so that tests can fix it)."""
    return date.today()


def parse_iri(text: str) -> URIRef:
    """``<IRI>``, a prefixed name with one of claimgraph's prefixes, or an absolute http(s)/urn IRI."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif _ABSOLUTE.match(text):
        iri = text
    else:
        m = _PREFIXED.match(text)
        if not m:
            raise QueryError(f"not an IRI: {text!r} (write <https://...> or prefix:name)")
        prefix = m.group(1) or ""
        if prefix not in PREFIXES:
            raise QueryError(f"unknown prefix {prefix!r} in {text!r}; known: {', '.join(PREFIXES)}")
        iri = PREFIXES[prefix] + m.group(2)
    term = URIRef(iri)
    term_to_sparql(term)  # validates the characters
    return term


def parse_value(text: str, type_: str, *, name: str = "value") -> Node:
    """Text -> RDF term of the declared type; a QueryError names the parameter on bad input."""
    t = type_.lower()
    try:
        if t == "iri":
            return parse_iri(text)
        if t == "integer":
            if not _INTEGER.match(text.strip()):
                raise ValueError("expected an integer")
            return Literal(int(text), datatype=XSD.integer)
        if t == "decimal":
            if not _DECIMAL.match(text.strip()):
                raise ValueError("expected a decimal number")
            return Literal(Decimal(text.strip()), datatype=XSD.decimal)
        if t == "date":
            if text.strip().lower() == "today":
                return Literal(today().isoformat(), datatype=XSD.date)
            if not _DATE.match(text.strip()):
                raise ValueError("expected a date YYYY-MM-DD (or 'today')")
            date.fromisoformat(text.strip())
            return Literal(text.strip(), datatype=XSD.date)
        if t == "boolean":
            low = text.strip().lower()
            if low not in ("true", "false"):
                raise ValueError("expected true or false")
            return Literal(low, datatype=XSD.boolean)
        if t == "string":
            return Literal(text)
    except (ValueError, InvalidOperation, QueryError) as err:
        detail = err.detail if isinstance(err, QueryError) else str(err)
        raise QueryError(f"parameter {name}: {detail} (got {text!r})") from None
    raise QueryError(f"parameter {name}: unknown type {type_!r}; use one of {', '.join(PARAM_TYPES)}")


def infer_value(text: str, *, name: str = "value") -> Node:
    """For queries without declared parameters: the most specific reading of the text."""
    s = text.strip()
    if s.startswith("<") and s.endswith(">") or _ABSOLUTE.match(s):
        return parse_value(s, "iri", name=name)
    m = _PREFIXED.match(s)
    if m and (m.group(1) or "") in PREFIXES:
        return parse_value(s, "iri", name=name)
    if _INTEGER.match(s):
        return parse_value(s, "integer", name=name)
    if _DATE.match(s):
        return parse_value(s, "date", name=name)
    if s.lower() in ("true", "false"):
        return parse_value(s, "boolean", name=name)
    return Literal(text)

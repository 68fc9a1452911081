"""The engine-neutral binder: pre-binds query variables to RDF terms with a VALUES clause.

Every store (rdflib, Oxigraph, a remote endpoint) receives the same text, so parameters mean the
same thing on every engine. Values are never pasted into the query as text: each is an rdflib
term, written in SPARQL's own term syntax with every special character escaped, inside a
``VALUES`` block placed at the start of the query's top-level WHERE group (where filters and
joins of that group see it). The text before the block keeps its lines, so a syntax error still
points at the right line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# IRIREF of the SPARQL grammar: no controls, spaces or <>"{}|^`\ inside
_IRI_OK = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}

# tokens the scanner must step over so that braces and keywords inside them are not seen
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^\x00-\x20<>"{}|^`\\]*>)
      | (?P<var>[?$][A-Za-z0-9_]+)
      | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[^\s{}()\[\],;]*)?)
      | (?P<open>\{)
      | (?P<close>\})
      | (?P<other>\S)
    """, re.VERBOSE | re.DOTALL)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def term_to_sparql(term: Node) -> str:
    """One RDF term in SPARQL syntax, escaped so that it can only ever be that term."""
    if isinstance(term, URIRef):
        iri = str(term)
        if not _IRI_OK.match(iri):
            raise QueryError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(term, Literal):
        text = "".join(_ESCAPES.get(ch, ch) for ch in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^{term_to_sparql(URIRef(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be bound as a parameter")
    raise QueryError(f"cannot bind {term!r}: not an RDF term")


def _tokens(sparql: str):
    for m in _TOKEN.finditer(sparql):
        yield m.lastgroup, m.group(), m.start(), m.end()


def query_form(sparql: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first query-form keyword outside comments,
    strings and IRIs (after PREFIX/BASE declarations)."""
    for kind, text, _s, _e in _tokens(sparql):
        if kind == "word" and text.upper() in QUERY_FORMS:
            return text.upper()
    raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK found")


def where_group_start(sparql: str) -> int:
    """Offset just after the ``{`` that opens the query's top-level WHERE group."""
    form = None
    depth = 0
    prev_word = None
    skipped_template = False
    for kind, text, start, end in _tokens(sparql):
        if kind == "comment":
            continue
        if kind == "word":
            upper = text.upper()
            if form is None and upper in QUERY_FORMS:
                form = upper
            prev_word = upper
            continue
        if kind == "open":
            if depth == 0 and form is not None:
                is_where = prev_word == "WHERE"
                if form == "CONSTRUCT" and not is_where and not skipped_template:
                    skipped_template = True  # CONSTRUCT { template } [WHERE] { pattern }
                else:
                    return end
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        prev_word = None
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def values_clause(bindings: Mapping[str, Node]) -> str:
    """``VALUES (?a ?b) { (term term) }`` for the given bindings, in a stable order."""
    names = sorted(bindings)
    for name in names:
        if not _VARNAME.match(name):
            raise QueryError(f"not a valid SPARQL variable name: {name!r}")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(term_to_sparql(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def bind_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """The query with ``bindings`` pre-bound by a VALUES block at the start of its WHERE group."""
    if not bindings:
        return sparql
    at = where_group_start(sparql)
    return f"{sparql[:at]} {values_clause(bindings)} {sparql[at:]}"

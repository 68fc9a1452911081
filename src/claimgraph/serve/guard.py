"""What the public endpoint agrees to run: read-only queries that stay on this server.

A query is parsed (rdflib's SPARQL parser, which builds the full syntax tree) before any engine
sees it, and refused when it is an update (INSERT, DELETE, LOAD, CLEAR, ...), when it calls
``SERVICE`` (federated queries would make this server fetch from other hosts), or when it does
not parse. Deciding on the syntax tree rather than on substrings means ``"LOAD"`` inside a string
literal or an IRI is harmless, and ``SERVICE`` in any casing or spacing is found.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal as TypingLiteral

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from ..errors import QueryError

QueryForm = TypingLiteral["select", "ask", "construct", "describe"]
_FORMS: dict[str, QueryForm] = {"SelectQuery": "select", "AskQuery": "ask",
                                "ConstructQuery": "construct", "DescribeQuery": "describe"}
#: rdflib's names of update operations -> how the message names them
_UPDATES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
            "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
            "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}


class QueryRefused(QueryError):
    """A well-formed request this read-only endpoint will not run (HTTP 403)."""


def check_query(text: str) -> QueryForm:
    """The form of a query the endpoint may run; raises QueryError (syntax) or QueryRefused."""
    form, refusal, syntax = _verdict(text)
    if syntax is not None:
        raise QueryError(syntax)
    if refusal is not None:
        raise QueryRefused(refusal)
    assert form is not None
    return form


@lru_cache(maxsize=1024)
def _verdict(text: str) -> tuple[QueryForm | None, str | None, str | None]:
    """(form, refusal, syntax error): cached, because parsing costs more than most queries."""
    if not text.strip():
        return None, None, "empty query: send a SPARQL query in the 'query' parameter"
    try:
        parsed = parseQuery(text)
    except ParseBaseException as err:
        operations = _update_operations(text)
        if operations is not None:
            names = ", ".join(operations) or "an update"
            return None, (f"this endpoint is read-only: SPARQL Update ({names}) is refused; "
                          "send a SELECT, ASK, CONSTRUCT or DESCRIBE query"), None
        caret = f"\n  {err.line}\n  {' ' * max(err.col - 1, 0)}^" if err.line.strip() else ""
        return None, None, f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}{caret}"
    except Exception as err:  # rdflib raises a few plain exceptions (e.g. unknown prefix)
        return None, None, f"SPARQL syntax error: {err}"
    services = list(_services(parsed))
    if services:
        return None, (f"SERVICE is refused: this endpoint does not call other SPARQL services "
                      f"(found SERVICE {services[0]})"), None
    query = parsed[1]
    form = _FORMS.get(getattr(query, "name", ""))
    if form is None:
        return None, None, "not a SPARQL query"
    return form, None, None


def _update_operations(text: str) -> list[str] | None:
    """The operations of ``text`` if it parses as a SPARQL Update, else None."""
    try:
        update = parseUpdate(text)
    except Exception:
        return None
    names: list[str] = []
    for request in update.get("request", []) or []:
        name = _UPDATES.get(getattr(request, "name", ""), getattr(request, "name", "update"))
        if name not in names:
            names.append(name)
    return names


def _services(node) -> list[str]:
    """Every SERVICE target in a parse tree (IRIs as <...>, variables as ?name)."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                term = item.get("term")
                found.append(term.n3() if hasattr(term, "n3") else str(term))
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)
    return found

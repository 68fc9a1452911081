"""Named queries: one ``.rq`` file each, described by a machine-readable header comment.

The header is the block of ``#`` lines at the top of the file (format documented in
queries/README.md)::

    # title: Entries not re-verified in N days
    # description: Entries whose cg:dateVerified is older than the cutoff; long text
    #   continues on lines indented by two or more spaces after the '#'.
    # param: days (integer, default 365) — how old a verification may be
    # param: today (date, default today) — the date to count from
    # derive: cutoff = today - days

``param: NAME (TYPE, default VALUE) — DESCRIPTION`` binds ``?NAME``; TYPE is one of iri, integer,
decimal, date, string, boolean; VALUE is written as on the command line, ``today`` for the current
date, or ``unbound`` to leave the variable free (match anything). ``derive: NAME = DATE - DAYS``
binds ``?NAME`` to the date DAYS days before DATE, computed in Python, because engines disagree
on date arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import MissingFileError, QueryError
from .binding import _tokens
from .params import PARAM_TYPES, infer_value, parse_value

UNBOUND = "unbound"
_KEY = re.compile(r"^#\s?(title|description|param|derive)\s*:\s*(.*)$", re.IGNORECASE)
_CONT = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[A-Za-z]+)\s*"
    r"(?:,\s*default\s+(?P<default>.+?))?\s*\)\s*(?:(?:—|–|--|-|:)\s*(?P<desc>.*))?$")
_DERIVE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<date>[A-Za-z_]\w*)\s*-\s*(?P<days>[A-Za-z_]\w*)$")


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: binds ``?name`` to a term of ``type`` (default: ``default`` text,
    or unbound when ``default`` is None)."""

    name: str
    type: str
    default: str | None
    description: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "default": self.default,
                "description": self.description}


@dataclass(frozen=True)
class Derivation:
    """``name = date_param - days_param``: a date computed in Python before binding."""

    name: str
    date_param: str
    days_param: str


@dataclass
class NamedQuery:
    """A SPARQL query with its metadata, read from a ``.rq`` file (or from text)."""

    name: str
    title: str
    description: str
    parameters: list[Parameter]
    text: str
    path: Path | None = None
    derivations: list[Derivation] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
        """Parse the header of a query text; text without a header gives an undeclared query."""
        meta: dict[str, list[str]] = {"title": [], "description": []}
        params: list[Parameter] = []
        derivations: list[Derivation] = []
        last: str | None = None
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip()
            if not line.startswith("#"):
                if line.strip():
                    break
                last = None
                continue
            key = _KEY.match(line)
            if key:
                kind, value = key.group(1).lower(), key.group(2).strip()
                if kind in ("title", "description"):
                    meta[kind].append(value)
                    last = kind
                elif kind == "param":
                    params.append(_parse_param(value, path, lineno))
                    last = "param"
                else:
                    derivations.append(_parse_derive(value, path, lineno))
                    last = None
                continue
            cont = _CONT.match(line)
            if cont and last in ("title", "description"):
                meta[last].append(cont.group(1).strip())
            elif cont and last == "param":
                p = params[-1]
                params[-1] = Parameter(p.name, p.type, p.default, f"{p.description} {cont.group(1).strip()}".strip())
            else:
                last = None
        names = [p.name for p in params]
        for d in derivations:
            for ref, want in ((d.date_param, "date"), (d.days_param, "integer")):
                decl = next((p for p in params if p.name == ref), None)
                if decl is None or decl.type != want:
                    raise QueryError(f"derive {d.name}: {ref!r} must be a declared {want} parameter",
                                     path=str(path) if path else None)
        if len(set(names)) != len(names):
            raise QueryError("a parameter is declared twice", path=str(path) if path else None)
        title = " ".join(meta["title"]) or name
        return cls(name, title, " ".join(meta["description"]), params, text, path, derivations)

    @classmethod
    def from_file(cls, path: str | Path) -> NamedQuery:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise MissingFileError("no such query file", path=str(path)) from None
        return cls.from_text(text, name=path.stem, path=path)

    @property
    def declared(self) -> bool:
        """True when the query declares its parameters in a header."""
        return bool(self.parameters)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def bindings(self, values: Mapping[str, str | Node] | None = None) -> dict[str, Node]:
        """Variable -> term for a run: given values parsed by declared type, defaults for the
        rest, then derived dates. Unknown names raise QueryError naming them."""
        values = dict(values or {})
        out: dict[str, Node] = {}
        if self.declared:
            unknown = sorted(set(values) - {p.name for p in self.parameters})
            if unknown:
                raise QueryError(f"unknown parameter {', '.join(unknown)} for query {self.name!r}; "
                                 f"it takes: {', '.join(p.name for p in self.parameters)}")
            for p in self.parameters:
                raw = values.get(p.name, p.default)
                if raw is None or (isinstance(raw, str) and raw == UNBOUND):
                    continue
                out[p.name] = raw if isinstance(raw, Node) else parse_value(raw, p.type, name=p.name)
        else:
            variables = {t[1:] for kind, t, _s, _e in _tokens(self.text) if kind == "var"}
            for name, raw in values.items():
                if name not in variables:
                    raise QueryError(f"unknown parameter {name}: the query has no variable ?{name}")
                out[name] = raw if isinstance(raw, Node) else infer_value(raw, name=name)
        for d in self.derivations:
            if d.date_param in out and d.days_param in out:
                start = date.fromisoformat(str(out[d.date_param]))
                cutoff = start - timedelta(days=int(out[d.days_param]))
                out[d.name] = Literal(cutoff.isoformat(), datatype=XSD.date)
        return out

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": [p.to_dict() for p in self.parameters]}


def _parse_param(value: str, path: Path | None, lineno: int) -> Parameter:
    m = _PARAM.match(value)
    where = {"path": str(path) if path else None, "line": lineno}
    if not m:
        raise QueryError(f"cannot read parameter declaration {value!r}; write "
                         "'NAME (TYPE, default VALUE) — description'", **where)
    type_ = m.group("type").lower()
    if type_ not in PARAM_TYPES:
        raise QueryError(f"parameter {m.group('name')}: unknown type {type_!r}; use one of "
                         f"{', '.join(PARAM_TYPES)}", **where)
    default = m.group("default")
    if default is not None:
        default = default.strip()
        if default == UNBOUND:
            default = None
        else:
            parse_value(default, type_, name=m.group("name"))  # a bad default fails at load time
    return Parameter(m.group("name"), type_, default, (m.group("desc") or "").strip())


def _parse_derive(value: str, path: Path | None, lineno: int) -> Derivation:
    m = _DERIVE.match(value)
    if not m:
        raise QueryError(f"cannot read derivation {value!r}; write 'NAME = DATEPARAM - DAYSPARAM'",
                         path=str(path) if path else None, line=lineno)
    return Derivation(m.group("name"), m.group("date"), m.group("days"))


def load_queries(directory: str | Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file of a directory, by name (the file stem), sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise MissingFileError("no such query directory", path=str(directory))
    return {p.stem: NamedQuery.from_file(p) for p in sorted(directory.glob("*.rq"))}

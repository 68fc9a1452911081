"""`claimgraph fmt`: one canonical, readable Turtle layout for every file we keep in git.

Why: hand-written Turtle drifts (prefix sets, statement order, line breaks), and that noise hides
real changes in reviews. The layout is a pure function of the graph, the file's @base and its
comments, so formatting is idempotent and never changes what a file says (checked on every write:
the output must parse to an isomorphic graph, or nothing is written).

Layout:
  * the comment block at the top of the file, verbatim;
  * ``@base`` when the file had one, then ``@prefix`` lines for the prefixes used, drawn only
    from ``model.terms.PREFIXES``, in alphabetical order;
  * subjects sorted: entries first, each followed by its parts (``entry/x/...``), then the
    other subjects by IRI path (numbers compared as numbers), then blank-node subjects;
  * per subject: ``a`` first, then rdfs:label, skos:prefLabel and sh:path, then the other
    predicates sorted by their written form; objects sorted; one predicate per line; object lists
    wrapped at 100 columns; blank nodes used once are nested ``[ ... ]``, RDF lists ``( ... )``;
  * IRIs below the file's @base are written relative to it, others as prefixed names where the
    namespace is in PREFIXES, else in full;
  * a comment block directly above a statement (no blank line between) stays above its subject;
    other comments inside the file (floating section banners, comments inside statements) are
    dropped and counted in the result, so the command can say so.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox

from ..errors import InputError, MissingFileError, PublishError, RDFSyntaxError
from ..model.load import parse_quads
from ..model.terms import PREFIXES, entry_of

WIDTH = 100
INDENT = "    "
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF_NS + "type"
RDF_FIRST, RDF_REST, RDF_NIL = RDF_NS + "first", RDF_NS + "rest", RDF_NS + "nil"
#: Predicates written right after ``a``, in this order: what names the subject.
LEADING_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/ns/shacl#path",
)
_BARE = {
    XSD_NS + "integer": re.compile(r"^[+-]?[0-9]+$"),
    XSD_NS + "decimal": re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    XSD_NS + "double": re.compile(r"^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+$"),
    XSD_NS + "boolean": re.compile(r"^(?:true|false)$"),
}
_PN_LOCAL = re.compile(r"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?)?$")
_IRI_SAFE = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_DIGITS = re.compile(r"(\d+)")


# ---------------------------------------------------------------------------------------------
# Writing terms
# ---------------------------------------------------------------------------------------------

class TermWriter:
    """Writes terms in their shortest faithful form and remembers which prefixes it used."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base
        self.used: set[str] = set()
        self._namespaces = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

    def iri(self, iri: str) -> str:
        relative = self._relative(iri)
        if relative is not None:
            return f"<{relative}>"
        for prefix, ns in self._namespaces:
            if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns):]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{_escape_iri(iri)}>"

    def _relative(self, iri: str) -> str | None:
        base = self.base
        if not base or not iri.startswith(base) or not _IRI_SAFE.match(iri):
            return None
        rest = iri[len(base):]
        first_segment = re.split(r"[/?#]", rest, maxsplit=1)[0]
        if rest.startswith("/") or ":" in first_segment:
            return None
        if any(seg in (".", "..") for seg in re.split(r"[/?#]", rest)):
            return None
        if _resolve(base, rest) != iri:
            return None
        return rest

    def literal(self, lit: ox.Literal) -> str:
        value = lit.value
        if lit.language:
            return f"{_quote(value)}@{lit.language}"
        datatype = lit.datatype.value
        if datatype == XSD_NS + "string":
            return _quote(value)
        bare = _BARE.get(datatype)
        if bare is not None and bare.match(value):
            return value
        return f"{_quote(value)}^^{self.iri(datatype)}"


def _escape_iri(iri: str) -> str:
    return "".join(c if c > " " and c not in '<>"{}|^`\\' else f"\\u{ord(c):04X}" for c in iri)


def _quote(value: str) -> str:
    if "\n" in value:
        body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        return '"""' + _escape_controls(body, keep="\n") + '"""'
    body = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
            .replace("\t", "\\t"))
    return f'"{_escape_controls(body)}"'


def _escape_controls(text: str, keep: str = "") -> str:
    return "".join(c if (c >= " " and c != "\x7f") or c in keep else f"\\u{ord(c):04X}" for c in text)


def natural_key(text: str) -> tuple:
    """Sort key comparing digit runs as numbers: section/2 before section/10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in _DIGITS.split(text) if part)


def _path_key(iri: str) -> tuple:
    return tuple(natural_key(seg) for seg in re.split(r"[/#]", iri))


# ---------------------------------------------------------------------------------------------
# Writing a graph
# ---------------------------------------------------------------------------------------------

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class _GraphWriter:
    """One graph in the canonical layout (blank nodes must already carry canonical labels)."""

    def __init__(self, triples: Iterable[ox.Triple], terms: TermWriter) -> None:
        self.terms = terms
        self.props: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        refs: Counter = Counter()
        for t in triples:
            self.props[t.subject][t.predicate.value].append(t.object)
            if isinstance(t.object, ox.BlankNode):
                refs[t.object] += 1
        self.refs = refs
        self.labelled: set[ox.BlankNode] = set()
        self._plan_blank_nodes()

    # -- which blank nodes are nested, which need a label ------------------------------------
    def _plan_blank_nodes(self) -> None:
        bnodes = {s for s in self.props if isinstance(s, ox.BlankNode)} | set(self.refs)
        reached: set[ox.BlankNode] = set()

        def visit(node: Term) -> None:
            for objects in self.props.get(node, {}).values():
                for o in objects:
                    if isinstance(o, ox.BlankNode) and o not in reached and o not in self.labelled:
                        if self.refs[o] == 1:
                            reached.add(o)
                            visit(o)

        for s in sorted((s for s in self.props if not isinstance(s, ox.BlankNode)), key=lambda n: n.value):
            visit(s)
        for b in sorted(bnodes, key=lambda n: n.value):
            if self.refs[b] != 1:
                if self.refs[b] > 1:
                    self.labelled.add(b)
                visit(b)
        for b in sorted(bnodes, key=lambda n: n.value):  # cycles of nodes used once each
            if b not in reached and self.refs[b] == 1 and b not in self.labelled:
                self.labelled.add(b)
                visit(b)

    def _nested(self, node: Term) -> bool:
        return isinstance(node, ox.BlankNode) and node not in self.labelled and self.refs[node] == 1

    def _as_list(self, node: ox.BlankNode) -> list[Term] | None:
        items: list[Term] = []
        seen: set[ox.BlankNode] = set()
        while True:
            if node in seen or not self._nested(node):
                return None
            seen.add(node)
            props = self.props.get(node, {})
            if set(props) != {RDF_FIRST, RDF_REST} or any(len(v) != 1 for v in props.values()):
                return None
            items.append(props[RDF_FIRST][0])
            rest = props[RDF_REST][0]
            if isinstance(rest, ox.NamedNode) and rest.value == RDF_NIL:
                return items
            if not isinstance(rest, ox.BlankNode):
                return None
            node = rest

    # -- rendering ------------------------------------------------------------------------------
    def _predicate(self, iri: str) -> str:
        return "a" if iri == RDF_TYPE else self.terms.iri(iri)

    def _ordered_predicates(self, node: Term) -> list[str]:
        preds = list(self.props.get(node, {}))
        head = [p for p in (RDF_TYPE, *LEADING_PREDICATES) if p in preds]
        rest = sorted((p for p in preds if p not in head), key=lambda p: natural_key(self._predicate(p)))
        return head + rest

    def _object(self, o: Term, indent: str, expand: bool = False) -> list[str]:
        """Lines of one object; the first continues the predicate's line, the others are whole.
        ``expand``: write a nested blank node over several lines even if it would fit on one."""
        if isinstance(o, ox.Literal):
            return [self.terms.literal(o)]
        if isinstance(o, ox.NamedNode):
            if o.value == RDF_NIL:
                return ["()"]
            return [self.terms.iri(o.value)]
        if not self._nested(o):
            return [f"_:{o.value}"]
        items = self._as_list(o)
        if items is not None:
            return self._list(items, indent)
        if not self.props.get(o):
            return ["[]"]
        body = self._po_lines(o, indent + INDENT)
        if not expand and len(body) == len(self._ordered_predicates(o)):
            one_line = "[ " + " ; ".join(line.strip().removesuffix(" ;") for line in body) + " ]"
            if len(indent) + len(one_line) + 24 <= WIDTH:
                return [one_line]
        return ["[", *body, f"{indent}]"]

    def _list(self, items: list[Term], indent: str) -> list[str]:
        rendered = [self._object(i, indent + INDENT) for i in items]
        if all(len(r) == 1 for r in rendered):
            one_line = "( " + " ".join(r[0] for r in rendered) + " )" if rendered else "()"
            if len(indent) + len(one_line) + 24 <= WIDTH:
                return [one_line]
        lines = ["("]
        for r in rendered:
            lines.append(indent + INDENT + r[0])
            lines.extend(r[1:])
        lines.append(f"{indent})")
        return lines

    def _objects(self, objects: list[Term], indent: str, expand: bool = False) -> list[list[str]]:
        rendered = [self._object(o, indent, expand) for o in objects]
        return sorted(rendered, key=lambda r: (natural_key("\n".join(r).casefold()), natural_key("\n".join(r))))

    def _po_lines(self, node: Term, indent: str) -> list[str]:
        groups: list[list[str]] = []
        for p in self._ordered_predicates(node):
            ptext = self._predicate(p)
            objects = self.props[node][p]
            rendered = self._objects(objects, indent)
            single = [r[0] for r in rendered if len(r) == 1]
            flat = f"{indent}{ptext} " + ", ".join(single)
            if len(single) == len(rendered) and len(flat) + 2 <= WIDTH:
                groups.append([flat])
                continue
            rendered = self._objects(objects, indent, expand=True)
            lines = [f"{indent}{ptext} {rendered[0][0]}", *rendered[0][1:]]
            for r in rendered[1:]:
                if lines[-1].strip() in ("]", ")") and r[0] in ("[", "("):
                    lines[-1] += f", {r[0]}"
                    lines.extend(r[1:])
                else:
                    lines[-1] += ","
                    lines.append(f"{indent}{INDENT}{r[0]}")
                    lines.extend(r[1:])
            groups.append(lines)
        out: list[str] = []
        for i, lines in enumerate(groups):
            if i < len(groups) - 1:
                lines = [*lines[:-1], lines[-1] + " ;"]
            out.extend(lines)
        return out

    def _subject_text(self, s: Term) -> str:
        if isinstance(s, ox.BlankNode):
            return f"_:{s.value}" if s in self.labelled else "[]"
        return self.terms.iri(s.value)

    def roots(self) -> list[Term]:
        """Top-level subjects in output order."""
        iris = [s for s in self.props if isinstance(s, ox.NamedNode)]

        def iri_key(s: ox.NamedNode) -> tuple:
            entry = entry_of(s.value)
            return (0, _path_key(entry), _path_key(s.value)) if entry else (1, (), _path_key(s.value))

        anonymous = [s for s in self.props if isinstance(s, ox.BlankNode) and self.refs[s] == 0]
        labelled = sorted((s for s in self.labelled if s in self.props), key=lambda b: natural_key(b.value))
        anonymous.sort(key=lambda b: natural_key("\n".join(self._po_lines(b, INDENT))))
        return sorted(iris, key=iri_key) + anonymous + labelled

    def block(self, subject: Term) -> list[str]:
        lines = self._po_lines(subject, INDENT)
        lines[0] = f"{self._subject_text(subject)} {lines[0].strip()}"
        lines[-1] += " ."
        return lines


def write_turtle(triples: Iterable[ox.Triple], *, base: str | None = None, header: Sequence[str] = (),
                 comments: dict[str, list[str]] | None = None, declare: Iterable[str] = ()) -> str:
    """The canonical Turtle text of a graph whose blank nodes carry canonical labels (see
    ``canonical_triples``). ``header``: comment lines for the top of the file; ``comments``:
    comment lines to put above a subject, by subject IRI; ``declare``: prefixes (of PREFIXES)
    to declare even if unused (fmt itself never does: its output declares what it uses)."""
    terms = TermWriter(base)
    terms.used.update(p for p in declare if p in PREFIXES)
    writer = _GraphWriter(triples, terms)
    header = [_comment_line(c) for c in header]
    comments = {k: [_comment_line(c) for c in v] for k, v in (comments or {}).items()}
    blocks = []
    for subject in writer.roots():
        above = comments.get(subject.value, []) if isinstance(subject, ox.NamedNode) else []
        blocks.append("\n".join([*above, *writer.block(subject)]))
    directives = [f"@base <{base}> ."] if base else []
    directives += [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(terms.used)]
    head = "\n".join([*header, *directives])
    parts = [head] if head else []
    parts.extend(blocks)
    return "\n\n".join(parts) + "\n" if parts else ""


def _comment_line(line: str) -> str:
    """A comment line as it reads back: one line, no trailing whitespace."""
    return re.sub(r"[\r\n]", " ", line).rstrip()


def canonical_triples(triples: Iterable[ox.Triple | ox.Quad]) -> list[ox.Triple]:
    """The triples with blank nodes relabelled by RDFC-1.0, so equal graphs write equal text."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in dataset):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in dataset]


def same_graph(a: Iterable[ox.Triple | ox.Quad], b: Iterable[ox.Triple | ox.Quad]) -> bool:
    """Whether two sets of triples are isomorphic (equal after blank-node canonicalisation)."""
    return set(map(str, canonical_triples(a))) == set(map(str, canonical_triples(b)))


# ---------------------------------------------------------------------------------------------
# Reading a file's comments and @base
# ---------------------------------------------------------------------------------------------

@dataclass
class SourceLayout:
    """What a Turtle file says besides its triples: top comments, @base, attached comments."""

    header: list[str] = field(default_factory=list)
    base: str | None = None
    comments: dict[str, list[str]] = field(default_factory=dict)
    moved_comments: int = 0
    dropped_comments: int = 0


_DIRECTIVE = re.compile(r"^(?:@(?:prefix|base)\b|(?i:prefix|base)\s)")
_PREFIX_DECL = re.compile(r"^(?:@prefix|(?i:prefix))\s+([A-Za-z][\w.\-]*)?:\s*<([^>]*)>")
_BASE_DECL = re.compile(r"^(?:@base|(?i:base))\s+<([^>]*)>")
_PNAME = re.compile(r"^([A-Za-z][\w.\-]*)?:((?:[^\s;,()\[\]\\]|\\.)*)")


def _scan(text: str) -> Iterable[tuple[str, int, int]]:
    """Events ("statement" | "end" | "comment", line, column) of a Turtle text: where each
    top-level statement starts and ends and where each comment is; knows IRIs, strings, nesting."""
    i, n, line, col = 0, len(text), 0, 0
    depth, expecting = 0, True
    while i < n:
        c = text[i]
        if c == "\n":
            i, line, col = i + 1, line + 1, 0
            continue
        if c in " \t\r":
            i, col = i + 1, col + 1
            continue
        if c == "#":
            yield "comment", line, col
            while i < n and text[i] != "\n":
                i, col = i + 1, col + 1
            continue
        if expecting and depth == 0:
            yield "statement", line, col
            expecting = False
        start = i
        if c == "<":
            j = text.find(">", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif c in "[(":
            depth, i = depth + 1, i + 1
        elif c in "])":
            depth, i = max(0, depth - 1), i + 1
        elif c == "." and depth == 0 and (i + 1 >= n or text[i + 1] in " \t\r\n#"):
            yield "end", line, col
            expecting, i = True, i + 1
        else:
            i += 1
        for ch in text[start:i]:
            if ch == "\n":
                line, col = line + 1, 0
            else:
                col += 1


_DECORATION = re.compile(r"^[#\s\-=*_~+]*$")
_RULE = re.compile(r"[\-=*_~#]{4,}")


def read_layout(text: str) -> SourceLayout:
    """Where a file's comments go in the canonical layout:
      * the block above the first statement stays the top block;
      * comments directly above a statement (no blank line) and comments inside it stay with
        its subject (written above the subject);
      * other comments between statements: a section banner (decoration lines around a short
        title) is dropped, since sorting dissolves sections; any other note is moved to the
        end of the top block, so no prose is lost.
    """
    lines = text.split("\n")  # the scanner counts lines by '\n' only
    events = list(_scan(text))
    statements = [(ln, col) for kind, ln, col in events if kind == "statement"]
    first_code = statements[0][0] if statements else len(lines)
    comments = [(ln, col) for kind, ln, col in events if kind == "comment"]
    own_line = {ln for ln, col in comments if not lines[ln][:col].strip()}
    layout = SourceLayout(header=_header(lines[:first_code], own_line))
    owner_of_line, layout.base = _statement_owners(events, lines)
    used: set[int] = set()
    for start_line, subject in sorted({v[1]: v[0] for v in owner_of_line.values()}.items()):
        if subject is None:
            continue
        above, k = [], start_line - 1
        while k >= first_code and k in own_line:
            above.insert(0, k)
            k -= 1
        inside = [ln for ln, col in comments if owner_of_line.get(ln, (None, -1))[1] == start_line and ln >= start_line]
        taken = [k for k in above + inside if k not in used]
        used.update(taken)
        if taken:
            layout.comments.setdefault(subject, []).extend(_comment_text(lines, ln, comments) for ln in taken)
    floating = [ln for ln, _ in comments if ln >= first_code and ln not in used]
    for block in _blocks(floating):
        texts = [_comment_text(lines, ln, comments) for ln in block]
        if _is_banner(texts):
            layout.dropped_comments += len(texts)
            continue
        layout.header.extend(([""] if layout.header else []) + texts)
        layout.moved_comments += len(texts)
    return layout


def _statement_owners(events: list[tuple[str, int, int]],
                      lines: list[str]) -> tuple[dict[int, tuple[str | None, int]], str | None]:
    """For each line inside a statement (from its first to its last line): the statement's
    subject IRI (None for directives and blank-node subjects) and its first line; and the
    file's first @base."""
    owners: dict[int, tuple[str | None, int]] = {}
    prefixes: dict[str, str] = {}
    base: str | None = None
    first_base: str | None = None
    start: tuple[int, int] | None = None
    for kind, ln, col in events:
        if kind == "statement":
            start = (ln, col)
        elif kind == "end" and start is not None:
            rest = lines[start[0]][start[1]:]
            subject: str | None = None
            if _DIRECTIVE.match(rest):
                m = _BASE_DECL.match(rest)
                if m:
                    base = _resolve(base, m.group(1))
                    first_base = first_base or base
                m = _PREFIX_DECL.match(rest)
                if m:
                    prefixes[m.group(1) or ""] = _resolve(base, m.group(2))
            elif not lines[start[0]][:start[1]].strip():
                subject = _subject_iri(rest, prefixes, base)
            for k in range(start[0], ln + 1):
                owners.setdefault(k, (subject, start[0]))
            start = None
    return owners, first_base


def _comment_text(lines: list[str], line_no: int, comments: list[tuple[int, int]]) -> str:
    col = min(c for ln, c in comments if ln == line_no)
    return lines[line_no][col:].rstrip()


def _blocks(line_numbers: list[int]) -> list[list[int]]:
    blocks: list[list[int]] = []
    for ln in sorted(set(line_numbers)):
        if blocks and ln == blocks[-1][-1] + 1:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def _is_banner(texts: list[str]) -> bool:
    """A section banner: decoration ('# ----', '# ====') with at most two short titles, e.g.
    '# ----' / '# Classes' / '# ----', or '# -------- added with the issue-3 entries'."""
    decorated = any(_DECORATION.match(t) or _RULE.search(t) for t in texts)
    words = [_RULE.sub("", t.lstrip("#")).strip() for t in texts if not _DECORATION.match(t)]
    short = all(len(w.split()) <= 8 and not w.endswith((".", ":", ";")) for w in words)
    return decorated and len(words) <= 2 and short


def _header(lines: list[str], own_line: set[int]) -> list[str]:
    """The comment block above the first statement, blank-line runs collapsed to one."""
    header: list[str] = []
    for k, line in enumerate(lines):
        if k in own_line:
            header.append(line.strip())
        elif header and header[-1]:
            header.append("")
    while header and not header[-1]:
        header.pop()
    return header


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _resolve(base: str | None, iri: str) -> str:
    """An IRI reference resolved against the base (absolute IRIs, with any empty fragment,
    are kept exactly as written)."""
    if not base or _SCHEME.match(iri):
        return iri
    resolved = urljoin(base, iri)
    return resolved + "#" if iri.endswith("#") and not resolved.endswith("#") else resolved


def _subject_iri(rest: str, prefixes: dict[str, str], base: str | None) -> str | None:
    if rest.startswith("<"):
        end = rest.find(">")
        if end < 0:
            return None
        return _resolve(base, rest[1:end])
    m = _PNAME.match(rest)
    if m and (m.group(1) or "") in prefixes:
        local = re.sub(r"\\(.)", r"\1", m.group(2)).rstrip(".")
        return prefixes[m.group(1) or ""] + local
    return None


# ---------------------------------------------------------------------------------------------
# Formatting files
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormatResult:
    path: Path
    changed: bool
    moved_comments: int = 0  # comment lines moved into the top block
    dropped_comments: int = 0  # section-banner lines dropped


def format_text(text: str, quads: Sequence[ox.Quad | ox.Triple], *, path: str = "<text>") -> tuple[str, SourceLayout]:
    """The canonical text for a file's text and its parsed statements; raises PublishError if the
    result would not say exactly the same thing (a bug, never expected)."""
    if any(not isinstance(q, ox.Triple) and not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise InputError("fmt handles Turtle graphs only; this file has named graphs", path=path)
    layout = read_layout(text)
    triples = canonical_triples(quads)
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    for iri in [k for k in layout.comments if k not in subjects]:  # never lose a comment
        moved = layout.comments.pop(iri)
        if moved:
            layout.header.extend(([""] if layout.header else []) + moved)
            layout.moved_comments += len(moved)
    out = write_turtle(triples, base=layout.base, header=layout.header, comments=layout.comments)
    try:
        again = list(ox.parse(out.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    except SyntaxError as err:  # pragma: no cover - a writer bug
        raise PublishError(f"{path}: formatted text does not parse ({err}); file left as it was") from None
    if not same_graph(quads, again):  # pragma: no cover - a writer bug
        raise PublishError(f"{path}: formatting would change the graph; file left as it was")
    return out, layout


def turtle_files(paths: Iterable[str | Path]) -> list[Path]:
    """Turtle files named directly or found below named directories, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.ttl") if p.is_file()))
        elif path.is_file():
            if path.suffix.lower() != ".ttl":
                raise InputError("fmt formats Turtle (.ttl) files only", path=str(path))
            files.append(path)
        else:
            raise MissingFileError("no such file or directory", path=str(path))
    return files


def format_file(path: Path, *, check: bool = False) -> FormatResult:
    """Format one file in place (atomically), or with ``check`` only say whether it would change."""
    from .files import write_atomic

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise RDFSyntaxError(f"not UTF-8: {err.reason}", path=str(path)) from None
    quads = parse_quads(path)
    out, layout = format_text(text, quads, path=str(path))
    changed = out != text
    if changed and not check:
        write_atomic(path, out)
    if not changed:
        return FormatResult(path, False)
    return FormatResult(path, True, layout.moved_comments, layout.dropped_comments)


def format_paths(paths: Iterable[str | Path], *, check: bool = False) -> list[FormatResult]:
    """Format (or check) every Turtle file below ``paths``. All files are parsed before any is
    written, so a syntax error anywhere leaves every file untouched."""
    files = turtle_files(paths)
    for path in files:
        parse_quads(path)
    return [format_file(path, check=check) for path in files]

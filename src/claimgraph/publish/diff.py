"""`claimgraph diff`: what changed between two versions of the graph, statement by statement,
grouped by entry, with labels, as text or JSON.

A side of the diff is, in this order of precedence:
  * an existing file (any RDF format claimgraph loads);
  * an existing directory: a release (its ``claimgraph.nt``, else ``claimgraph.ttl``) or else
    every RDF file below it (a data directory);
  * ``REV:PATH``: PATH (relative to the repository root, as in ``git show``) at git revision REV;
  * ``REV``: the project's ``data/`` at git revision REV (``claimgraph diff HEAD~1 HEAD``).
Git is only read (``git archive`` into a temporary directory), never changed.

Statements about an entry's parts (``entry/x/claim``, ``entry/x/counterargument/1``, ...) are
grouped under the entry; other statements under their subject (blank nodes under the resource
that refers to them). Blank nodes are compared after canonical relabelling, so only real
changes show.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDFS, SKOS, XSD

from ..errors import InputError
from ..model.load import FORMATS_BY_SUFFIX, load_graph
from ..model.terms import PREFIXES, SCHEMA, entry_of
from .fmt import natural_key

RELEASE_DUMPS = ("claimgraph.nt", "claimgraph.ttl")
DIFF_SUFFIXES = {s for s in FORMATS_BY_SUFFIX if s != ".json"}  # .json in releases is not RDF
LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, SCHEMA.name)


# ---------------------------------------------------------------------------------------------
# Reading a side
# ---------------------------------------------------------------------------------------------

def _rdf_files(directory: Path) -> list[Path]:
    for name in RELEASE_DUMPS:
        if (directory / name).is_file():
            return [directory / name]
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in DIFF_SUFFIXES)


def _load_path(path: Path, name: str) -> Graph:
    files = _rdf_files(path) if path.is_dir() else [path]
    if not files:
        raise InputError("no RDF files here", path=name)
    return load_graph(files)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; cannot read revisions") from None


def _load_revision(spec: str, repo: Path) -> Graph:
    rev, _, path = spec.partition(":")
    path = path.strip("/") or "data"
    if not rev or _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise InputError(f"not a file, directory or git revision: {spec!r} "
                         "(use a path, REV for data/ at REV, or REV:PATH)")
    archive = _git(repo, "archive", "--format=tar", rev, "--", path)
    if archive.returncode != 0:
        raise InputError(f"{path!r} does not exist at revision {rev}: "
                         f"{archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="claimgraph-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        return _load_path(Path(tmp) / path, spec)


def _repository(root: Path) -> Path:
    found = _git(root, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InputError(f"{root} is not in a git repository; cannot read revisions")
    return Path(found.stdout.decode().strip())


def load_side(spec: str, root: Path) -> Graph:
    """The graph one side of a diff names (see the module docstring)."""
    path = Path(spec)
    if path.exists():
        return _load_path(path, spec)
    return _load_revision(spec, _repository(root))


# ---------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    sign: str  # "+" added, "-" removed
    subject: URIRef | BNode
    predicate: URIRef
    object: URIRef | BNode | Literal


@dataclass
class Group:
    """The changes of one entry (with its parts) or of one other resource."""

    resource: str
    is_entry: bool
    label: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.sign == "+"]

    @property
    def removed(self) -> list[Change]:
        return [c for c in self.changes if c.sign == "-"]


@dataclass
class GraphDiff:
    old: str
    new: str
    groups: list[Group]
    labels: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def added(self) -> int:
        return sum(len(g.added) for g in self.groups)

    @property
    def removed(self) -> int:
        return sum(len(g.removed) for g in self.groups)

    def to_json(self) -> str:
        return json.dumps({
            "old": self.old,
            "new": self.new,
            "summary": {"added": self.added, "removed": self.removed, "resources": len(self.groups),
                        "entries": sum(g.is_entry for g in self.groups)},
            "groups": [{
                "resource": g.resource, "entry": g.is_entry, "label": g.label,
                "removed": [self._change_json(c) for c in g.removed],
                "added": [self._change_json(c) for c in g.added],
            } for g in self.groups],
        }, indent=2, ensure_ascii=False) + "\n"

    def _change_json(self, c: Change) -> dict:
        return {"subject": _node_id(c.subject), "predicate": str(c.predicate), "object": self._term_json(c.object)}

    def _term_json(self, term) -> dict:
        if isinstance(term, Literal):
            out: dict = {"type": "literal", "value": str(term)}
            if term.language:
                out["language"] = term.language
            else:
                out["datatype"] = str(term.datatype or XSD.string)
            return out
        if isinstance(term, BNode):
            return {"type": "bnode", "value": _node_id(term)}
        out = {"type": "iri", "value": str(term)}
        if str(term) in self.labels:
            out["label"] = self.labels[str(term)]
        return out

    def to_text(self) -> str:
        if not self.groups:
            return f"No differences between {self.old} and {self.new}.\n"
        lines = [f"--- {self.old}", f"+++ {self.new}"]
        for g in self.groups:
            lines.append("")
            lines.append(f"{_short(g.resource)}" + (f"  {json.dumps(g.label, ensure_ascii=False)}" if g.label else ""))
            for c in g.changes:
                lines.append(f"  {c.sign} {_short(_node_id(c.subject))}  {_short(str(c.predicate))}  {self._term_text(c.object)}")
        entries = sum(g.is_entry for g in self.groups)
        lines.append("")
        lines.append(f"{self.added} statement(s) added, {self.removed} removed, in {len(self.groups)} "
                     f"resource(s) ({entries} entr{'y' if entries == 1 else 'ies'}).")
        return "\n".join(lines) + "\n"

    def _term_text(self, term) -> str:
        if isinstance(term, Literal):
            text = json.dumps(str(term), ensure_ascii=False)
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype is not None:
                return f"{text}^^{_short(str(term.datatype))}"
            return text
        if isinstance(term, BNode):
            return _node_id(term)
        label = self.labels.get(str(term))
        return _short(str(term)) + (f" ({json.dumps(label, ensure_ascii=False)})" if label else "")


def _node_id(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _short(iri: str) -> str:
    best = max(((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda x: len(x[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else (iri if iri.startswith("_:") else f"<{iri}>")


def _label(graphs: tuple[Graph, ...], node) -> str | None:
    for g in graphs:
        for predicate in LABEL_PREDICATES:
            values = sorted(g.objects(node, predicate), key=lambda o: (getattr(o, "language", None) not in ("en", None), str(o)))
            if values:
                return str(values[0])
    return None


def _owner(graph: Graph, node) -> str:
    """The resource a statement belongs to: the entry of an entry part, else the subject; a
    blank node belongs to the nearest IRI that refers to it."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(iter(sorted(graph.subjects(None, node), key=str)), None)
        if parent is None:
            return _node_id(node)
        node = parent
    return entry_of(str(node)) or str(node) if isinstance(node, URIRef) else _node_id(node)


def diff_graphs(old: Graph, new: Graph, *, old_name: str = "old", new_name: str = "new") -> GraphDiff:
    """The statements only in ``old`` (removed) and only in ``new`` (added), grouped."""
    a, b = _canonical(old), _canonical(new)
    removed, added = set(a) - set(b), set(b) - set(a)
    groups: dict[str, Group] = {}
    for sign, triples, graph in (("-", removed, a), ("+", added, b)):
        for s, p, o in triples:
            key = _owner(graph, s)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(key, entry_of(key) == key)
            group.changes.append(Change(sign, s, p, o))
    labels: dict[str, str] = {}
    for group in groups.values():
        group.label = _label((b, a), URIRef(group.resource)) if not group.resource.startswith("_:") else None
        group.changes.sort(key=lambda c: (natural_key(_node_id(c.subject)), str(c.predicate), c.sign != "-",
                                          natural_key(c.object.n3())))
        for c in group.changes:
            if isinstance(c.object, URIRef):
                label = _label((b, a), c.object)
                if label is not None:
                    labels[str(c.object)] = label
    ordered = sorted(groups.values(), key=lambda g: (not g.is_entry, natural_key(g.resource)))
    return GraphDiff(old_name, new_name, ordered, labels)


def _canonical(graph: Graph) -> Graph:
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def diff(old: str, new: str, root: Path) -> GraphDiff:
    """Compare two sides named as on the command line (see the module docstring)."""
    return diff_graphs(load_side(old, root), load_side(new, root), old_name=old, new_name=new)

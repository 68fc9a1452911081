"""What each shape reads: the static analysis that makes partitioned and incremental validation
provably equal to one pyshacl run over the whole graph.

A top-level shape (one with targets) is **local** when everything its validation of a focus node
reads lies in the node's *forward closure*: the statements whose subject is reachable from the
node by following statements forwards (subject to object). Then the shape's results for a focus
node are a function of that closure (and of whether the node is targeted), so any subgraph that
holds the closure gives the same results for the node. The analysis is conservative: a shape is
local only if every construct in it is known to read forwards:

- paths made of predicates, sequences, alternatives and repetitions (no ``sh:inversePath``);
- constraint parameters that look at value nodes only (datatype, counts, patterns, ``sh:in``...),
  ``sh:class`` (the value's types and their superclasses, all forwards), property comparisons
  (``sh:equals``, ``sh:lessThan``...) and nested shapes (``sh:node``, ``sh:and``, ``sh:or``...);
- SPARQL constraints whose every triple pattern is anchored at ``$this``: its subject is ``$this`` or
  a variable bound, in the same scope, by an anchored pattern's object (OPTIONAL, UNION and
  (NOT) EXISTS are scoped as SPARQL evaluates them; MINUS, sub-queries, GRAPH, SERVICE and BIND-ed
  subjects count as not anchored);
- targets ``sh:targetClass`` (and implicit class targets), ``sh:targetSubjectsOf``, ``sh:targetNode``,
  and ``sh:targetObjectsOf`` (whether a node is the object of a predicate is not in its closure, so
  the partitioning keeps those statements with their object: see ``units``).

Any other shape is **global** (here: UniqueSourceIdentifiers, EscalationIsSourced). A global shape
is validated over a projection of the whole graph: the statements whose predicate it reads (SPARQL
reads only statements matching its patterns, which name their predicates; a variable predicate
or ``sh:closed`` means all of them). A predicate read only by a target keeps just what the target
needs: one statement per object (``sh:targetObjectsOf``) or per subject (``sh:targetSubjectsOf``).

Shapes with SHACL rules, SPARQL-based targets, custom constraint components or blank-node top-level
shapes are beyond the analysis: the whole graph is then validated in one run (``partitionable``
is False).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import translateGroupGraphPattern
from rdflib.plugins.sparql.parserutils import CompValue

FULL, OBJECTS, SUBJECTS = "full", "objects", "subjects"
ALL = "*"  # in a projection: every predicate

_TARGETS = {SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target}
_VALUE_ONLY = {
    SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minLength, SH.maxLength, SH.pattern,
    SH.flags, SH.languageIn, SH.uniqueLang, SH["in"], SH.hasValue, SH.minInclusive, SH.maxInclusive,
    SH.minExclusive, SH.maxExclusive, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.ignoredProperties,
    SH.deactivated, SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group,
    SH.defaultValue, SH.closed,
}
_NESTED = {SH.node, SH["not"], SH.qualifiedValueShape, SH.property}
_LISTS = {SH["and"], SH["or"], SH.xone}
_COMPARISONS = {SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals}
_CLASS_PREDICATES = (str(RDF.type), str(RDFS.subClassOf))
_PASS_THROUGH = {"SelectQuery", "Project", "Distinct", "Reduced", "Slice", "OrderBy", "ToMultiSet",
                 "Group", "AggregateJoin"}
_THIS = Variable("this")


class _NotLocal(Exception):
    """A construct reads outside the focus node's forward closure."""


@dataclass
class _Reads:
    local: bool = True
    known: bool = True
    predicates: dict[str, str] = field(default_factory=dict)

    def read(self, predicate: str, mode: str = FULL) -> None:
        old = self.predicates.get(predicate)
        self.predicates[predicate] = mode if old in (None, mode) else FULL


@dataclass(frozen=True)
class GlobalShape:
    """A shape validated over a projection of the whole graph: predicate -> how much of it."""

    iri: str
    projection: dict[str, str]

    @property
    def reads_everything(self) -> bool:
        return ALL in self.projection


@dataclass(frozen=True)
class Scope:
    partitionable: bool
    local_shapes: tuple[str, ...] = ()
    global_shapes: tuple[GlobalShape, ...] = ()
    target_objects: tuple[str, ...] = ()  # predicates whose objects local shapes target
    target_nodes: tuple[str, ...] = ()    # nodes local shapes target by name (sh:targetNode)
    reason: str = ""

    def to_json(self) -> str:
        return json.dumps({"partitionable": self.partitionable, "local": list(self.local_shapes),
                           "global": [[g.iri, g.projection] for g in self.global_shapes],
                           "target_objects": list(self.target_objects), "target_nodes": list(self.target_nodes),
                           "reason": self.reason})

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()


def analyse_shapes(shapes: Graph) -> Scope:
    """Classify the top-level shapes as local or global (see the module docstring)."""
    if next(shapes.triples((None, SH.rule, None)), None) is not None:
        return Scope(False, reason="the shapes hold SHACL rules, which write to the data graph")
    if next(shapes.triples((None, SH.target, None)), None) is not None:
        return Scope(False, reason="the shapes use SPARQL-based or custom targets")
    if next(shapes.triples((None, SH.parameter, None)), None) is not None:
        return Scope(False, reason="the shapes declare custom constraint components")
    local: list[str] = []
    global_: list[GlobalShape] = []
    target_objects: set[str] = set()
    target_nodes: set[str] = set()
    for shape in top_level_shapes(shapes):
        if not isinstance(shape, URIRef):
            return Scope(False, reason=f"a top-level shape is a blank node ({shape.n3()})")
        reads = _Reads()
        _walk_shape(shapes, shape, reads, set())
        targets = _target_reads(shapes, shape, reads)
        if not reads.known:
            return Scope(False, reason=f"{shape} uses a construct the analysis does not know")
        if reads.local:
            local.append(str(shape))
            target_objects.update(targets)
            target_nodes.update(str(n) for n in shapes.objects(shape, SH.targetNode) if not isinstance(n, Literal))
        else:
            global_.append(GlobalShape(str(shape), dict(sorted(reads.predicates.items()))))
    return Scope(True, tuple(sorted(local)), tuple(sorted(global_, key=lambda g: g.iri)),
                 tuple(sorted(target_objects)), tuple(sorted(target_nodes)))


def top_level_shapes(shapes: Graph) -> list:
    """The shapes that select focus nodes themselves: with a target, or implicitly (a shape that
    is also a class targets its instances)."""
    found = {s for p in _TARGETS for s in shapes.subjects(p, None)}
    for kind in (SH.NodeShape, SH.PropertyShape):
        for s in shapes.subjects(RDF.type, kind):
            if (s, RDF.type, RDFS.Class) in shapes or (s, RDF.type, OWL.Class) in shapes:
                found.add(s)
    return sorted(found, key=str)


def untarget(shapes: Graph, shape) -> None:
    """Make a shape select no focus nodes (it can still be used through ``sh:node``)."""
    for p in _TARGETS:
        shapes.remove((shape, p, None))
    for cls in (RDFS.Class, OWL.Class):
        shapes.remove((shape, RDF.type, cls))


def _target_reads(shapes: Graph, shape, reads: _Reads) -> set[str]:
    """Record what the targets read; return the predicates targeted by sh:targetObjectsOf."""
    objects_of: set[str] = set()
    implicit = (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes
    if implicit or next(shapes.objects(shape, SH.targetClass), None) is not None:
        for p in _CLASS_PREDICATES:
            reads.read(p)
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        reads.read(str(p), SUBJECTS)
    for p in shapes.objects(shape, SH.targetObjectsOf):
        reads.read(str(p), OBJECTS)
        objects_of.add(str(p))
    return objects_of


def _walk_shape(shapes: Graph, node, reads: _Reads, seen: set) -> None:
    if node in seen:
        return
    seen.add(node)
    for p, o in shapes.predicate_objects(node):
        if p == SH.path:
            _walk_path(shapes, o, reads, forward=True)
        elif p == SH["class"]:
            for cp in _CLASS_PREDICATES:
                reads.read(cp)
        elif p in _COMPARISONS:
            reads.read(str(o))
        elif p in _NESTED:
            _walk_shape(shapes, o, reads, seen)
        elif p in _LISTS:
            for item in Collection(shapes, o):
                _walk_shape(shapes, item, reads, seen)
        elif p == SH.sparql:
            _walk_sparql(shapes, o, reads)
        elif p == SH.closed and o == Literal(True):
            reads.read(ALL)
        elif p == SH.qualifiedValueShapesDisjoint:
            reads.known = False
        elif p in _VALUE_ONLY or p in _TARGETS:
            continue
        elif str(p).startswith(str(SH)):
            reads.known = False


def _walk_path(shapes: Graph, path, reads: _Reads, forward: bool) -> None:
    if isinstance(path, URIRef):
        reads.read(str(path))
        if not forward:
            reads.local = False
        return
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        _walk_path(shapes, inverse, reads, not forward)
        return
    for key in (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = shapes.value(path, key)
        if inner is not None:
            _walk_path(shapes, inner, reads, forward)
            return
    alternatives = shapes.value(path, SH.alternativePath)
    items = Collection(shapes, alternatives if alternatives is not None else path)
    if len(items) == 0:
        reads.known = False
    for item in items:
        _walk_path(shapes, item, reads, forward)


# --- SPARQL constraints -------------------------------------------------------------------------

def _prefix_declarations(shapes: Graph, constraint) -> str:
    lines, seen = [], set()
    todo = list(shapes.objects(constraint, SH.prefixes))
    while todo:
        holder = todo.pop()
        if holder in seen:
            continue
        seen.add(holder)
        todo.extend(shapes.objects(holder, OWL.imports))
        for decl in shapes.objects(holder, SH.declare):
            prefix, ns = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(sorted(set(lines)))


def _walk_sparql(shapes: Graph, constraint, reads: _Reads) -> None:
    select = shapes.value(constraint, SH.select)
    if select is None or "$PATH" in str(select):
        reads.known = False
        return
    try:
        algebra = prepareQuery(_prefix_declarations(shapes, constraint) + "\n" + str(select)).algebra
    except Exception:  # noqa: BLE001 - an unparsable query is simply not analysable
        reads.known = False
        return
    for predicate in _sparql_predicates(algebra):
        reads.read(predicate)
    try:
        _anchored(algebra, frozenset({_THIS}))
    except _NotLocal:
        reads.local = False


def _sparql_predicates(node) -> set[str]:
    """Every predicate a query's triple patterns can match (ALL for a variable or negated one)."""
    found: set[str] = set()

    def visit(value) -> None:
        if isinstance(value, CompValue):
            if value.name == "BGP":
                for _s, p, _o in value.triples:
                    found.update(_path_predicates(p))
            if value.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                visit(_exists_graph(value))
                return
            for key in value:
                if key != "_vars":
                    visit(value.get(key))
        elif isinstance(value, (list, tuple)):
            for child in value:
                visit(child)

    visit(node)
    return found


def _path_predicates(p) -> set[str]:
    if isinstance(p, URIRef):
        return {str(p)}
    if isinstance(p, (Variable, NegatedPath)):
        return {ALL}
    if isinstance(p, InvPath):
        return _path_predicates(p.arg)
    if isinstance(p, MulPath):
        return _path_predicates(p.path)
    if isinstance(p, (SequencePath, AlternativePath)):
        return set().union(*(_path_predicates(a) for a in p.args))
    return {ALL}


def _exists_graph(expr: CompValue) -> CompValue:
    """The pattern of an EXISTS expression, as algebra (rdflib may keep the parse tree)."""
    graph = expr.graph
    return translateGroupGraphPattern(graph) if graph.name == "GroupGraphPatternSub" else graph


def _forward_path(p) -> bool:
    if isinstance(p, (URIRef, Variable)):
        return True
    if isinstance(p, (SequencePath, AlternativePath, NegatedPath)):
        return all(_forward_path(a) for a in p.args)
    if isinstance(p, MulPath):
        return _forward_path(p.path)
    return False  # InvPath and anything unknown


def _anchored(node: CompValue, anchored: frozenset) -> frozenset:
    """The variables bound to nodes of the focus node's closure after ``node``; raises _NotLocal
    if a triple pattern in it can match outside the closure."""
    name = node.name
    if name in _PASS_THROUGH:
        return _anchored(node.p, anchored)
    if name == "BGP":
        return _bgp(node.triples, anchored)
    if name == "Join":
        for first, second in ((node.p1, node.p2), (node.p2, node.p1)):
            try:
                return _anchored(second, _anchored(first, anchored))
            except _NotLocal:
                continue
        raise _NotLocal
    if name == "LeftJoin":
        left = _anchored(node.p1, anchored)
        right = _anchored(node.p2, left)
        _expression(node.get("expr"), right)
        return left
    if name == "Union":
        return _anchored(node.p1, anchored) & _anchored(node.p2, anchored)
    if name in ("Filter", "Extend"):
        inner = _anchored(node.p, anchored)
        _expression(node.expr, inner)
        return inner
    raise _NotLocal  # Minus, Graph, Service, sub-queries, VALUES...


def _bgp(triples, anchored: frozenset) -> frozenset:
    bound, pending = set(anchored), list(triples)
    progress = True
    while pending and progress:
        progress = False
        for triple in list(pending):
            s, p, o = triple
            if isinstance(s, Variable) and s in bound:
                if not _forward_path(p):
                    raise _NotLocal
                if isinstance(o, Variable):
                    bound.add(o)
                pending.remove(triple)
                progress = True
    if pending:
        raise _NotLocal
    return frozenset(bound)


def _expression(expr, anchored: frozenset) -> None:
    if isinstance(expr, CompValue):
        if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            _anchored(_exists_graph(expr), anchored)
            return
        for key in expr:
            if key != "_vars":
                _expression(expr.get(key), anchored)
    elif isinstance(expr, (list, tuple)):
        for child in expr:
            _expression(child, anchored)


__all__ = ["ALL", "FULL", "GlobalShape", "OBJECTS", "SUBJECTS", "Scope", "analyse_shapes"]

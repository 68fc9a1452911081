"""Result-neutral speed-ups for pyshacl, active only inside :func:`faster_pyshacl`.

**Prepared SPARQL constraints.** pyshacl evaluates a SHACL-SPARQL constraint by calling
``graph.query(text, initBindings={"this": focus})`` for every focus node, with the same text
every time; rdflib parses and translates the text on every call (20-60 ms with pyparsing), which
dominates validation time: a constraint on cg:Entry costs one parse per entry. Here rdflib's SPARQL
processor memoises the translated query, keyed by everything translation depends on (the text,
the base IRI and the initial namespaces), and evaluates the prepared query with the caller's
bindings, which is how rdflib's own prepared queries work: results are identical.

**Constraint parameter lookup.** For every shape and focus-node batch, pyshacl finds the shape's
constraint parameters with ``predicate in <list of ~40 IRIs>``, a linear scan of Python-level
``__eq__`` calls (~15% of validation time). The list it reads (``pyshacl.shape.CONSTRAINT_PARAMS``,
which pyshacl itself caches there) is replaced by the same list whose ``in`` also consults a set:
the same IRIs, the same order, the same answers. If a pyshacl version stops reading that attribute,
the speed-up silently no longer applies; results cannot change.

**Property shapes in one call.** For a node shape's ``sh:property``, pyshacl validates the property
shape once per focus node, rebuilding its constraint components every time (about half of the
core constraints' cost). Here the property shape is validated once with all those focus nodes,
which pyshacl's shape validation accepts and evaluates node by node, with the same results; a
value node met a second time (the same node under two focus nodes) is validated again on its
own, so repeated results repeat as before.

**sh:or over many value nodes at once.** pyshacl checks each value node against each shape of
an ``sh:or`` list one call at a time. Here each shape is checked on all the value nodes not yet
known to conform in one call; when that call does not conform, the nodes are halved and checked
again, down to single nodes, which are then checked exactly as pyshacl does. A set of nodes
conforms to a shape exactly when each of them does (constraints are evaluated node by node), so
every value node ends up with pyshacl's verdict; the reports of these calls are discarded, as
pyshacl discards them.

**SPARQL constraints once per graph.** A constraint whose query is a plain selection over a
pattern that binds ``$this`` (see ``_bulk_safe``: ``$this`` projected and bound by a triple
pattern of the required part of the query, on both sides of a UNION; grouped by when the query
aggregates; no sub-queries, MINUS, VALUES or GRAPH) is run once per data graph with ``$this`` free, and
each focus node gets the solutions whose ``$this`` is that node: for such queries, the solutions
of the query with ``$this`` pre-bound to a node are exactly those, since every solution binds
``$this`` through the pattern and nothing else in the query depends on which node it is.
pyshacl's own code turns the solutions into results; a focus node without solutions gets no
results at once, as pyshacl's code gives it for an empty answer. Other queries run per focus node
as before. A test compares the two ways on every SPARQL constraint of the shapes.

**Query text prepared once per constraint.** For every focus node, pyshacl re-derives a SPARQL
constraint's query text (four regular expressions, and the prefix declarations written out
again); the text and every binding except ``$this`` depend only on the constraint, so they are
derived for the first focus node and reused, with ``$this`` bound to each node as pyshacl binds
it. Constraints that also bind ``$value`` (SPARQL-based constraint components) are left alone.

**No results where they are thrown away.** While the sh:or alternatives are checked (above),
every result pyshacl makes is discarded; only their conformance counts. pyshacl still builds each
one in full: messages with every node written out, which took about a fifth of validation time
on generated data. Inside those checks a result is reduced to what pyshacl still reads from it,
its sh:resultSeverity (a shape whose severity is not allowed conforms or not by the severities of
its results), and as many results are made as before, so a count of them is unchanged too.

**No text report** (:func:`without_text_report`, a separate block, for callers that discard
pyshacl's text report as ``run_shacl`` does). pyshacl writes a paragraph of text for every result
it makes, including the results of nested checks (each ``sh:or`` alternative a value does not
match) that it then throws away: about 15% of validation time. In the block that text is empty;
the results graph and the conformance verdicts are built from the result triples, which are
unchanged.

**Query checks.** Before each of those per-focus-node queries pyshacl checks the query text with
four regular expressions (no MINUS, VALUES, SERVICE, nested SELECT rules); the verdict depends only
on the text and on which variables may be pre-bound, so a passed check is remembered.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pyshacl.shape as _pyshacl_shape
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.constraints.core.logical_constraints import OrConstraintComponent
from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib.namespace import SH
from rdflib.plugins.sparql import processor as _processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import BNode, Variable

_depth = 0
_original = _processor.SPARQLProcessor.query
_original_check = SPARQLQueryHelper.check_invalid_sparql
_original_prebind = SPARQLQueryHelper.pre_bind_variables
_original_prefixes = SPARQLQueryHelper.apply_prefixes
_original_property = PropertyConstraintComponent._evaluate_property_shape
_original_sparql = SPARQLBasedConstraint._validate_sparql_query
_original_or = OrConstraintComponent._evaluate_or_constraint
_original_result = ConstraintComponent.make_v_result
_discarding = threading.local()  # .depth > 0 while this thread checks sh:or alternatives
_THIS = Variable("this")
_MISSING = object()


class _IndexedList(list):
    """A list whose membership test is a set lookup (copies and appends stay indexed)."""

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._index = set(self)

    def __contains__(self, item) -> bool:
        return item in self._index

    def copy(self) -> _IndexedList:
        return _IndexedList(self)

    def append(self, item) -> None:
        super().append(item)
        self._index.add(item)


def _memoised_query(cache: dict):
    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            prepared = cache.get(key)
            if prepared is None:
                prepared = cache[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = prepared
        return evalQuery(self.graph, strOrQuery, initBindings, base)
    return query


def _remembered_check(passed: set):
    def check_invalid_sparql(self, sparql_text, valuenode=None, extravars=None):
        key = (sparql_text, valuenode is not None, tuple(sorted(extravars or ())))
        if key not in passed:
            _original_check(self, sparql_text, valuenode=valuenode, extravars=extravars)
            passed.add(key)
        return True
    return check_invalid_sparql


def _prebound(memo: dict):
    def pre_bind_variables(self, thisnode, valuenode=None, extravars=None):
        if valuenode or extravars is not None:
            return _original_prebind(self, thisnode, valuenode=valuenode, extravars=extravars)
        found = memo.get(self)
        if found is None:
            binds, text = _original_prebind(self, thisnode)
            found = memo[self] = ("this" in binds, {k: v for k, v in binds.items() if k != "this"}, text)
        has_this, others, text = found
        return ({"this": thisnode, **others} if has_this else dict(others)), text
    return pre_bind_variables


def _prefixed(memo: dict):
    def apply_prefixes(self, sparql):
        key = (self, sparql)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _original_prefixes(self, sparql)
        return found
    return apply_prefixes


def _batched_property_shape(self, executor, prop_shape, target_graph, focus_value_nodes, potentially_recursive,
                            _evaluation_path):
    found = self.shape.get_other_shape(prop_shape)
    if not found or not found.is_property_shape or (potentially_recursive and found in potentially_recursive):
        # pyshacl's own handling: its warnings and errors
        return _original_property(self, executor, prop_shape, target_graph, focus_value_nodes,
                                  potentially_recursive, _evaluation_path)
    first, again, seen = [], [], set()
    for value_nodes in focus_value_nodes.values():
        for v in value_nodes:
            (again if v in seen else first).append(v)
            seen.add(v)
    non_conformant, reports = False, []
    for focus in ([first] if first else []) + again:
        conforms, found_reports = found.validate(executor, target_graph, focus=focus,
                                                 _evaluation_path=_evaluation_path[:])
        non_conformant = non_conformant or not conforms
        reports.extend(found_reports)
    return non_conformant, reports


def _or_shapes(component, or_c) -> list | None:
    """The shapes of an sh:or list, as pyshacl finds them; None where pyshacl would raise."""
    sg = component.shape.sg
    items = set(sg.graph.items(or_c))
    shapes = []
    for item in items:
        if sg.is_filtered_out_shape(item):
            continue
        shape = component.shape.get_other_shape(item)
        if not shape:
            return None
        shapes.append(shape)
    return shapes if items else None


def _conforming(shape, executor, target_graph, nodes: list, path: list) -> set:
    """The nodes that conform to ``shape``, found by halving the nodes that do not."""
    if not nodes:
        return set()
    depth = getattr(_discarding, "depth", 0)
    _discarding.depth = depth + 1  # the reports are thrown away
    try:
        conforms, _reports = shape.validate(executor, target_graph, focus=nodes[0] if len(nodes) == 1 else nodes,
                                            _evaluation_path=path[:])
    finally:
        _discarding.depth = depth
    if conforms:
        return set(nodes)
    if len(nodes) == 1:
        return set()
    middle = len(nodes) // 2
    return (_conforming(shape, executor, target_graph, nodes[:middle], path)
            | _conforming(shape, executor, target_graph, nodes[middle:], path))


def _result_or_severity(self, datagraph, focus_node, *args, **kwargs):
    """A result, or, while its results are discarded, only the part pyshacl still reads: a shape
    whose severity is not allowed conforms or not by the sh:resultSeverity of its results."""
    if not getattr(_discarding, "depth", 0):
        return _original_result(self, datagraph, focus_node, *args, **kwargs)
    node = BNode()
    return "", node, [(node, SH.resultSeverity, self.shape.severity)]


def _batched_or_constraint(self, executor, or_c, target_graph, focus_value_nodes, _evaluation_path):
    shapes = _or_shapes(self, or_c)
    if not shapes:  # pyshacl's own errors, or nothing to check
        return _original_or(self, executor, or_c, target_graph, focus_value_nodes, _evaluation_path)
    values = list(dict.fromkeys(v for value_nodes in focus_value_nodes.values() for v in value_nodes))
    passed: set = set()
    for shape in shapes:
        passed |= _conforming(shape, executor, target_graph, [v for v in values if v not in passed],
                              _evaluation_path)
    reports = [self.make_v_result(target_graph, f, value_node=v)
               for f, value_nodes in focus_value_nodes.items() for v in value_nodes if v not in passed]
    return bool(reports), reports


def _binds_this(node) -> bool:
    """Whether every solution of the pattern binds ``$this`` through one of its triple patterns
    (OPTIONAL's right side and expressions do not count; both sides of a UNION must)."""
    name = getattr(node, "name", None)
    if name == "BGP":
        return any(_THIS in triple for triple in node.triples)
    if name == "Join":
        return _binds_this(node.p1) or _binds_this(node.p2)
    if name == "Union":
        return _binds_this(node.p1) and _binds_this(node.p2)
    if name == "LeftJoin":
        return _binds_this(node.p1)
    if name in ("Filter", "Extend", "Project", "Distinct", "Reduced", "Group", "AggregateJoin", "OrderBy"):
        return _binds_this(node.p)
    return False


#: algebra (and, inside EXISTS, parse-tree) nodes of plain selections
_SAFE_NODES = {"SelectQuery", "Project", "Distinct", "Reduced", "Filter", "Join", "LeftJoin", "Union", "BGP",
               "Extend", "Group", "AggregateJoin", "OrderBy", "TrueFilter", "GroupGraphPatternSub",
               "TriplesBlock", "GroupOrUnionGraphPattern", "OptionalGraphPattern"}
_EXPRESSIONS = ("Builtin_", "Aggregate_", "RelationalExpression", "ConditionalAndExpression",
                "ConditionalOrExpression", "UnaryNot", "AdditiveExpression", "MultiplicativeExpression",
                "UnaryMinus", "UnaryPlus", "Function")


def _bulk_safe(algebra) -> bool:
    """Whether the solutions of the query with ``$this`` pre-bound to a node are its solutions
    with ``$this`` free whose ``$this`` is that node (see the module docstring)."""
    if algebra.name != "SelectQuery" or _THIS not in (algebra.get("PV") or ()):
        return False

    def nodes(node):
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from nodes(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                yield from nodes(value)

    found = list(nodes(algebra.p))
    # rdflib projects a grouping variable as SAMPLE(?var) bound back to ?var
    samples = {n.res: n.vars for n in found if n.name == "Aggregate_Sample"}
    for node in found:
        name = node.name
        if name.startswith(_EXPRESSIONS):
            continue
        if name not in _SAFE_NODES:
            return False  # sub-queries, MINUS, VALUES, GRAPH, SERVICE, anything unknown
        if name == "Group" and (node.expr is None or _THIS not in node.expr):
            return False  # aggregates across focus nodes
        if name == "Extend" and node.var == _THIS and samples.get(node.expr) != _THIS:
            return False  # BIND (... AS $this)
    return _binds_this(algebra.p)


class _Solutions:
    """The part of a query's results that pyshacl reads: ``bindings`` and the rows."""

    def __init__(self, rows: list) -> None:
        self.rows = rows
        self.bindings = rows

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self):
        return iter(self.rows)


class _Answering:
    def __init__(self, solutions: _Solutions) -> None:
        self.solutions = solutions

    def query(self, *_args, **_kwargs) -> _Solutions:
        return self.solutions


_verdicts: dict[str, bool] = {}  # query text -> _bulk_safe (it depends on the text only)


def _bulk_sparql(tables: dict):
    def validate_sparql_query(self, query, init_binds, target_graph):
        this = init_binds.get("this")
        verdict = _verdicts.get(query)
        if verdict is None:
            verdict = _verdicts[query] = _bulk_safe(translateQuery(parseQuery(query)).algebra)
        if this is None or not verdict:
            return _original_sparql(self, query, init_binds, target_graph)
        others = tuple(sorted((k, v) for k, v in init_binds.items() if k != "this"))
        key = (id(target_graph), query, others)
        entry = tables.get(key)
        if entry is None:
            rows: dict = {}
            for row in target_graph.query(query, initBindings=dict(others)):
                rows.setdefault(row.this, []).append(row)
            entry = tables[key] = (target_graph, rows)  # the graph is kept: its id stays unique
        found = entry[1].get(this)
        if found is None:
            return []  # what pyshacl returns for no solutions
        return _original_sparql(self, query, init_binds, _Answering(_Solutions(found)))
    return validate_sparql_query


@contextmanager
def faster_pyshacl() -> Iterator[None]:
    """Apply the speed-ups for the duration of the block (re-entrant)."""
    global _depth
    saved_params = getattr(_pyshacl_shape, "CONSTRAINT_PARAMS", _MISSING)
    if _depth == 0:
        _processor.SPARQLProcessor.query = _memoised_query({})
        SPARQLQueryHelper.check_invalid_sparql = _remembered_check(set())
        SPARQLQueryHelper.pre_bind_variables = _prebound({})
        SPARQLQueryHelper.apply_prefixes = _prefixed({})
        PropertyConstraintComponent._evaluate_property_shape = _batched_property_shape
        SPARQLBasedConstraint._validate_sparql_query = _bulk_sparql({})
        OrConstraintComponent._evaluate_or_constraint = _batched_or_constraint
        ConstraintComponent.make_v_result = _result_or_severity
        _pyshacl_shape.CONSTRAINT_PARAMS = (_IndexedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            _processor.SPARQLProcessor.query = _original
            SPARQLQueryHelper.check_invalid_sparql = _original_check
            SPARQLQueryHelper.pre_bind_variables = _original_prebind
            SPARQLQueryHelper.apply_prefixes = _original_prefixes
            PropertyConstraintComponent._evaluate_property_shape = _original_property
            SPARQLBasedConstraint._validate_sparql_query = _original_sparql
            OrConstraintComponent._evaluate_or_constraint = _original_or
            ConstraintComponent.make_v_result = _original_result
            if saved_params is _MISSING:
                del _pyshacl_shape.CONSTRAINT_PARAMS
            else:
                _pyshacl_shape.CONSTRAINT_PARAMS = saved_params


def _no_description(self, *args, **kwargs) -> str:
    return ""


@contextmanager
def without_text_report() -> Iterator[None]:
    """pyshacl builds no text for its results inside the block: its text report lists none."""
    saved = ConstraintComponent.make_v_result_description
    ConstraintComponent.make_v_result_description = _no_description
    try:
        yield
    finally:
        ConstraintComponent.make_v_result_description = saved

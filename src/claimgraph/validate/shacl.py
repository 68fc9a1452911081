"""SHACL validation with pyshacl, on a plain rdflib graph (the representation pyshacl is fast
and correct on), turned into typed findings.

pyshacl is called with result-neutral speed-ups (see speedups), and in place when the
shapes hold no SHACL rules (rules are the only thing that would write to the data graph; without
them pyshacl's defensive copy of the data graph only costs time and memory). The caller's shapes
graph is never handed to pyshacl, which adds statements to the shapes graph it is given."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyshacl
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..model.terms import entry_of
from .report import Finding, Severity
from .speedups import faster_pyshacl, without_text_report

METHODOLOGY_BASE = "https://w3id.org/claimgraph/methodology#"
METHODOLOGY_DOC = "docs/methodology.md#"


def shapes_digest(shapes: Graph) -> str:
    """A content hash of the shapes, independent of parse order and of blank-node labels: a
    blank node (a property shape, a list, an ``sh:or``...) stands for the hash of what it says,
    so a change anywhere in a shape changes the digest."""
    memo: dict[BNode, str] = {}

    def term(t) -> str:
        if not isinstance(t, BNode):
            return t.n3()
        found = memo.get(t)
        if found is None:
            memo[t] = "_:cycle"  # a blank-node cycle: cut it here
            described = sorted(f"{p.n3()} {term(o)}" for p, o in shapes.predicate_objects(t))
            found = memo[t] = "_:" + hashlib.sha256("\n".join(described).encode()).hexdigest()
        return found

    lines = sorted(f"{term(s)} {p.n3()} {term(o)}" for s, p, o in shapes)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _rule_of(shapes: Graph, shape) -> tuple[str | None, str | None]:
    """The named shape a result comes from (walking up from property shapes and SPARQL
    constraints) and the methodology section it enforces, if any."""
    node = shape
    for _ in range(4):
        if isinstance(node, URIRef):
            break
        parent = next(shapes.subjects(SH.property, node), None) or next(shapes.subjects(SH.sparql, node), None)
        if parent is None:
            break
        node = parent
    if not isinstance(node, URIRef):
        return None, None
    see = shapes.value(node, RDFS.seeAlso)
    see_also = str(see).replace(METHODOLOGY_BASE, METHODOLOGY_DOC) if see is not None else None
    return str(node), see_also


def has_rules(shapes: Graph) -> bool:
    """Whether the shapes hold SHACL rules, which write inferred statements to the data graph."""
    return next(shapes.triples((None, SH.rule, None)), None) is not None


def run_shacl(data: Graph, shapes: Graph) -> list[Finding]:
    """Validate and return one Finding per SHACL result."""
    scratch = Graph()
    for triple in shapes:
        scratch.add(triple)
    with faster_pyshacl(), without_text_report():  # the text report is not read
        _conforms, results, _text = pyshacl.validate(
            data, shacl_graph=scratch, advanced=True, allow_warnings=True, inference="none",
            abort_on_first=False, inplace=not has_rules(shapes))
    return list(findings_from_results(results, shapes))


def findings_from_results(results: Graph, shapes: Graph) -> Iterator[Finding]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        rule, see_also = _rule_of(shapes, results.value(result, SH.sourceShape))
        focus_s = str(focus)
        yield Finding(
            entry=entry_of(focus_s),
            focus=focus_s,
            path=str(path) if isinstance(path, URIRef) else None,
            message=str(message) if message is not None else "constraint not met",
            value=str(value) if value is not None else None,
            severity=Severity.from_iri(str(severity)) if severity is not None else Severity.VIOLATION,
            rule=rule,
            see_also=see_also,
        )

"""SHACL validation with pyshacl, on a plain rdflib graph (the representation pyshacl is fast
and correct on), turned into typed findings lazily."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..model.terms import entry_of
from .report import Finding, Severity

METHODOLOGY_BASE = "https://w3id.org/claimgraph/methodology#"
METHODOLOGY_DOC = "docs/methodology.md#"


def shapes_digest(shapes: Graph) -> str:
    """A content hash of the shapes, independent of parse order."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in shapes if not _has_bnode((s, p, o)))
    h = hashlib.sha256("\n".join(lines).encode())
    h.update(str(len(shapes)).encode())
    return h.hexdigest()


def _has_bnode(triple) -> bool:
    return any(not isinstance(t, URIRef) and t.__class__.__name__ == "BNode" for t in triple)


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


def run_shacl(data: Graph, shapes: Graph) -> Iterator[Finding]:
    """Validate and yield one Finding per SHACL result."""
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, advanced=True, allow_warnings=True, inference="none",
        abort_on_first=False)
    yield from findings_from_results(results, shapes)


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

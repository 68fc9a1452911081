"""Each methodology rule of the source database, with a conforming and a violating fixture."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from claimgraph.model.load import load_graph, load_shapes
from claimgraph.model.project import find_project
from claimgraph.model.terms import CG, CGSH, CONFIDENCE, ENTRY_TYPE, EVIDENCE_STATUS, ID, MECHANISM, SCHEMA
from claimgraph.validate import Severity, validate

CAP = ID["entry/example-capability"]
INC = ID["entry/example-incident"]


@pytest.fixture(scope="module")
def shapes(root) -> Graph:
    return load_shapes(find_project(root))


@pytest.fixture(scope="module")
def base_graph(root, fixtures) -> Graph:
    project = find_project(root)
    return load_graph([*project.ontology_files(), fixtures / "core" / "minimal.ttl"])


def copy(graph: Graph) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    return g


def test_conforming_fixture_has_no_findings(base_graph, shapes):
    report = validate(base_graph, shapes)
    assert report.conforms
    assert report.findings == []


def status_on_incident(g):
    g.add((INC, CG.evidenceStatus, EVIDENCE_STATUS["demonstrated-lab"]))


def capability_without_status(g):
    g.remove((CAP, CG.evidenceStatus, None))


def capability_without_counterargument(g):
    g.remove((CAP, CG.counterargument, None))


def counterargument_without_source(g):
    g.remove((ID["entry/example-capability/counterargument/1"], CG.citation, None))


def verified_with_two_academic_sources(g):
    g.remove((CAP, CG.citation, ID["entry/example-capability/citation/example-journal-paper"]))


def verified_citation_without_locator(g):
    g.remove((ID["entry/example-capability/citation/arxiv-0000.00002"], CG.locator, None))


def verified_preprint_without_institution(g):
    g.remove((ID["source/arxiv-0000.00002"], SCHEMA.sourceOrganization, None))


def verified_source_without_authority(g):
    g.remove((ID["source/example-journal-paper"], CG.authority, None))


def updated_before_verified(g):
    g.set((CAP, DCTERMS.modified, Literal("2025-12-31", datatype=XSD.date)))


def cited_source_undescribed(g):
    g.remove((ID["source/example-blog"], SCHEMA.description, None))


def duplicate_arxiv_id(g):
    g.set((ID["source/arxiv-0000.00002"], CG.arxivId, Literal("0000.00001")))


def unsourced_escalation(g):
    g.add((MECHANISM["sycophancy"], CG.escalatesTo, MECHANISM["reward-tampering"]))


def counterargument_attacks_other_claim(g):
    ca = ID["entry/example-capability/counterargument/1"]
    g.set((ca, CG.attacks, ID["entry/example-incident/claim"]))


VIOLATIONS: list[tuple[Callable[[Graph], None], str, URIRef]] = [
    (status_on_incident, "EvidenceStatusOnlyOnCapability", INC),
    (capability_without_status, "EvidenceStatusOnlyOnCapability", CAP),
    (capability_without_counterargument, "CapabilityNeedsSourcedCounterargument", CAP),
    (counterargument_without_source, "CapabilityNeedsSourcedCounterargument", CAP),
    (counterargument_attacks_other_claim, "CapabilityNeedsSourcedCounterargument", CAP),
    (verified_with_two_academic_sources, "VerifiedThreshold", CAP),
    (verified_citation_without_locator, "VerifiedThreshold", CAP),
    (verified_preprint_without_institution, "VerifiedThreshold", CAP),
    (verified_source_without_authority, "VerifiedThreshold", CAP),
    (updated_before_verified, "UpdatedNotBeforeVerified", CAP),
    (cited_source_undescribed, "CitedSourceDescribed", ID["source/example-blog"]),
    (duplicate_arxiv_id, "UniqueSourceIdentifiers", ID["source/arxiv-0000.00001"]),
    (unsourced_escalation, "EscalationIsSourced", MECHANISM["sycophancy"]),
]


@pytest.mark.parametrize("mutate,rule,focus", VIOLATIONS, ids=[m.__name__ for m, _, _ in VIOLATIONS])
def test_methodology_rule_violation(base_graph, shapes, mutate, rule, focus):
    g = copy(base_graph)
    mutate(g)
    report = validate(g, shapes)
    assert not report.conforms
    hits = [f for f in report.violations if f.rule == str(CGSH[rule]) and f.focus == str(focus)]
    assert hits, report.to_text()
    # every methodology rule links to the section of docs/methodology.md it enforces
    assert all(f.see_also and f.see_also.startswith("docs/methodology.md#") for f in hits)
    assert all(f.message for f in hits)


def test_declared_source_count_mismatch_is_a_warning_only(base_graph, shapes):
    g = copy(base_graph)
    g.set((CAP, CG.declaredSourceCount, Literal(5)))
    report = validate(g, shapes)
    assert report.conforms
    [warning] = report.warnings
    assert warning.severity is Severity.WARNING
    assert warning.rule == str(CGSH.DeclaredSourceCount)
    assert "declares 5" in warning.message and "3 distinct" in warning.message


def test_entry_findings_are_grouped_by_entry(base_graph, shapes):
    g = copy(base_graph)
    g.remove((ID["entry/example-capability/claim"], SCHEMA.text, None))
    g.remove((INC, CG.confidence, None))
    report = validate(g, shapes)
    groups = report.by_entry()
    assert set(groups) == {str(CAP), str(INC)}
    [claim_finding] = groups[str(CAP)]
    assert claim_finding.focus == str(ID["entry/example-capability/claim"])
    assert claim_finding.path == str(SCHEMA.text)
    from claimgraph.model.terms import shorten
    text = report.to_text(shorten)
    assert "entry:example-capability" in text and "schema:text" in text


def test_structural_value_sets(base_graph, shapes):
    g = copy(base_graph)
    g.set((CAP, CG.confidence, ID["not-a-level"]))
    g.set((INC, CG.entryType, ENTRY_TYPE["opinion"]))
    report = validate(g, shapes)
    paths = {(f.focus, f.path) for f in report.violations}
    assert (str(CAP), str(CG.confidence)) in paths
    assert (str(INC), str(CG.entryType)) in paths
    offending = {f.value for f in report.violations if f.path == str(CG.confidence)}
    assert str(ID["not-a-level"]) in offending


def test_imprecise_dates_are_accepted_but_free_text_is_not(base_graph, shapes):
    g = copy(base_graph)
    result = ID["result/example-result"]
    g.set((result, DCTERMS.date, Literal("late 2025")))
    report = validate(g, shapes)
    assert any(f.focus == str(result) and f.path == str(DCTERMS.date) for f in report.violations)


def test_every_constraint_has_a_message(shapes):
    """Each property shape and SPARQL constraint carries a human-readable sh:message."""
    from rdflib.namespace import SH
    missing = []
    for node in set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql)):
        if shapes.value(node, SH.message) is None:
            missing.append(node)
    assert missing == []


def test_shapes_conform_to_shacl_for_shacl(shapes):
    import pyshacl
    conforms, _graph, text = pyshacl.validate(shapes, shacl_graph=shapes, meta_shacl=True, advanced=True)
    assert conforms, text


def test_every_ontology_term_has_label_and_definition(root):
    from rdflib.namespace import OWL, RDFS, SKOS
    project = find_project(root)
    onto = load_graph([project.ontology_dir / "claimgraph.ttl"])
    terms = [s for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in onto.subjects(RDF.type, cls)]
    assert len(terms) > 40
    for term in terms:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, SKOS.definition) is not None, term
    assert all(str(t).startswith(str(CG)) for t in terms)
    assert CONFIDENCE  # namespaces importable


def test_report_orders_findings_with_and_without_path_or_value(base_graph, shapes):
    """Findings mixing None and strings (SPARQL constraints have no path) sort without error."""
    g = copy(base_graph)
    capability_without_counterargument(g)
    g.remove((ID["entry/example-capability/claim"], SCHEMA.text, None))
    report = validate(g, shapes)
    assert {f.path for f in report.violations} >= {None, str(SCHEMA.text)}
    assert report.findings == sorted(report.findings, key=lambda f: f.sort_key())

"""The real entry page (../shared/reference/entry-unintended-subgoals.txt): import, round trip,
and validation, where only what needs a reviewer's work remains."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib.compare import isomorphic

from claimgraph.ingest import normalise_page, render_page
from claimgraph.ingest.importer import import_text, read_page
from claimgraph.model.load import load_graph, load_shapes
from claimgraph.model.project import find_project
from claimgraph.model.terms import ID
from claimgraph.validate.report import Severity
from claimgraph.validate.shacl import run_shacl

from .conftest import REAL_PAGE, rows, values

pytestmark = pytest.mark.skipif(not REAL_PAGE.parent.parent.is_dir(), reason="../shared is absent")
E = "entry:unintended-subgoals"


@pytest.fixture(scope="module")
def real(context):
    return import_text(read_page(REAL_PAGE), "unintended-subgoals", context, path=str(REAL_PAGE))


def test_every_field_of_the_page(real):
    g = real.graph
    (label, etype, cat, status, stl, conf, cl, verified, modified, count), = rows(g, f"""
        SELECT ?label ?t ?c ?s ?sl ?conf ?cl ?v ?m ?n WHERE {{
            {E} rdfs:label ?label ; cg:entryType ?t ; cg:category ?c ; cg:evidenceStatus ?s ;
                cg:originalStatusLabel ?sl ; cg:statedConfidence ?conf ; cg:originalConfidenceLabel ?cl ;
                cg:dateVerified ?v ; dcterms:modified ?m ; cg:declaredSourceCount ?n }}""")
    assert str(label) == "AI Systems Pursue Unintended Sub-Goals Autonomously"
    assert str(etype).endswith("entry-type/capability") and str(cat).endswith("category/specification-gaming")
    assert str(status).endswith("demonstrated-real-world") and str(stl) == "DEMONSTRATED (REAL-WORLD)"
    assert str(conf).endswith("confidence/verified") and str(cl) == "✓ Verified"
    assert verified.toPython() == modified.toPython() == date(2026, 3, 17) and count.toPython() == 4
    assert values(g, f"SELECT ?s WHERE {{ {E} dcterms:abstract ?s }}") == {
        "An AI agent autonomously mined cryptocurrency and established covert SSH tunnels without instruction, "
        "demonstrating that AI systems can pursue unintended sub-goals with real-world consequences."}
    assert values(g, f"SELECT ?k WHERE {{ {E} schema:keywords ?k }}") == {
        "instrumental-convergence", "specification-gaming", "ROME", "autonomy"}


def test_sections_of_the_real_page(real):
    result = rows(real.graph, f"""SELECT ?pos ?title ?text WHERE {{ {E} cg:section ?s .
        ?s schema:position ?pos ; dcterms:title ?title ; schema:text ?text }} ORDER BY ?pos""")
    assert [(p.toPython(), str(t)) for p, t, _ in result] == [
        (0, "Overview"), (1, "The Mechanistic Debate"), (2, "The Escalation Path")]
    assert str(result[0][2]).startswith("In late 2025, the ROME agent (developed by Alibaba)")
    assert str(result[2][2]).count("\n\n") == 1


def test_counterargument_links_known_person_alias_and_team(real):
    (stmt, agent, alias, team, text, response), = rows(real.graph, f"""
        SELECT ?stmt ?agent ?alias ?team ?text ?resp WHERE {{
            {E} cg:counterargument ?ca . ?ca cg:sourceStatement ?stmt ; schema:text ?text ;
                prov:qualifiedAttribution [ prov:agent ?agent ; cg:aliasUsed ?alias ; cg:affiliationAtTime ?team ] .
            ?r cg:attacks ?ca ; schema:text ?resp }}""")
    assert str(stmt) == "Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team"
    assert (agent, str(alias), team) == (ID["person/alex-turner"], "TurnTrout",
                                         ID["organisation/google-deepmind-scalable-alignment"])
    assert str(text).startswith("This is specification gaming") and str(response).startswith("Turner himself")
    assert real.notes == []  # everything on the page was mapped


def test_round_trip_of_the_real_page(context, real):
    rendered = render_page(real.graph, real.iri)
    again = import_text(rendered, "unintended-subgoals", context)
    assert isomorphic(real.graph, again.graph)
    original, back = normalise_page(read_page(REAL_PAGE)), normalise_page(rendered)
    assert original[:-1] == back[:-1]
    assert original[-1] == "instrumental-convergencespecification-gamingROMEautonomy"
    assert back[-1] == "autonomy instrumental-convergence ROME specification-gaming"


def test_validates_except_what_needs_review(real):
    """Validated beside the ontology and the shared resources of data/ (people, organisations,
    sources, ...; the other entries are left out, among them the hand-modelled entry of the same
    page): the only findings left are the ones a reviewer must resolve."""
    project = find_project()
    data_files = [f for f in project.data_files() if "entries" not in f.relative_to(project.data_dir).parts]
    graph = load_graph([*project.ontology_files(), *data_files])
    for triple in real.graph:
        graph.add(triple)
    findings = {f for f in run_shacl(graph, load_shapes(project)) if f.entry == str(real.iri)}
    found = {(f.severity, f.rule.rsplit("#", 1)[-1], f.path and f.path.rsplit("#", 1)[-1]) for f in findings}
    assert found == {
        # the page lists its sources only as a count: the citations must be added by hand
        (Severity.VIOLATION, "EntryShape", "citation"),
        # the Source line names a person, not a work: the objection's own source must be cited
        (Severity.VIOLATION, "CapabilityNeedsSourcedCounterargument", None),
        # the page says Verified; without three cited academic sources the threshold is not met:
        # the reviewer lowers cg:confidence (or adds the sources)
        (Severity.VIOLATION, "VerifiedThreshold", None),
        # 'Sources (4)' but nothing cited yet
        (Severity.WARNING, "DeclaredSourceCount", None),
    }

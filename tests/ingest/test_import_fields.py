"""Imported entries, field by field (SPARQL over the imported graph)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from claimgraph.model.terms import CG, ENTRY_TYPE, EVIDENCE_STATUS, ID

from .conftest import rows, values

E = "entry:lab-two-counterarguments"


def test_type_category_claim_title_and_database(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    assert rows(g, f"""SELECT ?t ?c ?label ?claim ?db ?path WHERE {{
        {E} a cg:Entry ; cg:entryType ?t ; cg:category ?c ; rdfs:label ?label ;
            cg:claim/schema:text ?claim ; dcterms:isPartOf ?db ; cg:pagePath ?path }}""") == [(
        ENTRY_TYPE["capability"], URIRef("https://w3id.org/claimgraph/vocab/category/specification-gaming"),
        Literal("Reasoning Models Edit Game Files to Win"), Literal("Reasoning Models Edit Game Files to Win"),
        ID["database/ai-democratic-governance"], Literal("/database/lab-two-counterarguments"))]


def test_status_and_confidence_keep_original_labels(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    assert rows(g, f"""SELECT ?st ?stl ?sc ?c ?cl WHERE {{
        {E} cg:evidenceStatus ?st ; cg:originalStatusLabel ?stl ; cg:statedConfidence ?sc ;
            cg:confidence ?c ; cg:originalConfidenceLabel ?cl }}""") == [(
        EVIDENCE_STATUS["demonstrated-lab"], Literal("DEMONSTRATED (LAB)"),
        URIRef("https://w3id.org/claimgraph/vocab/confidence/high-confidence"),
        URIRef("https://w3id.org/claimgraph/vocab/confidence/high-confidence"), Literal("High Confidence"))]


def test_summary_dates_count_and_review_flag(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    (summary, verified, modified, count, review), = rows(g, f"""SELECT ?s ?v ?m ?n ?r WHERE {{
        {E} dcterms:abstract ?s ; cg:dateVerified ?v ; dcterms:modified ?m ;
            cg:declaredSourceCount ?n ; cg:needsReview ?r }}""")
    assert str(summary).startswith("Asked to beat a strong chess engine")
    assert (verified, modified) == (Literal("2026-02-02", datatype=XSD.date), Literal("2026-02-09", datatype=XSD.date))
    assert count.toPython() == 3 and review.toPython() is True


def test_sections_titles_positions_and_text(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    result = rows(g, f"""SELECT ?pos ?title ?text WHERE {{
        {E} cg:section ?s . ?s a cg:Section ; schema:position ?pos ; dcterms:title ?title ; schema:text ?text }}
        ORDER BY ?pos""")
    assert [(r[0].toPython(), str(r[1])) for r in result] == [
        (0, "Overview"), (1, "The Mechanistic Debate"), (2, "The Escalation Path")]
    assert str(result[1][2]) == ('Some read this as plain specification gaming: the task said "win", not "win fairly".'
                                 "\n\nOthers see an instrumental shortcut chosen over the intended path.")


def test_counterarguments_sources_attribution_and_responses(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    result = rows(g, f"""SELECT ?ca ?stmt ?agent ?alias ?aff ?response WHERE {{
        {E} cg:counterargument ?ca ; cg:claim ?claim .
        ?ca a cg:Counterargument ; cg:attacks ?claim ; cg:sourceStatement ?stmt ; prov:wasAttributedTo ?agent ;
            prov:qualifiedAttribution ?q .
        ?q a prov:Attribution ; prov:agent ?agent .
        OPTIONAL {{ ?q cg:aliasUsed ?alias }} OPTIONAL {{ ?q cg:affiliationAtTime ?aff }}
        OPTIONAL {{ ?r a cg:Response ; cg:attacks ?ca ; schema:text ?response }}
    }} ORDER BY ?ca""")
    assert len(result) == 2
    first, second = result
    assert str(first[1]) == "Alex Turner (TurnTrout), Google DeepMind Scalable Alignment team"
    assert first[2] == ID["person/alex-turner"] and str(first[3]) == "TurnTrout"
    assert first[4] == ID["organisation/google-deepmind-scalable-alignment"]
    assert str(first[5]).startswith("The models chose to edit the file")
    assert second[2] == ID["person/dana-fixture"] and second[4] == ID["organisation/example-safety-institute"]
    assert second[5] is None


def test_unknown_agents_are_created_for_review_and_reported(imported):
    entry = imported("entry-lab-two-counterarguments.txt")
    g = entry.graph
    assert values(g, """SELECT ?x WHERE { ?x cg:needsReview true ; schema:name ?n }""") == {
        str(ID["person/dana-fixture"]), str(ID["organisation/example-safety-institute"])}
    assert (ID["person/dana-fixture"], URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://schema.org/Person")) in g
    assert {n.line for n in entry.notes if "created" in n.message} == {34}
    # known people are linked, not copied
    assert not list(g.triples((ID["person/alex-turner"], None, None)))


def test_tags_split_against_known_tags_and_words(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    assert values(g, f"SELECT ?k WHERE {{ {E} schema:keywords ?k }}") == {
        "specification-gaming", "reward-hacking", "chess"}


def test_mentions_link_known_people_and_organisations(imported):
    g = imported("entry-lab-two-counterarguments.txt").graph
    assert values(g, f"""SELECT ?m WHERE {{ {E} cg:section ?s . ?s schema:position 2 ; schema:mentions ?m }}""") == {
        str(ID["organisation/anthropic"]), str(ID["person/monte-macdiarmid"])}


@pytest.mark.parametrize("name, etype, status", [
    ("entry-partially-demonstrated-reordered.txt", "capability", "partially-demonstrated"),
    ("entry-approaching-repeated-sections.txt", "capability", "approaching"),
    ("entry-theoretical-lead-only.txt", "capability", "theoretical"),
    ("entry-incident.txt", "incident", None),
    ("entry-governance-gap.txt", "governance-gap", None),
    ("entry-landscape.txt", "landscape", None),
])
def test_each_type_and_status(imported, name, etype, status):
    entry = imported(name)
    g = entry.graph
    assert (entry.iri, CG.entryType, ENTRY_TYPE[etype]) in g
    assert set(g.objects(entry.iri, CG.evidenceStatus)) == ({EVIDENCE_STATUS[status]} if status else set())
    assert len(set(g.objects(entry.iri, CG.confidence))) == 1
    assert set(g.objects(entry.iri, CG.confidence)) == set(g.objects(entry.iri, CG.statedConfidence))


def test_reordered_sections_keep_page_order_and_no_counterarguments(imported):
    entry = imported("entry-partially-demonstrated-reordered.txt")
    result = rows(entry.graph, """SELECT ?pos ?title WHERE { ?e cg:section ?s . ?s schema:position ?pos ;
        dcterms:title ?title } ORDER BY ?pos""")
    assert [(r[0].toPython(), str(r[1])) for r in result] == [(1, "The Escalation Path"), (2, "The Mechanistic Debate")]
    assert not list(entry.graph.objects(entry.iri, CG.counterargument))


def test_repeated_sections_and_three_counterarguments(imported):
    entry = imported("entry-approaching-repeated-sections.txt")
    g = entry.graph
    titles = rows(g, "SELECT ?pos ?t WHERE { ?e cg:section ?s . ?s schema:position ?pos ; dcterms:title ?t } ORDER BY ?pos")
    assert [str(t) for _, t in titles] == ["Overview", "Update", "Update"]
    assert len(set(g.objects(entry.iri, CG.counterargument))) == 3
    assert len(rows(g, "SELECT ?r WHERE { ?r a cg:Response }")) == 2
    # a source line naming an organisation attributes the objection to it
    assert (URIRef(f"{entry.iri}/counterargument/3"), URIRef("http://www.w3.org/ns/prov#wasAttributedTo"),
            ID["organisation/example-safety-institute"]) in g


def test_unknown_category_becomes_a_concept_to_review(context):
    from claimgraph.ingest.importer import import_text
    text = ("Capability Brand New Category\nA Title Of The Entry\nTHEORETICAL Moderate\n"
            "A summary of what the evidence shows.\nVerified: 1 May 2026 · Last updated: 1 May 2026\n")
    entry = import_text(text, "x", context)
    concept = URIRef("https://w3id.org/claimgraph/vocab/category/brand-new-category")
    assert (entry.iri, CG.category, concept) in entry.graph
    assert (concept, CG.needsReview, Literal(True)) in entry.graph
    assert any(n.line == 1 and "unknown category 'Brand New Category'" in n.message for n in entry.notes)


def test_status_on_a_non_capability_page_is_kept_and_noted(context):
    from claimgraph.ingest.importer import import_text
    text = "Incident Regulation\nA Title Of The Entry\nDEMONSTRATED (LAB) Moderate\nA summary of the page.\n"
    entry = import_text(text, "x", context)
    assert (entry.iri, CG.evidenceStatus, EVIDENCE_STATUS["demonstrated-lab"]) in entry.graph
    assert any(n.line == 3 and "Capability entries only" in n.message for n in entry.notes)

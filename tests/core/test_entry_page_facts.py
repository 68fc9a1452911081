"""Every fact on the real entry page (../shared/reference/entry-unintended-subgoals.txt) is in
the graph, read back by SPARQL."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal

PREFIXES = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX entry: <https://w3id.org/claimgraph/id/entry/>
"""


def rows(graph, query):
    return [tuple(r) for r in graph.query(PREFIXES + query)]


def one(graph, query):
    result = rows(graph, query)
    assert len(result) == 1, result
    return result[0]


def test_type_category_claim_and_database(project_graph):
    title, etype, category, claim, db = one(project_graph, """
        SELECT ?title ?etype ?cat ?claim ?db WHERE {
            entry:unintended-subgoals rdfs:label ?title ; cg:entryType/skos:prefLabel ?etype ;
                cg:category/skos:prefLabel ?cat ; cg:claim/schema:text ?claim ;
                dcterms:isPartOf/schema:name ?db .
        }""")
    assert str(title) == "AI Systems Pursue Unintended Sub-Goals Autonomously"
    assert (str(etype), str(category)) == ("Capability", "Specification Gaming")
    assert "unintended sub-goals" in str(claim)
    assert str(db) == "AI Democratic Governance"


def test_status_confidence_and_dates(project_graph):
    status, original, stated, stated_label, verified, modified = one(project_graph, """
        SELECT ?status ?orig ?stated ?statedLabel ?verified ?modified WHERE {
            entry:unintended-subgoals cg:evidenceStatus/skos:prefLabel ?status ;
                cg:originalStatusLabel ?orig ; cg:statedConfidence/skos:prefLabel ?stated ;
                cg:originalConfidenceLabel ?statedLabel ;
                cg:dateVerified ?verified ; dcterms:modified ?modified .
        }""")
    assert str(status) == "Demonstrated (Real-World)"
    assert str(original) == "DEMONSTRATED (REAL-WORLD)"
    assert str(stated) == "Verified" and "Verified" in str(stated_label)
    assert verified.toPython() == date(2026, 3, 17) == modified.toPython()


def test_incident_with_imprecise_date_system_developer_and_actions(project_graph):
    result = rows(project_graph, """
        SELECT ?date ?asStated ?system ?developer ?action WHERE {
            entry:unintended-subgoals cg:evidence ?incident .
            ?incident a cg:Incident ; dcterms:date ?date ; cg:dateAsStated ?asStated ;
                cg:aiSystem ?s ; cg:observedAction ?action .
            ?s schema:name ?system ; schema:creator/schema:name ?developer .
        }""")
    assert {str(r[1]) for r in result} == {"late 2025"}
    assert {str(r[0]) for r in result} == {"2025"}  # only the known precision: a year
    assert {(str(r[2]), str(r[3])) for r in result} == {("ROME", "Alibaba")}
    actions = " | ".join(str(r[4]) for r in result)
    assert "cryptocurrency" in actions and "SSH tunnel" in actions


def test_both_contested_mechanisms_and_consequence(project_graph):
    result = rows(project_graph, """
        SELECT ?mech ?holds WHERE {
            entry:unintended-subgoals cg:interpretation ?d .
            ?d cg:candidate/cg:mechanism/skos:prefLabel ?mech ; cg:consequenceHoldsRegardless ?holds .
        }""")
    assert {str(r[0]) for r in result} == {"specification gaming", "instrumental convergence"}
    assert {r[1] for r in result} == {Literal(True)}
    sourced = rows(project_graph, """
        SELECT ?mech WHERE {
            entry:unintended-subgoals cg:interpretation/cg:candidate ?c .
            ?c cg:mechanism/skos:prefLabel ?mech ; cg:citation/cg:source ?s .
            { ?c prov:wasAttributedTo ?who } UNION { ?c cg:heldBy ?who }
        }""")
    assert {str(r[0]) for r in sourced} == {"specification gaming", "instrumental convergence"}


def test_escalation_path_chains_and_is_sourced(project_graph):
    result = rows(project_graph, """
        SELECT ?to ?title WHERE {
            entry:unintended-subgoals cg:escalationPath ?e .
            ?e cg:fromMechanism/skos:prefLabel "reward hacking"@en ; cg:toMechanism/skos:prefLabel ?to ;
               cg:citation/cg:source/dcterms:title ?title .
        }""")
    assert {str(r[0]) for r in result} == {"alignment faking", "sabotage"}
    assert {str(r[1]) for r in result} == {"Natural emergent misalignment from reward hacking in production RL"}
    chained = rows(project_graph, """
        SELECT ?m WHERE { ?m cg:escalatesTo+ <https://w3id.org/claimgraph/vocab/mechanism/sabotage> }""")
    assert ("https://w3id.org/claimgraph/vocab/mechanism/reward-hacking",) in {(str(r[0]),) for r in chained}


def test_counterargument_with_person_alias_affiliation_source_and_response(project_graph):
    name, alias, team, source, response, response_source = one(project_graph, """
        SELECT ?name ?alias ?team ?source ?response ?rsource WHERE {
            entry:unintended-subgoals cg:counterargument ?ca ; cg:claim ?claim .
            ?ca cg:attacks ?claim ; prov:qualifiedAttribution ?att .
            ?att prov:agent/schema:name ?name ; cg:aliasUsed ?alias ; cg:affiliationAtTime/schema:name ?team .
            ?ca cg:citation/cg:source ?src . ?src dcterms:date ?d ; dcterms:title ?source .
            FILTER (STR(?d) = "2025-12-18")
            ?r cg:attacks ?ca ; schema:text ?response ; cg:citation/cg:source/dcterms:title ?rsource .
        }""")
    assert (str(name), str(alias)) == ("Alex Turner", "TurnTrout")
    assert str(team) == "Google DeepMind Scalable Alignment team"
    assert "reward hacking" in str(source)
    assert "2022" in str(response) and "December 2025" in str(response)
    assert str(response_source) == str(source)


def test_four_sources_with_identifiers(project_graph):
    result = rows(project_graph, """
        SELECT DISTINCT ?s ?id ?url WHERE {
            entry:unintended-subgoals cg:citation/cg:source ?s ; cg:declaredSourceCount 4 .
            OPTIONAL { ?s cg:arxivId ?id } OPTIONAL { ?s schema:url ?url }
        }""")
    assert len({r[0] for r in result}) == 4
    assert {str(r[1]) for r in result if r[1] is not None} == {"2512.24873", "2511.18397"}
    located = one(project_graph, """
        SELECT ?loc WHERE { entry:unintended-subgoals cg:citation ?c .
            ?c cg:source/cg:arxivId "2512.24873" ; cg:locator ?loc ; schema:description ?d }""")
    assert "3.1.4" in str(located[0])


def test_tags(project_graph):
    tags = {str(r[0]) for r in rows(project_graph, "SELECT ?t WHERE { entry:unintended-subgoals schema:keywords ?t }")}
    assert tags == {"instrumental-convergence", "specification-gaming", "ROME", "autonomy"}


@pytest.mark.parametrize("heading", ["The Mechanistic Debate", "The Escalation Path"])
def test_narrative_sections_kept(project_graph, heading):
    result = rows(project_graph, f"""
        SELECT ?pos WHERE {{ entry:unintended-subgoals cg:section ?s . ?s dcterms:title "{heading}" ; schema:position ?pos }}""")
    assert len(result) == 1

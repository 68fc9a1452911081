"""The bundled data set is worth querying: the coverage issue 3 asks for, read from the graph."""

from __future__ import annotations

from collections import Counter

PREFIXES = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def q(graph, text):
    return [tuple(r) for r in graph.query(PREFIXES + text)]


def test_entry_counts_by_type(project_graph):
    counts = Counter(str(t) for (t,) in q(project_graph, """
        SELECT ?t WHERE { ?e a cg:Entry ; cg:entryType/skos:prefLabel ?t }"""))
    assert sum(counts.values()) >= 25
    assert counts["Capability"] >= 16
    assert counts["Incident"] >= 4
    assert counts["Governance Gap"] >= 2
    assert counts["Landscape"] >= 2


def test_evidence_statuses_in_use(project_graph):
    used = {str(s) for (s,) in q(project_graph, """
        SELECT DISTINCT ?s WHERE { ?e cg:evidenceStatus/skos:prefLabel ?s }""")}
    assert {"Demonstrated (Real-World)", "Demonstrated (Lab)", "Partially Demonstrated", "Theoretical"} <= used


def test_mechanisms_in_use_are_shared(project_graph):
    per_mechanism = Counter(str(m) for (m, _e) in q(project_graph, """
        SELECT DISTINCT ?m ?e WHERE { ?e a cg:Entry ; cg:mechanism/skos:notation ?m }"""))
    assert len(per_mechanism) >= 12
    shared = [m for m, n in per_mechanism.items() if n >= 2]
    assert {"reward-hacking", "specification-gaming"} <= set(shared)


def test_every_entry_reaches_a_source(project_graph):
    without = q(project_graph, """
        SELECT ?e WHERE { ?e a cg:Entry .
            FILTER NOT EXISTS { ?e cg:citation/cg:source/dcterms:title ?t } }""")
    assert without == []


def test_every_capability_entry_has_a_sourced_counterargument(project_graph):
    without = q(project_graph, """
        SELECT ?e WHERE { ?e cg:entryType <https://w3id.org/claimgraph/vocab/entry-type/capability> .
            FILTER NOT EXISTS { ?e cg:counterargument/cg:citation/cg:source ?s } }""")
    assert without == []


def test_no_two_sources_share_an_identifier(project_graph):
    clashes = q(project_graph, """
        SELECT ?a ?b ?id WHERE {
            { ?a cg:arxivId ?id . ?b cg:arxivId ?id } UNION { ?a bibo:doi ?id . ?b bibo:doi ?id }
            UNION { ?a schema:url ?id . ?b schema:url ?id . ?a cg:source|^cg:source ?x . ?b cg:source|^cg:source ?y }
            FILTER (STR(?a) < STR(?b)) }""")
    assert clashes == []
    assert len(q(project_graph, "SELECT DISTINCT ?s WHERE { ?c cg:source ?s }")) >= 25


def test_escalation_chains_are_sourced(project_graph):
    edges = {(str(a), str(b)) for a, b in q(project_graph, """
        SELECT ?a ?b WHERE { ?x cg:escalatesTo ?y . ?x skos:notation ?a . ?y skos:notation ?b }""")}
    assert {("reward-hacking", "alignment-faking"), ("reward-hacking", "sabotage"),
            ("sycophancy", "reward-tampering")} <= edges
    unsourced = q(project_graph, """
        SELECT ?x ?y WHERE { ?x cg:escalatesTo ?y .
            FILTER NOT EXISTS { ?e cg:fromMechanism ?x ; cg:toMechanism ?y ; cg:citation/cg:source ?s } }""")
    assert unsourced == []


def test_shared_people_connect_entries(project_graph):
    """Alex Turner is an author of a theoretical result and the source of a counterargument."""
    roles = {str(r) for (r,) in q(project_graph, """
        SELECT ?role WHERE {
            ?p schema:name "Alex Turner" .
            { ?s schema:author ?p ; a cg:PeerReviewedArticle . BIND ("author" AS ?role) }
            UNION { ?ca a cg:Counterargument ; prov:qualifiedAttribution/prov:agent ?p . BIND ("objector" AS ?role) } }""")}
    assert roles == {"author", "objector"}


def test_elicited_and_default_evidence_are_kept_apart(project_graph):
    kinds = Counter(str(k) for (k,) in q(project_graph, """
        SELECT ?k WHERE { ?ev cg:elicitation/skos:notation ?k }"""))
    assert kinds["elicited"] >= 3 and kinds["default"] >= 3


def test_every_mechanism_has_a_definition_and_place(project_graph):
    bad = q(project_graph, """
        SELECT ?m WHERE { ?m skos:inScheme <https://w3id.org/claimgraph/vocab/mechanism> .
            FILTER (NOT EXISTS { ?m skos:definition ?d }
                    || NOT EXISTS { { ?m skos:broader ?b } UNION { ?m skos:topConceptOf ?s } }) }""")
    assert bad == []


def test_real_entry_keeps_original_and_normalised_labels(project_graph):
    [(orig, stated, assessed)] = q(project_graph, """
        SELECT ?orig ?stated ?assessed WHERE {
            <https://w3id.org/claimgraph/id/entry/unintended-subgoals> cg:originalConfidenceLabel ?orig ;
                cg:statedConfidence/skos:prefLabel ?stated ; cg:confidence/skos:prefLabel ?assessed }""")
    assert (str(orig), str(stated), str(assessed)) == ("✓ Verified", "Verified", "High Confidence")

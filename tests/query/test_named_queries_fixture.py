"""Every named query against the query fixture (tests/fixtures/query/data), on both embedded
engines. The expected rows were worked out by hand from the fixture files; the comments say how.

Fixture in brief: E1 fx-capability-lab (Capability, truly Verified: s1, s2, s3 cited with
locators; answered counterargument by Bo citing s4), E2 fx-capability-claimed (page says Verified;
only s3 qualifies; unanswered counterargument by Ada citing s2), E3 fx-incident-contested
(one news source s5; self-reported incident; contested: specification gaming by Ada / "some
researchers" vs power seeking by Lab One), E4 fx-incident-lab, E5 fx-governance (single source
s7), E6 fx-incident-old (2023). Escalations: SG -> RH -> AF -> sabotage; sycophancy -> deception.
"""

from __future__ import annotations

from qhelpers import rows

from claimgraph.query import run_query

E1, E2, E3 = "entry:fx-capability-lab", "entry:fx-capability-claimed", "entry:fx-incident-contested"
E4, E5, E6 = "entry:fx-incident-lab", "entry:fx-governance", "entry:fx-incident-old"
ADA, BO, CY = "person:fx-ada", "person:fx-bo", "person:fx-cy"


def test_entries_by_status(run):
    # default status: demonstrated-lab -> E1 and E2 (the only Capability entries)
    assert rows(run("entries-by-status")) == [
        (E2, "Models fake alignment", "evst:demonstrated-lab", "conf:high-confidence", "conf:verified"),
        (E1, "Agents hack rewards in the lab", "evst:demonstrated-lab", "conf:verified", "conf:verified"),
    ]
    assert rows(run("entries-by-status", confidence="conf:verified"), "entry") == [(E1,)]
    assert rows(run("entries-by-status", status="evst:theoretical")) == []
    assert rows(run("entries-by-status", status="unbound"), "entry") == [(E2,), (E1,)]


def test_contested_mechanisms(run):
    # E3's debate about incident-a: specification gaming (Ada, and "some researchers" in the
    # entry's words) vs power seeking (Lab One, an organisation); consequence holds regardless
    assert rows(run("contested-mechanisms"), "entry", "evidence", "mechanism", "holder", "holderName",
                "heldBy", "holdsRegardless") == [
        (E3, "incident:fx-incident-a", "mechanism:power-seeking", "organisation:fx-lab-one", "Lab One", None, "true"),
        (E3, "incident:fx-incident-a", "mechanism:specification-gaming", ADA, "Ada Example", "some researchers", "true"),
    ]
    assert rows(run("contested-mechanisms", kind="cg:ResearchResult")) == []
    # items are typed cg:Incident only; kind matches subclasses, so cg:Evidence (their superclass)
    # finds the same rows
    assert rows(run("contested-mechanisms", kind="cg:Evidence")) == rows(run("contested-mechanisms"))
    assert len(run("contested-mechanisms", kind="cg:Evidence").rows) == 2


def test_counterarguments(run):
    result = run("counterarguments")
    assert rows(result, "entry", "raisedBy", "raisedByName", "alias", "affiliation", "source",
                "response", "responseSource") == [
        (E2, ADA, "Ada Example", "adaex", "organisation:fx-lab-one", "source:fx-s2", None, None),
        (E1, BO, "Bo Sample", None, None, "source:fx-s4",
         "entry:fx-capability-lab/counterargument/1/response", "source:fx-s1"),
    ]
    assert rows(result, "sourceTitle", "responseText") == [
        ("Peer-reviewed study of gaming", None),
        ("Why the lab result is overstated", "The same behaviour appears in larger systems."),
    ]
    assert rows(run("counterarguments", entry=E1), "counterargument") == [(f"{E1}/counterargument/1",)]


def test_capability_without_counterargument(run, draft_stores, queries, engine):
    assert rows(run("capability-without-counterargument")) == []  # the fixture conforms
    result = run_query(draft_stores[engine], queries["capability-without-counterargument"])
    assert rows(result) == [("entry:fx-draft", "Draft: agents copy themselves", "evst:approaching", "conf:moderate")]


def test_stale_entries(run):
    # cutoff 2026-03-01 - 365 days = 2025-03-01: E5 (2023-11-20), E2 (2024-05-01), E1 (2025-01-10)
    assert rows(run("stale-entries", today="2026-03-01"), "entry", "dateVerified") == [
        (E5, "2023-11-20"), (E2, "2024-05-01"), (E1, "2025-01-10")]
    # cutoff 2026-01-30: every entry (E4 was verified 2026-01-15)
    assert rows(run("stale-entries", today="2026-03-01", days="30"), "entry") == [
        (E5,), (E2,), (E1,), (E3,), (E6,), (E4,)]
    assert rows(run("stale-entries", today="2023-01-01")) == []
    # the default "today" is the current date: everything in the fixture is older than 2026-02
    assert len(run("stale-entries", days="0").rows) == 6


def test_escalation_chains(run):
    assert rows(run("escalation-chains"), "start", "next", "finding", "source") == [
        ("mechanism:alignment-faking", "mechanism:sabotage", "escalation:fx-af-to-sab", "source:fx-s3"),
        ("mechanism:reward-hacking", "mechanism:alignment-faking", "escalation:fx-rh-to-af", "source:fx-s1"),
        ("mechanism:specification-gaming", "mechanism:reward-hacking", "escalation:fx-sg-to-rh", "source:fx-s2"),
    ]
    assert rows(run("escalation-chains", mechanism="mechanism:deception"), "start", "next") == [
        ("mechanism:sycophancy", "mechanism:deception")]
    assert rows(run("escalation-chains", mechanism="mechanism:reward-hacking"), "start") == [
        ("mechanism:specification-gaming",)]
    assert rows(run("escalation-chains", mechanism="mechanism:specification-gaming")) == []


def test_researchers(run):
    # Ada wrote s1, s2; Bo s4, s6; Cy s2, s3. Entries listing them among their own sources:
    # Ada {E1, E2, E4, E6}, Cy {E1, E2, E4, E6}, Bo {E2 (s6), E4 (s4)}
    assert rows(run("researchers")) == [
        (ADA, "Ada Example", "4", "1", "1"),
        (CY, "Cy Author", "4", "0", "0"),
        (BO, "Bo Sample", "2", "1", "0"),
    ]


def test_researcher_entries(run):
    # citations of s1/s2 reachable from each entry: E1 c1, c2, result, response, escalation (5);
    # E2 c2 and its counterargument (2); E3 the debate candidate (1); E4 c2, incident-b (2); E6 c2
    assert rows(run("researcher-entries", person=ADA), "entry", "role", "times") == [
        (E2, "author of a cited source", "2"),
        (E2, "raised a counterargument", "1"),
        (E1, "author of a cited source", "5"),
        (E3, "author of a cited source", "1"),
        (E3, "holds a candidate mechanism", "1"),
        (E4, "author of a cited source", "2"),
        (E6, "author of a cited source", "1"),
    ]
    assert rows(run("researcher-entries", person=BO), "entry", "role", "times") == [
        (E2, "author of a cited source", "1"), (E1, "author of a cited source", "1"),
        (E1, "raised a counterargument", "1"), (E4, "author of a cited source", "1")]
    assert rows(run("researcher-entries")) == []  # the default, Alex Turner, is not in the fixture


def test_most_cited_sources(run):
    # (entries listing the source, uses anywhere)
    assert rows(run("most-cited-sources"), "source", "type", "entries", "citations") == [
        ("source:fx-s2", "cg:PeerReviewedArticle", "4", "8"),
        ("source:fx-s5", "schema:NewsArticle", "2", "5"),
        ("source:fx-s3", "cg:Preprint", "2", "4"),
        ("source:fx-s1", "cg:Preprint", "1", "4"),
        ("source:fx-s4", "schema:BlogPosting", "1", "2"),
        ("source:fx-s6", "cg:Preprint", "1", "2"),
        ("source:fx-s7", "schema:Legislation", "1", "1"),
    ]
    assert rows(run("most-cited-sources", minimum="2"), "source") == [
        ("source:fx-s2",), ("source:fx-s5",), ("source:fx-s3",)]


def test_single_source_claims(run):
    # E2: sources {s6, s2, s3}, its only evidence item self-reported; E5: s7 only;
    # E3: s5 only (entry and incident), and its incident is self-reported
    assert rows(run("single-source-claims"), "entry", "sources", "evidence", "selfReported") == [
        (E2, "3", "1", "1"), (E5, "1", "0", "0"), (E3, "1", "1", "1")]
    assert rows(run("single-source-claims"), "claimText")[1] == ("The act requires no incident reporting.",)


def test_mechanism_counts(run, project_graph):
    result = run("mechanism-counts")
    nonzero = [r for r in rows(result, "mechanism", "entries", "directEntries") if r[1] != "0"]
    # E1 reward hacking < specification gaming; E2 alignment faking < scheming < deception;
    # E3 specification gaming; E4 shutdown resistance < self-preservation < instrumental
    # convergence; E6 sycophancy
    assert nonzero == [
        ("mechanism:specification-gaming", "2", "1"),
        ("mechanism:alignment-faking", "1", "1"),
        ("mechanism:deception", "1", "0"),
        ("mechanism:instrumental-convergence", "1", "0"),
        ("mechanism:reward-hacking", "1", "1"),
        ("mechanism:scheming", "1", "0"),
        ("mechanism:self-preservation", "1", "0"),
        ("mechanism:shutdown-resistance", "1", "1"),
        ("mechanism:sycophancy", "1", "1"),
    ]
    from rdflib import URIRef
    from rdflib.namespace import SKOS
    scheme = URIRef("https://w3id.org/claimgraph/vocab/mechanism")
    assert len(result.rows) == len(set(project_graph.subjects(SKOS.inScheme, scheme)))  # zeros included


def test_evidence_setting_by_mechanism(run):
    assert rows(run("evidence-setting-by-mechanism"), "mechanism", "realWorld", "lab", "theory") == [
        ("mechanism:alignment-faking", "0", "1", "0"),
        ("mechanism:reward-hacking", "0", "1", "0"),
        ("mechanism:shutdown-resistance", "0", "1", "0"),
        ("mechanism:specification-gaming", "1", "0", "0"),  # incident-a, through E3's mechanism
        ("mechanism:sycophancy", "1", "0", "0"),
    ]


def test_evidence_elicitation(run):
    assert rows(run("evidence-elicitation"), "mechanism", "default", "elicited", "instructed", "unspecified") == [
        ("mechanism:alignment-faking", "1", "0", "0", "0"),
        ("mechanism:reward-hacking", "0", "1", "0", "0"),
        ("mechanism:shutdown-resistance", "0", "0", "1", "0"),
        ("mechanism:specification-gaming", "1", "0", "0", "0"),
        ("mechanism:sycophancy", "0", "0", "0", "1"),  # incident-c gives no elicitation
    ]
    assert rows(run("evidence-elicitation", setting="setting:real-world"), "mechanism", "default", "unspecified") == [
        ("mechanism:specification-gaming", "1", "0"), ("mechanism:sycophancy", "0", "1")]


def test_incidents_by_organisation_year(run):
    # incident-a 2024-07 (Alpha by Lab One, deployed by Cloud Two); incident-b 2025-03-02 (Beta
    # by Cloud Two); incident-c 2023 (Alpha by Lab One, deployed by Lab One: counted once)
    assert rows(run("incidents-by-organisation-year")) == [
        ("organisation:fx-cloud-two", "Cloud Two", "2024", "1"),
        ("organisation:fx-cloud-two", "Cloud Two", "2025", "1"),
        ("organisation:fx-lab-one", "Lab One", "2023", "1"),
        ("organisation:fx-lab-one", "Lab One", "2024", "1"),
    ]


def test_verified_below_threshold(run):
    # E1 is Verified with s1, s2, s3 all qualifying; E2 claims Verified: s6 has no institution,
    # s2 is cited without a locator, only s3 qualifies
    assert rows(run("verified-below-threshold")) == [
        (E2, "Models fake alignment", "conf:high-confidence", "conf:verified", "1")]


def test_unanswered_counterarguments(run):
    assert rows(run("unanswered-counterarguments"), "entry", "counterargument", "raisedBy") == [
        (E2, f"{E2}/counterargument/1", ADA)]


def test_entries_by_mechanism(run):
    assert rows(run("entries-by-mechanism"), "entry", "named") == [
        (E1, "mechanism:reward-hacking"), (E3, "mechanism:specification-gaming")]
    assert rows(run("entries-by-mechanism", mechanism="mechanism:deception"), "entry", "named") == [
        (E2, "mechanism:alignment-faking")]
    assert rows(run("entries-by-mechanism", mechanism="mechanism:instrumental-convergence"), "entry") == [(E4,)]


def test_entry_sources(run):
    assert rows(run("entry-sources", entry=E2), "source", "type", "date", "arxivId", "locator") == [
        ("source:fx-s6", "cg:Preprint", "2024", "2401.00006", "Section 2"),
        ("source:fx-s2", "cg:PeerReviewedArticle", "2023", None, None),
        ("source:fx-s3", "cg:Preprint", "2024-09", "2409.00003", "Section 4"),
    ]


def test_entry_graph(run):
    result = run("entry-graph", entry=E5)
    assert result.kind == "graph"
    subjects = sorted({str(s).rsplit("/id/", 1)[1] for s in result.graph.subjects()})
    assert subjects == ["entry/fx-governance", "entry/fx-governance/citation/1", "entry/fx-governance/claim"]
    assert len(result.graph) == 18  # 12 entry statements, 2 of the claim, 4 of the citation
    big = run("entry-graph", entry=E1)
    # entry 21, claim 2, citations 3x4, result 11 + its citation 4, counterargument 6,
    # attribution 2, its citation 3, response 4, its citation 3
    assert len(big.graph) == 68


def test_argument_status(run):
    assert rows(run("argument-status"), "node", "kind", "status", "inPreferred") == [
        (f"{E2}/counterargument/1", "cg:Counterargument", "argst:accepted", "1"),
        (f"{E1}/claim", "cg:Claim", "argst:accepted", "1"),
        (f"{E2}/claim", "cg:Claim", "argst:rejected", "0"),
        (f"{E1}/counterargument/1", "cg:Counterargument", "argst:rejected", "0"),
    ]
    assert len(run("argument-status", status="argst:undecided").rows) == 0


def test_every_named_query_is_tested_here(queries):
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(queries) <= tested, sorted(set(queries) - tested)
    assert len(queries) >= 15

"""Named queries re-derived without SPARQL.

Each test reads what a query's header says it answers, computes that answer by walking the
project's rdflib graph in plain Python (``triples``, ``objects``, ``transitive_objects`` ...) and
compares it, row for row, with what the query returns on both the rdflib memory store and the
embedded Oxigraph store. Rows are compared as multisets; numbers by value, IRIs and other
literals as RDF terms (a plain string and an xsd:string literal count as the same).

Every derived answer that the bundled data should make non-empty is asserted non-empty first, so
that a walk which finds nothing cannot agree with a query that finds nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from claimgraph import api

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "query" / "data"
ENGINES = ("memory", "oxigraph")

CG = Namespace("https://w3id.org/claimgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
ENTRY = Namespace("https://w3id.org/claimgraph/id/entry/")
PERSON = Namespace("https://w3id.org/claimgraph/id/person/")
MECH = Namespace("https://w3id.org/claimgraph/vocab/mechanism/")
EVST = Namespace("https://w3id.org/claimgraph/vocab/evidence-status/")
CONF = Namespace("https://w3id.org/claimgraph/vocab/confidence/")
ETYPE = Namespace("https://w3id.org/claimgraph/vocab/entry-type/")
SETTING = Namespace("https://w3id.org/claimgraph/vocab/setting/")
MECHANISM_SCHEME = URIRef("https://w3id.org/claimgraph/vocab/mechanism")

NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.decimal, XSD.double, XSD.float,
           XSD.nonNegativeInteger, XSD.positiveInteger, XSD.unsignedInt, XSD.unsignedLong}


# ---------------------------------------------------------------- comparison helpers

def norm(value):
    """One cell in comparable form: None, a number (by value), an IRI/blank node, or a literal as
    (lexical form, language, datatype) with xsd:string folded into the plain literal."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("lit", "true" if value else "false", None, XSD.boolean)
    if isinstance(value, (int, Decimal, float)):
        return Decimal(str(value))
    if type(value) is str:
        return ("lit", value, None, None)
    if isinstance(value, Literal):
        if value.datatype in NUMERIC:
            return Decimal(str(value.toPython()))
        datatype = None if value.datatype == XSD.string else value.datatype
        return ("lit", str(value), value.language, datatype)
    return value


def bag(rows) -> Counter:
    return Counter(tuple(norm(c) for c in row) for row in rows)


def opt(g, s, p) -> list:
    """OPTIONAL { s p ?o }: every value, or [None] when there is none."""
    values = list(g.objects(s, p))
    return values or [None]


def is_a(g, node, cls) -> bool:
    return (node, RDF.type, cls) in g


def entries(g) -> set:
    return set(g.subjects(RDF.type, CG.Entry))


def broader_star(g, node) -> set:
    """node skos:broader* ?x (node itself included)."""
    return set(g.transitive_objects(node, SKOS.broader))


def sources_of(g, node) -> set:
    """node cg:citation/cg:source ?source"""
    return {s for c in g.objects(node, CG.citation) for s in g.objects(c, CG.source)}


# ---------------------------------------------------------------- stores and runner

@pytest.fixture(scope="module")
def stores():
    opened = {spec: api.open_store(spec, root=ROOT) for spec in ENGINES}
    yield opened
    for st in opened.values():
        st.close()


@pytest.fixture(params=ENGINES)
def run(request, stores):
    store = stores[request.param]

    def _run(name: str, params: dict | None = None):
        result = api.run_named_query(name, params, store=store, root=ROOT)
        assert result.kind == "select"
        return result
    return _run


def assert_same(result, derived, columns=None):
    """The query's rows (restricted to ``columns`` if given) equal the derived rows as multisets."""
    if columns:
        idx = [result.variables.index(c) for c in columns]
        got = [tuple(row[i] for i in idx) for row in result.rows]
    else:
        got = list(result.rows)
    got_bag, want_bag = bag(got), bag(derived)
    missing = want_bag - got_bag
    extra = got_bag - want_bag
    assert not missing and not extra, (
        f"rows the query lacks: {sorted(map(str, missing.elements()))}\n"
        f"rows the query has in excess: {sorted(map(str, extra.elements()))}")



#: the namespace of each resource parameter's values (parameters are named like their prefix)
NAMESPACES = {"mechanism": MECH, "person": PERSON, "entry": ENTRY}


def assert_resource_parameter(g, run, query, param, value, default, derive, columns):
    """A query with one resource parameter: unbound (``value`` None) it answers for ``default``,
    bound it answers for ``value``; either way with the rows ``derive(g, iri)`` finds (some)."""
    derived = derive(g, NAMESPACES[param][value or default])
    assert derived
    params = None if value is None else {param: f"{param}:{value}"}
    assert_same(run(query, params), derived, columns)

# ---------------------------------------------------------------- single-source-claims

def derive_single_source_claims(g):
    rows = []
    for e in entries(g):
        items = set(g.objects(e, CG.evidence))
        sources = sources_of(g, e) | {s for i in items for s in sources_of(g, i)}
        self_reported = {i for i in items
                         if any(isinstance(f, Literal) and f.toPython() is True
                                for f in g.objects(i, CG.selfReported))}
        n, ev, sr = len(sources), len(items), len(self_reported)
        if not (n == 1 or (n > 1 and ev > 0 and sr == ev)):
            continue
        for label in g.objects(e, RDFS.label):
            for claim in g.objects(e, CG.claim):
                for text in g.objects(claim, SCHEMA.text):
                    rows.append((e, label, text, n, ev, sr))
    return rows


def test_single_source_claims(project_graph, run):
    derived = derive_single_source_claims(project_graph)
    # both clauses of the header are exercised: one source only, and several sources with every
    # evidence item self-reported
    assert any(r[3] == 1 for r in derived)
    assert any(r[3] > 1 and r[4] > 0 and r[5] == r[4] for r in derived)
    assert_same(run("single-source-claims"), derived,
                ["entry", "label", "claimText", "sources", "evidence", "selfReported"])


SMALL_SOURCES_GRAPH = """
@base <https://w3id.org/claimgraph/id/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<source/s1> a schema:CreativeWork . <source/s2> a schema:CreativeWork .
<c/s1> cg:source <source/s1> . <c/s2> cg:source <source/s2> .

# only source via its evidence item: one source
<entry/a> a cg:Entry ; rdfs:label "A" ; cg:claim <entry/a/claim> ; cg:evidence <result/a1> .
<result/a1> a cg:ResearchResult ; cg:citation <c/s1> .
# one own source, another on a (not self-reported) evidence item: two sources, left out
<entry/b> a cg:Entry ; rdfs:label "B" ; cg:claim <entry/b/claim> ; cg:citation <c/s1> ; cg:evidence <result/b1> .
<result/b1> a cg:ResearchResult ; cg:citation <c/s2> ; cg:selfReported false .
# two sources, every evidence item self-reported
<entry/c> a cg:Entry ; rdfs:label "C" ; cg:claim <entry/c/claim> ; cg:citation <c/s1>, <c/s2> ;
    cg:evidence <result/c1>, <result/c2> .
<result/c1> a cg:ResearchResult ; cg:selfReported true .
<result/c2> a cg:Incident ; cg:selfReported true ; cg:citation <c/s1> .
# two sources, only some evidence self-reported: left out
<entry/d> a cg:Entry ; rdfs:label "D" ; cg:claim <entry/d/claim> ; cg:citation <c/s1>, <c/s2> ;
    cg:evidence <result/d1>, <result/d2> .
<result/d1> a cg:ResearchResult ; cg:selfReported true .
<result/d2> a cg:ResearchResult ; cg:selfReported false .
# two sources, no evidence: left out
<entry/e> a cg:Entry ; rdfs:label "E" ; cg:claim <entry/e/claim> ; cg:citation <c/s1>, <c/s2> .
# the same source on the entry and on its evidence item: one source
<entry/f> a cg:Entry ; rdfs:label "F" ; cg:claim <entry/f/claim> ; cg:citation <c/s1> ; cg:evidence <result/f1> .
<result/f1> a cg:ResearchResult ; cg:citation <c/s1> .
# no source at all: left out
<entry/g> a cg:Entry ; rdfs:label "G" ; cg:claim <entry/g/claim> .

<entry/a/claim> schema:text "a" . <entry/b/claim> schema:text "b" . <entry/c/claim> schema:text "c" .
<entry/d/claim> schema:text "d" . <entry/e/claim> schema:text "e" . <entry/f/claim> schema:text "f" .
<entry/g/claim> schema:text "g" .
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_single_source_claims_on_a_small_graph(tmp_path, engine):
    """Every clause of the header on a hand-made graph (the bundled data never has an evidence
    item contributing a source the entry does not cite itself)."""
    data = tmp_path / "small.ttl"
    data.write_text(SMALL_SOURCES_GRAPH, encoding="utf-8")
    derived = derive_single_source_claims(api.load([data], root=ROOT))
    assert {(str(r[0]).rsplit("/", 1)[-1], r[3], r[4], r[5]) for r in derived} == {
        ("a", 1, 1, 0), ("c", 2, 2, 2), ("f", 1, 1, 0)}
    store = api.open_store(engine, [data], root=ROOT)
    try:
        result = api.run_named_query("single-source-claims", None, store=store, root=ROOT)
    finally:
        store.close()
    assert_same(result, derived, ["entry", "label", "claimText", "sources", "evidence", "selfReported"])


# ---------------------------------------------------------------- mechanism-counts

def derive_mechanism_counts(g):
    rows = []
    es = entries(g)
    for m in set(g.subjects(SKOS.inScheme, MECHANISM_SCHEME)):
        about = {e for e in es for named in g.objects(e, CG.mechanism) if m in broader_star(g, named)}
        direct = {e for e in es if (e, CG.mechanism, m) in g}
        for label in g.objects(m, SKOS.prefLabel):
            rows.append((m, label, len(about), len(direct)))
    return rows


def test_mechanism_counts(project_graph, run):
    derived = derive_mechanism_counts(project_graph)
    assert len(derived) >= 20
    # the hierarchy matters: some mechanism counts more entries than name it directly
    assert any(r[2] > r[3] for r in derived)
    assert any(r[3] > 0 for r in derived)
    assert_same(run("mechanism-counts"), derived, ["mechanism", "label", "entries", "directEntries"])


# ---------------------------------------------------------------- entries-by-mechanism

def derive_entries_by_mechanism(g, mechanism):
    rows = []
    for e in entries(g):
        for named in g.objects(e, CG.mechanism):
            if mechanism not in broader_star(g, named):
                continue
            for label in g.objects(e, RDFS.label):
                for etype in g.objects(e, CG.entryType):
                    for conf in g.objects(e, CG.confidence):
                        rows.append((e, label, named, etype, conf))
    return rows


@pytest.mark.parametrize("mechanism", [None, "deception", "instrumental-convergence", "reward-hacking"])
def test_entries_by_mechanism(project_graph, run, mechanism):
    assert_resource_parameter(project_graph, run, "entries-by-mechanism", "mechanism", mechanism,
                              "specification-gaming", derive_entries_by_mechanism,
                              ["entry", "label", "named", "type", "confidence"])


def test_entries_by_mechanism_reaches_narrower_mechanisms(project_graph):
    """The walk itself goes down the hierarchy (otherwise the comparison above proves little)."""
    derived = derive_entries_by_mechanism(project_graph, MECH["specification-gaming"])
    assert {r[2] for r in derived} - {MECH["specification-gaming"]}


# ---------------------------------------------------------------- most-cited-sources

def derive_most_cited_sources(g, minimum=1):
    listed = defaultdict(set)
    for e in entries(g):
        for c in g.objects(e, CG.citation):
            for s in g.objects(c, CG.source):
                listed[s].add(e)
    rows = []
    for s, by in listed.items():
        if len(by) < minimum:
            continue
        uses = len(set(g.subjects(CG.source, s)))
        types = [t for t in g.objects(s, RDF.type) if t != SCHEMA.CreativeWork] or [None]
        for title in g.objects(s, DCTERMS.title):
            for t in types:
                rows.append((s, title, t, len(by), uses))
    rows.sort(key=lambda r: (-r[3], -r[4], str(r[0]), "" if r[2] is None else str(r[2])))
    return rows[:100]


@pytest.mark.parametrize("minimum", [None, 2])
def test_most_cited_sources(project_graph, run, minimum):
    derived = derive_most_cited_sources(project_graph, minimum or 1)
    assert derived
    assert any(r[4] > r[3] for r in derived)  # some source is also cited outside entry citations
    params = None if minimum is None else {"minimum": str(minimum)}
    assert_same(run("most-cited-sources", params), derived, ["source", "title", "type", "entries", "citations"])


# ---------------------------------------------------------------- researchers

def derive_researchers(g):
    cited = defaultdict(set)
    for e in entries(g):
        for c in g.objects(e, CG.citation):
            for work in g.objects(c, CG.source):
                for person in g.objects(work, SCHEMA.author):
                    cited[person].add(e)
    raised = defaultdict(set)
    for ca in g.subjects(RDF.type, CG.Counterargument):
        for person in g.objects(ca, PROV.wasAttributedTo):
            raised[person].add(ca)
    holds = defaultdict(set)
    for k in g.subjects(RDF.type, CG.CandidateMechanism):
        for person in g.objects(k, PROV.wasAttributedTo):
            holds[person].add(k)
    rows = []
    for person in set(cited) | set(raised) | set(holds):
        if not is_a(g, person, SCHEMA.Person):
            continue
        for name in g.objects(person, SCHEMA.name):
            rows.append((person, name, len(cited[person]), len(raised[person]), len(holds[person])))
    rows.sort(key=lambda r: (-r[2], -r[3], -r[4], str(r[1]), str(r[0])))
    return rows[:100]


def test_researchers(project_graph, run):
    derived = derive_researchers(project_graph)
    assert len(derived) > 10
    assert any(r[3] for r in derived) and any(r[4] for r in derived)
    assert_same(run("researchers"), derived, ["person", "name", "entries", "counterarguments", "candidates"])


# ---------------------------------------------------------------- researcher-entries

def citations_reached(g, e) -> set:
    """Citations an entry reaches: its own, its evidence items', its counterarguments', their
    responses', its contested interpretation's candidates', its escalation findings'."""
    holders = {e}
    holders |= set(g.objects(e, CG.evidence))
    for ca in g.objects(e, CG.counterargument):
        holders.add(ca)
        holders |= set(g.subjects(CG.attacks, ca))
    for i in g.objects(e, CG.interpretation):
        holders |= set(g.objects(i, CG.candidate))
    holders |= set(g.objects(e, CG.escalationPath))
    return {c for h in holders for c in g.objects(h, CG.citation)}


def derive_researcher_entries(g, person):
    vias = defaultdict(set)  # (entry, role) -> vias
    works = set(g.subjects(SCHEMA.author, person))
    for e in entries(g):
        for c in citations_reached(g, e):
            if works & set(g.objects(c, CG.source)):
                vias[(e, "author of a cited source")].add(c)
    for e, ca in g.subject_objects(CG.counterargument):
        if (ca, PROV.wasAttributedTo, person) in g:
            vias[(e, "raised a counterargument")].add(ca)
    for e, i in g.subject_objects(CG.interpretation):
        for k in g.objects(i, CG.candidate):
            if (k, PROV.wasAttributedTo, person) in g:
                vias[(e, "holds a candidate mechanism")].add(k)
    rows = []
    for (e, role), via in vias.items():
        for name in g.objects(person, SCHEMA.name):
            for label in g.objects(e, RDFS.label):
                rows.append((person, name, e, label, role, len(via)))
    return rows


@pytest.mark.parametrize("person", [None, "evan-hubinger", "victoria-krakovna", "jeffrey-ladish"])
def test_researcher_entries(project_graph, run, person):
    assert_resource_parameter(project_graph, run, "researcher-entries", "person", person, "alex-turner",
                              derive_researcher_entries, ["person", "name", "entry", "label", "role", "times"])


def test_researcher_entries_default_person_uses_every_role(project_graph):
    roles = {r[4] for r in derive_researcher_entries(project_graph, PERSON["alex-turner"])}
    assert roles == {"author of a cited source", "raised a counterargument", "holds a candidate mechanism"}


# ---------------------------------------------------------------- escalation-chains

def derive_escalation_chains(g, mechanism):
    def leads_on(node):  # node cg:escalatesTo+ mechanism
        return any(mechanism in set(g.transitive_objects(o, CG.escalatesTo)) for o in g.objects(node, CG.escalatesTo))
    rows = []
    for finding in g.subjects(RDF.type, CG.Escalation):
        for start in g.objects(finding, CG.fromMechanism):
            for nxt in g.objects(finding, CG.toMechanism):
                if (start, CG.escalatesTo, nxt) not in g:
                    continue
                if not (nxt == mechanism or leads_on(nxt)):
                    continue
                for sl in g.objects(start, SKOS.prefLabel):
                    for nl in g.objects(nxt, SKOS.prefLabel):
                        for src in sorted(sources_of(g, finding)) or [None]:
                            rows.append((start, sl, nxt, nl, mechanism, finding, src))
    return rows


@pytest.mark.parametrize("mechanism", [None, "alignment-faking", "obfuscation", "reward-tampering"])
def test_escalation_chains(project_graph, run, mechanism):
    assert_resource_parameter(project_graph, run, "escalation-chains", "mechanism", mechanism, "sabotage",
                              derive_escalation_chains,
                              ["start", "startLabel", "next", "nextLabel", "mechanism", "finding", "source"])


@pytest.fixture(scope="module")
def fixture_graph():
    """The query test fixture (tests/fixtures/query/data), which has a three-step chain
    specification gaming -> reward hacking -> alignment faking -> sabotage; the bundled data has
    only one-step chains."""
    return api.load([FIXTURE_DATA], root=ROOT)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("mechanism", ["sabotage", "alignment-faking", "deception"])
def test_escalation_chains_of_several_steps(fixture_graph, fixture_stores, queries, engine, mechanism):
    from claimgraph.query import run_query
    iri = MECH[mechanism]
    derived = derive_escalation_chains(fixture_graph, iri)
    assert derived
    if mechanism == "sabotage":
        assert len({r[0] for r in derived}) == 3
        assert any(r[2] != iri for r in derived)  # a step that is not the chain's last
    result = run_query(fixture_stores[engine], queries["escalation-chains"], {"mechanism": f"mechanism:{mechanism}"})
    assert_same(result, derived, ["start", "startLabel", "next", "nextLabel", "mechanism", "finding", "source"])


@pytest.mark.parametrize("mechanism", ["reward-hacking", "deception"])
def test_escalation_chains_empty_where_nothing_leads(project_graph, run, mechanism):
    """No finding leads to these: the walk and the query both give nothing."""
    assert derive_escalation_chains(project_graph, MECH[mechanism]) == []
    assert run("escalation-chains", {"mechanism": f"mechanism:{mechanism}"}).rows == []


# ---------------------------------------------------------------- entries-by-status

def capability_entries(g) -> set:
    return {e for e in entries(g) if (e, CG.entryType, ETYPE.capability) in g}


def derive_entries_by_status(g, status=None, confidence=None):
    """Capability entries (the header's reading) with their evidence status; the query itself
    selects every entry with a cg:evidenceStatus, which only capability entries have."""
    rows = []
    for e in capability_entries(g):
        for label in g.objects(e, RDFS.label):
            for st in g.objects(e, CG.evidenceStatus):
                if status is not None and st != status:
                    continue
                for conf in g.objects(e, CG.confidence):
                    if confidence is not None and conf != confidence:
                        continue
                    for stated in opt(g, e, CG.statedConfidence):
                        rows.append((e, label, st, conf, stated))
    return rows


@pytest.mark.parametrize("params,status,confidence", [
    (None, EVST["demonstrated-lab"], None),
    ({"status": "unbound"}, None, None),
    ({"status": "unbound", "confidence": "conf:moderate"}, None, CONF["moderate"]),
    ({"status": "evst:demonstrated-real-world", "confidence": "conf:high-confidence"},
     EVST["demonstrated-real-world"], CONF["high-confidence"]),
], ids=["default", "every-status", "every-status-moderate", "real-world-high"])
def test_entries_by_status(project_graph, run, params, status, confidence):
    derived = derive_entries_by_status(project_graph, status, confidence)
    assert derived
    if status is None and confidence is None:
        assert {r[0] for r in derived} == capability_entries(project_graph)
        assert len({r[2] for r in derived}) > 1  # several statuses
        assert any(r[4] is not None for r in derived)  # the stated confidence is reported
    assert_same(run("entries-by-status", params), derived, ["entry", "label", "status", "confidence", "statedConfidence"])


# ---------------------------------------------------------------- entry-sources

def derive_entry_sources(g, entry):
    rows = []
    for c in g.objects(entry, CG.citation):
        for s in g.objects(c, CG.source):
            for finding in g.objects(c, SCHEMA.description):
                for locator in opt(g, c, CG.locator):
                    for title in g.objects(s, DCTERMS.title):
                        for t in g.objects(s, RDF.type):
                            for d in opt(g, s, DCTERMS.date):
                                for arxiv in opt(g, s, CG.arxivId):
                                    rows.append((c, s, title, t, d, arxiv, locator, finding))
    return rows


@pytest.mark.parametrize("entry", [None, "sycophancy", "rome-crypto-mining", "california-sb-53-no-testing-mandate"])
def test_entry_sources(project_graph, run, entry):
    assert_resource_parameter(project_graph, run, "entry-sources", "entry", entry, "unintended-subgoals",
                              derive_entry_sources,
                              ["citation", "source", "title", "type", "date", "arxivId", "locator", "finding"])


def test_entry_sources_walk_sees_optional_parts(project_graph):
    derived = derive_entry_sources(project_graph, ENTRY["unintended-subgoals"])
    assert any(r[6] is None for r in derived) and any(r[6] is not None for r in derived)  # locator
    assert any(r[5] is not None for r in derived)  # arXiv id


# ---------------------------------------------------------------- incidents-by-organisation-year

def derive_incidents_by_organisation_year(g):
    incidents = defaultdict(set)
    for i in g.subjects(RDF.type, CG.Incident):
        orgs = {o for sys in g.objects(i, CG.aiSystem) for o in g.objects(sys, SCHEMA.creator)}
        orgs |= set(g.objects(i, CG.deployer))
        years = [str(d)[:4] for d in g.objects(i, DCTERMS.date)] or ["unknown"]
        for o in orgs:
            for name in g.objects(o, SCHEMA.name):
                for y in years:
                    incidents[(o, name, y)].add(i)
    return [(o, name, y, len(v)) for (o, name, y), v in incidents.items()]


def test_incidents_by_organisation_year(project_graph, run):
    derived = derive_incidents_by_organisation_year(project_graph)
    assert len(derived) >= 3
    assert_same(run("incidents-by-organisation-year"), derived, ["organisation", "name", "year", "incidents"])


# ---------------------------------------------------------------- evidence-setting-by-mechanism

def derive_evidence_setting_by_mechanism(g):
    triples = set()
    for item, setting in g.subject_objects(CG.setting):
        mechanisms = set(g.objects(item, CG.mechanism))
        for e in g.subjects(CG.evidence, item):
            mechanisms |= set(g.objects(e, CG.mechanism))
        triples |= {(m, item, setting) for m in mechanisms}
    counts = defaultdict(Counter)
    for m, _item, setting in triples:
        counts[m][setting] += 1
    rows = []
    for m, c in counts.items():
        for label in g.objects(m, SKOS.prefLabel):
            rows.append((m, label, c[SETTING["real-world"]], c[SETTING["lab"]], c[SETTING["theory"]]))
    return rows


def test_evidence_setting_by_mechanism(project_graph, run):
    derived = derive_evidence_setting_by_mechanism(project_graph)
    assert len(derived) >= 10
    assert any(r[2] for r in derived) and any(r[3] for r in derived) and any(r[4] for r in derived)
    assert_same(run("evidence-setting-by-mechanism"), derived, ["mechanism", "label", "realWorld", "lab", "theory"])


# ---------------------------------------------------------------- verified-below-threshold

def academic_sources(g, e) -> set:
    found = set()
    for c in g.objects(e, CG.citation):
        if not (any(g.objects(c, CG.locator)) and any(g.objects(c, SCHEMA.description))):
            continue
        for s in g.objects(c, CG.source):
            if is_a(g, s, CG.PeerReviewedArticle) or (
                    is_a(g, s, CG.Preprint) and any(g.objects(s, SCHEMA.sourceOrganization))):
                found.add(s)
    return found


def derive_verified_below_threshold(g, threshold=3):
    rows = []
    verified = CONF["verified"]
    for e in entries(g):
        if (e, CG.confidence, verified) not in g and (e, CG.statedConfidence, verified) not in g:
            continue
        n = len(academic_sources(g, e))
        if n >= threshold:
            continue
        for label in g.objects(e, RDFS.label):
            for conf in g.objects(e, CG.confidence):
                for stated in opt(g, e, CG.statedConfidence):
                    rows.append((e, label, conf, stated, n))
    return rows


def test_verified_below_threshold(project_graph, run):
    derived = derive_verified_below_threshold(project_graph)
    assert derived
    assert_same(run("verified-below-threshold"), derived,
                ["entry", "label", "confidence", "statedConfidence", "academicSources"])


def test_verified_below_threshold_counts_academic_sources(project_graph):
    """The walk's academic-source count is not trivially zero: some entry has academic sources."""
    assert any(academic_sources(project_graph, e) for e in entries(project_graph))


# ---------------------------------------------------------------- contested-mechanisms

def instances_of(g, node, cls) -> bool:
    """node a/rdfs:subClassOf* cls"""
    return any(cls in set(g.transitive_objects(t, RDFS.subClassOf)) for t in g.objects(node, RDF.type))


def derive_contested_mechanisms(g, kind):
    rows = []
    for e, interp in g.subject_objects(CG.interpretation):
        for ev in g.objects(interp, CG.interprets):
            if not instances_of(g, ev, kind):
                continue
            for k in g.objects(interp, CG.candidate):
                for m in g.objects(k, CG.mechanism):
                    for ml in g.objects(m, SKOS.prefLabel):
                        holders = [(h, n) for h in g.objects(k, PROV.wasAttributedTo)
                                   for n in opt(g, h, SCHEMA.name)] or [(None, None)]
                        for h, hn in holders:
                            for held in opt(g, k, CG.heldBy):
                                for regardless in opt(g, interp, CG.consequenceHoldsRegardless):
                                    rows.append((e, ev, interp, k, m, ml, h, hn, held, regardless))
    return rows


CONTESTED_COLUMNS = ["entry", "evidence", "interpretation", "candidate", "mechanism", "mechanismLabel",
                     "holder", "holderName", "heldBy", "holdsRegardless"]


def test_contested_mechanisms_default_incidents(project_graph, run):
    derived = derive_contested_mechanisms(project_graph, CG.Incident)
    assert derived
    assert any(r[8] is not None for r in derived) and any(r[8] is None for r in derived)  # cg:heldBy optional
    assert_same(run("contested-mechanisms"), derived, CONTESTED_COLUMNS)


@pytest.mark.parametrize("kind", ["cg:ResearchResult", "cg:Evidence"])
def test_contested_mechanisms_other_kinds(project_graph, run, kind):
    """The header: "cg:Incident, cg:ResearchResult, or cg:Evidence for both". Evidence items are
    typed with the subclass only (cg:Incident rdfs:subClassOf cg:Evidence in the ontology), so
    "for both" means membership through rdfs:subClassOf*."""
    cls = CG[kind.split(":", 1)[1]]
    derived = derive_contested_mechanisms(project_graph, cls)
    if cls == CG.Evidence:
        # every contested item is an incident or a research result, so cg:Evidence covers them all
        assert derived
        assert bag(derived) == bag(derive_contested_mechanisms(project_graph, CG.Incident)) + \
            bag(derive_contested_mechanisms(project_graph, CG.ResearchResult))
    assert_same(run("contested-mechanisms", {"kind": kind}), derived, CONTESTED_COLUMNS)


# ---------------------------------------------------------------- stale-entries

def derive_stale_entries(g, today: date, days: int):
    cutoff = today - timedelta(days=days)
    rows = []
    for e in entries(g):
        for label in g.objects(e, RDFS.label):
            for verified in g.objects(e, CG.dateVerified):
                if not verified.toPython() < cutoff:
                    continue
                for conf in g.objects(e, CG.confidence):
                    for status in opt(g, e, CG.evidenceStatus):
                        rows.append((e, label, verified, conf, status))
    return rows


@pytest.mark.parametrize("today,days,expect_rows", [
    ("2026-11-29", None, False),   # the default 365 days: nothing stale
    ("2026-11-29", 100, True),     # only the entry verified 2026-03-17
    ("2026-11-29", 0, True),
    ("2026-11-30", 0, True),       # every entry: all verified before the cutoff
    ("2027-03-18", 365, True),     # the 2026-03-17 entry is just over a year old
    ("2027-03-17", 365, False),    # ... and exactly a year old is not stale
    ("2028-01-01", 365, True),
])
def test_stale_entries(project_graph, run, today, days, expect_rows):
    derived = derive_stale_entries(project_graph, date.fromisoformat(today), 365 if days is None else days)
    assert bool(derived) == expect_rows
    if today == "2026-11-30":
        assert {r[0] for r in derived} == entries(project_graph)
    params = {"today": today} if days is None else {"today": today, "days": str(days)}
    result = run("stale-entries", params)
    assert_same(result, derived, ["entry", "label", "dateVerified", "confidence", "status"])
    # oldest first
    dates = [row[result.variables.index("dateVerified")].toPython() for row in result.rows]
    assert dates == sorted(dates)


# ---------------------------------------------------------------- the same walks on the query fixture
# The small fixture (tests/fixtures/query/data) has cases the bundled data lacks (e.g. a
# three-step escalation chain), so the walks are also compared there, default parameters.

#: name -> (derivation on a graph, compared columns); default parameters
FIXTURE_CASES = {
    "single-source-claims": (derive_single_source_claims,
                             ["entry", "label", "claimText", "sources", "evidence", "selfReported"]),
    "mechanism-counts": (derive_mechanism_counts, ["mechanism", "label", "entries", "directEntries"]),
    "entries-by-mechanism": (lambda g: derive_entries_by_mechanism(g, MECH["specification-gaming"]),
                             ["entry", "label", "named", "type", "confidence"]),
    "most-cited-sources": (derive_most_cited_sources, ["source", "title", "type", "entries", "citations"]),
    "researchers": (derive_researchers, ["person", "name", "entries", "counterarguments", "candidates"]),
    "entries-by-status": (lambda g: derive_entries_by_status(g, EVST["demonstrated-lab"]),
                          ["entry", "label", "status", "confidence", "statedConfidence"]),
    "incidents-by-organisation-year": (derive_incidents_by_organisation_year,
                                       ["organisation", "name", "year", "incidents"]),
    "evidence-setting-by-mechanism": (derive_evidence_setting_by_mechanism,
                                      ["mechanism", "label", "realWorld", "lab", "theory"]),
    "verified-below-threshold": (derive_verified_below_threshold,
                                 ["entry", "label", "confidence", "statedConfidence", "academicSources"]),
    "contested-mechanisms": (lambda g: derive_contested_mechanisms(g, CG.Incident), CONTESTED_COLUMNS),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_fixture_data_agrees(fixture_graph, fixture_stores, queries, engine, name):
    from claimgraph.query import run_query
    derive, columns = FIXTURE_CASES[name]
    derived = derive(fixture_graph)
    assert derived
    result = run_query(fixture_stores[engine], queries[name], {})
    assert_same(result, derived, columns)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("person", ["fx-ada", "fx-bo", "fx-cy"])
def test_fixture_researcher_entries(fixture_graph, fixture_stores, queries, engine, person):
    from claimgraph.query import run_query
    derived = derive_researcher_entries(fixture_graph, PERSON[person])
    assert derived
    result = run_query(fixture_stores[engine], queries["researcher-entries"], {"person": f"person:{person}"})
    assert_same(result, derived, ["person", "name", "entry", "label", "role", "times"])

"""Every named query in queries/ on the bundled data: concrete expected rows, parameter
binding safety (injection attempts stay literals or are refused), CLI errors and result formats.

Expected values were read off data/ (26 entries under data/entries/) and cross-checked by hand:
e.g. only entries/unintended-subgoals.ttl has cg:dateVerified 2026-03-17 (all others 2026-11-29),
and that entry cites exactly four sources (two on the entry, one on counterargument/1, one on its
response)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import InputError, QueryError
from claimgraph.query import load_queries, serialize_result

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
ID = "https://w3id.org/claimgraph/"

EXPECTED_NAMES = [
    "argument-status", "capability-without-counterargument", "contested-mechanisms",
    "counterarguments", "entries-by-mechanism", "entries-by-status", "entry-graph",
    "entry-sources", "escalation-chains", "evidence-elicitation", "evidence-setting-by-mechanism",
    "incidents-by-organisation-year", "mechanism-counts", "most-cited-sources", "researcher-entries", "researchers",
    "single-source-claims", "stale-entries", "unanswered-counterarguments",
    "verified-below-threshold",
]

#: parameters used for the run (default otherwise)
PARAMS = {"stale-entries": {"today": "2026-11-29"}}

MECHANISMS = {
    "agentic-misalignment", "alignment-faking", "constraint-circumvention", "deception",
    "deceptive-alignment", "environment-tampering", "false-reporting", "goal-misgeneralisation",
    "instrumental-convergence", "manipulation", "misaligned-persona", "obfuscation",
    "oversight-subversion", "power-seeking", "resource-acquisition", "reward-hacking",
    "reward-tampering", "sabotage", "sandbagging", "scheming", "self-exfiltration",
    "self-preservation", "self-replication", "shutdown-resistance", "specification-gaming",
    "sycophancy", "unsafe-autonomy",
}

#: name -> (row count, set of local names of the first column)
EXPECTED = {
    # the argumentation analysis graph is not part of the bundled data
    "argument-status": (0, set()),
    # every capability entry has a counterargument
    "capability-without-counterargument": (0, set()),
    "contested-mechanisms": (4, {"rome-crypto-mining", "unintended-subgoals"}),
    "counterarguments": (23, {
        "agents-circumvent-operator-limits", "alignment-faking", "blackmail-under-threat-of-replacement",
        "chain-of-thought-obfuscation", "deceiving-humans-to-complete-tasks", "deceptive-backdoors-persist",
        "environment-tampering", "goal-misgeneralisation", "in-context-scheming",
        "optimal-policies-seek-power", "reward-hacking-generalises-to-misalignment",
        "reward-hacking-on-evaluations", "reward-tampering", "self-replication", "shutdown-resistance",
        "specification-gaming-in-rl", "sycophancy", "unintended-subgoals"}),
    "entries-by-mechanism": (13, {
        "agents-circumvent-operator-limits", "chain-of-thought-obfuscation", "environment-tampering",
        "independent-evaluation-organisations", "reward-hacking-generalises-to-misalignment",
        "reward-hacking-on-evaluations", "reward-tampering", "rome-crypto-mining",
        "specification-gaming-in-rl", "unintended-subgoals"}),
    "entries-by-status": (10, {
        "agents-circumvent-operator-limits", "alignment-faking", "chain-of-thought-obfuscation",
        "deceptive-backdoors-persist", "environment-tampering", "goal-misgeneralisation",
        "reward-hacking-generalises-to-misalignment", "reward-hacking-on-evaluations",
        "shutdown-resistance", "specification-gaming-in-rl"}),
    "entry-sources": (4, {"arxiv-2511.18397", "arxiv-2512.24873", "lesswrong-reward-is-not-the-optimization-target",
                          "turntrout-reward-hacking-doesnt-show-reward-is-optimization-target"}),
    "escalation-chains": (1, {"reward-hacking"}),
    "evidence-elicitation": (27, MECHANISMS),
    "evidence-setting-by-mechanism": (27, MECHANISMS),
    "incidents-by-organisation-year": (5, {"alibaba", "microsoft", "openai", "replit", "saastr"}),
    "mechanism-counts": (27, MECHANISMS),
    "most-cited-sources": (37, None),
    # default person: Alex Turner (the same seven rows the earlier researchers query listed for him)
    "researcher-entries": (7, {"alex-turner"}),
    "researchers": (25, {
        "aengus-lynch", "alex-turner", "alexander-bondarenko", "alexander-meinke", "amjad-masad",
        "bowen-baker", "carson-denison", "chris-lu", "david-krueger", "ethan-perez", "evan-hubinger",
        "jason-lemkin", "jeffrey-ladish", "jeremy-schlatter", "kevin-roose", "lauro-langosco",
        "marius-hobbhahn", "monte-macdiarmid", "mrinank-sharma", "ryan-greenblatt", "scott-wiener",
        "victoria-krakovna", "weixun-wang", "xiaoxiao-xu", "xudong-pan"}),
    "single-source-claims": (11, {
        "agents-circumvent-operator-limits", "california-sb-53-no-testing-mandate",
        "chain-of-thought-obfuscation", "deceiving-humans-to-complete-tasks", "goal-misgeneralisation",
        "in-context-scheming", "reward-tampering", "rome-crypto-mining", "self-replication",
        "shutdown-resistance", "unintended-subgoals"}),
    # every entry was verified 2026-11-29 or 2026-03-17: none older than 365 days
    "stale-entries": (0, set()),
    "unanswered-counterarguments": (5, {
        "blackmail-under-threat-of-replacement", "deceiving-humans-to-complete-tasks",
        "goal-misgeneralisation", "in-context-scheming", "self-replication"}),
    "verified-below-threshold": (1, {"unintended-subgoals"}),
}


def local(term) -> str | None:
    return None if term is None else str(term).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def rows(result) -> list[dict[str, str | None]]:
    return [{v: local(t) for v, t in zip(result.variables, row)} for row in result.rows]


@pytest.fixture(scope="module")
def store():
    st = api.open_store("oxigraph", root=ROOT)
    yield st
    st.close()


@pytest.fixture(scope="module")
def results(store):
    return {name: api.run_named_query(name, PARAMS.get(name), store=store, root=ROOT) for name in QUERIES}


def test_query_set_is_the_expected_one():
    assert QUERIES == EXPECTED_NAMES
    assert sorted(load_queries(ROOT / "queries")) == EXPECTED_NAMES
    assert set(EXPECTED) | {"entry-graph"} == set(EXPECTED_NAMES)


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_rows(name, results):
    result = results[name]
    if name == "entry-graph":
        assert result.kind == "graph"
        subjects = {str(s) for s in result.graph.subjects()}
        assert f"{ID}id/entry/unintended-subgoals" in subjects
        assert all(s.startswith(f"{ID}id/") for s in subjects)
        assert len(result.graph) == 136
        return
    assert result.kind == "select"
    count, firsts = EXPECTED[name]
    assert len(result.rows) == count, rows(result)
    if firsts is not None:
        assert {local(r[0]) for r in result.rows} == firsts


def as_set(result, *columns):
    return {tuple(r[c] for c in columns) for r in rows(result)}


def test_specific_rows(results):
    r = results
    assert as_set(r["escalation-chains"], "start", "next", "finding", "source") == {
        ("reward-hacking", "sabotage", "reward-hacking-to-sabotage", "arxiv-2511.18397")}
    assert as_set(r["incidents-by-organisation-year"], "organisation", "year", "incidents") == {
        ("alibaba", "2025", "1"), ("microsoft", "2023", "1"), ("openai", "2025", "1"),
        ("replit", "2025", "1"), ("saastr", "2025", "1")}
    counts = {m: (int(e), int(d)) for m, e, d in as_set(r["mechanism-counts"], "mechanism", "entries", "directEntries")}
    assert counts["deception"] == (10, 1)
    assert counts["specification-gaming"] == (10, 5)
    assert counts["instrumental-convergence"] == (8, 3)
    assert counts["reward-hacking"] == (5, 4)
    assert as_set(r["verified-below-threshold"], "entry", "confidence", "statedConfidence", "academicSources") == {
        ("unintended-subgoals", "high-confidence", "verified", "1")}
    assert as_set(r["contested-mechanisms"], "entry", "mechanism", "holder") == {
        ("rome-crypto-mining", "instrumental-convergence", "alibaba"),
        ("rome-crypto-mining", "specification-gaming", "alex-turner"),
        ("unintended-subgoals", "instrumental-convergence", "alibaba"),
        ("unintended-subgoals", "specification-gaming", "alex-turner")}
    single = {e: (int(s), int(ev)) for e, s, ev in as_set(r["single-source-claims"], "entry", "sources", "evidence")}
    assert single["unintended-subgoals"] == (4, 1)
    assert single["california-sb-53-no-testing-mandate"] == (1, 0)
    setting = {m: (int(a), int(b), int(c)) for m, a, b, c in
               as_set(r["evidence-setting-by-mechanism"], "mechanism", "realWorld", "lab", "theory")}
    assert setting["instrumental-convergence"] == (1, 1, 1)
    assert setting["environment-tampering"] == (0, 5, 0)
    assert {e for e, s in as_set(r["entries-by-status"], "entry", "status")} and \
        {s for e, s in as_set(r["entries-by-status"], "entry", "status")} == {"demonstrated-lab"}
    col = r["most-cited-sources"].variables[3]
    cited = {s: int(n) for s, n in as_set(r["most-cited-sources"], "source", col)}
    assert cited["california-sb-53"] == 1
    assert cited["arxiv-2502.13295"] == 2


def test_researcher_rows(results):
    assert as_set(results["researcher-entries"], "entry", "role", "times") == {
        ("optimal-policies-seek-power", "author of a cited source", "6"),
        ("optimal-policies-seek-power", "raised a counterargument", "1"),
        ("rome-crypto-mining", "author of a cited source", "1"),
        ("rome-crypto-mining", "holds a candidate mechanism", "1"),
        ("unintended-subgoals", "author of a cited source", "6"),
        ("unintended-subgoals", "holds a candidate mechanism", "1"),
        ("unintended-subgoals", "raised a counterargument", "1")}
    people = {p: (int(e), int(c), int(k)) for p, e, c, k in
              as_set(results["researchers"], "person", "entries", "counterarguments", "candidates")}
    assert people["evan-hubinger"] == (6, 1, 0)
    assert people["alex-turner"] == (2, 2, 1)
    assert people["victoria-krakovna"] == (1, 0, 0)
    assert sum(e for e, _c, _k in people.values()) == 56


def test_stale_entries_with_a_shorter_window(store):
    # cutoff 2026-11-29 - 100 days = 2026-08-21: only the entry verified 2026-03-17
    res = api.run_named_query("stale-entries", {"today": "2026-11-29", "days": "100"}, store=store, root=ROOT)
    assert as_set(res, "entry", "dateVerified") == {("unintended-subgoals", "2026-03-17")}
    res = api.run_named_query("stale-entries", {"today": "2026-11-29", "days": "0"}, store=store, root=ROOT)
    assert len(res.rows) == 1  # the 25 entries verified on 2026-11-29 are not older than it


def test_parameters_change_the_answer(store):
    res = api.run_named_query("entry-sources", {"entry": "entry:sycophancy"}, store=store, root=ROOT)
    assert res.rows and "unintended-subgoals" not in {str(r[0]) for r in res.rows}
    res = api.run_named_query("counterarguments", {"entry": "entry:goal-misgeneralisation"}, store=store, root=ROOT)
    assert {local(r[0]) for r in res.rows} == {"goal-misgeneralisation"}


# ---------------------------------------------------------------- injection and errors

INJECTION = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'


@pytest.fixture(scope="module")
def memstore():
    st = api.open_store("memory", root=ROOT)
    yield st
    st.close()


def test_string_injection_stays_a_literal(tmp_path, memstore):
    q = tmp_path / "by-label.rq"
    q.write_text("# title: by label\n# param: label (string, default x) — a label\n"
                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 "SELECT ?e WHERE { ?e rdfs:label ?label }\n", encoding="utf-8")
    st = memstore
    before = len(st)
    res = api.run_named_query(str(q), {"label": INJECTION}, store=st, root=ROOT)
    assert res.rows == []
    assert len(st) == before
    # a real label still matches, so the parameter is bound
    res = api.run_named_query(str(q), {"label": "AI Systems Pursue Unintended Sub-Goals Autonomously"}, store=st, root=ROOT)
    assert [local(r[0]) for r in res.rows] == ["unintended-subgoals"]
    assert len(st) == before


@pytest.mark.parametrize("value", ['<x> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o', "<http://a/b> }> ;DROP ALL",
                                   'entry:x" } ; DROP ALL #'])
def test_iri_injection_is_refused(value, memstore):
    before = len(memstore)
    with pytest.raises(InputError, match="entry"):
        api.run_named_query("entry-sources", {"entry": value}, store=memstore, root=ROOT)
    assert len(memstore) == before


def test_iri_injection_cli_exit_2(capsys):
    assert main(["query", "entry-sources", "--param", "entry=<x> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o"]) == 2
    assert "entry" in capsys.readouterr().err


def test_unknown_param_exits_2_naming_it(capsys, memstore):
    with pytest.raises(QueryError, match="bogus"):
        api.run_named_query("entry-sources", {"bogus": "1"}, store=memstore, root=ROOT)
    assert main(["query", "entry-sources", "--param", "bogus=1"]) == 2
    assert "bogus" in capsys.readouterr().err


def test_syntax_error_reports_line_and_column(capsys):
    assert main(["query", "--sparql", "SELECT * WHERE { ?s ?p }"]) == 2
    err = capsys.readouterr().err.lower()
    assert "line" in err and ("column" in err or "col" in err), err


def test_queries_lists_every_query_with_description(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    for name, q in load_queries(ROOT / "queries").items():
        assert f"{name}: {q.title}" in out
        assert q.description and q.description in out
    assert main(["queries", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sorted(d["name"] for d in doc) == EXPECTED_NAMES
    assert all(d["description"] for d in doc)


# ---------------------------------------------------------------- formats

@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "srj", "srx"])
def test_select_formats_parse(fmt, results, capsys):
    payload, _ = serialize_result(results["unanswered-counterarguments"], fmt)
    out = payload.decode("utf-8") if isinstance(payload, bytes) else payload
    ids = {f"{ID}id/entry/self-replication/counterargument/1", f"{ID}id/entry/goal-misgeneralisation/counterargument/1"}
    if fmt in ("csv", "tsv"):
        reader = csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t")
        table = list(reader)
        assert table[0][:2] in (["entry", "counterargument"], ["?entry", "?counterargument"])
        assert len(table) == 6
        assert ids <= {c.strip("<>") for row in table[1:] for c in row}
    elif fmt in ("json", "srj"):
        doc = json.loads(out)
        if fmt == "srj" or isinstance(doc, dict):
            bindings = doc["results"]["bindings"]
            assert doc["head"]["vars"][:2] == ["entry", "counterargument"]
            assert len(bindings) == 5
            assert ids <= {b["counterargument"]["value"] for b in bindings}
        else:
            assert len(doc) == 5
    elif fmt == "srx":
        tree = ET.fromstring(out)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert len(tree.findall(f"{ns}results/{ns}result")) == 5
    else:
        assert "self-replication" in out and len(out.splitlines()) >= 6


@pytest.mark.parametrize("fmt,oxfmt", [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                       ("jsonld", ox.RdfFormat.JSON_LD)])
def test_construct_formats_parse(fmt, oxfmt, results):
    payload, _ = serialize_result(results["entry-graph"], fmt)
    out = payload.decode("utf-8") if isinstance(payload, bytes) else payload
    triples = list(ox.parse(out.encode("utf-8"), format=oxfmt))
    assert len(triples) == 136
    assert ox.NamedNode(f"{ID}id/entry/unintended-subgoals") in {t.subject for t in triples}


@pytest.mark.parametrize("name,fmt", [("unanswered-counterarguments", "csv"), ("entry-graph", "nt")])
def test_cli_format_output(name, fmt, results, capsys):
    """The CLI writes what serialize_result gives (the format tests above check each format)."""
    assert main(["query", name, "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        assert len(list(csv.reader(io.StringIO(out)))) == 6
    else:
        assert len(list(ox.parse(out.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))) == 136


# ---------------------------------------------------------------- independent checks (no SPARQL)

def test_independent_graph_walks_agree(project_graph, results):
    """Recompute some answers by walking the rdflib graph in Python, without SPARQL."""
    from datetime import date

    from rdflib import Namespace
    from rdflib.namespace import RDF
    cg = Namespace("https://w3id.org/claimgraph/ontology#")
    g = project_graph
    entries = set(g.subjects(RDF.type, cg.Entry))
    assert len(entries) == 26
    # unanswered counterarguments: no cg:Response attacks them
    unanswered = {(local(e), str(c)) for e in entries for c in g.objects(e, cg.counterargument)
                  if not any((r, RDF.type, cg.Response) in g for r in g.subjects(cg.attacks, c))}
    assert unanswered == {(local(r[0]), str(r[1])) for r in results["unanswered-counterarguments"].rows}
    assert {local(r[0]) for r in results["counterarguments"].rows} == \
        {local(e) for e in entries if any(g.objects(e, cg.counterargument))}
    # verification dates: only one entry is older than 2026-11-29
    dates = {local(e): g.value(e, cg.dateVerified).toPython() for e in entries}
    assert {e for e, d in dates.items() if d < date(2026, 11, 29)} == {"unintended-subgoals"}
    assert min(dates.values()) > date(2025, 11, 29)  # hence no stale entries at 365 days


def test_query_file_given_as_path_object(root, tmp_path):
    """api.run_named_query accepts a pathlib.Path to a .rq file, as its docstring says."""
    from claimgraph import api
    rq = tmp_path / "count.rq"
    rq.write_text("# title: Count entries\n# description: how many entries\n"
                  "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
                  "SELECT (COUNT(?e) AS ?n) WHERE { ?e a cg:Entry }\n")
    result = api.run_named_query(rq, root=root)
    assert int(result.rows[0][0]) == 26


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_with_analysis_the_cli_answers_argument_status_as_the_analysis_does(store, capsys):
    """`claimgraph query --with-analysis` loads the argument analysis into its named graph, as
    `claimgraph serve` does: argument-status then lists every analysed node with its status."""
    from rdflib.namespace import RDF

    from claimgraph.model.terms import CG
    analysis = api.analysis_graph()
    expected = sorted((str(analysis.value(a, CG.analyses)), str(status))
                      for a in analysis.subjects(RDF.type, CG.Analysis)
                      for status in analysis.objects(a, CG.groundedStatus))
    assert len(expected) > 20
    assert {status.rsplit("/", 1)[1] for _node, status in expected} >= {"accepted"}
    assert main(["query", "argument-status", "--with-analysis", "--store", store, "-f", "csv"]) == 0
    found = sorted((r["node"], r["status"]) for r in csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert found == expected
    assert main(["query", "argument-status", "--store", store, "-f", "csv"]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == 0  # not loaded by default


def test_with_analysis_is_refused_for_a_remote_store(capsys):
    assert main(["query", "argument-status", "--with-analysis", "--store", "http://127.0.0.1:9/sparql"]) == 2
    assert "--with-analysis" in capsys.readouterr().err

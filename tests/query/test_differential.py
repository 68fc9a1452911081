"""Differential testing: every named query must give the same answer on rdflib's memory store
(the reference) and on embedded Oxigraph (the default), on the bundled data, on the query
fixture (with and without the non-conforming draft), and on generated data
(benchmarks/generate.py), with default and with explicit parameters.

Answers are compared term by term (claimgraph.query.compare.canonical): row order and blank-node
labels do not matter, an explicit xsd:string equals a plain literal; everything else (datatypes,
lexical forms, language tags, multiplicities) must match. Known disagreements between the two
engines, which the named queries avoid, are pinned in test_engine_disagreements.py and listed
in queries/README.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph import api
from claimgraph.query import load_queries, run_query
from claimgraph.query.compare import canonical, differences

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "query"
QUERIES = sorted(load_queries(ROOT / "queries"))

#: parameter sets per query (the defaults always run too)
PARAMS: dict[str, list[dict[str, str]]] = {
    "stale-entries": [{"today": "2026-11-29"}, {"today": "2026-03-01", "days": "30"}],
    "entries-by-status": [{"status": "unbound"}, {"confidence": "conf:verified", "status": "unbound"}],
    "contested-mechanisms": [{"kind": "cg:ResearchResult"}],
    "counterarguments": [{"entry": "entry:fx-capability-lab"}, {"entry": "entry:synthetic-0000000"}],
    "escalation-chains": [{"mechanism": "mechanism:alignment-faking"}, {"mechanism": "mechanism:deception"}],
    "researcher-entries": [{"person": "person:fx-ada"}, {"person": "person:synthetic-person-000005"}],
    "most-cited-sources": [{"minimum": "2"}],
    "entries-by-mechanism": [{"mechanism": "mechanism:deception"}],
    "evidence-elicitation": [{"setting": "setting:real-world"}],
    "entry-sources": [{"entry": "entry:fx-capability-claimed"}, {"entry": "entry:synthetic-0000000"}],
    "entry-graph": [{"entry": "entry:fx-capability-lab"}, {"entry": "entry:synthetic-0000008"}],
    "argument-status": [{"status": "argst:accepted"}],
}
CASES = [(name, params) for name in QUERIES for params in [{}, *PARAMS.get(name, [])]]


def case_id(case) -> str:
    name, params = case
    return name + "".join(f"[{k}={v}]" for k, v in params.items())


def stores_for(paths, root=ROOT):
    return {spec: api.open_store(spec, paths, root=root) for spec in ("memory", "oxigraph")}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    generated = tmp_path_factory.mktemp("generated") / "data"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entries", "60",
                    "--out", str(generated), "--seed", "7"], check=True, capture_output=True, timeout=300)
    sets = {
        "bundled": stores_for(None),
        "fixture": stores_for([FIXTURE / "data"]),
        "draft": stores_for([FIXTURE / "data", FIXTURE / "draft"]),
        "generated": stores_for([generated]),
    }
    for stores in sets.values():
        assert len(stores["memory"]) == len(stores["oxigraph"]) > 700
    yield sets
    for stores in sets.values():
        for s in stores.values():
            s.close()


@pytest.mark.parametrize("dataset", ["bundled", "fixture", "draft", "generated"])
@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_engines_agree(case, dataset, datasets):
    name, params = case
    query = load_queries(ROOT / "queries")[name]
    stores = datasets[dataset]
    reference = run_query(stores["memory"], query, params)
    default = run_query(stores["oxigraph"], query, params)
    assert not differences(reference, default), differences(reference, default)


def test_the_comparison_means_something(datasets):
    """Most queries return rows on each data set, so agreeing is not agreeing on nothing. (Empty
    by design on valid data: capability-without-counterargument; argument-status without the
    analysis graph; stale-entries when everything was verified recently.)"""
    queries = load_queries(ROOT / "queries")
    for dataset in ("bundled", "fixture", "generated"):
        store = datasets[dataset]["memory"]
        nonempty = {name for name, params in CASES if canonical(run_query(store, queries[name], params))[-1]}
        assert len(nonempty) >= len(QUERIES) - 4, (dataset, sorted(set(QUERIES) - nonempty))

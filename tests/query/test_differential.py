"""Differential testing: every named query must give the same answer on the rdflib memory store
and on embedded Oxigraph, on the bundled data and on generated data (benchmarks/generate.py).

Normalisation: rows compared as multisets; blank nodes by position only; literals by lexical form
and datatype (a plain literal equals xsd:string); numeric literals (integer, decimal, double...)
by numeric value, since engines may type aggregates differently. See queries/README.md,
"Engine differences"."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from claimgraph import api
from claimgraph.query import load_queries

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted(load_queries(ROOT / "queries"))
PARAMS = {"stale-entries": {"today": "2026-11-29"}}
NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                                 "byte", "nonNegativeInteger", "positiveInteger", "unsignedInt")}


def norm_term(t):
    if t is None:
        return None
    if isinstance(t, URIRef):
        return ("iri", str(t))
    if isinstance(t, BNode):
        return ("bnode",)
    if isinstance(t, Literal):
        if t.language:
            return ("lang", str(t), t.language.lower())
        dt = str(t.datatype) if t.datatype is not None else str(XSD.string)
        if dt in NUMERIC:
            return ("number", Decimal(str(t)).normalize())
        return ("literal", str(t), dt)
    return ("other", str(t))


def normalise(result):
    """Engine-neutral form of a query result (module-level: the server tests use it too)."""
    if result.kind == "ask":
        return ("ask", bool(result.boolean))
    if result.kind == "graph":
        return ("graph", Counter(tuple(norm_term(x) for x in t) for t in result.graph))
    return ("select", tuple(result.variables), Counter(tuple(norm_term(x) for x in r) for r in result.rows))


def run_all(store, root=ROOT):
    return {n: normalise(api.run_named_query(n, PARAMS.get(n), store=store, root=root)) for n in QUERIES}


@pytest.fixture(scope="module")
def bundled():
    mem = api.open_store("memory", root=ROOT)
    oxi = api.open_store("oxigraph", root=ROOT)
    try:
        yield run_all(mem), run_all(oxi)
    finally:
        mem.close()
        oxi.close()


@pytest.mark.parametrize("name", QUERIES)
def test_engines_agree_on_bundled_data(name, bundled):
    mem, oxi = bundled
    assert mem[name] == oxi[name]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated") / "data"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entries", "50",
                    "--out", str(out), "--seed", "7"], check=True, capture_output=True, timeout=300)
    mem = api.open_store("memory", [out], root=ROOT)
    oxi = api.open_store("oxigraph", [out], root=ROOT)
    try:
        assert len(mem) == len(oxi) > 1000
        yield run_all(mem), run_all(oxi)
    finally:
        mem.close()
        oxi.close()


@pytest.mark.parametrize("name", QUERIES)
def test_engines_agree_on_generated_data(name, generated):
    mem, oxi = generated
    assert mem[name] == oxi[name]


def test_generated_data_exercises_the_queries(generated):
    """The comparison means something: most queries return rows on the generated data."""
    mem, _ = generated
    nonempty = [n for n, r in mem.items() if sum(r[-1].values())]
    assert len(nonempty) >= len(QUERIES) // 2, nonempty

"""benchmarks/bench_queries.py end to end on a tiny generated size: it generates the data it
lacks, runs every named query on both local stores and writes comparable results."""

from __future__ import annotations

import json

from support import ROOT, benchmark_module


def test_a_fresh_size_is_generated_then_every_named_query_runs_on_both_stores(tmp_path, capsys):
    bench = benchmark_module("bench_queries")
    assert bench.main(["--sizes", "40", "--out", str(tmp_path), "--repeat-rdflib", "1",
                       "--repeat-oxigraph", "2", "--rdflib-timeout", "0", "--markdown"]) == 0
    manifest = json.loads((tmp_path / "40" / "manifest.json").read_text())
    assert manifest["entries"] == 40
    summary = json.loads((tmp_path / "bench-queries-40.json").read_text())
    named = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert [r["query"] for r in summary["queries"]] == named
    assert summary["all_same"] is True and summary["not_compared"] == []
    for row in summary["queries"]:
        assert row["same_answer"] is True
        assert len(row["oxigraph"]["runs_ms"]) == 2 and len(row["memory"]["runs_ms"]) == 1
        assert row["speedup"] == row["memory"]["median_ms"] / max(row["oxigraph"]["median_ms"], 1e-3)
    assert sum(r["rows"] for r in summary["queries"]) > 0
    assert summary["load_speedup"] == summary["load_s"]["memory"] / summary["load_s"]["oxigraph"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["40", "bench-queries-40.json"]  # no partial file
    table = capsys.readouterr().out
    assert all(f"| {query} |" in table for query in named)

#!/usr/bin/env python3
"""Benchmark the named queries on the local stores: rdflib's memory store (the reference) and
embedded Oxigraph (the default), on generated data of several sizes.

    python benchmarks/bench_queries.py --sizes 1k,10k,1M
    python benchmarks/bench_queries.py --sizes 100k --repeat-rdflib 1 --repeat-oxigraph 5

Sizes: ``1k``, ``10k``, ``100k`` entries, or a triple count such as ``1M`` / ``250k-triples``
(data from benchmarks/generate.py, seed 1, generated into benchmarks/out/SIZE when missing).
For each size: load time of each store (rdflib: its own Turtle parser into a Graph; Oxigraph:
its bulk loader), then every named query run several times on each store, reporting the median
latency (evaluation plus building the QueryResult in rdflib terms, as callers get it), the row
count, the speed-up over rdflib measured in the same run, and whether both stores gave the same
answer. A query whose first run takes more than --slow seconds (10) is not repeated: its
"median" is that one run (this only happens to rdflib); an rdflib query still running after
--rdflib-timeout seconds (300) is stopped, and its speed-up counts as that timeout over Oxigraph's
median: a lower bound. Ends with the geometric mean of the
per-query speed-ups. Results also go to
benchmarks/out/bench-queries-SIZE.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.model.load import expand_paths  # noqa: E402
from claimgraph.model.project import find_project  # noqa: E402
from claimgraph.publish.files import write_atomic  # noqa: E402
from claimgraph.query import load_queries, run_query  # noqa: E402
from claimgraph.query.compare import differences  # noqa: E402
from claimgraph.stores.memory import MemoryStore  # noqa: E402
from claimgraph.stores.oxigraph import OxigraphStore  # noqa: E402

#: parameters for the run: a fixed "today" (reproducible), and an entry and a person that exist
#: in generated data (the defaults name real ones)
PARAMS = {
    "stale-entries": {"today": "2026-03-01"},
    "entry-graph": {"entry": "entry:synthetic-0000000"},
    "entry-sources": {"entry": "entry:synthetic-0000000"},
    "researcher-entries": {"person": "person:synthetic-person-000005"},
}


def load_generator():
    """benchmarks/generate.py (benchmarks/ is not a package: imported from this directory, as
    bench_viz does)."""
    sys.path.insert(0, str(HERE))
    import generate
    return generate


def parse_size(size: str) -> tuple[str, int]:
    """'10k' -> ('entries', 10000); '1M' or '250k-triples' -> ('triples', N)."""
    s = size.strip()
    triples = s.endswith("-triples") or s.endswith("M")
    s = s.removesuffix("-triples")
    factor = {"k": 1_000, "M": 1_000_000}.get(s[-1], 1)
    number = int(float(s[:-1] if factor > 1 else s) * factor)
    return ("triples" if triples else "entries"), number


def ensure_data(size: str, out: Path, seed: int) -> Path:
    target = out / size
    if (target / "manifest.json").exists():
        return target
    gen = load_generator()
    kind, n = parse_size(size)
    if kind == "triples":
        mechanisms, categories = gen.ontology_concepts(None)
        n = gen.entries_for_triples(n, mechanisms, categories)
    print(f"generating {size} ({n} entries) into {target}", file=sys.stderr)
    gen.generate(n, target, seed=seed)
    return target


def timed(fn) -> float:
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def load_stores(files: list[Path], engines: list[str]) -> tuple[dict, dict]:
    stores, load_s = {}, {}
    if "memory" in engines:
        mem = MemoryStore()

        def parse_all():
            for f in files:  # rdflib's own parser, as an rdflib user would load the data
                mem.graph.parse(f, format="nt" if f.suffix == ".nt" else "turtle")
        load_s["memory"] = timed(parse_all)
        stores["memory"] = mem
    if "oxigraph" in engines:
        oxi = OxigraphStore()
        load_s["oxigraph"] = timed(lambda: oxi.load_files(files))
        stores["oxigraph"] = oxi
    return stores, load_s


def runs(store, query, params, repeats: int, args) -> tuple[list[float], object]:
    """Run the query ``repeats`` times (once only if the first run is slower than --slow)."""
    times, holder = [], {}
    for _ in range(repeats):
        times.append(timed(lambda: holder.__setitem__("r", run_query(store, query, params))))
        if times[0] > args.slow:  # one run is enough to know it is slow (rdflib at 1M)
            break
    return times, holder.get("r")


def runs_with_timeout(store, query, params, repeats: int, args) -> tuple[list[float], object]:
    """``runs`` in a forked child that is killed after --rdflib-timeout seconds (the loaded
    graph is shared with the child); ([], None) if it was."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        send.send(runs(store, query, params, repeats, args))
        send.close()

    process = context.Process(target=child)
    process.start()
    send.close()
    try:
        if receive.poll(args.rdflib_timeout):
            return receive.recv()
        return [], None
    finally:
        process.kill()
        process.join()
        receive.close()


def bench_size(size: str, args) -> dict:
    data = ensure_data(size, args.out, args.seed)
    manifest = json.loads((data / "manifest.json").read_text())
    files = [f for f in expand_paths([*find_project(ROOT).ontology_files(), data]) if f.name != "manifest.json"]
    engines = args.stores.split(",")
    stores, load_s = load_stores(files, engines)
    gc.collect()
    gc.freeze()  # the loaded graphs: not rescanned by each run's collection (nor copied by forks)
    triples = {name: len(store) for name, store in stores.items()}
    print(f"\n## {size}: {manifest['entries']} entries, {manifest['triples']} generated triples "
          f"(+ ontology: {max(triples.values())} in the store)", flush=True)
    for name, s in load_s.items():
        print(f"load {name}: {s:.2f} s", flush=True)
    queries = load_queries(ROOT / "queries")
    repeats = {"memory": args.repeat_rdflib, "oxigraph": args.repeat_oxigraph}
    results = []
    for qname, query in queries.items():
        params = PARAMS.get(qname)
        row = {"query": qname, "params": params or {}}
        answers = {}
        for engine, store in stores.items():
            if engine == "memory" and args.rdflib_timeout:
                times, answer = runs_with_timeout(store, query, params, repeats[engine], args)
            else:
                times, answer = runs(store, query, params, repeats[engine], args)
            if answer is None:  # rdflib did not finish its first run in time
                row[engine] = {"timeout_s": args.rdflib_timeout}
                continue
            answers[engine] = answer
            row[engine] = {"median_ms": statistics.median(times) * 1000, "runs_ms": [t * 1000 for t in times]}
        first = next(iter(answers.values()))
        row["rows"] = len(first.rows) if first.kind == "select" else len(first.graph or ())
        if len(stores) == 2:
            oxi_ms = max(row["oxigraph"]["median_ms"], 1e-3)
            if "memory" in answers:
                row["same_answer"] = not differences(answers["memory"], answers["oxigraph"])
                row["speedup"] = row["memory"]["median_ms"] / oxi_ms
            else:  # a lower bound: rdflib took longer than the timeout
                row["same_answer"] = None
                row["speedup"] = args.rdflib_timeout * 1000 / oxi_ms
                row["speedup_is_lower_bound"] = True
        results.append(row)
        line = f"{qname:36s} rows {row['rows']:6d}"
        for engine in stores:
            ms = row[engine].get("median_ms")
            line += f"  {engine} {ms:9.1f} ms" if ms is not None else f"  {engine} > {row[engine]['timeout_s']:.0f} s"
        if "speedup" in row:
            same = {True: "same", False: "DIFFERENT", None: "not compared"}[row["same_answer"]]
            line += f"  x{row['speedup']:7.1f}{'+' if row.get('speedup_is_lower_bound') else ''}  {same}"
        print(line, flush=True)
    summary = {"size": size, "entries": manifest["entries"], "triples": max(triples.values()),
               "load_s": load_s, "repeats": {e: repeats[e] for e in stores}, "queries": results}
    if len(stores) == 2:
        summary["load_speedup"] = load_s["memory"] / load_s["oxigraph"]
        speedups = [r["speedup"] for r in results]
        summary["geomean_speedup"] = math.exp(sum(math.log(s) for s in speedups) / len(speedups))
        summary["geomean_is_lower_bound"] = any(r.get("speedup_is_lower_bound") for r in results)
        summary["all_same"] = all(r["same_answer"] is not False for r in results)
        summary["not_compared"] = [r["query"] for r in results if r["same_answer"] is None]
        print(f"load speed-up (rdflib parse / Oxigraph load): x{summary['load_speedup']:.1f}; "
              f"geometric mean query speed-up: x{summary['geomean_speedup']:.1f}"
              f"{' (a lower bound: some rdflib runs timed out)' if summary['geomean_is_lower_bound'] else ''}; "
              f"no answer differs: {summary['all_same']}", flush=True)
    if "oxigraph" in stores:
        slow = [r["query"] for r in results if r["oxigraph"]["median_ms"] >= 250]
        summary["oxigraph_over_250ms"] = slow
        print(f"Oxigraph medians >= 250 ms: {', '.join(slow) or 'none'}", flush=True)
    write_atomic(args.out / f"bench-queries-{size}.json", json.dumps(summary, indent=1) + "\n")
    for store in stores.values():
        store.close()
    gc.unfreeze()
    return summary


def markdown(summary: dict) -> str:
    """The table for benchmarks/README.md."""
    lines = ["| query | rows | rdflib (ms) | Oxigraph (ms) | speed-up |", "|---|---:|---:|---:|---:|"]
    for r in summary["queries"]:
        mem = r.get("memory", {})
        oxi = r.get("oxigraph", {}).get("median_ms")
        mem_text = f"{mem['median_ms']:,.0f}" if "median_ms" in mem else f"> {mem.get('timeout_s', 0):,.0f} s"
        speedup = r.get("speedup")
        speedup_text = (f"{'≥ ' if r.get('speedup_is_lower_bound') else ''}{speedup:,.0f}x" if speedup else "-")
        lines.append(f"| {r['query']} | {r['rows']:,} | {mem_text} | {oxi:,.1f} | {speedup_text} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1k,10k,1M", help="comma-separated sizes (default 1k,10k,1M)")
    p.add_argument("--out", type=Path, default=HERE / "out", help="data and results directory")
    p.add_argument("--stores", default="memory,oxigraph")
    p.add_argument("--repeat-rdflib", type=int, default=3)
    p.add_argument("--repeat-oxigraph", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--slow", type=float, default=10.0,
                   help="a query whose first run takes longer than this (s) is not repeated (default 10)")
    p.add_argument("--rdflib-timeout", type=float, default=300.0,
                   help="stop an rdflib query after this many seconds and report the speed-up as a lower "
                        "bound (0: no limit; default 300)")
    p.add_argument("--markdown", action="store_true", help="also print a Markdown table per size")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes.split(","):
        summary = bench_size(size, args)
        if args.markdown:
            print("\n" + markdown(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the argument graph explorer: generated graphs of 1k, 5k and 20k nodes.

The graphs are real projections: RDF data written by benchmarks/generate.py (as many entries as
give about the wanted number of nodes), loaded and projected as ``claimgraph viz`` does. With
``--synthetic`` a projection-shaped networkx graph is synthesised directly instead.

For each size: the time to generate the page (render_explorer: statuses, layout, HTML; loading
and projecting the RDF are reported apart), the HTML size, and, in headless Chromium, the time
until the network was built and answers input (``readyAt``) and until it is interactive and
still (``stillAt``: physics stopped or, with physics off, the first frame drawn); both in ms from
navigation start, as the page reports them.

    .venv/bin/python benchmarks/bench_viz.py                 # 1000 5000 20000
    .venv/bin/python benchmarks/bench_viz.py 1000 --runs 3   # one size, best of three

Pages and generated data are written to benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

import networkx as nx

from claimgraph.present.explorer import render_explorer

OUT = Path(__file__).resolve().parent / "out"
TARGETS_MS = {1000: 2000, 5000: 5000, 20000: 15000}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORDS = ("agent model reward shutdown sabotage evaluation oversight sandbox goal policy training "
         "tunnel mining deception benchmark grader transcript monitor weights exfiltration").split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def synthetic_graph(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A projection-shaped graph of about ``nodes`` nodes: entries (claim, evidence,
    counterargument, response, candidate mechanisms) over shared pools of sources, people,
    organisations, AI systems and mechanisms, with the projection's edge types."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    entries = max(1, round(nodes / 7.6))

    def add(kind: str, key: str, label: str, **extra) -> str:
        iri = f"https://w3id.org/claimgraph/id/{kind}/{key}"
        g.add_node(iri, type=kind, iri=iri, label=label, text=_text(rng, 18), source="", date="2025-06",
                   entry=extra.pop("entry", ""), **extra)
        return iri

    def edge(u: str, v: str, etype: str, **attrs) -> None:
        if not g.has_edge(u, v, etype):
            g.add_edge(u, v, key=etype, type=etype, **attrs)

    mechanisms = [add("mechanism", f"m{i}", f"mechanism {i}") for i in range(30)]
    for i in range(1, len(mechanisms)):
        if rng.random() < 0.6:
            edge(mechanisms[i], mechanisms[rng.randrange(i)], "broader")
        if rng.random() < 0.2:
            edge(mechanisms[i], rng.choice(mechanisms), "escalates to")
    organisations = [add("organisation", f"o{i}", f"Organisation {i}") for i in range(max(10, entries // 5))]
    people = [add("person", f"p{i}", f"Person {i}") for i in range(max(5, int(entries * 0.8)))]
    for p in people:
        edge(p, rng.choice(organisations), "affiliated with")
    systems = [add("system", f"s{i}", f"System {i}") for i in range(max(3, int(entries * 0.3)))]
    for s in systems:
        edge(s, rng.choice(organisations), "developed by")
    sources = [add("source", f"src{i}", f"Source {i}: {_text(rng, 4)}") for i in range(max(5, int(entries * 1.2)))]
    for s in sources:
        for p in rng.sample(people, k=min(len(people), rng.randint(1, 2))):
            edge(s, p, "authored by")
        edge(s, rng.choice(organisations), "published by")

    def cite(u: str, k: int = 1) -> None:
        for s in rng.sample(sources, k=k):
            edge(u, s, "cites", locator=f"Section {rng.randint(1, 9)}", finding=_text(rng, 10))

    for e in range(entries):
        entry = f"https://w3id.org/claimgraph/id/entry/e{e}"
        claim = add("claim", f"e{e}/claim", f"Entry {e}: {_text(rng, 5)}", entry=entry)
        cite(claim, 2)
        for m in rng.sample(mechanisms, k=2):
            edge(claim, m, "concerns")
        for k in range(2):
            kind = "incident" if rng.random() < 0.3 else "result"
            ev = add(kind, f"e{e}-{k}", f"Evidence {e}.{k}: {_text(rng, 4)}")
            edge(ev, claim, "supports")
            cite(ev)
            edge(ev, rng.choice(systems), "involves")
            if k == 0 and rng.random() < 0.2:
                for c in range(2):
                    cand = add("candidate", f"e{e}/debate/{c}", f"Candidate {e}.{c}", entry=entry)
                    edge(ev, cand, "interpreted as", debate=f"Debate {e}")
                    edge(cand, rng.choice(mechanisms), "concerns")
                    edge(cand, rng.choice(people), "argued by")
        counter = add("counterargument", f"e{e}/counterargument/1", f"Counterargument {e}", entry=entry)
        edge(counter, claim, "attacks")
        edge(counter, rng.choice(people), "argued by", alias="", affiliation="")
        cite(counter)
        if rng.random() < 0.7:
            response = add("response", f"e{e}/counterargument/1/response", f"Response {e}", entry=entry)
            edge(response, counter, "responds to")
            cite(response)
    return g


def generated_graph(nodes: int, seed: int = 1) -> tuple[nx.MultiDiGraph, float]:
    """The projection of data from benchmarks/generate.py with about ``nodes`` nodes, and the
    seconds spent loading and projecting it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate

    from claimgraph import api
    from claimgraph.analyse.projection import project

    sample = OUT / "viz-data-sample"
    counts = {}
    for entries in (200, 800):  # nodes grow linearly with entries, plus shared vocabularies
        generate.generate(entries, sample, seed=seed)
        counts[entries] = project(api.load([sample])).number_of_nodes()
    slope = (counts[800] - counts[200]) / 600
    data = OUT / f"viz-data-{nodes}"
    generate.generate(max(1, round(200 + (nodes - counts[200]) / slope)), data, seed=seed)
    t0 = time.perf_counter()
    rdf = api.load([data])
    t1 = time.perf_counter()
    graph = project(rdf)
    t2 = time.perf_counter()
    print(f"{nodes}: {len(rdf)} triples loaded in {t1 - t0:.1f} s, projected in {t2 - t1:.1f} s", file=sys.stderr)
    return graph, t2 - t0


def _measure_page(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    external: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit", timeout=300_000)
    page.wait_for_selector("body[data-state=still]", state="attached", timeout=300_000)
    wall = (time.perf_counter() - start) * 1000
    state = page.evaluate("({readyAt: claimgraphExplorer.readyAt, stillAt: claimgraphExplorer.stillAt,"
                          " nodes: claimgraphExplorer.nodes.length, edges: claimgraphExplorer.edges.length,"
                          " mode: claimgraphExplorer.mode})")
    page.close()
    return {**state, "wall_ms": round(wall), "console_errors": errors, "external_requests": external}


def run(sizes: list[int], runs: int, synthetic: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Debian's chromium is required (apt-get install chromium)")
    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size in sizes:
            if synthetic:
                graph, load_s = synthetic_graph(size), 0.0
            else:
                graph, load_s = generated_graph(size)
            t0 = time.perf_counter()
            html = render_explorer(graph, title=f"synthetic argument graph ({size} nodes)")
            generate_ms = (time.perf_counter() - t0) * 1000
            path = OUT / f"explorer-{size}.html"
            path.write_text(html, encoding="utf-8")
            measures = [_measure_page(browser, path) for _ in range(runs)]
            best = min(measures, key=lambda m: m["stillAt"])
            results.append({
                "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                "html_mb": round(len(html.encode("utf-8")) / 1e6, 2), "generate_ms": round(generate_ms),
                "load_and_project_ms": round(load_s * 1000),
                "ready_ms": round(best["readyAt"]), "still_ms": round(best["stillAt"]),
                "wall_ms": best["wall_ms"], "mode": best["mode"],
                "rendered_nodes": best["nodes"], "rendered_edges": best["edges"],
                "target_ms": TARGETS_MS.get(size), "console_errors": best["console_errors"],
                "external_requests": best["external_requests"]})
            print(json.dumps(results[-1]), file=sys.stderr)
        browser.close()
    return results


def markdown(results: list[dict]) -> str:
    lines = ["| nodes | edges | HTML | load + project RDF | generate page | network built | interactive and still | target | layout |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        target = f"{r['target_ms'] / 1000:g} s" if r["target_ms"] else "-"
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['html_mb']} MB | {r['load_and_project_ms'] / 1000:.2f} s "
                     f"| {r['generate_ms'] / 1000:.2f} s "
                     f"| {r['ready_ms'] / 1000:.2f} s | {r['still_ms'] / 1000:.2f} s | {target} "
                     f"| {'Python, physics off' if r['mode'] == 'static' else 'browser physics'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=1, help="page loads per size (the best is kept)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--synthetic", action="store_true",
                        help="synthesise the projection directly instead of generating RDF with generate.py")
    args = parser.parse_args()
    results = run(args.sizes, args.runs, args.synthetic)
    print(json.dumps(results, indent=1) if args.json else markdown(results))


if __name__ == "__main__":
    main()

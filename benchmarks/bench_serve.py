"""Benchmark of the SPARQL endpoint: concurrent clients running the named queries.

Starts `claimgraph serve` on a free loopback port (the bundled data, default settings), then
CLIENTS threads, each with its own keep-alive connection (the standard library's http.client:
on a 2-core machine shared with the server, a lighter client leaves more CPU to what is being
measured; httpx's async client costs about 8x more CPU per request), POST the named queries of
queries/ to /sparql, round-robin,
each query with its declared default parameters bound by claimgraph's own binder (the text the
endpoint receives is what `claimgraph query NAME` runs). Reports throughput, p50/p90/p99 latency
and errors (any status other than 200, or a transport error), overall and per query; stops the
server by its PID.

    .venv/bin/python benchmarks/bench_serve.py                    # 32 clients, 20 s
    .venv/bin/python benchmarks/bench_serve.py --clients 8 --seconds 5 --workers 2

Loopback only; every request has a 30 s timeout; the run ends after --seconds plus the requests
in flight.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from claimgraph import api
from claimgraph.query import bind_values

ROOT = Path(__file__).resolve().parents[1]
CLAIMGRAPH = str(Path(sys.executable).parent / "claimgraph")
TARGET_P99_MS = 500.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries_with_defaults() -> list[tuple[str, str]]:
    """(name, SPARQL text with default parameters bound) for every named query."""
    out = []
    for name, named in api.named_queries(root=ROOT).items():
        out.append((name, bind_values(named.text, named.bindings({}))))
    return out


def start(port: int, extra: list[str]) -> subprocess.Popen:
    process = subprocess.Popen([CLAIMGRAPH, "--root", str(ROOT), "serve", "--port", str(port), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    stop(process)
    raise SystemExit("the server was not ready within 120 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)


HEADERS = {"Content-Type": "application/sparql-query",
           "Accept": "application/sparql-results+json, text/turtle;q=0.9"}


def client(port: int, queries: list[tuple[str, str]], offset: int, until: float,
           samples: list[tuple[str, float, int]]) -> None:
    """One client: its own connection, queries in turn from ``offset`` until ``until``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = offset
    try:
        while time.monotonic() < until:
            name, text = queries[i % len(queries)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("POST", "/sparql", body=text.encode(), headers=HEADERS)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = -1
            samples.append((name, time.perf_counter() - started, status))
    finally:
        conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def run(port: int, clients: int, seconds: float, workers: int) -> tuple[list[tuple[str, float, int]], float]:
    queries = queries_with_defaults()
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _round in range(2 * workers):  # every worker sees every query once (parse caches warm)
        for _name, text in queries:
            warm.request("POST", "/sparql", body=text.encode(), headers=HEADERS)
            warm.getresponse().read()
    warm.close()
    samples: list[tuple[str, float, int]] = []  # list.append is atomic under the GIL
    started = time.monotonic()
    until = started + seconds
    threads = [threading.Thread(target=client, args=(port, queries, k, until, samples)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, time.monotonic() - started


def report(samples: list[tuple[str, float, int]], elapsed: float, clients: int) -> dict:
    latencies = [s[1] * 1000 for s in samples]
    errors = [s for s in samples if s[2] != 200]
    per_query = {}
    for name in sorted({s[0] for s in samples}):
        ms = [s[1] * 1000 for s in samples if s[0] == name]
        per_query[name] = {"requests": len(ms), "p50_ms": round(percentile(ms, 50), 1),
                           "p99_ms": round(percentile(ms, 99), 1),
                           "errors": sum(1 for s in samples if s[0] == name and s[2] != 200)}
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(samples),
        "throughput_rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 1), "p90_ms": round(percentile(latencies, 90), 1),
        "p99_ms": round(percentile(latencies, 99), 1), "max_ms": round(max(latencies), 1),
        "mean_ms": round(statistics.fmean(latencies), 1), "errors": len(errors),
        "error_statuses": sorted({s[2] for s in errors}), "per_query": per_query,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="the server's query workers (default: 2)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    port = free_port()
    server = start(port, ["--workers", str(args.workers)])
    try:
        samples, elapsed = run(port, args.clients, args.seconds, args.workers)
    finally:
        stop(server)
    result = report(samples, elapsed, args.clients)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['clients']} clients, {result['seconds']} s, {result['requests']} requests, "
              f"{result['throughput_rps']} req/s")
        print(f"latency ms: p50 {result['p50_ms']}  p90 {result['p90_ms']}  p99 {result['p99_ms']}  "
              f"max {result['max_ms']}  mean {result['mean_ms']}")
        print(f"errors: {result['errors']} {result['error_statuses'] or ''}")
        print(f"{'query':40s} {'requests':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'errors':>6s}")
        for name, q in result["per_query"].items():
            print(f"{name:40s} {q['requests']:8d} {q['p50_ms']:8.1f} {q['p99_ms']:8.1f} {q['errors']:6d}")
        verdict = "met" if result["errors"] == 0 and result["p99_ms"] < TARGET_P99_MS else "NOT met"
        print(f"target (zero errors, p99 < {TARGET_P99_MS:.0f} ms): {verdict}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

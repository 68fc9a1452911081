"""Starting and stopping a real `claimgraph serve` (a subprocess on a free loopback port, stopped
by its PID), shared by the serve tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
from support import free_port

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CLAIMGRAPH = str(Path(sys.executable).parent / "claimgraph")
READY_WITHIN = 120.0  # seconds: two workers each load the project, on a shared machine


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    workers: list[int] = field(default_factory=list)

    def get(self, path: str, **kw) -> httpx.Response:
        return httpx.get(self.url + path, timeout=60, **kw)

    def post(self, path: str, **kw) -> httpx.Response:
        return httpx.post(self.url + path, timeout=60, **kw)


def start_server(tmp: Path, *args: str) -> Server:
    """Start the server and wait (bounded) until it answers a query."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([CLAIMGRAPH, "--root", str(ROOT), "serve", "--port", str(port), *args],
                                   stdout=out, stderr=subprocess.STDOUT, cwd=str(tmp))
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    stop_server(server)
    raise RuntimeError(f"the server was not ready within {READY_WITHIN:.0f} s:\n{log.read_text()}")


def leftover_workers(server: Server) -> list[int]:
    """Worker processes still alive after stop_server."""
    return [pid for pid in server.workers if psutil.pid_exists(pid)
            and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


def stop_server(server: Server) -> None:
    """SIGTERM by PID; the server stops its workers. Kill whatever is left after a grace period."""
    try:
        server.workers = [c.pid for c in psutil.Process(server.process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        pass
    if server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(30)
        except subprocess.TimeoutExpired:
            os.kill(server.process.pid, signal.SIGKILL)
            server.process.wait(10)
    for pid in server.workers:
        if psutil.pid_exists(pid):
            try:
                psutil.Process(pid).wait(10)
            except psutil.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)


ENTRY = "https://w3id.org/claimgraph/id/entry/unintended-subgoals"
ENTRY_PATH = "/id/entry/unintended-subgoals"

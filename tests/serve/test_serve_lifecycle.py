"""The server's processes: stopping it by PID stops its query workers, and workers do not
outlive a server that was killed outright (Linux's parent-death signal)."""

from __future__ import annotations

import os
import signal
import time

import psutil
from serve_support import leftover_workers, start_server, stop_server


def _workers(server) -> list[int]:
    return [c.pid for c in psutil.Process(server.process.pid).children(recursive=True)]


def test_sigterm_stops_the_workers(tmp_path):
    server = start_server(tmp_path, "--workers", "2")
    try:
        assert len(_workers(server)) >= 2
    finally:
        stop_server(server)
    assert server.process.returncode is not None
    assert leftover_workers(server) == []


def test_workers_die_with_a_killed_server(tmp_path):
    server = start_server(tmp_path, "--workers", "2")
    workers = _workers(server)
    assert len(workers) >= 2
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(30)
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [p for p in workers if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.2)
    for pid in alive:  # clean up before failing
        os.kill(pid, signal.SIGKILL)
    assert alive == []

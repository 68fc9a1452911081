"""Validation jobs started in two steps (the global shapes first, the units once planned) run in
the workers once there is enough work for them, and each job's findings come back once."""

from __future__ import annotations

from claimgraph.validate import WorkerPool
from claimgraph.validate.jobs import Job, start_jobs

SHAPES = b"""<urn:shape> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/shacl#NodeShape> .
<urn:shape> <http://www.w3.org/ns/shacl#targetClass> <urn:Thing> .
<urn:shape> <http://www.w3.org/ns/shacl#property> _:p .
_:p <http://www.w3.org/ns/shacl#path> <urn:name> .
_:p <http://www.w3.org/ns/shacl#minCount> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
"""


def job(name: str, nameless: int, named: int) -> Job:
    lines = [f"<urn:{name}-{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Thing> ."
             for i in range(nameless + named)]
    lines += [f'<urn:{name}-{i}> <urn:name> "n" .' for i in range(nameless, nameless + named)]
    return Job(name, ("\n".join(lines) + "\n").encode(), nameless + named, None, name)


def collect(running) -> dict[str, int]:
    found: dict[str, int] = {}
    running.wait(lambda j, findings: found.__setitem__(j.accept, found.get(j.accept, 0) + len(findings)))
    return found


def test_jobs_added_later_move_the_waiting_ones_to_the_workers():
    with WorkerPool(2) as pool:
        running = start_jobs([job("first", 1, 1)], SHAPES, pool, parallel_at=10)
        assert not running.futures  # one small job: not worth a worker yet
        running.add([job("second", 2, 3), job("third", 3, 5)])
        assert len(running.futures) == 3  # now there is enough work: all three go
        assert [j.name for j in running.jobs] == ["first", "third", "second"]
        assert collect(running) == {"first": 1, "second": 2, "third": 3}


def test_too_little_work_runs_here():
    with WorkerPool(2) as pool:
        running = start_jobs([job("first", 1, 0)], SHAPES, pool, parallel_at=1000)
        running.add([job("second", 2, 0)])
        assert not running.futures
        assert collect(running) == {"first": 1, "second": 2}

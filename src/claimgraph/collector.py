"""Keeping Python's cyclic garbage collector out of bulk work.

Loading a million statements allocates millions of containers (dicts, lists, tuples) that all
stay alive. The collector runs every few thousand allocations and, every so often, scans every
container there is: on a million-statement build that is several seconds per process spent
finding no garbage. Refcounting still frees everything that is not in a reference cycle while the
collector is paused or the objects are frozen; only cyclic garbage waits for the end of the block.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collections inside the block (for blocks that allocate much and free
    little, such as parsing or building a graph)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Everything allocated before the block is moved out of the collector's sight while the
    block runs (its collections then scan only what the block allocates), then given back, so
    that it can be collected once dropped (a graph with reference cycles, say). Does nothing if
    objects are frozen already: a caller's own frozen objects are left as they are."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

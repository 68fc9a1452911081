"""Progress display for long steps (loading, validating, exporting), on stderr, only when stderr
is a terminal and not in CI. Library code reports through :func:`task`, which does nothing unless
the command line has switched the display on with :func:`display`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_active: ContextVar = ContextVar("claimgraph_progress", default=None)


def _noop(amount: float = 1) -> None:
    return None


def wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def display(enabled: bool | None = None) -> Iterator[None]:
    """Show the progress of the steps run inside the block (default: when stderr is a TTY)."""
    if not (wanted() if enabled is None else enabled):
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(file=sys.stderr), transient=True)
    token = _active.set(progress)
    try:
        with progress:
            yield
    finally:
        _active.reset(token)


@contextmanager
def task(description: str, total: float | None = None) -> Iterator[Callable[[float], None]]:
    """A step of the current display; yields ``advance(amount=1)``."""
    progress = _active.get()
    if progress is None:
        yield _noop
        return
    task_id = progress.add_task(description, total=total)
    try:
        yield lambda amount=1: progress.advance(task_id, amount)
    finally:
        progress.remove_task(task_id)


@contextmanager
def no_threads() -> Iterator[None]:
    """Stop the display's refresh thread for the block: forking while another thread may hold a
    lock (on stderr, say) can leave the child process waiting for it for ever."""
    progress = _active.get()
    if progress is None or not progress.live.is_started:
        yield
        return
    progress.stop()
    try:
        yield
    finally:
        progress.start()

"""Progress on stderr for long steps, silent when quiet or not a terminal-friendly run.

Library code calls ``progress(...)``; the CLI decides whether it shows (``--quiet``).
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator

_QUIET = os.environ.get("FAISCEAU_QUIET") == "1"


def set_quiet(quiet: bool) -> None:
    global _QUIET
    _QUIET = quiet


def is_quiet() -> bool:
    return _QUIET


class _Task:
    def __init__(self, bar, task_id):
        self._bar = bar
        self._id = task_id

    def advance(self, n: float = 1) -> None:
        if self._bar is not None:
            self._bar.update(self._id, advance=n)

    def update(self, completed: float | None = None, total: float | None = None, description: str | None = None) -> None:
        if self._bar is not None:
            kw = {}
            if completed is not None:
                kw["completed"] = completed
            if total is not None:
                kw["total"] = total
            if description is not None:
                kw["description"] = description
            self._bar.update(self._id, **kw)


@contextlib.contextmanager
def progress(description: str, total: float | None = None) -> Iterator[_Task]:
    """A progress bar on stderr. ``total=None`` shows a spinner with a count."""
    if _QUIET:
        yield _Task(None, None)
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                               TextColumn, TimeElapsedColumn)

    console = Console(stderr=True)
    cols = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn()]
    with Progress(*cols, console=console, transient=not console.is_terminal) as bar:
        tid = bar.add_task(description, total=total)
        yield _Task(bar, tid)


def note(message: str) -> None:
    """One status line on stderr (not shown when quiet)."""
    if not _QUIET:
        print(message, file=sys.stderr)

"""Progress on long work, shown only to a person at a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def wanted() -> bool:
    """A live display helps a person at a terminal; in CI or a pipe it is noise."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def counting(what: str) -> Iterator[Callable[[], None] | None]:
    """Yield a tick function that counts `what` on a transient stderr line, or None."""
    if not wanted():
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from partreg.output.console import make_console

    with Progress(
        SpinnerColumn(), TextColumn(f"{what}: {{task.completed:,}}"), console=make_console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task(what, total=None)
        yield lambda: progress.advance(task)


@contextmanager
def steps(what: str) -> Iterator[None]:
    """A transient spinner on stderr while one long step runs, on a terminal only."""
    if not wanted():
        yield
        return
    from partreg.output.console import make_console

    with make_console(stderr=True).status(what):
        yield

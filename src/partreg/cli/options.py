"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The folder that holds register/ (default: this folder or the nearest parent with one).",
        file_okay=False,
        show_default=False,
    ),
]


def debug_enabled(ctx: typer.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


def choose(value: str, allowed: tuple[str, ...], option: str) -> str:
    """Check a closed-set option value; a bad one cannot run (exit 2)."""
    if value not in allowed:
        from partreg.errors import PartregError

        raise PartregError(f"{option}: `{value}` is not one of {', '.join(allowed)}", f"use {option} {allowed[0]}")
    return value

"""Options shared by several commands, declared once."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.completion import partnership_ids

PartnershipId = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The partnership's id, e.g. tees-valley-combined-authority.",
        autocompletion=partnership_ids,
    ),
]
Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The folder that holds register/ (default: this folder or the nearest parent with one).",
        file_okay=False,
        show_default=False,
    ),
]


Today = Annotated[
    str | None,
    typer.Option(
        "--today", help="The day to judge overdue actions and ages by, YYYY-MM-DD (default: today).", show_default=False
    ),
]


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Read the register as it was at this Git revision (commit, branch or tag).", show_default=False
    ),
]
DataFormat = Annotated[str, typer.Option("--format", "-f", help="standard, json or csv.")]


def parse_today(value: str | None) -> date:
    """`--today`, or the real date; a malformed date cannot run (exit 2)."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from partreg.errors import PartregError

        raise PartregError(f"--today: `{value}` is not a date", "write --today YYYY-MM-DD, e.g. 2023-12-14") from None


def debug_enabled(ctx: typer.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


def choose(value: str, allowed: tuple[str, ...], option: str) -> str:
    """Check a closed-set option value; a bad one cannot run (exit 2)."""
    if value not in allowed:
        from partreg.errors import PartregError

        raise PartregError(f"{option}: `{value}` is not one of {', '.join(allowed)}", f"use {option} {allowed[0]}")
    return value

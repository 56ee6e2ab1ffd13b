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
    return date.today() if value is None else parse_date(value, "--today")


def parse_date(value: str, option: str) -> date:
    """A date option, written YYYY-MM-DD as in the register (not the other ISO forms Python reads)."""
    import re

    from partreg.errors import PartregError

    hint = f"write {option} YYYY-MM-DD, e.g. 2023-12-14"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PartregError(f"{option}: `{value}` is not a date", hint)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PartregError(f"{option}: `{value}` is not a date", hint) from None


def debug_enabled(ctx: typer.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


def choose(value: str, allowed: tuple[str, ...], option: str) -> str:
    """Check a closed-set option value; a bad one cannot run (exit 2)."""
    if value not in allowed:
        from partreg.errors import PartregError

        raise PartregError(f"{option}: `{value}` is not one of {', '.join(allowed)}", f"use {option} {allowed[0]}")
    return value

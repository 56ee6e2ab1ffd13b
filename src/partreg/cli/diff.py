"""`partreg diff`: what changed in the register, in committee language."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import Root, Today, choose, debug_enabled, parse_today


def diff(
    ctx: typer.Context,
    old: Annotated[str | None, typer.Argument(help="From this revision (default HEAD); `A..B` also works.")] = None,
    new: Annotated[str | None, typer.Argument(help="To this revision (default: the work tree).")] = None,
    root: Root = None,
    today: Today = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="standard, md (for a PR comment) or json.")
    ] = "standard",
) -> None:
    """Show what changed between two revisions of the register, record by record, not line by line.

    Policy settings old → new; partnerships added, removed, renamed or dissolved; field changes
    old → new; rating changes with the new reason; new assessments; actions added, completed,
    cancelled, reopened, started, re-targeted or newly overdue; new updates; problems introduced
    or fixed. Records are matched by id, KPIs and representatives by name, and lists of text as
    sets, so reordering a list is no change. A file that cannot be read is never added or removed:
    its problem is told instead.

    The new side is judged on its own day: a commit on its commit date, the work tree on today,
    either on --today when given. An action is newly overdue when it is overdue then and was not on
    the old commit's date. Problems on both sides are judged on the new side's day, so a problem is
    introduced or fixed by the change, not by time. The JSON format is in docs/diff-json.md.

    When the work tree has no register/ folder (it was deleted, say), the register is read from
    Git: the root is the nearest folder, from the current one (or --root) up to the top of the
    repository, whose register/ folder exists at the revisions; else the repository's top.

    Example: partreg diff main --format md

    Example: partreg diff v2023 v2024-01 --format json
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.output import changes as formats
        from partreg.output.console import make_console

        chosen = choose(output_format, ("standard", "md", "json"), "--format")
        changes = api.diff(root, old, new, today=parse_today(today))
        if chosen == "json":
            sys.stdout.write(formats.as_json(changes))
        elif chosen == "md":
            sys.stdout.write(formats.as_markdown(changes))
        else:
            formats.print_standard(changes, make_console())
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

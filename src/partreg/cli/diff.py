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

    Partnerships added, removed or dissolved; field changes old → new; rating changes with the new
    reason; new assessments; actions added, completed, re-targeted or newly overdue; new updates;
    problems introduced or fixed. Records are matched by id, so reordering a list is no change.

    Example: partreg diff main --format md
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

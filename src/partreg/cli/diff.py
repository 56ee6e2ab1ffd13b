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
    old → new; rating changes with the assessment's year and the new reason; new assessments with
    the ratings they set; actions added, completed, cancelled, reopened, started, re-targeted or
    newly overdue; new updates; problems introduced or fixed. Records are matched by id, KPIs and
    representatives by name, and lists of text as sets, so reordering a list is no change. A
    renamed partnership's assessments, plans and problems move with it. A file that cannot be read
    is never added or removed, and its problems are not fixed: its own problem is told instead.

    Between two commits, each side is judged on its own commit date (--today replaces the new
    side's), so `diff A B` says the same on any day. Against the work tree, both sides are judged on
    one day, --today or today: a pull request's diff shows what the edit changes, not what time did
    since the last commit. An action is newly overdue when it is overdue on the new side's day and
    was not on the old side's. Problems on both sides are judged on the new side's day, so a problem
    is introduced or fixed by the change, not by time; one still there with another date in its
    message is neither. The JSON format is in docs/diff-json.md.

    When the work tree has no register/ folder (it was deleted, say), the register is read from
    Git: the root is the nearest folder, from the current one (or --root) up to the top of the
    repository, whose register/ folder exists at the revisions; else the repository's top.

    Example: partreg diff main --format md

    Example: partreg diff v2023 v2024-01 --format json
    """

    def command() -> int:
        import sys

        from partreg.diff.revisions import diff_revisions
        from partreg.output import changes as formats
        from partreg.output.console import make_console

        chosen = choose(output_format, ("standard", "md", "json"), "--format")
        # Without --today each side keeps its own day (see above), so the real date is not forced on it.
        changes = diff_revisions(root, old, new, today=parse_today(today) if today is not None else None)
        if chosen == "json":
            sys.stdout.write(formats.as_json(changes))
        elif chosen == "md":
            sys.stdout.write(formats.as_markdown(changes))
        else:
            formats.print_standard(changes, make_console())
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

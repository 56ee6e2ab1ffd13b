"""`partreg log ID`: who changed a partnership's record or ratings, when and why."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import PartnershipId, Root, Today, choose, debug_enabled, parse_today


def log(
    ctx: typer.Context,
    partnership_id: PartnershipId,
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            help=(
                "Only changes to this field, e.g. governance (its rating, as set by a new assessment or changed,"
                " and governance.*), performance, status, or actions (every change to its actions)."
                " A name that is no field cannot run."
            ),
            show_default=False,
        ),
    ] = None,
    root: Root = None,
    today: Today = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="standard, md or json.")] = "standard",
) -> None:
    """The history of one partnership's record and ratings, newest commit first, for audit.

    For each commit that changed the partnership's file, its assessments or its action plans:
    the date, the author, the commit subject, and what changed, told as `partreg diff` tells it
    (rating changes with their reason and the assessment's year, new assessments with the ratings
    they set, status changes, actions completed, problems introduced or fixed). Each commit is
    judged on its own date, or on --today if that is earlier.

    A renamed partnership's history goes on under its old id, before the commit that renamed it.
    Merge commits are left out: each change is shown once, under the commit (and author) that
    made it, not again under whoever merged the branch.

    Example: partreg log tees-valley-combined-authority --field governance
    """

    def command() -> int:
        import sys

        from partreg.diff.history import partnership_history
        from partreg.output import history as formats
        from partreg.output import progress
        from partreg.output.console import make_console

        chosen = choose(output_format, ("standard", "md", "json"), "--format")
        day = parse_today(today)
        with progress.counting("Reading commits") as tick:
            entries = partnership_history(root, partnership_id, field, today=day, on_commit=tick)
        if chosen == "json":
            sys.stdout.write(formats.as_json(partnership_id, entries, field))
        elif chosen == "md":
            sys.stdout.write(formats.as_markdown(partnership_id, entries, field))
        else:
            formats.print_standard(partnership_id, entries, make_console(), field)
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

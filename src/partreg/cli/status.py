"""`partreg status`: one row per partnership, as the committee sees it."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.common import data_format, load, write
from partreg.cli.options import AsOf, DataFormat, Root, Today, debug_enabled, parse_today


def status(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Register year (default: the latest assessed year).")] = None,
    root: Root = None,
    today: Today = None,
    as_of: AsOf = None,
    output_format: DataFormat = "standard",
) -> None:
    """The committee's table: statutory, significant, governance and performance RAG, direction of travel.

    Ratings are effective ones (declared, else computed); `*` marks a declared rating that differs from
    the computed one, explained under the table. Every partnership is listed, significant or not.

    Example: partreg status --year 2023 --format json
    """

    def command() -> int:
        from partreg import api
        from partreg.compute.status import require_assessed_year
        from partreg.output import status as formats
        from partreg.output.console import make_console

        chosen = data_format(output_format)
        day = parse_today(today)
        register = load(root, as_of)
        if year is not None:
            require_assessed_year(register, year)  # else every row would show unrated
        shown_year = api.report_year(register, year)
        rows = api.statuses(register, shown_year)
        # A table read --as-of a revision names its commit, so a reader can tell it from today's register.
        revision = register.revision_label
        if chosen == "json":
            write(formats.as_json(shown_year, rows, revision))
        elif chosen == "csv":
            write(formats.as_csv(rows))
        else:
            console = make_console()
            formats.print_table(shown_year, rows, console, revision)
            source = f", from Git commit {revision}" if revision else ""
            console.print(f"\n{register.policy.council}, register year {shown_year}{source}, as of {day.isoformat()}")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

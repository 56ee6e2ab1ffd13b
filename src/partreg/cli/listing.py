"""`partreg list`: the register listing, filtered, with resource totals."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.common import data_format, load, write
from partreg.cli.options import DataFormat, Root, Today, choose, debug_enabled, parse_today


def list_partnerships(
    ctx: typer.Context,
    significant: Annotated[bool | None, typer.Option("--significant/--not-significant", help="Only these.")] = None,
    statutory: Annotated[bool | None, typer.Option("--statutory/--not-statutory", help="Only these.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only partnerships with this tag.")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status, e.g. active.")] = None,
    rag: Annotated[str | None, typer.Option(help="Only those rated this (governance or performance).")] = None,
    risk: Annotated[str | None, typer.Option(help="Only this risk level: high, medium or low.")] = None,
    year: Annotated[int | None, typer.Option(help="Year whose ratings --rag reads (default: latest).")] = None,
    root: Root = None,
    today: Today = None,
    output_format: DataFormat = "standard",
) -> None:
    """The register listing: lead officer, risk, value, officer hours, financial contribution, recommendation.

    Totals are over the rows shown. Money is in pounds.

    Example: partreg list --significant --risk high --format csv
    """

    def command() -> int:
        import typing

        from partreg.compute.listing import PartnershipFilter, totals
        from partreg.compute.status import latest_year, statuses
        from partreg.model.partnership import StatusValue
        from partreg.model.values import LevelValue, RagValue
        from partreg.output import listing as formats
        from partreg.output.console import make_console

        def one_of(value: str | None, words: object, option: str) -> str | None:
            # Enumerated values are read in any case (FORMAT.md), on the command line as in the files.
            return choose(value.lower(), typing.get_args(words), option) if value is not None else None

        chosen = data_format(output_format)
        parse_today(today)
        wanted = PartnershipFilter(
            significant,
            statutory,
            tag,
            one_of(status, StatusValue, "--status"),
            one_of(rag, RagValue, "--rag"),
            one_of(risk, LevelValue, "--risk"),
        )
        register = load(root)
        shown_year = year if year is not None else latest_year(register) or 0
        rows = [row for row in statuses(register, shown_year, include_left=True) if wanted.matches(row)]
        total = totals(rows)
        if chosen == "json":
            write(formats.as_json(rows, total))
        elif chosen == "csv":
            write(formats.as_csv(rows))
        else:
            formats.print_table(rows, total, make_console())
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

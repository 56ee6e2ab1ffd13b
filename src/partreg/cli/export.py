"""`partreg export`: the register as a spreadsheet or JSON, one row per record, with a flat header."""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import Root, choose, debug_enabled


def export(
    ctx: typer.Context,
    output_format: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx or json.", show_default=False)],
    kind: Annotated[str, typer.Option(help="partnerships, assessments or actions.")] = "partnerships",
    year: Annotated[int | None, typer.Option(help="For --kind assessments: only this register year.")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (default: standard output; xlsx needs one).", dir_okay=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    root: Root = None,
) -> None:
    """Export one kind of record, one row each, with a flat header of dotted field names.

    For partnerships the header is what `partreg import` reads back (resources.financial_contribution,
    documents.business_case.held, representatives.1.name, custom.<name>), so export then import gives
    the same records; assessments and actions cannot be imported. The XLSX has a bold, frozen header
    row, sized columns and real dates. A cell that starts with =, +, -, @, a tab or a carriage return
    gets a leading ' so no spreadsheet runs it as a formula; import takes it off again.

    Example: partreg export --kind partnerships --format xlsx --output register.xlsx
    """

    def command() -> int:
        import sys

        from partreg.cli.common import load, write
        from partreg.errors import PartregError
        from partreg.output import export as formats
        from partreg.output.files import write_atomic

        chosen_kind = choose(kind, formats.KINDS, "--kind")
        chosen_format = choose(output_format, formats.FORMATS, "--format")
        if year is not None and chosen_kind != "assessments":
            raise PartregError("--year applies only to --kind assessments", "leave out --year")
        if chosen_format == "xlsx" and output is None:
            raise PartregError("--format xlsx needs --output", "add --output register.xlsx")
        if output is not None and output.exists() and not force:
            raise PartregError(f"{output} already exists", "give --force to replace it, or choose another --output")
        # Only the kind's folder is read: no record refers across kinds in an export.
        exported = formats.table(load(root, only=[chosen_kind]), chosen_kind, year)
        if chosen_format == "xlsx":
            data = formats.as_xlsx(exported)
        else:
            text = formats.as_csv(exported) if chosen_format == "csv" else formats.as_json(exported)
            if output is None:
                write(text)
                return EXIT_OK
            data = text.encode("utf-8")
        assert output is not None
        write_atomic(output, data, force=force)
        sys.stderr.write(f"wrote {output} ({len(exported.rows):,} {chosen_kind})\n")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

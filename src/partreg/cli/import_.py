"""`partreg import`: a council's register spreadsheet (one row per partnership) -> partnership files."""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, choose, debug_enabled

FORMATS = ("standard", "json")


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="The spreadsheet: an Excel workbook (.xlsx) or a CSV file.", dir_okay=False),
    ],
    sheet: Annotated[str | None, typer.Option(help="The sheet to read (default: the first).")] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map", help='A YAML file mapping other headers to fields: `"Header": dotted.field`.', dir_okay=False
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; show what would be written.")] = False,
    partial: Annotated[
        bool, typer.Option("--partial", help="Write the rows without errors even when other rows have errors.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update", help="Merge rows into existing records (an empty cell keeps the field as it is)."),
    ] = False,
    root: Root = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="standard or json.")] = "standard",
) -> None:
    """Import a register spreadsheet, one row per partnership, as register/partnerships/<id>.yaml files.

    Columns are matched to fields by header, ignoring case, spaces and punctuation: "Lead Officer",
    "Officer hours per month", "Financial contribution", "Statutory (Y/N)", the dotted field names
    `partreg export` writes, and any header the --map file names. The id is the Id column, else
    made from the name. Every problem names its cell (register.xlsx:Sheet1!D14); so does a formula
    with no saved value, and a --map entry for a header the sheet does not have. Nothing is written
    when any row has errors, unless --partial is given; an existing record is never replaced, and
    --update merges into it and shows each change, editing only the changed fields and keeping
    the file's comments (the file is left in `partreg fmt`'s form). Only partnerships are
    imported, not an export of assessments or actions.

    Example: partreg import register.xlsx --sheet Register --map columns.yaml --dry-run
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.output.importing import as_json, as_standard

        chosen = choose(output_format, FORMATS, "--format")
        result = api.import_spreadsheet(
            file, root=root, sheet=sheet, mapping=mapping, dry_run=dry_run, partial=partial, update=update
        )
        sys.stdout.write(as_json(result) if chosen == "json" else as_standard(result))
        return EXIT_PROBLEMS if result.problems else EXIT_OK

    run(command, debug=debug_enabled(ctx))

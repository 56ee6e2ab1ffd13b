"""`partreg report`: the committee papers, as Word, HTML or Markdown, from the register."""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.common import load
from partreg.cli.options import AsOf, Root, Today, choose, debug_enabled, parse_date, parse_today


def report(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option(help="Register year (default: the latest assessed year, else this year).")
    ] = None,
    kind: Annotated[str, typer.Option(help="assurance, actions, resources or annual.")] = "assurance",
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="docx, html or md (default: from the --output name, else docx)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write, or - for standard output (default: <kind>-<year>.<format> here)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    previous: Annotated[
        str | None, typer.Option(help="For --kind actions: date of the previous committee, YYYY-MM-DD.")
    ] = None,
    templates: Annotated[
        Path | None, typer.Option(help="Folder of templates that override the built-in ones by name.", file_okay=False)
    ] = None,
    reference_docx: Annotated[
        Path | None, typer.Option(help="A .docx whose styles the Word report uses.", dir_okay=False)
    ] = None,
    as_of: AsOf = None,
    since: Annotated[
        str | None, typer.Option(help="Add the changes since this revision (the last paper's tag) as an appendix.")
    ] = None,
    root: Root = None,
    today: Today = None,
) -> None:
    """Make a committee report from the register and write it atomically (never over a file without --force).

    Kinds: assurance (the annual assurance report), actions (action-plan progress since --previous),
    resources (the register and its resources, with totals by tag), annual (the annual partnerships report).

    Example: partreg report --year 2023 --format docx --output assurance-2023.docx --since v2022
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.compute.status import latest_year
        from partreg.errors import PartregError, RegisterErrors
        from partreg.output import progress
        from partreg.output.files import write_atomic
        from partreg.problems import Severity
        from partreg.render.report import FORMATS, KINDS, default_output_name

        chosen_kind = choose(kind, tuple(KINDS), "--kind")
        chosen_format = choose(_format(output_format, output), FORMATS, "--format")
        day = parse_today(today)
        previous_day = parse_date(previous, "--previous") if previous is not None else None
        register = load(root, as_of)
        # A paper from a register with errors (an amber rating with no issue, say) would mislead.
        errors = [p for p in api.validate(register, today=day).problems if p.severity is Severity.ERROR]
        if errors:
            files = len({p.path for p in errors})
            raise RegisterErrors(
                errors, f"the register has {len(errors)} error(s) in {files} file(s); no paper is made from it"
            )
        # The latest assessed year; a register with no assessments yet reports on this year.
        report_year = year if year is not None else (latest_year(register) or day.year)
        target = output or Path(default_output_name(chosen_kind, report_year, chosen_format))
        to_stdout = str(target) == "-"
        if not to_stdout and target.exists() and not force:
            raise PartregError(f"{target} already exists", "give --force to replace it, or choose another --output")
        if chosen_kind == "actions" and previous_day is None:
            sys.stderr.write(
                "partreg: note: no --previous date, so the paper has no column for the position reported "
                "to the last committee\n"
            )
        with progress.steps(f"Rendering the {chosen_kind} report"):
            data = api.report(
                register,
                kind=chosen_kind,
                output_format=chosen_format,
                year=report_year,
                today=day,
                previous=previous_day,
                templates=templates,
                reference_docx=reference_docx,
                since=since,
            )
        if to_stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return EXIT_OK
        write_atomic(target, data, force=force)
        sys.stderr.write(f"wrote {target}\n")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


def _format(given: str | None, output: Path | None) -> str:
    """`--format`, else the output file's suffix when it names a format, else Word."""
    from partreg.errors import PartregError
    from partreg.render.report import FORMATS

    suffix = output.suffix.lstrip(".").lower() if output is not None else ""
    if given is None:
        if suffix and suffix not in FORMATS:
            raise PartregError(
                f"cannot tell the report format from the output name {output}",
                "name the file .docx, .html or .md, or give --format",
            )
        return suffix or "docx"
    if suffix in FORMATS and suffix != given.lower():
        raise PartregError(
            f"--format {given} does not match the output file {output}", f"write --output with a .{given.lower()} name"
        )
    return given

"""`partreg validate`: every problem in the register, with its position, code and fix."""

from __future__ import annotations

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, Today, choose, debug_enabled, parse_today

FORMATS = ("standard", "parsable", "github", "json")


def validate(
    ctx: typer.Context,
    root: Root = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="standard, parsable, github (annotations) or json.")
    ] = "standard",
    select: Annotated[str | None, typer.Option(help="Report only these codes or prefixes, e.g. S,R001.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these codes or prefixes, e.g. L003.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    today: Today = None,
) -> None:
    """Check every file of the register and list each problem with its position, code and fix.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 could not run.

    Example: partreg validate --root ~/council-register --format github --ignore L003
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.check.run import Selection, parse_codes
        from partreg.output import problems as formats
        from partreg.output import progress

        choose(output_format, FORMATS, "--format")
        selection = Selection(parse_codes(select, "--select"), parse_codes(ignore, "--ignore"))
        with progress.counting("Reading register files") as tick:
            register = api.load_register(root, on_file=tick)
        result = api.validate(register, selection, parse_today(today))
        if output_format == "standard":
            from partreg.output.console import make_console
            from partreg.output.source_lines import SourceLines

            formats.print_standard(result, make_console(), SourceLines(register))
        else:
            render = {"parsable": formats.parsable, "github": formats.github, "json": formats.as_json}
            sys.stdout.write(render[output_format](result))
        failed = result.errors > 0 or (strict and result.warnings > 0)
        return EXIT_PROBLEMS if failed else EXIT_OK

    run(command, debug=debug_enabled(ctx))

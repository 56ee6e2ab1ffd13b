"""`partreg validate`: every problem in the register, with its position, code and fix.

With FILES (as pre-commit passes them) or `--changed-since REV`, only those files and their
neighbours are read (`api.validate_paths`): a large register is checked in the time its
changed files take.
"""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, Today, choose, debug_enabled, parse_today

Files = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILES",
        help="Check only these register files (as pre-commit passes them); any other path cannot run (exit 2).",
        show_default=False,
    ),
]

ChangedSince = Annotated[
    str | None,
    typer.Option(
        "--changed-since",
        metavar="REV",
        help="Check only the register files changed since this Git revision, committed or not.",
        show_default=False,
    ),
]


def validate(
    ctx: typer.Context,
    files: Files = None,
    root: Root = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="standard, parsable, github (annotations) or json.")
    ] = "standard",
    select: Annotated[str | None, typer.Option(help="Report only these codes or prefixes, e.g. S,R001.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these codes or prefixes, e.g. L003.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    changed_since: ChangedSince = None,
    today: Today = None,
) -> None:
    """Check every file of the register and list each problem with its position, code and fix.

    Given FILES, or --changed-since REV, only those files are checked: they are read with the
    files they refer to or that refer to them, and the problems of the changed files and of the
    files sharing their stem are reported (every file when policy.yaml changed). Files deleted or
    renamed since REV (with FILES: since HEAD) count as changed, so what still names them is checked.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 could not run.

    Example: partreg validate --root ~/council-register --format github --ignore L003

    Example: partreg validate --changed-since origin/main --format github
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.check.run import Selection, parse_codes
        from partreg.output import problems as formats

        choose(output_format, formats.FORMATS, "--format")
        selection = Selection(parse_codes(select, "--select"), parse_codes(ignore, "--ignore"))
        day = parse_today(today)
        if files or changed_since is not None:
            register, result = api.validate_paths(
                root, files or None, changed_since=changed_since, selection=selection, today=day
            )
        else:
            from partreg.output import progress

            with progress.counting("Reading register files") as tick:
                register = api.load_register(root, on_file=tick)
            result = api.validate(register, selection, day)
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

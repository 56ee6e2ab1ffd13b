"""`partreg validate`: every problem in the register, with its position, code and fix.

With FILES (as pre-commit passes them) or `--changed-since REV`, only those files and their
neighbours (the partnership, assessments and plans sharing a file stem, and the policy) are
read, and only problems in those files are reported: a large register is checked in the
time its changed files take.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, Today, choose, debug_enabled, parse_today

if TYPE_CHECKING:
    from datetime import date

    from partreg.check.run import CheckResult, Selection
    from partreg.model.register import Register

Files = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILES",
        help="Check only these files (as pre-commit passes them); files outside register/ are ignored.",
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
    files they refer to or that refer to them, and only their own problems are reported.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 could not run.

    Example: partreg validate --root ~/council-register --format github --ignore L003

    Example: partreg validate --changed-since origin/main --format github
    """

    def command() -> int:
        import sys

        from partreg import api
        from partreg.check.run import Selection, parse_codes
        from partreg.errors import PartregError
        from partreg.output import problems as formats

        choose(output_format, formats.FORMATS, "--format")
        selection = Selection(parse_codes(select, "--select"), parse_codes(ignore, "--ignore"))
        day = parse_today(today)
        if files and changed_since is not None:
            raise PartregError("give FILES or --changed-since, not both", "drop the file names or --changed-since")
        if files or changed_since is not None:
            register, result = _check_some(root, files or [], changed_since, selection, day)
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


def _check_some(
    root: Path | None, files: list[Path], changed_since: str | None, selection: "Selection", day: "date"
) -> tuple["Register", "CheckResult"]:
    """Read the chosen files and their neighbours; report only the chosen files' problems."""
    from partreg import api
    from partreg.check.run import CheckResult
    from partreg.cli.common import is_register_file, register_path
    from partreg.load.layout import find_root
    from partreg.load.worktree import WorkTree
    from partreg.load.yaml_reader import DEFAULT_LIMITS

    found = find_root(explicit=root) if root is not None else find_root()
    if changed_since is not None:
        from partreg.load.git import GitRepo

        repo = GitRepo(found)
        candidates = repo.changed_paths(repo.resolve(changed_since), None)
    else:
        candidates = {register_path(found, file) or "" for file in files}
    chosen = {path for path in candidates if is_register_file(path)}
    register = api.load_partial(WorkTree(found, DEFAULT_LIMITS.max_bytes), chosen)
    result = api.validate(register, selection, day)
    present = sum(1 for path in chosen if (found / path).exists() or (found / path).is_symlink())
    return register, CheckResult([problem for problem in result.problems if problem.path in chosen], present)

"""`partreg validate`: every problem in the register, with its position, code and fix.

With FILES (as pre-commit passes them) or `--changed-since REV`, only those files and their
neighbours (the partnership, assessments and plans sharing a file stem, and the policy) are
read: a large register is checked in the time its changed files take. The problems reported
are those a full run finds in the changed files and in the records sharing their stem, so an
assessment left naming a deleted or renamed partnership is caught; a changed policy checks
every file. Deleted files count as changed: Git lists them for --changed-since, and with
FILES the register files deleted since HEAD are added, as pre-commit never passes them.
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
        from partreg.check.run import Selection
        from partreg.errors import PartregError
        from partreg.output import problems as formats

        choose(output_format, formats.FORMATS, "--format")
        selection = Selection(_known_codes(select, "--select"), _known_codes(ignore, "--ignore"))
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


def _known_codes(text: str | None, option: str) -> tuple[str, ...]:
    """The codes or prefixes given; one that matches no rule would silently select or ignore nothing."""
    from partreg.check.rules import BY_CODE
    from partreg.check.run import parse_codes
    from partreg.errors import PartregError

    codes = parse_codes(text, option)
    for code in codes:
        if not any(known.startswith(code) for known in BY_CODE):
            raise PartregError(f"{option}: no rule code starts with `{code}`", "run `partreg rules` to list the codes")
    return codes


def _check_some(
    root: Path | None, files: list[Path], changed_since: str | None, selection: "Selection", day: "date"
) -> tuple["Register", "CheckResult"]:
    """Read the chosen files and their neighbours; report the problems a full run would report in the
    chosen files and in the files that refer to them (load/source.py `affected`)."""
    from partreg import api
    from partreg.check.run import CheckResult
    from partreg.cli.common import is_register_file
    from partreg.load.git import GitRepo
    from partreg.load.layout import find_root
    from partreg.load.source import affected
    from partreg.load.worktree import WorkTree
    from partreg.load.yaml_reader import DEFAULT_LIMITS

    found = find_root(explicit=root) if root is not None else find_root()
    if changed_since is not None:
        repo = GitRepo(found)
        # Deleted and renamed files are listed too: what still names them is checked.
        candidates = repo.changed_paths(repo.resolve(changed_since), None)
    else:
        candidates = {_register_file(found, file) for file in files} | _deleted_files(found)
    chosen = {path for path in candidates if is_register_file(path)}
    source = WorkTree(found, DEFAULT_LIMITS.max_bytes)
    register = api.load_partial(source, chosen)
    result = api.validate(register, selection, day)
    reported = affected(chosen, source.paths())
    present = sum(1 for path in reported if (found / path).exists() or (found / path).is_symlink())
    return register, CheckResult([problem for problem in result.problems if problem.path in reported], present)


def _register_file(root: Path, file: Path) -> str:
    """`file` as a root-relative path; a path that is not a register file cannot run (it would pass unread)."""
    from partreg.cli.common import register_path
    from partreg.errors import PartregError
    from partreg.load.layout import REGISTER_DIR, is_yaml

    if not (file.exists() or file.is_symlink()):
        raise PartregError(
            f"{file}: no such file", "check the path; FILES are register files, e.g. register/partnerships/<id>.yaml"
        )
    if file.is_dir() and not file.is_symlink():
        raise PartregError(
            f"{file}: is a folder", "give the files in it, or run `partreg validate` alone for the whole register"
        )
    path = register_path(root, file)
    if path is None or path.split("/")[0] != REGISTER_DIR or not is_yaml(path):
        raise PartregError(
            f"{file}: not a register file", f"give YAML files under {root / REGISTER_DIR}, or --root another register"
        )
    return path


def _deleted_files(root: Path) -> set[str]:
    """Register files deleted or renamed since HEAD, as pre-commit never passes them: what still names
    them (an assessment of a deleted partnership) is checked too. None outside Git."""
    from partreg.errors import PartregError
    from partreg.load.git import GitRepo

    try:
        return GitRepo(root).deleted_paths()
    except PartregError:
        return set()

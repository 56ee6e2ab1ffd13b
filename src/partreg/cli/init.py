"""`partreg init [DIR]`: start a register repository, with examples, schemas and checks in place."""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import debug_enabled, parse_today


def init(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="The folder to create the register in (default: this folder).", show_default=False
        ),
    ] = Path(),
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not run `git init`.")] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Add the missing files to a folder that is not empty; never overwrites a file."),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help="The day the examples are dated from, YYYY-MM-DD (default: today).", show_default=False
        ),
    ] = None,
) -> None:
    """Create a new partnership register repository, ready to fill in and check.

    It writes register/ with a documented policy.yaml that shows every default, one example
    partnership, assessment and action plan (each commented), schemas/ for editors, a
    .pre-commit-config.yaml that runs partreg's `partreg-validate` hook, and a README for the
    council's officers; then it runs `git init` unless --no-git is given. It refuses a folder
    that is not empty unless --force is given, and even then it never overwrites a file: each one
    that is already there is skipped and listed.

    Example: partreg init council-register
    """

    def command() -> int:
        import sys

        from partreg.render.starter import init_files

        target = folder.absolute()
        _check_folder(target, force=force)
        day = parse_today(today)
        written, skipped = [], []
        for skeleton in init_files(day):
            reason = _write_new(target, skeleton.path, skeleton.text)
            if reason:
                skipped.append(f"{skeleton.path} ({reason})")
            else:
                written.append(skeleton.path)
        git_note = _git(target, no_git=no_git)
        sys.stdout.write(_summary(folder, target, written, skipped, git_note))
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


def _check_folder(target: Path, *, force: bool) -> None:
    from partreg.errors import PartregError

    if target.exists() and not target.is_dir():
        raise PartregError(f"{target} is a file, not a folder", "give init a new or empty folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise PartregError(
            f"{target} is not empty",
            "give a new or empty folder, or --force to add only the files that are missing (none is overwritten)",
        )
    target.mkdir(parents=True, exist_ok=True)


def _write_new(root: Path, relative: str, text: str) -> str:
    """Write one file unless something is already there; the reason it was skipped, or ""."""
    from partreg.output.files import write_atomic

    path = root / relative
    parts = Path(relative).parts
    # A link inside the new repository could send the write anywhere: never follow one.
    for depth in range(1, len(parts) + 1):
        if root.joinpath(*parts[:depth]).is_symlink():
            return f"{'/'.join(parts[:depth])} is a symbolic link"
    if path.exists():
        return "already there, left as it was"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return ""


def _git(target: Path, *, no_git: bool) -> str:
    from partreg.load.git import init_repository

    if no_git:
        return "Git: not set up (--no-git); run `git init` when you are ready."
    if (target / ".git").exists():
        return "Git: this folder is already a Git repository."
    init_repository(target)
    return "Git: started a new repository (git init)."


def _summary(folder: Path, target: Path, written: list[str], skipped: list[str], git_note: str) -> str:
    lines = [f"Created a partnership register in {target}:"]
    lines += [f"  {path}" for path in written] or ["  (no new files)"]
    if skipped:
        lines += ["Skipped, so nothing was overwritten:", *(f"  {entry}" for entry in skipped)]
    lines.append(git_note)
    lines += ["", "Next:"]
    if folder != Path():
        import shlex

        lines.append(f"  cd {shlex.quote(str(folder))}")
    lines += [
        "  partreg validate                # check every file",
        "  partreg new partnership --help  # start a record for each partnership",
        "  pre-commit install              # check each commit (see .pre-commit-config.yaml)",
        "Read README.md, then delete the safer-streets example files.",
    ]
    return "\n".join(lines) + "\n"

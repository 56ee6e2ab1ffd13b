"""`partreg fmt`: register files in FORMAT.md key order and one style, so diffs show only real changes.

Each file is read by the hardened loader first; one it refuses (a syntax error, a tag, a
duplicate key, a bomb...) is reported and left untouched, and never reaches the formatter
(render/canonical.py, the only user of ruamel.yaml).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, debug_enabled

Files = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILES",
        help="Format only these files (as pre-commit passes them); files outside register/ are ignored.",
        show_default=False,
    ),
]
Check = Annotated[
    bool, typer.Option("--check", help="Write nothing: list the files that would change, and exit 1 if any.")
]


def fmt(ctx: typer.Context, files: Files = None, check: Check = False, root: Root = None) -> None:
    """Rewrite register files in canonical key order (FORMAT.md's) and style, keeping every comment.

    Values are never retyped: `yes`, `0123` and quoted text stay exactly as written. Changed
    files are listed, one a line, relative to the register root, and rewritten atomically.
    A file with YAML errors is reported and left as it is.

    Exit status: 0 nothing to do (or all rewritten), 1 with --check a file would change, or a
    file could not be formatted; 2 could not run.

    Example: partreg fmt --check
    """

    def command() -> int:
        from partreg.load.layout import find_root
        from partreg.load.worktree import SourceFile, WorkTree
        from partreg.load.yaml_reader import DEFAULT_LIMITS

        found = find_root(explicit=root)
        chosen = _chosen(found, files) if files else None
        changed: list[tuple[str, bytes]] = []
        refused = 0
        for source in WorkTree(found, DEFAULT_LIMITS.max_bytes).files(chosen):
            if not isinstance(source, SourceFile):
                _report(source.path, source.line, source.col, f"{source.code} {source.message}", source.hint)
                refused += 1
            elif (formatted := _formatted(source.path, source.raw)) is None:
                refused += 1
            elif formatted != source.raw:
                changed.append((source.path, formatted))
        for path, data in changed:
            if not check:
                _write(found / path, data)
            sys.stdout.write(f"{path}\n")
        _summarise(len(changed), refused, check=check)
        return EXIT_PROBLEMS if refused or (check and changed) else EXIT_OK

    run(command, debug=debug_enabled(ctx))


def _formatted(path: str, raw: bytes) -> bytes | None:
    """The file's canonical bytes, or None (and its problems reported) when it is refused."""
    from partreg.load.layout import place
    from partreg.load.yaml_reader import read_document
    from partreg.render.canonical import NotFormattable, canonical_text

    # The loader reads the bytes first: only text it accepts is handed to the formatter.
    document, problems = read_document(path, raw)
    if document is None:
        for problem in problems:
            _report(path, problem.line, problem.col, f"{problem.code} {problem.message}", problem.hint)
        return None
    try:
        return canonical_text(document.text, place(path).kind).encode("utf-8")
    except NotFormattable as exc:
        _report(path, exc.line, exc.col, exc.message, exc.hint)
        return None


def _write(path: Path, data: bytes) -> None:
    """Replace the file atomically: a reader never sees half of it, and it keeps its mode."""
    from partreg.output.files import write_atomic

    write_atomic(path, data, force=True)


def _report(path: str, line: int, col: int, message: str, hint: str) -> None:
    sys.stderr.write(f"{path}:{line}:{col} {message}{f' (hint: {hint})' if hint else ''}\n")


def _summarise(changed: int, refused: int, *, check: bool) -> None:
    if changed:
        done = "would be rewritten; run `partreg fmt` to rewrite them" if check else "rewritten"
        sys.stderr.write(f"partreg: {changed} file(s) {done}\n")
    if refused:
        sys.stderr.write(f"partreg: {refused} file(s) left as they are: fix the errors above, then run fmt again\n")


def _chosen(root: Path, files: list[Path]) -> set[str]:
    """FILES as root-relative paths, keeping those a full run would format (YAML under register/)."""
    from partreg.errors import PartregError
    from partreg.load.layout import is_register_file, register_path

    chosen = set()
    for file in files:
        if file.is_dir():
            raise PartregError(f"{file} is a folder", "give register files, or no FILES to format the whole register")
        if not file.exists() and not file.is_symlink():
            raise PartregError(f"no file {file}", "check the path; FILES are relative to this folder")
        relative = register_path(root, file)
        if relative is not None and is_register_file(relative):
            chosen.add(relative)
    return chosen

"""`partreg schema`: the JSON Schema of each kind of register file, for editors."""

from pathlib import Path
from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import Root, debug_enabled


def schema(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="partnership, assessment, plan or policy (default: all four).", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write <kind>.schema.json files in (default: schemas/ beside register/).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace schema files that exist.")] = False,
    root: Root = None,
) -> None:
    """Export the JSON Schema of each kind of register file, generated from partreg's own models.

    Editors use it to complete and check a file as it is typed: VS Code's YAML extension reads the
    `# yaml-language-server: $schema=...` first line that `partreg init` and `partreg new` write.
    With --kind and no --output, the schema is printed. Otherwise one `<kind>.schema.json` per
    kind is written, by default into `schemas/` beside `register/`, which those first lines name;
    run it again with --force after upgrading partreg. The schema accepts what `partreg validate`
    accepts for each value's type; rules across fields and files are left to `validate`.

    Example: partreg schema --force
    """

    def command() -> int:
        import sys

        from partreg.cli.options import choose
        from partreg.errors import PartregError
        from partreg.load.layout import find_root
        from partreg.model.json_schema import KINDS
        from partreg.output.files import write_atomic
        from partreg.render.skeletons import SCHEMA_DIR, schema_json

        kinds = (choose(kind, KINDS, "--kind"),) if kind is not None else KINDS
        if kind is not None and output is None:
            sys.stdout.write(schema_json(kind))
            return EXIT_OK
        folder = output if output is not None else find_root(explicit=root) / SCHEMA_DIR
        if folder.exists() and not folder.is_dir():
            raise PartregError(f"{folder} is not a folder", "give --output a folder")
        targets = [folder / f"{name}.schema.json" for name in kinds]
        existing = [str(target) for target in targets if target.exists()]
        if existing and not force:
            raise PartregError(f"{', '.join(existing)} already exists", "give --force to replace the schema files")
        folder.mkdir(parents=True, exist_ok=True)
        for name, target in zip(kinds, targets, strict=True):
            write_atomic(target, schema_json(name).encode("utf-8"), force=force)
            sys.stderr.write(f"wrote {target}\n")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))

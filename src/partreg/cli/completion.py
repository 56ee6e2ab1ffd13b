"""Shell completion of partnership ids, for arguments such as `partreg show ID`.

It runs on every press of Tab, so it reads file names only: the ids are the stems of the files
under `register/partnerships/` (FORMAT.md: a file's stem equals its `id`). No YAML is parsed.
"""

from __future__ import annotations

from pathlib import Path

import typer


def partnership_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The partnership ids that start with what has been typed, from the register found from the cwd.

    A `--root` typed earlier on the command line is used; anything that goes wrong offers nothing,
    since a completion must never print an error into the user's command line.
    """
    from partreg.errors import PartregError
    from partreg.load.layout import find_root

    given = ctx.params.get("root")
    try:
        root = find_root(explicit=given or None)
    except (PartregError, OSError):  # no register here, or the current folder has gone
        return []
    return [pid for pid in listed_ids(root) if pid.startswith(incomplete)]


def listed_ids(root: Path) -> list[str]:
    """The stems of the partnership files under `root`'s register, sorted; none when unreadable."""
    import os

    from partreg.load.layout import REGISTER_DIR, is_yaml

    try:
        with os.scandir(root / REGISTER_DIR / "partnerships") as entries:
            names = [entry.name for entry in entries if is_yaml(entry.name) and not entry.name.startswith(".")]
    except OSError:
        return []
    return sorted({name.rsplit(".", 1)[0] for name in names})

"""The register layout (FORMAT.md, "Layout of a register repository")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from partreg.errors import PartregError

REGISTER_DIR = "register"
YAML_SUFFIXES = (".yaml", ".yml")


class Kind(StrEnum):
    POLICY = "policy"
    PARTNERSHIP = "partnership"
    ASSESSMENT = "assessment"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Placed:
    """A register file and what its place in the layout says it holds."""

    path: str  # relative to the root, with `/`, e.g. register/assessments/2023/tvca.yaml
    kind: Kind | None  # None: a YAML file outside the layout
    stem: str
    folder: str  # the year folder of an assessment, else ""


def is_yaml(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES)


def place(path: str) -> Placed:
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    inner = parts[1:]
    if len(inner) == 1 and stem == "policy":
        return Placed(path, Kind.POLICY, stem, "")
    if len(inner) == 2 and inner[0] == "partnerships":
        return Placed(path, Kind.PARTNERSHIP, stem, "")
    if len(inner) == 3 and inner[0] == "assessments":
        return Placed(path, Kind.ASSESSMENT, stem, inner[1])
    if len(inner) == 2 and inner[0] == "actions":
        return Placed(path, Kind.PLAN, stem, "")
    return Placed(path, None, stem, "")


def partnership_paths(partnership_id: str) -> tuple[str, ...]:
    """Every root-relative path a partnership's file may have (FORMAT.md: its stem is its id)."""
    return tuple(f"{REGISTER_DIR}/partnerships/{partnership_id}{suffix}" for suffix in YAML_SUFFIXES)


def partnership_path(partnership_id: str) -> str:
    """The root-relative path partreg gives a new partnership's file."""
    return partnership_paths(partnership_id)[0]


def find_root(start: Path | None = None, explicit: str | Path | None = None) -> Path:
    """The folder that holds `register/`: `explicit` (`--root`), else `start` or its nearest parent."""
    if explicit is not None:
        given = Path(explicit)
        if not (given / REGISTER_DIR).is_dir():
            raise PartregError(
                f"no register/ folder in {given}",
                "give --root the folder that holds register/, or run `partreg init` to start one",
            )
        return given.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / REGISTER_DIR).is_dir():
            return folder
    raise PartregError(
        f"no register/ folder in {here} or any parent folder",
        "run partreg inside a register repository, or give --root PATH",
    )


def register_path(root: Path, file: Path) -> str | None:
    """`file` (relative to the current folder, or absolute) as a root-relative path with `/`,
    or None when it is outside the root."""
    # The folder is resolved (the root is), the file itself is not: a symlink must stay one, to be reported.
    absolute = Path(os.path.normpath(file.absolute()))
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(root).as_posix()
    except ValueError:
        return None


def is_register_file(path: str) -> bool:
    """A YAML file under register/ that a full run would read (hidden folders are skipped)."""
    parts = path.split("/")
    hidden = any(part.startswith(".") for part in parts[1:-1])
    return len(parts) >= 2 and parts[0] == REGISTER_DIR and is_yaml(parts[-1]) and not hidden


def register_relative(root: Path, file: Path) -> str:
    """`file` (as pre-commit passes it) as a root-relative path; one that is not a register file cannot
    run, as it would pass unread."""
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

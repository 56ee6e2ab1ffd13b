"""The register layout (FORMAT.md, "Layout of a register repository")."""

from __future__ import annotations

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


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The folder that holds `register/`: `explicit`, else `start` or its nearest parent."""
    if explicit is not None:
        if not (explicit / REGISTER_DIR).is_dir():
            raise PartregError(
                f"no register/ folder in {explicit}",
                "give --root the folder that holds register/, or run `partreg init` to start one",
            )
        return explicit.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / REGISTER_DIR).is_dir():
            return folder
    raise PartregError(
        f"no register/ folder in {here} or any parent folder",
        "run partreg inside a register repository, or give --root PATH",
    )

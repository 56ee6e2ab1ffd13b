"""What a report was built from: the register, the Git commit and the data date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from partreg.load.git import GitState, head_state


@dataclass(frozen=True, slots=True)
class Provenance:
    # Under Git, the root's folder inside the repository ("" at its top), so two clones of one commit
    # make the same bytes; outside Git, the root folder's name.
    root: str
    git: GitState | None
    data_date: date

    @property
    def text(self) -> str:
        if self.git is None:
            return (
                f"Built by partreg from the register in `{self.root}` (not under Git version control); "
                f"data as of {self.data_date}."
            )
        where = f"in `{self.root}` of its Git repository" if self.root else "at the top of its Git repository"
        dirty = " with uncommitted changes" if self.git.dirty else ""
        return (
            f"Built by partreg from the register {where}, commit {self.git.commit}{dirty}; data as of {self.data_date}."
        )

    def as_view(self) -> dict[str, object]:
        return {
            "root": self.root,
            "commit": self.git.commit if self.git else None,
            "uncommitted_changes": self.git.dirty if self.git else None,
            "data_date": self.data_date.isoformat(),
            "text": self.text,
        }


def provenance_of(root: Path, data_date: date, git: GitState | None = None) -> Provenance:
    """What a report of the register at `root` was built from: `git` when read from a revision,
    else the work tree's HEAD and whether it has uncommitted changes."""
    state = git or head_state(root)
    return Provenance(root.name if state is None else folder_in_repository(root), state, data_date)


def folder_in_repository(root: Path) -> str:
    """`root` relative to the top of the Git repository holding it, with `/` ("" at the top)."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():  # a folder, or a file in a linked work tree
            return root.relative_to(folder).as_posix().removeprefix(".")
    return root.name

"""What a report was built from: the register, the Git commit and the data date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from partreg.load.git import GitState, head_state


@dataclass(frozen=True, slots=True)
class Provenance:
    root_name: str
    git: GitState | None
    data_date: date

    @property
    def text(self) -> str:
        if self.git is None:
            source = "not under Git version control"
        else:
            dirty = " with uncommitted changes" if self.git.dirty else ""
            source = f"Git commit {self.git.commit}{dirty}"
        return f"Built by partreg from the register in `{self.root_name}` ({source}); data as of {self.data_date}."

    def as_view(self) -> dict[str, object]:
        return {
            "root": self.root_name,
            "commit": self.git.commit if self.git else None,
            "uncommitted_changes": self.git.dirty if self.git else None,
            "data_date": self.data_date.isoformat(),
            "text": self.text,
        }


def provenance_of(root: Path, data_date: date) -> Provenance:
    return Provenance(root.name, head_state(root), data_date)

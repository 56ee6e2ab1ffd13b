"""Build real registers on disk for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

PARTNERSHIP = """\
id: {id}
name: {name}
statutory: yes
significant: yes
lead_officer: A Smith
"""

ASSESSMENT = """\
partnership: {id}
year: {year}
governance:
  rating: green
performance:
  rating: green
"""

PLAN = """\
id: {id}
partnership: {partnership}
actions:
  - id: "1"
    action: Agree a code of conduct
    owner: Director of Legal and Governance Services
    target: 2030-12-31
"""


class RegisterDir:
    """A register root in a temp dir; each method writes one real file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "register").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / "register" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.root / "register" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def partnership(
        self, pid: str = "safer-streets", text: str | None = None, name: str = "Safer Streets Board"
    ) -> Path:
        return self.write(f"partnerships/{pid}.yaml", text or PARTNERSHIP.format(id=pid, name=name))

    def assessment(self, pid: str = "safer-streets", year: int = 2023, text: str | None = None) -> Path:
        return self.write(f"assessments/{year}/{pid}.yaml", text or ASSESSMENT.format(id=pid, year=year))

    def plan(self, plan_id: str = "safer-streets", text: str | None = None, partnership: str = "safer-streets") -> Path:
        return self.write(f"actions/{plan_id}.yaml", text or PLAN.format(id=plan_id, partnership=partnership))

    def valid(self) -> RegisterDir:
        """One partnership with an assessment and an action plan, all valid."""
        self.partnership()
        self.assessment()
        self.plan()
        return self

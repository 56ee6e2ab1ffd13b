"""Reading a register: all of it, or only some folders of it, from the work tree or a Git revision."""

from __future__ import annotations

import pytest

from partreg import api
from tests.support.git import commit_all, make_repo
from tests.support.registers import RegisterDir


def _register(reg: RegisterDir) -> RegisterDir:
    reg.valid()
    reg.partnership("broken", text="id: broken\nname: Broken Board\nstatutory: maybe\n")
    return reg


def test_every_folder_is_read_by_default(reg: RegisterDir) -> None:
    register = api.load_register(_register(reg).root)
    assert (register.files, len(register.plans), len(register.assessments)) == (4, 1, 1)
    assert {problem.path for problem in register.problems} == {"register/partnerships/broken.yaml"}


@pytest.mark.parametrize("revision", [None, "HEAD"])
def test_only_the_folders_named_are_read(reg: RegisterDir, revision: str | None) -> None:
    """Export reads one kind: a broken file of another kind does not stop it."""
    _register(reg)
    make_repo(reg.root)
    commit_all(reg.root, "The register")
    register = api.load_register(reg.root, revision=revision, only=["assessments"])
    assert [entry.placed.path for entry in register.assessments] == ["register/assessments/2023/safer-streets.yaml"]
    assert (register.files, register.partnerships, register.plans, register.problems) == (1, [], [], [])
    both = api.load_register(str(reg.root), revision=revision, only=["actions", "partnerships/"])
    assert (both.files, len(both.plans), len(both.partnerships), both.assessments) == (3, 1, 1, [])

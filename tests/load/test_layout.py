"""The register layout: where the root is, where a partnership's file is, which paths are register files."""

from __future__ import annotations

from pathlib import Path

import pytest

from partreg.errors import PartregError
from partreg.load.layout import (
    find_root,
    is_register_file,
    partnership_path,
    partnership_paths,
    register_path,
    register_relative,
)
from tests.support.registers import RegisterDir


def test_a_partnerships_file_is_named_after_its_id() -> None:
    assert partnership_paths("safer-streets") == (
        "register/partnerships/safer-streets.yaml",
        "register/partnerships/safer-streets.yml",
    )
    assert partnership_path("safer-streets") == "register/partnerships/safer-streets.yaml"


@pytest.mark.parametrize("kind", [str, Path])
def test_find_root_takes_root_as_text_or_a_path(reg: RegisterDir, kind: type[str] | type[Path]) -> None:
    assert find_root(explicit=kind(reg.root)) == reg.root.resolve()


def test_find_root_with_no_root_searches_up_from_the_start(reg: RegisterDir) -> None:
    folder = reg.root / "register" / "partnerships"
    folder.mkdir()
    assert find_root(folder, explicit=None) == reg.root.resolve()


def test_an_explicit_root_without_register_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PartregError, match="no register/ folder in"):
        find_root(explicit=str(tmp_path))


def test_register_files_are_yaml_under_register_outside_hidden_folders() -> None:
    assert is_register_file("register/partnerships/a.yaml")
    assert is_register_file("register/policy.yml")
    assert not is_register_file("register/.drafts/a.yaml")
    assert not is_register_file("templates/a.yaml")
    assert not is_register_file("register/notes.txt")


def test_register_path_is_root_relative_or_none(reg: RegisterDir) -> None:
    root = reg.root.resolve()
    assert register_path(root, root / "register" / "x.yaml") == "register/x.yaml"
    assert register_path(root, root.parent / "x.yaml") is None


def test_register_relative_gives_a_register_files_path(reg: RegisterDir) -> None:
    file = reg.partnership()
    assert register_relative(reg.root.resolve(), file) == "register/partnerships/safer-streets.yaml"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("register/partnerships/nope.yaml", "no such file"),
        ("register/partnerships", "is a folder"),
        ("register/partnerships/notes.txt", "not a register file"),
        ("README.md", "not a register file"),
    ],
)
def test_register_relative_refuses_what_is_not_a_register_file(reg: RegisterDir, given: str, message: str) -> None:
    """Such a path would pass a partial check unread."""
    reg.partnership()
    reg.write("partnerships/notes.txt", "notes\n")
    (reg.root / "README.md").write_text("# Register\n", encoding="utf-8")
    with pytest.raises(PartregError) as raised:
        register_relative(reg.root.resolve(), reg.root / given)
    assert str(raised.value) == f"{reg.root / given}: {message}"

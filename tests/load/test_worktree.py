from __future__ import annotations

import os
from pathlib import Path

import pytest

from partreg.load.worktree import SourceFile, WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS
from partreg.problems import Problem
from tests.support.checking import found, problems
from tests.support.registers import RegisterDir


def test_y015_symlinked_file_is_reported_not_followed(reg: RegisterDir, tmp_path: Path) -> None:
    reg.valid()
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\n")
    (reg.root / "register" / "partnerships" / "secret.yaml").symlink_to(outside)
    assert found(reg, "Y015") == [("register/partnerships/secret.yaml", 1, 1)]
    assert all("secret" not in p.message for p in problems(reg) if p.code != "Y015")


def test_y015_symlinked_folder_is_reported_not_followed(reg: RegisterDir, tmp_path: Path) -> None:
    reg.valid()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("not: read\n")
    (reg.root / "register" / "assessments" / "2022").symlink_to(elsewhere)
    assert found(reg, "Y015") == [("register/assessments/2022", 1, 1)]


def test_y015_quiet_for_ordinary_files(reg: RegisterDir) -> None:
    reg.valid()
    assert found(reg, "Y015") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_y017_unreadable_file(reg: RegisterDir) -> None:
    reg.valid()
    path = reg.partnership("locked")
    path.chmod(0)
    try:
        assert found(reg, "Y017") == [("register/partnerships/locked.yaml", 1, 1)]
    finally:
        path.chmod(0o644)


def test_y017_fifo_is_not_opened(reg: RegisterDir) -> None:
    reg.valid()
    os.mkfifo(reg.root / "register" / "partnerships" / "pipe.yaml")
    assert found(reg, "Y017") == [("register/partnerships/pipe.yaml", 1, 1)]


def test_y017_quiet_for_readable_files(reg: RegisterDir) -> None:
    reg.valid()
    assert found(reg, "Y017") == []


def test_missing_folders_and_policy_are_valid(reg: RegisterDir) -> None:
    assert problems(reg) == []
    reg.partnership()
    # Only the reminder that a significant partnership has no assessment yet.
    assert [(p.code, p.severity.value) for p in problems(reg)] == [("V002", "warning")]


def test_hidden_folders_are_skipped(reg: RegisterDir) -> None:
    reg.valid()
    reg.write(".cache/junk.yaml", "!!python/object:os.system x\n")
    assert problems(reg) == []


def test_y015_register_folder_itself_a_symlink_reads_nothing(tmp_path: Path) -> None:
    elsewhere = RegisterDir(tmp_path / "elsewhere").valid()
    (elsewhere.root / "register" / "partnerships" / "bad.yaml").write_text("!!python/object:os.system x\n")
    root = tmp_path / "root"
    root.mkdir()
    (root / "register").symlink_to(elsewhere.root / "register")
    tree = WorkTree(root, DEFAULT_LIMITS.max_bytes)
    files = list(tree.files())
    assert [(p.path, p.line, p.col, p.code) for p in files if isinstance(p, Problem)] == [("register", 1, 1, "Y015")]
    assert [f for f in files if isinstance(f, SourceFile)] == []
    assert tree.paths() == []
    assert list(tree.files({"register/partnerships/safer-streets.yaml"})) == [files[0]]
    assert [(p.code, p.path) for p in problems(RegisterDir(root))] == [("Y015", "register")]


def test_y015_linked_folder_on_a_chosen_path_is_reported_once(reg: RegisterDir, tmp_path: Path) -> None:
    reg.valid()
    elsewhere = RegisterDir(tmp_path / "elsewhere").valid()
    (reg.root / "register" / "actions").rename(tmp_path / "old-actions")
    (reg.root / "register" / "actions").symlink_to(elsewhere.root / "register" / "actions")
    tree = WorkTree(reg.root, DEFAULT_LIMITS.max_bytes)
    chosen = {"register/actions/safer-streets.yaml", "register/actions/other.yaml", "register/policy.yaml"}
    files = list(tree.files(chosen))
    assert [(p.path, p.code) for p in files if isinstance(p, Problem)] == [("register/actions", "Y015")]
    assert [f for f in files if isinstance(f, SourceFile)] == []

"""The data flow runs one way: load -> model -> check -> output -> cli (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "partreg"

# Each stage may import only from the stages before it; the base modules from nothing.
ORDER = ["problems", "errors", "load", "model", "compute", "check", "diff", "render", "output", "api", "cli"]


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> list[tuple[Path, str, str]]:
    """(file, its stage, the partreg module it imports) for every import in the package."""
    found = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC.parent).with_suffix("")
        stage = _stage(".".join(relative.parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append((path, stage, node.module))
            elif isinstance(node, ast.Import):
                found.extend((path, stage, alias.name) for alias in node.names)
    return found


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for path, stage, module in _imports():
        if not module.startswith("partreg.") or stage not in ORDER:
            continue
        target = _stage(module)
        if target in ORDER and ORDER.index(target) > ORDER.index(stage):
            wrong.append(f"{path.relative_to(SRC)} ({stage}) imports {module} ({target})")
    assert wrong == []


def test_nothing_imports_the_cli_except_the_cli_and_main() -> None:
    importers = {
        str(path.relative_to(SRC))
        for path, stage, module in _imports()
        if module.startswith("partreg.cli") and stage != "cli"
    }
    assert importers == {"__main__.py"}


def test_only_one_module_imports_yaml() -> None:
    importers = {str(path.relative_to(SRC)) for path, _, module in _imports() if module.split(".")[0] == "yaml"}
    assert importers == {"load/yaml_reader.py"}


def test_only_one_module_imports_pydantic_validation_error() -> None:
    importers = set()
    for path in SRC.rglob("*.py"):
        if "ValidationError" in path.read_text(encoding="utf-8"):
            importers.add(str(path.relative_to(SRC)))
    assert importers == {"model/build.py"}


def test_the_scan_sees_the_package() -> None:
    assert len(_imports()) > 20


def test_only_one_module_runs_git() -> None:
    runners = {str(path.relative_to(SRC)) for path in SRC.rglob("*.py") if '"git"' in path.read_text(encoding="utf-8")}
    assert runners == {"load/git.py"}


def test_only_one_module_writes_user_files() -> None:
    writers = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(call in text for call in ("write_bytes(", "write_text(", "hardlink_to(", '"wb"', "mkstemp(")):
            writers.add(str(path.relative_to(SRC)))
    assert writers == {"output/files.py"}


def test_every_package_is_in_the_wheel() -> None:
    import tomllib

    listed = set(tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(SRC.parent).parts) for p in SRC.rglob("__init__.py")}
    assert found | {"partreg.templates"} == listed

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.diffing import build_register
from tests.support.registers import RegisterDir


@pytest.fixture
def repo(tmp_path: Path) -> RegisterDir:
    """The register tagged `v2023` (tests/support/diffing.py), in a real Git repository."""
    return build_register(tmp_path)

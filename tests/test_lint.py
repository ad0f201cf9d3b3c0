"""The code passes the linter rules pyproject.toml chooses ([tool.ruff.lint]): unused imports,
undefined names and the like fail the suite, not a later reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_code_passes_the_chosen_lint_rules() -> None:
    pytest.importorskip("ruff", reason="ruff comes with the test extra")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                             "src", "tests", "scripts", "bench"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

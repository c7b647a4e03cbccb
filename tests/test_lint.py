"""The code passes ruff's lint rules, complexity limit and formatting (pyproject's [tool.ruff]), so CI's
test command catches what `ruff check` and `ruff format --check` would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

FOLDERS = ["generator", "tests", "benchmarks", "scripts"]
TOO_COMPLEX = (
    '''def branchy(x: int) -> int:
    """Eleven ways through: one more than the limit."""
'''
    + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(10))
    + "    return -1\n"
)


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ruff_check_finds_nothing() -> None:
    result = ruff("check", "--no-cache", *FOLDERS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = ruff("format", "--check", "--no-cache", *FOLDERS)
    assert result.returncode == 0, f"run `ruff format {' '.join(FOLDERS)}`:\n{result.stdout}{result.stderr}"


def test_the_complexity_limit_is_enforced(tmp_path: Path) -> None:
    """The project's settings reject a function with more than 10 ways through it."""
    (tmp_path / "branchy.py").write_text(TOO_COMPLEX, encoding="utf-8")
    result = ruff("check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), "branchy.py", cwd=tmp_path)
    assert result.returncode == 1 and "C901 `branchy` is too complex (11 > 10)" in result.stdout, (
        result.stdout
    )

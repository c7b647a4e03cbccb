"""The code passes ruff's lint rules, complexity limit and formatting (pyproject's [tool.ruff]), and the
package keeps its layers (pyproject's [tool.importlinter]), so CI's test command catches what `ruff check`,
`ruff format --check` and `lint-imports` would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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


def lint_imports(cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """import-linter's command on the package found first on the path from `cwd` (the copy there)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layers_are_kept() -> None:
    """Each stage imports only the stages before it; only the builder adapters import a builder."""
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("content/read.py", "import mkdocs", "The core never reaches MkDocs, Material or Zensical"),
        ("site/publish.py", "import zensical", "Only the builder adapters"),
        ("content/model.py", "from ..render import pages", "Each stage imports only the stages before it"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str, broken: str) -> None:
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "generator" / module).open("a", encoding="utf-8") as file:
        file.write(f"\n{line}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout, result.stdout

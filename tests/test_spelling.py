"""One spelling convention, US English, in everything readers and editors read (codespell)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CHECKED = [
    "content",
    "generator/templates",
    "generator/model.py",
    "generator/schema.py",
    "generator/figures.py",
    "overrides",
    "README.md",
    "EDITING.md",
]
WORDS = ROOT / "tests" / "data" / "spelling-words.txt"
# The YAML key `favours` and its label keep their first spelling; only their use as names is exempt.
KEYS = r"(?<=[.'\"])favours\b|\bfavours(?=_label|[:,'\"\])])"


def codespell(*paths: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "codespell_lib",
            "--builtin",
            "clear,rare,en-GB_to_en-US",
            "--ignore-words",
            str(WORDS),
            "--ignore-regex",
            KEYS,
            "--skip",
            "*/vendor/*,*/schemas/*",
            *map(str, paths),
        ],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_guide_and_its_docs_are_spelled_in_us_english() -> None:
    result = codespell(*CHECKED)
    assert result.returncode == 0, (
        f"fix these spellings (or add a real word to {WORDS.name}):\n{result.stdout}"
    )


def test_a_british_spelling_fails_the_check(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Pick a calm colour and a grey backdrop.\nThe `favours: ai` key stays.\n", encoding="utf-8"
    )
    result = codespell(page)
    assert result.returncode != 0
    assert "colour ==> color" in result.stdout and "grey ==> gray" in result.stdout
    assert "favours" not in result.stdout

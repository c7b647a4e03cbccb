"""One spelling convention, US English, in everything readers and editors read: codespell with its
British-to-American list and the project's list of British usages, plus the usages of more than one
word that codespell, which reads one word at a time, cannot express."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

CHECKED = [
    "content",
    "generator/templates",
    "generator/content/model.py",
    "generator/editing/schema.py",
    "generator/content/values.py",
    "overrides",
    "README.md",
    "EDITING.md",
]
SKIPPED = ("vendor", "schemas")  # third-party files, and the schemas generated from model.py
WORDS = ROOT / "tests" / "data" / "spelling-words.txt"
# British usages codespell's lists leave out ("towards", "whilst", ...), as codespell reads them: british->us
USAGE = ROOT / "tests" / "data" / "us-usage.txt"
# Usages of more than one word: pattern -> the US wording.
PHRASES = {
    r"\bway round\b": "way around",
    r"\bat (?:the )?weekends?\b": "on the weekend",
}
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
            "--dictionary",
            str(USAGE),
            "--dictionary",
            "-",  # and the built-in lists named by --builtin
            "--ignore-words",
            str(WORDS),
            "--ignore-regex",
            KEYS,
            "--skip",
            ",".join(f"*/{folder}/*" for folder in SKIPPED),
            *map(str, paths),
        ],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _files(paths: tuple[str | Path, ...]) -> list[Path]:
    found = []
    for path in map(Path, paths):
        path = path if path.is_absolute() else ROOT / path
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and not set(SKIPPED).intersection(file.relative_to(path).parts):
                found.append(file)
    return found


def british_phrases(*paths: str | Path) -> list[str]:
    """Every British usage of more than one word, as codespell reports a word: `file:line: found ==> use`."""
    hits = []
    for file in _files(paths):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:  # a binary file: codespell skips those too
            continue
        name = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
        for number, line in enumerate(lines, start=1):
            for pattern, us in PHRASES.items():
                hits += [f"{name}:{number}: {m.group(0)} ==> {us}" for m in re.finditer(pattern, line, re.I)]
    return hits


def test_the_guide_and_its_docs_are_spelled_in_us_english() -> None:
    result = codespell(*CHECKED)
    assert result.returncode == 0, (
        f"fix these spellings (or add a real word to {WORDS.name}):\n{result.stdout}"
    )


def test_the_guide_and_its_docs_use_us_phrasing() -> None:
    hits = british_phrases(*CHECKED)
    assert not hits, "use the US wording:\n" + "\n".join(hits)


def test_a_british_spelling_fails_the_check(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Pick a calm colour and a grey backdrop.\nThe `favours: ai` key stays.\n", encoding="utf-8"
    )
    result = codespell(page)
    assert result.returncode != 0
    assert "colour ==> color" in result.stdout and "grey ==> gray" in result.stdout
    assert "favours" not in result.stdout


def test_a_british_usage_fails_the_check_with_its_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "A session costs more.\nHigh stakes lean Towards a session, whilst low ones lean the other way"
        " round.\nAt the weekend, the studio is closed.\n",
        encoding="utf-8",
    )
    result = codespell(page)
    assert result.returncode != 0
    assert f"{page}:2: Towards ==> Toward" in result.stdout, result.stdout
    assert f"{page}:2: whilst ==> while" in result.stdout, result.stdout
    assert british_phrases(page) == [
        f"{page}:2: way round ==> way around",
        f"{page}:3: At the weekend ==> on the weekend",
    ]


def test_us_usage_passes_the_check(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "High stakes lean toward a session, while low ones lean the other way around.\n"
        "A round crop keeps the face.\n",
        encoding="utf-8",
    )
    assert codespell(page).returncode == 0
    assert british_phrases(page) == []

"""Broken sources: each gives its exact file:line:col message from the CLI, no traceback, exit 1.

Every case in tests/golden/errors/cases.yaml applies one small mutation to a copy of the real content.
Expected lines are golden; `{L}` is the line where the mutated text starts in the shipped file (`{L+1}`
the one after), so edits elsewhere in content/ do not move the goalposts. The cases run the CLI's entry
point in process; a few run `python -m generator` as a real subprocess, for the exit status and the
absence of a traceback end to end.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import copy_project, run_cli, run_cli_process

from generator.content import FILES, reference_fields

GOLDEN = Path(__file__).parent / "golden" / "errors" / "cases.yaml"


@dataclass(frozen=True)
class Case:
    """Replace `old` (first occurrence) by `new` in content/`file`; no `old`: replace the whole file."""

    name: str
    file: str
    expected: tuple[str, ...]
    old: str | None = None
    new: str | None = None
    delete: bool = False
    encoding: str = "utf-8"
    today: str | None = None  # the day `check --today` judges dates by
    refers: str | None = None  # the field that names an id (Record.field) whose mistake the case shows


CASES = [
    Case(**{**case, "expected": tuple(case["expected"])})
    for case in yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
]


def _line(text: str, old: str | None) -> int:
    return text[: text.index(old)].count("\n") + 1 if old else 1


def _expand(line: str, at: int) -> str:
    return re.sub(r"\{L([+-]\d+)?\}", lambda m: str(at + int(m.group(1) or 0)), line)


def apply(project: Path, case: Case) -> list[str]:
    """Mutate the copy; return the expected stderr lines with `{L}` filled in."""
    path = project / "content" / case.file
    text = path.read_text(encoding="utf-8")
    at = _line(text, case.old)
    if case.delete:
        path.unlink()
    elif case.old is None:
        path.write_bytes((case.new or "").encode(case.encoding))
    else:
        assert case.old in text, f"{case.name}: the shipped {case.file} no longer has {case.old!r}"
        path.write_bytes(text.replace(case.old, case.new or "", 1).encode(case.encoding))
    return [_expand(line, at) for line in case.expected]


def _summary(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} in content/"


def test_the_corpus_breaks_every_content_file_under_unique_names() -> None:
    assert len({c.name for c in CASES}) == len(CASES)
    assert {f"{name}.yaml" for name in FILES} <= {c.file for c in CASES}


def test_every_field_that_names_an_id_has_a_case_with_its_hint() -> None:
    """Each field whose type carries an `ids.Ref` shows "did you mean" and "expected one of" in a case
    whose `refers` names it; a new reference field needs only its marker and such a case."""
    shown = {
        c.refers for c in CASES if any("(did you mean" in e and "expected one of" in e for e in c.expected)
    }
    assert sorted(set(reference_fields(FILES.values())) - shown) == []
    assert {c.refers for c in CASES if c.refers} <= set(reference_fields(FILES.values()))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_source_gives_its_exact_place_and_message(tmp_path: Path, case: Case) -> None:
    project = copy_project(tmp_path / "project")
    expected = apply(project, case)
    result = run_cli("--root", str(project), "check", *(["--today", case.today] if case.today else []))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.problems() == expected
    assert result.stderr.splitlines()[-1] == _summary(len(expected))
    assert result.stdout == ""


def test_every_problem_of_a_run_is_listed_at_once_and_sorted(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    by_name = {c.name: c for c in CASES}
    expected = []
    for name in ("wrong-type-bool", "unknown-key-far", "wrong-type-number", "invalid-id", "empty-text"):
        expected += apply(project, by_name[name])
    result = run_cli_process("generator", "--root", str(project), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.problems() == sorted(expected, key=_place)
    assert {line.split(":")[0] for line in expected} == {
        "content/comparison.yaml",
        "content/sources.yaml",
        "content/decision.yaml",
        "content/experts.yaml",
    }
    assert result.stderr.splitlines()[-1] == _summary(5)


def _place(line: str) -> tuple[str, int, int]:
    file, row, col, _ = line.split(":", 3)
    return file, int(row), int(col)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "name", ["syntax-unclosed-quote", "duplicate-key", "unknown-page", "scenario-with-the-wrong-outcome"]
)
def test_a_failed_build_reports_the_same_and_leaves_site_intact(
    tmp_path: Path, built_site: Path, name: str
) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_site, project / "site")
    before = _tree(project / "site")
    expected = apply(project, next(c for c in CASES if c.name == name))
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 1
    assert result.problems() == expected
    assert result.stderr.splitlines()[-1].endswith("nothing was built; site/ is unchanged")
    assert _tree(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]

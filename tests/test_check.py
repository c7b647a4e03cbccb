"""`python -m generator check`: validates without building and lists sources due for review."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

from generator.guide import load_guide


def check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_valid_content_passes_and_nothing_is_built(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = check(project, "--today", "2026-11-29")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content OK: 12 pages, 972 answer combinations verified",
        "outcomes: photographer 20 % · hybrid 26 % · ai 54 % (of 972 combinations)",
        "combinations with stakes=high that get ai: 0 of 324",
        "budget/deadline answers that turn photographer into ai: 0",
    ]
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def overdue_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if "review overdue" in line]


def test_overdue_reviews_are_listed_with_their_place() -> None:
    guide = load_guide(ROOT)
    first = min(s.reviewed + dt.timedelta(days=s.review_every_days) for s in guide.sources.sources)
    due = [s for s in guide.sources.sources if s.reviewed + dt.timedelta(days=s.review_every_days) == first]
    result = check(ROOT, "--today", (first + dt.timedelta(days=1)).isoformat())
    assert result.returncode == 0
    lines = overdue_lines(result)
    assert len(lines) == len(due) >= 1
    for line, source in zip(lines, due, strict=True):
        assert line.startswith("content/sources.yaml:")
        assert f"review overdue: {source.title!r} was last reviewed {source.reviewed.isoformat()}" in line
        assert line.endswith("; re-check it and update 'reviewed'")
    on_the_day = check(ROOT, "--today", first.isoformat())
    assert overdue_lines(on_the_day) == []


def test_overdue_line_points_at_the_reviewed_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "content/sources.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("reviewed: 2026-11-20")].count("\n") + 1
    path.write_text(text.replace("reviewed: 2026-11-20", "reviewed: 2020-01-01", 1), encoding="utf-8")
    result = check(project, "--today", "2026-11-29")
    [overdue] = overdue_lines(result)
    assert overdue.startswith(f"content/sources.yaml:{line}:15: review overdue: ")


def test_a_bad_today_is_a_usage_error_not_a_traceback() -> None:
    result = check(ROOT, "--today", "someday")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'someday' is not a date; expected YYYY-MM-DD" in result.stderr

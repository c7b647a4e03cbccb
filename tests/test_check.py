"""`python -m generator check`: validates without building and lists sources due for review."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from helpers import ROOT, CliResult, copy_project, replace_once, run_cli, run_cli_process

from generator.content import load_guide
from generator.decision import summarize


def check(project: Path, *args: str) -> CliResult:
    return run_cli("--root", str(project), "check", *args)


def test_valid_content_passes_and_nothing_is_built(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    guide = load_guide(project)
    combinations = math.prod(len(q.options) for q in guide.decision.questions)
    result = run_cli_process("generator", "--root", str(project), "check", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"content OK: {len(guide.pages.pages)} pages, {combinations} answer combinations verified",
        *summarize(guide).lines(),
    ]
    # the share of every route, and 0 for each principle: no answer set where trust, dating or a
    # company page gets a generated image, no result without a reason, no route never recommended
    lines = result.stdout.splitlines()
    assert lines[1].startswith("routes: keep ") and "(of 3645 combinations)" in lines[1]
    assert {
        "answer sets with stakes=high that get a generated image: 0",
        "answer sets with platform=dating that get a generated image: 0",
        "answer sets with platform=company that get a generated image: 0",
        "changes of budget/deadline that add or remove a generated image: 0",
        "results with no reason: 0",
        "routes never recommended: 0",
    } <= set(lines)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def overdue_lines(result: CliResult) -> list[str]:
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
    sources = load_guide(ROOT).sources.sources
    nothing_due = min(s.reviewed + dt.timedelta(days=s.review_every_days) for s in sources)
    replace_once(path, f"read: {sources[0].read.isoformat()}", "read: 2019-12-01")  # read before reviewed
    line = replace_once(path, f"reviewed: {sources[0].reviewed.isoformat()}", "reviewed: 2020-01-01")
    result = check(project, "--today", nothing_due.isoformat())
    [overdue] = overdue_lines(result)
    assert overdue.startswith(f"content/sources.yaml:{line}:15: review overdue: ")


def test_a_bad_today_is_a_usage_error_not_a_traceback() -> None:
    result = run_cli_process("generator", "--root", str(ROOT), "check", "--today", "someday")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'someday' is not a date; expected YYYY-MM-DD" in result.stderr

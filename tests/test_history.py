"""The changelog tells the truth: a change of recommendations is refused until an entry records its
fingerprint, the message says exactly what to write, and following it passes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import copy_project

from generator import ContentError, check
from generator.content import load_guide
from generator.decision import fingerprint, recommendations

TODAY = dt.date(2026, 12, 1)
# A change of recommendations that keeps every principle and scenario: low stakes lean further to AI.
RAISE_LOW_STAKES = ("        weight: -3\n", "        weight: -4\n")


def edit(project: Path, old: str, new: str, file: str = "decision.yaml") -> None:
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_entry(project: Path, date: str, print_: str, summary: str = "Threshold raised to 4.") -> None:
    path = project / "content" / "decision.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    entry = f"\n  - date: {date}\n    summary: {summary}\n    fingerprint: {print_}\n"
    path.write_text(text + entry, encoding="utf-8")


def problems(project: Path, today: dt.date = TODAY) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, today)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_shipped_changelog_records_the_current_recommendations(project: Path) -> None:
    guide = load_guide(project)
    current = fingerprint(recommendations(guide))
    newest = max(guide.decision.changelog, key=lambda c: c.date)
    assert current in {c.fingerprint for c in guide.decision.changelog if c.date == newest.date}


def test_an_unlogged_change_is_refused_with_exactly_what_to_write(project: Path) -> None:
    old = fingerprint(recommendations(load_guide(project)))
    edit(project, *RAISE_LOW_STAKES)
    new = fingerprint(recommendations(load_guide(project)))
    assert new != old
    text = (project / "content" / "decision.yaml").read_text(encoding="utf-8")
    line = text[: text.index(f"fingerprint: {old}")].count("\n") + 1
    [message] = problems(project)
    assert message.startswith(
        f"content/decision.yaml:{line}:18: the recommendations changed since the changelog"
    )
    assert f"(fingerprint {old}, now {new})" in message
    assert f"expected a new changelog entry dated {TODAY.isoformat()}" in message
    assert f"ending with the line 'fingerprint: {new}'" in message
    append_entry(project, TODAY.isoformat(), new)
    check(project, TODAY)


def test_the_fingerprint_may_go_on_an_entry_of_the_same_day_already_written(project: Path) -> None:
    """After a merge: another entry of the same day describes the change; adding the line to it is enough."""
    newest = max(load_guide(project).decision.changelog, key=lambda c: c.date).date.isoformat()
    edit(project, *RAISE_LOW_STAKES)
    append_entry(project, newest, "aaaaaaaaaaaa")
    [message] = problems(project)
    new = re.search(r"fingerprint: ([a-z]{12})'", message).group(1)  # type: ignore[union-attr]
    edit(project, "fingerprint: aaaaaaaaaaaa", f"fingerprint: {new}")
    check(project, TODAY)


def test_going_back_to_older_recommendations_needs_a_new_entry_too(project: Path) -> None:
    old = fingerprint(recommendations(load_guide(project)))
    edit(project, *RAISE_LOW_STAKES)
    later = TODAY + dt.timedelta(days=1)
    append_entry(project, later.isoformat(), fingerprint(recommendations(load_guide(project))))
    check(project, later)
    edit(project, *reversed(RAISE_LOW_STAKES))
    [message] = problems(project, later)
    assert f"ending with the line 'fingerprint: {old}'" in message


def test_rewording_or_reordering_changes_no_recommendation(project: Path) -> None:
    before = fingerprint(recommendations(load_guide(project)))
    edit(project, "legend: How many people will see it?", "legend: How many people will look at it?")
    guide = load_guide(project)
    reordered = guide.decision.model_copy(update={"questions": guide.decision.questions[::-1]})
    guide.decision = reordered
    assert fingerprint(recommendations(guide)) == before
    check(project, TODAY)


def test_a_changelog_date_still_to_come_is_refused(project: Path) -> None:
    edit(project, *RAISE_LOW_STAKES)
    append_entry(project, "2026-12-02", fingerprint(recommendations(load_guide(project))))
    [message] = problems(project)
    assert message.endswith(
        "'date' is 2026-12-02, a day still to come; expected a date no later than today (2026-12-01)"
    )
    check(project, dt.date(2026, 12, 2))

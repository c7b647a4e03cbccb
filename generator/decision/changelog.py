"""The guide's history told truthfully: no date still to come, and every change of recommendation logged.

Each changelog entry in `content/decision.yaml` may carry the fingerprint of the recommendations it
describes (a short hash of the whole decision table). The newest entry that carries one must match
the table the rules give now; otherwise the recommendations changed without a word to readers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string

from ..content.model import Change, Guide
from ..errors import Problem
from .engine import Engine

Combination = tuple[tuple[str, str], ...]  # (question id, option id), sorted by question id


def recommendations(guide: Guide) -> dict[Combination, str]:
    """Every combination of answers and the outcome the rules give it."""
    engine = Engine.of(guide)
    return {tuple(sorted(answers.items())): engine.outcome(answers)[0] for answers in engine.combinations()}


def fingerprint(table: dict[Combination, str]) -> str:
    """A short hash of a decision table, in twelve letters (YAML could read digits as a number);
    question and option order do not change it."""
    lines = sorted(f"{','.join(f'{q}={a}' for q, a in key)}:{outcome}" for key, outcome in table.items())
    digest = hashlib.sha256("\n".join(lines).encode()).digest()
    return "".join(string.ascii_lowercase[byte % 26] for byte in digest[:12])


def future_dates(guide: Guide, today: dt.date) -> list[Problem]:
    """Review and changelog dates after `today`: nothing can have been checked or changed yet."""
    places = [
        ("sources", ("sources", i, "reviewed"), "reviewed", s.reviewed)
        for i, s in enumerate(guide.sources.sources)
    ]
    places += [
        ("decision", ("changelog", i, "date"), "date", c.date) for i, c in enumerate(guide.decision.changelog)
    ]
    return [
        guide.docs[doc].problem(
            path,
            f"{field!r} is {day.isoformat()}, a day still to come; "
            f"expected a date no later than today ({today.isoformat()})",
        )
        for doc, path, field, day in places
        if day > today
    ]


def unlogged_change(guide: Guide, today: dt.date) -> list[Problem]:
    """A problem when the recommendations differ from what the newest changelog fingerprint records."""
    current = fingerprint(recommendations(guide))
    marked = [(i, c) for i, c in enumerate(guide.decision.changelog) if c.fingerprint]
    newest = max((c.date for _, c in marked), default=None)
    if any(c.fingerprint == current and c.date == newest for _, c in marked):
        return []
    doc = guide.docs["decision"]
    if not marked:
        where: tuple[str | int, ...] = ("changelog",)
        since = "no changelog entry records the recommendations"
    else:
        index, entry = _latest(marked)
        where = ("changelog", index, "fingerprint")
        since = (
            f"the recommendations changed since the changelog entry of {entry.date.isoformat()} "
            f"(fingerprint {entry.fingerprint}, now {current}) but no entry records it"
        )
    return [
        doc.problem(
            where,
            f"{since}; expected a new changelog entry dated {today.isoformat()} that says what changed, "
            f"ending with the line 'fingerprint: {current}' (python -m generator diff shows what changed)",
        )
    ]


def _latest(marked: list[tuple[int, Change]]) -> tuple[int, Change]:
    """The newest entry with a fingerprint; of two on the same day, the one written further down."""
    return max(marked, key=lambda pair: (pair[1].date, pair[0]))


def check_history(guide: Guide, today: dt.date | None = None) -> list[Problem]:
    """Every history problem: dates still to come, and recommendations changed without an entry."""
    today = today or dt.date.today()
    return future_dates(guide, today) + unlogged_change(guide, today)

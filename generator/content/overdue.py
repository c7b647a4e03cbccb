"""The review rule: a source whose last check is older than its review interval is overdue. No MkDocs here."""

from __future__ import annotations

import datetime as dt

from ..errors import Problem
from .model import Guide


def overdue_reviews(guide: Guide, today: dt.date) -> list[Problem]:
    """One problem per source not re-checked within its `review_every_days`, at its `reviewed` date."""
    doc = guide.docs["sources"]
    problems = []
    for index, s in enumerate(guide.sources.sources):
        if (today - s.reviewed).days > s.review_every_days:
            problems.append(
                doc.problem(
                    ("sources", index, "reviewed"),
                    f"review overdue: {s.title!r} was last reviewed {s.reviewed.isoformat()}, "
                    f"every {s.review_every_days} days; re-check it and update 'reviewed'",
                )
            )
    return problems

"""Stage 2, decision: the reference engine (answers in, recommendation out), the principles verified
over every answer set, and the changelog checked against the recommendations."""

from .changelog import check_history, fingerprint, recommendations
from .engine import Cost, Engine, Result, matches
from .verify import summarize, verify

__all__ = [
    "Cost",
    "Engine",
    "Result",
    "check_history",
    "fingerprint",
    "matches",
    "recommendations",
    "summarize",
    "verify",
]

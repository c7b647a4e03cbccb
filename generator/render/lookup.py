"""Every answer set's result as compact lookup columns, so the widget reads what the engine decided.

Answer sets are numbered in mixed radix over the questions' option order: the first question's
option index is the most significant digit, the last question's changes fastest (the order of
`Engine.combinations`). Each column gives every answer set, in that order, `width` digits of
`DIGITS` (base 64, most significant first): the index of its value in the column's `values`."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from ..decision.engine import Engine

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # plain in JSON and HTML

ENCODING = (
    "Answer sets are numbered in mixed radix over the questions' option order, the first question "
    "most significant. Each column gives every answer set, in that order, `width` digits of `digits` "
    "(most significant first): the index of its value in `values`. route: [outcome, rule or null]; "
    "reasons: the questions whose answers drove it, strongest first (a rule's reason comes before "
    "them); advice: indexes into `advice`."
)


def _digits(number: int, width: int) -> str:
    text = ""
    for _ in range(width):
        number, digit = divmod(number, len(DIGITS))
        text = DIGITS[digit] + text
    return text


def column(values: Iterable[Hashable]) -> dict[str, object]:
    """One value per answer set as a table of the distinct values and a string of their indexes."""
    table: dict[Hashable, int] = {}
    indexes = [table.setdefault(value, len(table)) for value in values]
    width = 1
    while len(DIGITS) ** width < len(table):
        width += 1
    return {
        "values": [list(v) if isinstance(v, tuple) else v for v in table],
        "width": width,
        "at": "".join(_digits(i, width) for i in indexes),
    }


def answer_lookup(engine: Engine) -> dict[str, object]:
    """The route (outcome and rule), reasons and advice of every answer set, as `column`s."""
    routes, reasons, advice = [], [], []
    advice_index = {a.id: i for i, a in enumerate(engine.model.advice)}
    for answers in engine.combinations():
        outcome, base, rule = engine.outcome(answers)
        routes.append((outcome, rule))
        reasons.append(tuple(r.question for r in engine.reasons(answers, base, rule) if r.question))
        advice.append(tuple(advice_index[a.id] for a in engine.advice(answers, outcome)))
    return {
        "encoding": ENCODING,
        "digits": DIGITS,
        "route": column(routes),
        "reasons": column(reasons),
        "advice": column(advice),
    }

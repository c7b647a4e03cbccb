"""The tool's lookup columns: for every answer set, the route, rule, reasons and advice the Python
engine decides, in the encoding the data and the widget document."""

from __future__ import annotations

from typing import Any

from helpers import ROOT

from generator.content import load_guide
from generator.decision import Engine
from generator.render import DIGITS, column, widget_data

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
DATA = widget_data(GUIDE)


def number(answers: dict[str, str]) -> int:
    """The answer set's number: its option indexes in mixed radix, the first question most significant."""
    n = 0
    for q in DATA["questions"]:
        n = n * len(q["options"]) + [o["id"] for o in q["options"]].index(answers[q["id"]])
    return n


def value(col: dict[str, Any], n: int) -> Any:
    """A column's value for answer set number `n`: its `width` digits, the index of the value."""
    index = 0
    for digit in col["at"][n * col["width"] : (n + 1) * col["width"]]:
        index = index * len(DIGITS) + DIGITS.index(digit)
    return col["values"][index]


def read(name: str, answers: dict[str, str]) -> Any:
    return value(DATA["answers"][name], number(answers))


def test_every_answer_set_reads_the_engines_route_rule_reasons_and_advice() -> None:
    assert DATA["answers"]["digits"] == DIGITS
    advice = [a.heading for a in GUIDE.decision.advice]
    assert [a["heading"] for a in DATA["advice"]] == advice
    space = list(ENGINE.combinations())
    for answers in space:
        outcome, base, rule = ENGINE.outcome(answers)
        reasons = ENGINE.reasons(answers, base, rule)
        assert read("route", answers) == [outcome, rule], answers
        assert read("reasons", answers) == [r.question for r in reasons if r.question], answers
        assert [advice[i] for i in read("advice", answers)] == [
            a.heading for a in ENGINE.advice(answers, outcome)
        ], answers
        # every answer set shows at least one reason: its rule's or an answer's
        assert rule or read("reasons", answers), answers
    for name in ("route", "reasons", "advice"):
        assert len(DATA["answers"][name]["at"]) == len(space) * DATA["answers"][name]["width"], name


def test_more_values_than_digits_take_two_digits_each() -> None:
    values = [(i % 100,) for i in range(300)]
    col = column(values)
    assert col["width"] == 2 and len(col["values"]) == 100 and len(col["at"]) == 600
    assert [value(col, n) for n in range(300)] == [[v] for (v,) in values]

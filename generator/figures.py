"""Figures: the named values that prose and labels write as `{{name}}`, each with its one home in the data.

An editor never types a price or a count that the data already holds: `{{price.photographer}}` becomes
the photographer's range, `{{count.questions}}` the number of questions in words. Changing the data
changes every sentence that refers to it. A money figure typed by hand is refused, with its place.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .load import Document
from .model import FILES, Guide, Price
from .validate import validate

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][\w.-]*)\s*\}\}")

_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    "|sixty|seventy|eighty|ninety|hundred|thousand|a few"
)
# A money figure typed by hand: "$150", "US$ 20", "USD 40", "40 USD", "50 dollars", "fifty dollars".
MONEY = re.compile(
    rf"(?:US)?\$\s?\d+(?:[,.]\d+)*\+?|\bUSD\s?\d+(?:[,.]\d+)*|\d\s?USD\b|\b\d+(?:[,.]\d+)*\s+dollars?\b"
    rf"|\b(?:{_WORDS})(?:[- ]\w+)?\s+dollars?\b",
    re.IGNORECASE,
)
MONEY_MESSAGE = (
    "money figure {text!r} typed by hand; expected a figure from the data, such as {{{{price.ai}}}} "
    "or {{{{price.photographer.low}}}} (see EDITING.md, 'Figures')"
)


@dataclass(frozen=True)
class Figure:
    """One value prose may refer to: its text, where it lives in the data, and the source behind it."""

    name: str
    text: str
    home: str
    source: str | None = None


def amount(value: int, currency: str) -> str:
    """One amount as readers see it, e.g. "$1,200"."""
    return f"{currency}{value:,}"


def money(price: Price | tuple[int, int, bool], currency: str) -> str:
    """A price range as readers see it, e.g. "$150–$600+"."""
    low, high, open_ended = (price.min, price.max, price.open_ended) if isinstance(price, Price) else price
    return f"{amount(low, currency)}–{amount(high, currency)}{'+' if open_ended else ''}"


def fill(template: str, **values: object) -> str:
    """A label's {placeholders} filled, as plain text (escaped later, where it reaches HTML); a
    placeholder with no value stays as it is."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def number(count: int, words: list[str]) -> str:
    """A count in words where the site's list has one (as style guides ask for small numbers)."""
    return words[count] if 0 <= count < len(words) else f"{count:,}"


def _prices(guide: Guide) -> Iterator[Figure]:
    currency = guide.site.currency
    for i, o in enumerate(guide.comparison.options):
        home = f"content/comparison.yaml: options[{i}].price"
        yield Figure(f"price.{o.id}", money(o.price, currency), home, o.source)
        yield Figure(f"price.{o.id}.low", amount(o.price.min, currency), home, o.source)
        yield Figure(f"price.{o.id}.high", amount(o.price.max, currency), home, o.source)


def _comparison(guide: Guide) -> Iterator[Figure]:
    for i, a in enumerate(guide.comparison.attributes):
        for option, value in a.values.items():
            home = f"content/comparison.yaml: attributes[{i}].values.{option}"
            yield Figure(f"compare.{a.id}.{option}", value, home, a.source)


def counts(guide: Guide, combinations: int | None = None) -> dict[str, int]:
    """How many of each thing the guide holds, by the name prose uses after `count.`."""
    d = guide.decision
    steps = [q for q in d.questions if q.step is not None]
    result = {
        "questions": len(d.questions),
        "steps": len(steps),
        "checks": len(d.questions) - len(steps),
        "outcomes": len(d.outcomes),
        "rules": len(d.rules),
        "guarantees": len(d.invariants),
        "scenarios": len(guide.scenarios.scenarios),
        "attributes": len(guide.comparison.attributes),
        "options": len(guide.comparison.options),
        "experts": len(guide.experts.experts),
        "sources": len(guide.sources.sources),
    }
    total = 1
    for q in d.questions:
        total *= len(q.options)
    result["combinations"] = combinations if combinations is not None else total
    return result


_COUNT_HOMES = {
    "questions": "content/decision.yaml: questions",
    "steps": "content/decision.yaml: questions with a step",
    "checks": "content/decision.yaml: questions without a step",
    "outcomes": "content/decision.yaml: outcomes",
    "rules": "content/decision.yaml: rules",
    "guarantees": "content/decision.yaml: invariants",
    "scenarios": "content/scenarios.yaml: scenarios",
    "attributes": "content/comparison.yaml: attributes",
    "options": "content/comparison.yaml: options",
    "experts": "content/experts.yaml: experts",
    "sources": "content/sources.yaml: sources",
    "combinations": "content/decision.yaml: questions (options multiplied)",
}


def figures(guide: Guide) -> dict[str, Figure]:
    """Every figure prose and labels may name, by name."""
    words = guide.site.number_words
    found = [*_prices(guide), *_comparison(guide)]
    found += [Figure(f"count.{k}", number(v, words), _COUNT_HOMES[k]) for k, v in counts(guide).items()]
    found += [
        Figure(
            f"months.redo.{k}",
            number(v, words),
            f"content/decision.yaml: cost.redo_every_months.{k}",
            "editorial",
        )
        for k, v in guide.decision.cost.redo_every_months.items()
    ]
    return {f.name: f for f in found}


def _cased(name: str, text: str) -> str:
    """`{{Count.x}}` starts the value with a capital, `{{count.x}}` with a small letter (for words
    such as "Minutes"; names and acronyms like "LinkedIn" or "AI" keep their capitals)."""
    if not text or not text[0].isalpha():
        return text
    if name[0].isupper():
        return text[0].upper() + text[1:]
    word = re.match(r"\w+", text)
    if word and word.group(0)[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _unknown(name: str, known: dict[str, Figure]) -> str:
    lookup = name[0].lower() + name[1:]
    close = difflib.get_close_matches(lookup, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown figure {name!r}{hint}; expected one of: {', '.join(known)}"


@dataclass
class Finding:
    """A problem at an offset inside one string, before it is placed in its file."""

    offset: int
    raw: str
    message: str


def resolve(text: str, known: dict[str, Figure]) -> tuple[str, list[Finding]]:
    """`text` with every `{{name}}` replaced; hand-typed money and unknown names as findings."""
    findings = [
        Finding(m.start(), m.group(0), MONEY_MESSAGE.format(text=m.group(0))) for m in MONEY.finditer(text)
    ]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        figure = known.get(name[0].lower() + name[1:])
        if figure is None:
            findings.append(Finding(match.start(), match.group(0), _unknown(name, known)))
            return match.group(0)
        return _cased(name, figure.text)

    return PLACEHOLDER.sub(replace, text), findings


def _position(source: str, start: tuple[int, int], raw: str, nth: int) -> tuple[int, int]:
    """The line and column of the `nth` occurrence of `raw` in `source` after `start` (1-based)."""
    lines = source.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: start[0] - 1]) + start[1] - 1
    at = offset - 1
    for _ in range(nth + 1):
        at = source.find(raw, at + 1)
        if at < 0:
            return start
    before = source[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def _walk(data: Any, path: tuple[Any, ...], change: Callable[[tuple[Any, ...], str], str]) -> Any:
    if isinstance(data, str):
        return change(path, data)
    if isinstance(data, dict):
        return {k: _walk(v, (*path, k), change) for k, v in data.items()}
    if isinstance(data, list):
        return [_walk(v, (*path, i), change) for i, v in enumerate(data)]
    return data


def _place(
    findings: list[Finding], text: str, file: str, source: str, start: tuple[int, int]
) -> list[Problem]:
    problems = []
    for f in findings:
        nth = text[: f.offset].count(f.raw)
        line, col = _position(source, start, f.raw, nth)
        problems.append(Problem(file, line, col, f.message))
    return problems


def _fill(
    doc: Document, known: dict[str, Figure], read: Callable[[str], str], problems: list[Problem]
) -> Any:
    """The document's data with every figure filled in; each problem found is added to `problems`."""

    def change(path: tuple[Any, ...], text: str) -> str:
        resolved, findings = resolve(text, known)
        if findings:
            problems.extend(_place(findings, text, doc.file, read(doc.file), doc.where(path)))
        return resolved

    return _walk(doc.data, (), change)


def resolve_guide(guide: Guide, read: Callable[[str], str]) -> tuple[Guide, list[Problem]]:
    """The guide with every figure filled in; `read(file)` gives a content file's text for positions.

    Each file's YAML is resolved and validated again, so a filled-in text that breaks a rule (a
    description grown too long, say) is reported at its place like any other problem."""
    known = figures(guide)
    problems: list[Problem] = []
    records: dict[str, Any] = {}
    for name, model in FILES.items():
        doc = guide.docs[name]
        filled = Document(doc.file, _fill(doc, known, read, problems), doc.values, doc.keys)
        record, found = validate(filled, model)
        problems.extend(found)
        records[name] = record if record is not None else getattr(guide, name)
    bodies = {}
    for body, text in guide.bodies.items():
        resolved, findings = resolve(text, known)
        problems += _place(findings, text, f"content/{body}", text, (1, 1))
        bodies[body] = resolved
    return dataclasses.replace(guide, **records, bodies=bodies), problems

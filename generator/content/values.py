"""Figures: the named values that prose and labels write as `{{name}}`, each with its one home in the data.

An editor never types a price, a percentage or a duration that the data already holds:
`{{price.session}}` becomes the session's range, `{{fact.recruiters-put-off}}` a survey's share with
its source behind it, `{{count.questions}}` the number of questions in words. Changing the data
changes every sentence that refers to it. A money figure, a percentage or a duration typed by hand
is refused, with its place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..text import did_you_mean, line_column
from .model import FILES, Fact, Guide, Price
from .read import Document
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
    "or {{{{price.session.low}}}} (see EDITING.md, 'Figures')"
)
# A share typed by hand: "88%", "88 %", "76.5 percent", "66 per cent".
PERCENT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
PERCENT_MESSAGE = (
    "percentage {text!r} typed by hand; expected a fact from a source, such as "
    "{{{{fact.recruiters-put-off}}}} (declare it under the source's 'figures' in sources.yaml; "
    "see EDITING.md, 'Figures')"
)
# A duration typed in digits: "24 hours", "3-5 business days", "15-minute", "2–3 years".
DURATION = re.compile(
    r"\b\d+(?:\s?[–-]\s?\d+)?[\s-](?:business[\s-])?(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
DURATION_MESSAGE = (
    "duration {text!r} typed by hand; expected a fact from a source, such as "
    "{{{{fact.session-delivery}}}} (see EDITING.md, 'Figures')"
)
HAND_TYPED = ((MONEY, MONEY_MESSAGE), (PERCENT, PERCENT_MESSAGE), (DURATION, DURATION_MESSAGE))


@dataclass(frozen=True)
class NamedValue:
    """One value prose may refer to: its text, where it lives in the data, and the source behind it."""

    name: str
    text: str
    home: str
    source: str | None = None


def amount(value: int, currency: str) -> str:
    """One amount as readers see it, e.g. "$1,200"."""
    return f"{currency}{value:,}"


def money(price: Price | tuple[int, int, bool], currency: str) -> str:
    """A price range as readers see it, e.g. "$150–$600+" (one amount when both ends are the same)."""
    low, high, open_ended = (price.min, price.max, price.open_ended) if isinstance(price, Price) else price
    if low == high:
        return f"{amount(low, currency)}{'+' if open_ended else ''}"
    return f"{amount(low, currency)}–{amount(high, currency)}{'+' if open_ended else ''}"


_UNITS = {  # unit -> (one, many)
    "images": ("image", "images"),
    "feet": ("foot", "feet"),
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "days": ("day", "days"),
    "business-days": ("business day", "business days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "years": ("year", "years"),
}


def _numeral(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def fact_text(fact: Fact, currency: str, words: list[str]) -> str:
    """A fact as readers see it: "88%", "1,087", "$20–$40", "one week", "24–72 hours"."""
    if fact.value is None:
        low, high = _numeral(fact.min or 0), _numeral(fact.max or 0)
        if fact.unit == "percent":
            return f"{low}–{high}%"
        if fact.unit == "dollars":
            return f"{currency}{low}–{currency}{high}"
        return f"{low}–{high}" + (f" {_UNITS[fact.unit][1]}" if fact.unit in _UNITS else "")
    value = fact.value
    if fact.unit == "percent":
        return f"{_numeral(value)}%"
    if fact.unit == "dollars":
        return f"{currency}{_numeral(value)}"
    if fact.unit == "count":
        return number(int(value), words) if float(value).is_integer() else _numeral(value)
    one = float(value) == 1
    shown = number(int(value), words) if float(value).is_integer() else _numeral(value)
    return f"{shown} {_UNITS[fact.unit][0 if one else 1]}"


def number(count: int, words: list[str]) -> str:
    """A count in words where the site's list has one (as style guides ask for small numbers)."""
    return words[count] if 0 <= count < len(words) else f"{count:,}"


def _prices(guide: Guide) -> Iterator[NamedValue]:
    currency = guide.site.currency
    for i, o in enumerate(guide.comparison.options):
        home = f"content/comparison.yaml: options[{i}].price"
        yield NamedValue(f"price.{o.id}", money(o.price, currency), home, o.source)
        yield NamedValue(f"price.{o.id}.low", amount(o.price.min, currency), home, o.source)
        yield NamedValue(f"price.{o.id}.high", amount(o.price.max, currency), home, o.source)


def _comparison(guide: Guide) -> Iterator[NamedValue]:
    for i, a in enumerate(guide.comparison.attributes):
        for option, value in a.values.items():
            home = f"content/comparison.yaml: attributes[{i}].values.{option}"
            text, source = (value, a.source) if isinstance(value, str) else (value.text, value.source)
            yield NamedValue(f"compare.{a.id}.{option}", text, home, source)


def _facts(guide: Guide) -> Iterator[NamedValue]:
    currency, words = guide.site.currency, guide.site.number_words
    for si, source in enumerate(guide.sources.sources):
        for fi, fact in enumerate(source.figures):
            home = f"content/sources.yaml: sources[{si}].figures[{fi}]"
            yield NamedValue(f"fact.{fact.id}", fact_text(fact, currency, words), home, source.id)


def counts(guide: Guide) -> dict[str, int]:
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
    result["combinations"] = total
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
    "options": "content/comparison.yaml: options (the routes)",
    "experts": "content/experts.yaml: experts",
    "sources": "content/sources.yaml: sources",
    "combinations": "content/decision.yaml: questions (options multiplied)",
}


def figures(guide: Guide) -> dict[str, NamedValue]:
    """Every figure prose and labels may name, by name."""
    words = guide.site.number_words
    found = [*_prices(guide), *_comparison(guide), *_facts(guide)]
    found += [NamedValue(f"count.{k}", number(v, words), _COUNT_HOMES[k]) for k, v in counts(guide).items()]
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


def _unknown(name: str, known: dict[str, NamedValue]) -> str:
    """The message for a name no figure has: the closest name, and the names of the same kind
    (or the kinds, when its kind is unknown too)."""
    lookup = name[0].lower() + name[1:]
    hint = did_you_mean(lookup, known)
    kind = lookup.split(".")[0]
    same = [n for n in known if n.split(".")[0] == kind]
    if same:
        return f"unknown figure {name!r}{hint}; expected one of: {', '.join(same)}"
    kinds = ", ".join(f"{k}.…" for k in dict.fromkeys(n.split(".")[0] for n in known))
    return f"unknown figure {name!r}{hint}; expected a name that starts with one of: {kinds}"


@dataclass
class Finding:
    """A problem at an offset inside one string, before it is placed in its file."""

    offset: int
    raw: str
    message: str


def resolve(text: str, known: dict[str, NamedValue]) -> tuple[str, list[Finding]]:
    """`text` with every `{{name}}` replaced; hand-typed money and unknown names as findings."""
    findings = [
        Finding(m.start(), m.group(0), message.format(text=m.group(0)))
        for pattern, message in HAND_TYPED
        for m in pattern.finditer(text)
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
    return line_column(source, at)


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
    doc: Document, known: dict[str, NamedValue], read: Callable[[str], str], problems: list[Problem]
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
    cites = {name: _cited(_texts(doc.data), known) for name, doc in guide.docs.items()}
    cites |= {body: _cited([text], known) for body, text in guide.bodies.items()}
    return dataclasses.replace(guide, **records, bodies=bodies, cites=cites), problems


def _texts(data: Any) -> list[str]:
    found: list[str] = []
    _walk(data, (), lambda path, text: found.append(text) or text)
    return found


def _cited(texts: list[str], known: dict[str, NamedValue]) -> tuple[str, ...]:
    """The sources of the figures these texts name, in order of first use."""
    sources = []
    for text in texts:
        for match in PLACEHOLDER.finditer(text):
            figure = known.get(match.group(1)[0].lower() + match.group(1)[1:])
            if figure and figure.source:
                sources.append(figure.source)
    return tuple(dict.fromkeys(sources))

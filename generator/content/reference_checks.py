"""Cross-reference checks: ids unique, every reference resolves, ranges possible, links real."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any

from ..errors import Problem
from ..text import did_you_mean, line_column
from .ids import Ids, Keys, ids_in, references
from .model import FILES, LINK, Fact, Guide

SITE_LABELS = {
    "sources",
    "source",
    "reviewed",
    "read",
    "published",
    "skip-to-tool",
    "cost-note",
    "on-this-page",
    "takeaway",
    "start-here",
    "card-alt",
    "at-a-glance",
    "editors-only",
}
DECISION_LABELS = {
    "tool-heading",
    "tool-intro",
    "submit",
    "reset",
    "result-heading",
    "why",
    "change",
    "no-change",
    "cost-heading",
    "cost-option",
    "cost-range",
    "cost-times",
    "chart-title",
    "chart-desc",
    "chart-cost",
    "chart-months",
    "chart-month",
    "chart-crossover",
    "chart-no-crossover",
    "chart-cross-mark",
    "chart-yours",
    "next",
    "share",
    "copy",
    "copied",
    "stale",
    "incomplete",
    "flip",
    "noscript",
    "worksheet-heading",
    "table-heading",
    "table-intro",
    "points",
    "total",
    "outcome",
    "rule-applied",
    "framework-heading",
    "extra-heading",
    "score",
    "threshold-rule",
    "rule-line",
    "condition",
    "or",
    "and",
    "invariants-heading",
    "rules-heading",
    "question",
    "answer",
    "changelog-heading",
    "combinations",
    "recommended",
    "unanswered",
    "guarantees-intro",
    "guarantee-one",
    "guarantee-scenarios",
    "shares-heading",
    "share-of",
    "share-value",
    "assumptions-heading",
    "cost-includes",
    "cost-redo",
    "basis-estimate",
    "basis-source",
    "picture-line",
    "reason-source",
    "advice-heading",
    "free",
    "numbers-heading",
    "numbers-intro",
    "number-low",
    "number-high",
    "number-soonest",
    "number-latest",
    "number-extras",
    "number-months",
    "number-months-basis",
    "number-fee",
    "number-default",
    "number-reset",
    "number-reset-short",
    "numbers-reset",
    "numbers-changed",
    "unit-dollars",
    "unit-months",
    "unit-images",
    "migrated",
    "formula-route",
    "formula-price",
    "formula-life",
    "formula-extra",
    "formula-none",
}


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known = list(dict.fromkeys(known))
    return f"unknown {kind} {value!r}{did_you_mean(value, known)}; expected one of: {', '.join(known)}"


class _Checker:
    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.problems: list[Problem] = []

    def at(self, doc: str, path: tuple[Any, ...], message: str, *, key: bool = False) -> None:
        self.problems.append(self.guide.docs[doc].problem(path, message, key=key))

    def unique(self, doc: str, base: tuple[Any, ...], items: list[Any], what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                line = self.guide.docs[doc].where((*base, seen[item.id], "id"))[0]
                self.at(
                    doc,
                    (*base, index, "id"),
                    f"duplicate {what} id {item.id!r} (first at line {line}); expected each id once",
                )
            else:
                seen[item.id] = index


def check_references(guide: Guide) -> list[Problem]:
    """Every problem that needs more than one field to see."""
    c = _Checker(guide)
    ids = ids_in({name: getattr(guide, name) for name in FILES})
    _check_ids(c)
    _check_references(c, ids)
    _check_sources(c)
    _check_pages(c)
    _check_embed(c)
    _check_labels(c)
    _check_comparison(c, ids)
    _check_cost(c, ids)
    _check_versions(c)
    _check_scenarios(c, ids)
    _check_links(c, ids.of_kind["page"])
    return c.problems


def _check_ids(c: _Checker) -> None:
    """Ids are unique within their list."""
    guide, d = c.guide, c.guide.decision
    c.unique("pages", ("pages",), guide.pages.pages, "page")
    c.unique("sources", ("sources",), guide.sources.sources, "source")
    c.unique("comparison", ("options",), guide.comparison.options, "option")
    c.unique("comparison", ("attributes",), guide.comparison.attributes, "attribute")
    c.unique("scenarios", ("scenarios",), guide.scenarios.scenarios, "scenario")
    c.unique("decision", ("questions",), d.questions, "question")
    c.unique("decision", ("outcomes",), d.outcomes, "outcome")
    c.unique("decision", ("rules",), d.rules, "rule")
    c.unique("experts", ("experts",), guide.experts.experts, "expert")
    c.unique("decision", ("advice",), d.advice, "advice")
    seen: dict[str, None] = {}
    for si, source in enumerate(guide.sources.sources):
        for fi, fact in enumerate(source.figures):
            if fact.id in seen:
                c.at(
                    "sources",
                    ("sources", si, "figures", fi, "id"),
                    f"duplicate fact id {fact.id!r}; expected each fact id once across all sources",
                )
            seen[fact.id] = None
    for qi, question in enumerate(d.questions):
        c.unique("decision", ("questions", qi, "options"), question.options, "option")


def _check_references(c: _Checker, ids: Ids) -> None:
    """Every id a record names is defined: the fields that name ids say so by their marker (ids.Ref)."""
    for name in FILES:
        for found in references(getattr(c.guide, name)):
            if isinstance(found, Keys):
                missing = [i for i in ids.of(found.ref) if i not in found.keys]
                if missing:
                    what = f"{found.path[-1]} miss {', '.join(map(repr, missing))}"
                    c.at(
                        name, found.path, f"{what}; expected an answer to every {found.ref.noun()}", key=True
                    )
            elif found.ref.kind != "answer" or found.question in ids.answers:  # else its question is unknown
                known = ids.of(found.ref, found.question)
                if found.value not in known:
                    message = _unknown(found.ref.noun(found.question), found.value, known)
                    c.at(name, found.path, message, key=found.key)


def _check_pages(c: _Checker) -> None:
    """pages.yaml: paths unique, prose pages have a body, every required kind is there."""
    pages = c.guide.pages.pages
    paths: dict[str, int] = {}
    for index, page in enumerate(pages):
        if page.path in paths:
            c.at(
                "pages",
                ("pages", index, "path"),
                f"duplicate page path {page.path!r}; expected each path once",
            )
        paths.setdefault(page.path, index)
        if page.kind == "prose" and not page.body:
            c.at(
                "pages",
                ("pages", index),
                "a prose page needs a 'body' Markdown file; expected body: pages/NAME.md",
            )
    if "index.md" not in paths:
        c.at("pages", ("pages",), "no page has path 'index.md'; expected a home page at index.md")
    for kind in ("home", "tool", "method", "comparison", "scenarios"):
        if not any(p.kind == kind for p in pages):
            c.at("pages", ("pages",), f"no page of kind {kind!r}; expected exactly one")


def _check_embed(c: _Checker) -> None:
    """At most one embed page (the snippet frames one address)."""
    embeds = [index for index, page in enumerate(c.guide.pages.pages) if page.kind == "embed"]
    for index in embeds[1:]:
        c.at("pages", ("pages", index, "kind"), "a second page of kind 'embed'; expected at most one")


def _check_labels(c: _Checker) -> None:
    """The labels the templates and the tool need are present in site.yaml and decision.yaml."""
    for label in sorted(SITE_LABELS - set(c.guide.site.labels)):
        c.at("site", ("labels",), f"missing label {label!r}; expected it under labels", key=True)
    for label in sorted(DECISION_LABELS - set(c.guide.decision.labels)):
        c.at("decision", ("labels",), f"missing label {label!r}; expected it under labels", key=True)


def _facts(guide: Guide) -> dict[str, Fact]:
    return {f.id: f for s in guide.sources.sources for f in s.figures}


def _check_comparison(c: _Checker, ids: Ids) -> None:
    """comparison.yaml: possible price ranges, a route's life in months or years, a cell for every route."""
    facts = _facts(c.guide)
    for oi, option in enumerate(c.guide.comparison.options):
        if option.price.min > option.price.max:
            c.at(
                "comparison",
                ("options", oi, "price", "min"),
                f"price min {option.price.min} is above max {option.price.max}; expected min <= max",
            )
        life = facts.get(option.lasts)
        if life is not None and life.unit not in ("months", "years"):
            c.at(
                "comparison",
                ("options", oi, "lasts"),
                f"fact {life.id!r} is in {life.unit}; expected a fact in months or years",
            )
    for ai, attribute in enumerate(c.guide.comparison.attributes):
        missing = [o for o in ids.of_kind["route"] if o not in attribute.values]
        if attribute.kind == "text" and missing:
            c.at(
                "comparison",
                ("attributes", ai),
                f"attribute {attribute.id!r} has no value for {', '.join(map(repr, missing))}; "
                "expected a value for every route",
            )


def _check_sources(c: _Checker) -> None:
    """sources.yaml: nothing was reviewed before it was read."""
    for si, source in enumerate(c.guide.sources.sources):
        if source.reviewed < source.read:
            c.at(
                "sources",
                ("sources", si, "reviewed"),
                f"source {source.id!r} was reviewed on {source.reviewed.isoformat()}, before it was read on "
                f"{source.read.isoformat()}; expected a review date on or after the day it was read",
            )


def _check_cost(c: _Checker, ids: Ids) -> None:
    """decision.yaml's cost model: the horizon question gives months, every route has an assumption,
    an extra's fees are in dollars."""
    d = c.guide.decision
    for qi, question in enumerate(d.questions):
        for oi, choice in enumerate(question.options if question.id == d.cost.horizon else []):
            if choice.months is None:
                c.at(
                    "decision",
                    ("questions", qi, "options", oi),
                    f"option {choice.id!r} of the cost horizon needs 'months'; expected a whole number",
                )
    covered = [a.option for a in d.cost.assumptions]
    for option in ids.of_kind["route"]:
        if option not in covered:
            c.at("decision", ("cost", "assumptions"), f"no assumption for {option!r}; expected one per route")
    facts = _facts(c.guide)
    for ei, extra in enumerate(d.cost.extras):
        for field in ("fee_low", "fee_high"):
            fee = facts.get(getattr(extra, field))
            if fee is not None and fee.unit != "dollars":
                c.at(
                    "decision",
                    ("cost", "extras", ei, field),
                    f"fact {fee.id!r} is in {fee.unit}; expected a fact in dollars",
                )


def _check_versions(c: _Checker) -> None:
    """Changelog versions only grow."""
    latest = 1
    for ci, change in enumerate(c.guide.decision.changelog):
        if change.version is not None:
            if change.version <= latest:
                c.at(
                    "decision",
                    ("changelog", ci, "version"),
                    f"version {change.version} is not above the version before it ({latest}); "
                    "expected the next number",
                )
            latest = max(latest, change.version)


def _check_scenarios(c: _Checker, ids: Ids) -> None:
    """scenarios.yaml: a group shows every scenario's outcome."""
    grouped = {outcome for group in c.guide.scenarios.groups for outcome in group.outcomes}
    for si, scenario in enumerate(c.guide.scenarios.scenarios):
        if scenario.outcome in ids.of_kind["outcome"] and scenario.outcome not in grouped:
            c.at(
                "scenarios",
                ("scenarios", si, "outcome"),
                f"no group lists outcome {scenario.outcome!r}, so scenario {scenario.id!r} would not be "
                "shown; expected a group whose 'outcomes' include it",
            )


def _strings(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _check_links(c: _Checker, pages: Collection[str]) -> None:
    for name, doc in c.guide.docs.items():
        for path, text in _strings(doc.data):
            for match in LINK.finditer(text):
                if match.group(1) not in pages:
                    c.at(name, path, _unknown("page in link", match.group(1), pages))
    for body, text in c.guide.bodies.items():
        for match in LINK.finditer(text):
            if match.group(1) not in pages:
                line, col = line_column(text, match.start(1))
                c.problems.append(
                    Problem(f"content/{body}", line, col, _unknown("page in link", match.group(1), pages))
                )

"""Cross-reference checks: ids unique, every reference resolves, ranges possible, links real."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .model import LINK, Fact, Guide

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
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown {kind} {value!r}{hint}; expected one of: {', '.join(known)}"


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

    def ref(self, doc: str, path: tuple[Any, ...], kind: str, value: str, known: Collection[str]) -> bool:
        if value not in known:
            self.at(doc, path, _unknown(kind, value, known))
            return False
        return True

    def answers(self, doc: str, path: tuple[Any, ...], answers: dict[str, Any], *, complete: bool) -> None:
        questions = {q.id: q for q in self.guide.decision.questions}
        for question_id, value in answers.items():
            values = value if isinstance(value, list) else [value]
            if question_id not in questions:  # at the key, where editors' tools underline it too
                self.at(doc, (*path, question_id), _unknown("question", question_id, questions), key=True)
                continue
            choices = [c.id for c in questions[question_id].options]
            for index, option in enumerate(values):
                where = (*path, question_id, index) if isinstance(value, list) else (*path, question_id)
                self.ref(doc, where, f"option for {question_id!r}", option, choices)
        if complete:
            missing = [q for q in questions if q not in answers]
            if missing:
                self.at(
                    doc,
                    path,
                    f"answers miss {', '.join(map(repr, missing))}; expected an answer to every question",
                    key=True,
                )


@dataclass(frozen=True)
class _Known:
    """The ids other records refer to; ordered sets: fast to look up in, listed in file order in messages."""

    pages: dict[str, None]
    sources: dict[str, None]
    options: dict[str, None]
    outcomes: dict[str, None]
    facts: dict[str, Fact]

    @classmethod
    def of(cls, guide: Guide) -> _Known:
        return cls(
            pages=dict.fromkeys(p.id for p in guide.pages.pages),
            sources=dict.fromkeys(s.id for s in guide.sources.sources),
            options=dict.fromkeys(o.id for o in guide.comparison.options),
            outcomes=dict.fromkeys(o.id for o in guide.decision.outcomes),
            facts={f.id: f for s in guide.sources.sources for f in s.figures},
        )


def check_references(guide: Guide) -> list[Problem]:
    """Every problem that needs more than one field to see."""
    c = _Checker(guide)
    known = _Known.of(guide)
    _check_ids(c)
    _check_sources(c, known)
    _check_pages(c, known)
    _check_embed(c)
    _check_site(c, known)
    _check_comparison(c, known)
    _check_decision(c, known)
    _check_cost(c, known)
    _check_versions(c)
    _check_scenarios(c, known)
    _check_experts(c, known)
    _check_links(c, known.pages)
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


def _check_pages(c: _Checker, known: _Known) -> None:
    """pages.yaml: paths unique, prose pages have a body, sources exist, every required kind is there."""
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
        for si, source in enumerate(page.sources):
            c.ref("pages", ("pages", index, "sources", si), "source", source, known.sources)
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


def _check_site(c: _Checker, known: _Known) -> None:
    """site.yaml's home cards point at pages; the labels the templates and the tool need are present."""
    for ci, card in enumerate(c.guide.site.home.cards):
        c.ref("site", ("home", "cards", ci, "page"), "page", card.page, known.pages)
    for label in sorted(SITE_LABELS - set(c.guide.site.labels)):
        c.at("site", ("labels",), f"missing label {label!r}; expected it under labels", key=True)
    for label in sorted(DECISION_LABELS - set(c.guide.decision.labels)):
        c.at("decision", ("labels",), f"missing label {label!r}; expected it under labels", key=True)


def _check_comparison(c: _Checker, known: _Known) -> None:
    """comparison.yaml: possible price ranges, known sources and routes, a cell for every route."""
    for oi, option in enumerate(c.guide.comparison.options):
        if option.price.min > option.price.max:
            c.at(
                "comparison",
                ("options", oi, "price", "min"),
                f"price min {option.price.min} is above max {option.price.max}; expected min <= max",
            )
        c.ref("comparison", ("options", oi, "source"), "source", option.source, known.sources)
        _check_life(c, ("options", oi, "lasts"), option.lasts, known)
        for ci, check in enumerate(option.other_prices):
            c.ref(
                "comparison",
                ("options", oi, "other_prices", ci, "source"),
                "source",
                check.source,
                known.sources,
            )
    for ai, attribute in enumerate(c.guide.comparison.attributes):
        _check_attribute(c, ("attributes", ai), attribute, known)


def _check_life(c: _Checker, path: tuple[Any, ...], fact_id: str, known: _Known) -> None:
    """A route's life names a fact given in months or years."""
    if c.ref("comparison", path, "fact", fact_id, known.facts) and known.facts[fact_id].unit not in (
        "months",
        "years",
    ):
        c.at(
            "comparison",
            path,
            f"fact {fact_id!r} is in {known.facts[fact_id].unit}; expected a fact in months or years",
        )


def _check_attribute(c: _Checker, base: tuple[Any, ...], attribute: Any, known: _Known) -> None:
    c.ref("comparison", (*base, "source"), "source", attribute.source, known.sources)
    for fi, route in enumerate(attribute.favors):
        c.ref("comparison", (*base, "favors", fi), "route", route, known.options)
    for key, value in attribute.values.items():
        c.ref("comparison", (*base, "values", key), "route", key, known.options)
        if not isinstance(value, str):
            c.ref("comparison", (*base, "values", key, "source"), "source", value.source, known.sources)
    missing = [o for o in known.options if o not in attribute.values]
    if attribute.kind == "text" and missing:
        c.at(
            "comparison",
            base,
            f"attribute {attribute.id!r} has no value for {', '.join(map(repr, missing))}; "
            "expected a value for every route",
        )


def _check_sources(c: _Checker, known: _Known) -> None:
    """sources.yaml: the routes a publisher sells exist; nothing was reviewed before it was read."""
    for si, source in enumerate(c.guide.sources.sources):
        if source.reviewed < source.read:
            c.at(
                "sources",
                ("sources", si, "reviewed"),
                f"source {source.id!r} was reviewed on {source.reviewed.isoformat()}, before it was read on "
                f"{source.read.isoformat()}; expected a review date on or after the day it was read",
            )
        for ri, route in enumerate(source.sells):
            c.ref("sources", ("sources", si, "sells", ri), "route", route, known.options)


def _check_decision(c: _Checker, known: _Known) -> None:
    """decision.yaml: the two starting points, rules, invariants, advice and outcomes refer to what exists."""
    d = c.guide.decision
    for field in ("positive", "negative"):
        c.ref("decision", (field,), "outcome", getattr(d, field), known.outcomes)
    for qi, question in enumerate(d.questions):
        for oi, choice in enumerate(question.options):
            if choice.source is not None:
                path = ("questions", qi, "options", oi, "source")
                c.ref("decision", path, "source", choice.source, known.sources)
    for ri, rule in enumerate(d.rules):
        c.answers("decision", ("rules", ri, "when"), rule.when, complete=False)
        c.ref("decision", ("rules", ri, "change"), "outcome", rule.change, known.outcomes)
        c.ref("decision", ("rules", ri, "to"), "outcome", rule.to, known.outcomes)
        if rule.source is not None:
            c.ref("decision", ("rules", ri, "source"), "source", rule.source, known.sources)
    _check_invariants(c, known)
    _check_advice(c, known)
    for oi, outcome in enumerate(d.outcomes):
        for pi, part in enumerate(outcome.routes):
            c.ref("decision", ("outcomes", oi, "routes", pi), "route", part, known.options)
        for ni, step in enumerate(outcome.next_steps):
            c.ref("decision", ("outcomes", oi, "next_steps", ni, "page"), "page", step.page, known.pages)


def _check_advice(c: _Checker, known: _Known) -> None:
    """Each piece of advice answers real questions, names real outcomes and rests on known sources."""
    for ai, advice in enumerate(c.guide.decision.advice):
        base = ("advice", ai)
        c.answers("decision", (*base, "when"), advice.when, complete=False)
        for oi, outcome in enumerate(advice.outcomes or []):
            c.ref("decision", (*base, "outcomes", oi), "outcome", outcome, known.outcomes)
        for si, source in enumerate(advice.sources):
            c.ref("decision", (*base, "sources", si), "source", source, known.sources)


def _check_cost(c: _Checker, known: _Known) -> None:
    """decision.yaml's cost model: the horizon question gives months, every route has an assumption."""
    d = c.guide.decision
    questions = {q.id: q for q in d.questions}
    if c.ref("decision", ("cost", "horizon"), "question", d.cost.horizon, questions):
        q = questions[d.cost.horizon]
        qi = d.questions.index(q)
        for oi, choice in enumerate(q.options):
            if choice.months is None:
                c.at(
                    "decision",
                    ("questions", qi, "options", oi),
                    f"option {choice.id!r} of the cost horizon needs 'months'; expected a whole number",
                )
    _check_assumptions(c, known.options, known.sources)
    for ei, extra in enumerate(d.cost.extras):
        base = ("cost", "extras", ei)
        c.ref("decision", (*base, "option"), "route", extra.option, known.options)
        for field in ("fee_low", "fee_high"):
            fact = getattr(extra, field)
            if (
                c.ref("decision", (*base, field), "fact", fact, known.facts)
                and known.facts[fact].unit != "dollars"
            ):
                c.at(
                    "decision",
                    (*base, field),
                    f"fact {fact!r} is in {known.facts[fact].unit}; expected a fact in dollars",
                )


def _check_versions(c: _Checker) -> None:
    """Changelog versions only grow; what older links leave open are questions asked today."""
    d = c.guide.decision
    questions = {q.id: q for q in d.questions}
    latest = 1
    for ci, change in enumerate(d.changelog):
        base = ("changelog", ci)
        if change.version is not None:
            if change.version <= latest:
                c.at(
                    "decision",
                    (*base, "version"),
                    f"version {change.version} is not above the version before it ({latest}); "
                    "expected the next number",
                )
            latest = max(latest, change.version)
        links = change.links
        for qi, question in enumerate(links.added if links else []):
            c.ref("decision", (*base, "links", "added", qi), "question", question, questions)
        for question in links.ask_again if links else {}:
            c.ref("decision", (*base, "links", "ask_again", question), "question", question, questions)
        for question, renamed in (links.renamed if links else {}).items():
            if c.ref("decision", (*base, "links", "renamed", question), "question", question, questions):
                options = [o.id for o in questions[question].options]
                for old, new in renamed.items():
                    c.ref("decision", (*base, "links", "renamed", question, old), "option", new, options)


def _check_scenarios(c: _Checker, known: _Known) -> None:
    """scenarios.yaml: outcomes and sources exist; answers are complete and valid."""
    grouped = set()
    for gi, group in enumerate(c.guide.scenarios.groups):
        for oi, outcome in enumerate(group.outcomes):
            c.ref("scenarios", ("groups", gi, "outcomes", oi), "outcome", outcome, known.outcomes)
            grouped.add(outcome)
    for si, scenario in enumerate(c.guide.scenarios.scenarios):
        base = ("scenarios", si)
        if scenario.outcome in known.outcomes and scenario.outcome not in grouped:
            c.at(
                "scenarios",
                (*base, "outcome"),
                f"no group lists outcome {scenario.outcome!r}, so scenario {scenario.id!r} would not be "
                "shown; expected a group whose 'outcomes' include it",
            )
        c.ref("scenarios", (*base, "outcome"), "outcome", scenario.outcome, known.outcomes)
        c.ref("scenarios", (*base, "source"), "source", scenario.source, known.sources)
        c.answers("scenarios", (*base, "answers"), scenario.answers, complete=True)
        for vi, variant in enumerate(scenario.variants):
            c.ref("scenarios", (*base, "variants", vi, "outcome"), "outcome", variant.outcome, known.outcomes)
            c.answers("scenarios", (*base, "variants", vi, "answers"), variant.answers, complete=False)


def _check_experts(c: _Checker, known: _Known) -> None:
    """experts.yaml: every expert's source exists."""
    for ei, expert in enumerate(c.guide.experts.experts):
        c.ref("experts", ("experts", ei, "source"), "source", expert.source, known.sources)


def _check_invariants(c: _Checker, known: _Known) -> None:
    """Every question and option an invariant names exists, and its source too."""
    d = c.guide.decision
    questions = [q.id for q in d.questions]
    for ii, invariant in enumerate(d.invariants):
        base = ("invariants", ii)
        if invariant.question is not None:
            c.ref("decision", (*base, "question"), "question", invariant.question, questions)
        for qi, question in enumerate(invariant.timing or []):
            c.ref("decision", (*base, "timing", qi), "question", question, questions)
        if invariant.when is not None:
            c.answers("decision", (*base, "when"), invariant.when, complete=False)
        if invariant.source is not None:
            c.ref("decision", (*base, "source"), "source", invariant.source, known.sources)


def _check_assumptions(c: _Checker, options: Collection[str], sources: Collection[str]) -> None:
    """One cost assumption per compared option, each resting on a known source."""
    cost = c.guide.decision.cost
    c.ref("decision", ("cost", "estimate"), "source", cost.estimate, sources)
    for ai, assumption in enumerate(cost.assumptions):
        c.ref("decision", ("cost", "assumptions", ai, "option"), "route", assumption.option, options)
        c.ref(
            "decision",
            ("cost", "assumptions", ai, "includes_source"),
            "source",
            assumption.includes_source,
            sources,
        )
    covered = [a.option for a in cost.assumptions]
    for option in options:
        if option not in covered:
            c.at("decision", ("cost", "assumptions"), f"no assumption for {option!r}; expected one per route")


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
                before = text[: match.start(1)]
                line = before.count("\n") + 1
                col = len(before) - (before.rfind("\n") + 1) + 1
                c.problems.append(
                    Problem(f"content/{body}", line, col, _unknown("page in link", match.group(1), pages))
                )

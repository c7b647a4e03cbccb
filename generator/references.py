"""Cross-reference checks: ids unique, every reference resolves, ranges possible, links real."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .model import LINK, Guide

SITE_LABELS = {
    "sources",
    "source",
    "reviewed",
    "read",
    "published",
    "skip-to-tool",
    "favours",
    "cost-note",
    "on-this-page",
    "takeaway",
    "start-here",
    "card-alt",
    "at-a-glance",
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
    "guarantee-reachable",
    "guarantee-scenarios",
    "shares-heading",
    "share-of",
    "share-value",
    "assumptions-heading",
    "cost-includes",
    "cost-redo",
    "basis-estimate",
    "basis-source",
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

    @classmethod
    def of(cls, guide: Guide) -> _Known:
        return cls(
            pages=dict.fromkeys(p.id for p in guide.pages.pages),
            sources=dict.fromkeys(s.id for s in guide.sources.sources),
            options=dict.fromkeys(o.id for o in guide.comparison.options),
            outcomes=dict.fromkeys(o.id for o in guide.decision.outcomes),
        )


def check_references(guide: Guide) -> list[Problem]:
    """Every problem that needs more than one field to see."""
    c = _Checker(guide)
    known = _Known.of(guide)
    _check_ids(c)
    _check_pages(c, known)
    _check_embed(c)
    _check_site(c, known)
    _check_comparison(c, known)
    _check_decision(c, known)
    _check_cost(c, known)
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
    """comparison.yaml: possible price ranges, known sources and options, a value for every option."""
    for oi, option in enumerate(c.guide.comparison.options):
        if option.price.min > option.price.max:
            c.at(
                "comparison",
                ("options", oi, "price", "min"),
                f"price min {option.price.min} is above max {option.price.max}; expected min <= max",
            )
        c.ref("comparison", ("options", oi, "source"), "source", option.source, known.sources)
        for ci, check in enumerate(option.other_prices):
            c.ref(
                "comparison",
                ("options", oi, "other_prices", ci, "source"),
                "source",
                check.source,
                known.sources,
            )
    for ai, attribute in enumerate(c.guide.comparison.attributes):
        base = ("attributes", ai)
        c.ref("comparison", (*base, "source"), "source", attribute.source, known.sources)
        if attribute.favours != "both":
            c.ref("comparison", (*base, "favours"), "option", attribute.favours, [*known.options, "both"])
        for key in attribute.values:
            c.ref("comparison", (*base, "values", key), "option", key, known.options)
        missing = [o for o in known.options if o not in attribute.values]
        if attribute.kind == "text" and missing:
            c.at(
                "comparison",
                (*base,),
                f"attribute {attribute.id!r} has no value for {', '.join(map(repr, missing))}; "
                "expected a value for every option",
            )


def _check_decision(c: _Checker, known: _Known) -> None:
    """decision.yaml: the two poles, rules, invariants and outcomes refer to what exists."""
    d = c.guide.decision
    for field in ("positive", "negative"):
        c.ref("decision", (field,), "outcome", getattr(d, field), known.outcomes)
        c.ref("decision", (field,), "comparison option", getattr(d, field), known.options)
    for ri, rule in enumerate(d.rules):
        c.answers("decision", ("rules", ri, "when"), rule.when, complete=False)
        c.ref("decision", ("rules", ri, "change"), "outcome", rule.change, known.outcomes)
        c.ref("decision", ("rules", ri, "to"), "outcome", rule.to, known.outcomes)
    _check_invariants(c, known.outcomes)
    for oi, outcome in enumerate(d.outcomes):
        for pi, part in enumerate(outcome.cost_parts):
            c.ref("decision", ("outcomes", oi, "cost_parts", pi), "comparison option", part, known.options)
        for ni, step in enumerate(outcome.next_steps):
            c.ref("decision", ("outcomes", oi, "next_steps", ni, "page"), "page", step.page, known.pages)


def _check_cost(c: _Checker, known: _Known) -> None:
    """decision.yaml's cost model: the horizon question gives months, every option has a redo interval."""
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
    for key in d.cost.redo_every_months:
        c.ref("decision", ("cost", "redo_every_months", key), "comparison option", key, known.options)
    for option in known.options:
        if option not in d.cost.redo_every_months:
            c.at(
                "decision",
                ("cost", "redo_every_months"),
                f"no redo interval for {option!r}; expected one per option",
            )


def _check_scenarios(c: _Checker, known: _Known) -> None:
    """scenarios.yaml: outcomes and sources exist; answers are complete and valid."""
    for gi, group in enumerate(c.guide.scenarios.groups):
        c.ref("scenarios", ("groups", gi, "outcome"), "outcome", group.outcome, known.outcomes)
    for si, scenario in enumerate(c.guide.scenarios.scenarios):
        base = ("scenarios", si)
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


def _check_invariants(c: _Checker, outcomes: Collection[str]) -> None:
    """Every question, option and outcome an invariant names exists."""
    d = c.guide.decision
    questions = [q.id for q in d.questions]
    for ii, invariant in enumerate(d.invariants):
        base = ("invariants", ii)
        for field in ("question", "never_towards", "never", "may_turn", "into"):
            value = getattr(invariant, field)
            if value is not None:
                kind = "question" if field == "question" else "outcome"
                c.ref("decision", (*base, field), kind, value, questions if kind == "question" else outcomes)
        for qi, question in enumerate(invariant.timing or []):
            c.ref("decision", (*base, "timing", qi), "question", question, questions)
        if invariant.when is not None:
            c.answers("decision", (*base, "when"), invariant.when, complete=False)


def _check_assumptions(c: _Checker, options: Collection[str], sources: Collection[str]) -> None:
    """One cost assumption per compared option, each resting on a known source."""
    cost = c.guide.decision.cost
    c.ref("decision", ("cost", "estimate"), "source", cost.estimate, sources)
    for ai, assumption in enumerate(cost.assumptions):
        c.ref(
            "decision", ("cost", "assumptions", ai, "option"), "comparison option", assumption.option, options
        )
        for field in ("includes_source", "redo_source"):
            c.ref(
                "decision", ("cost", "assumptions", ai, field), "source", getattr(assumption, field), sources
            )
    covered = [a.option for a in cost.assumptions]
    for option in options:
        if option not in covered:
            c.at(
                "decision", ("cost", "assumptions"), f"no assumption for {option!r}; expected one per option"
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
                before = text[: match.start(1)]
                line = before.count("\n") + 1
                col = len(before) - (before.rfind("\n") + 1) + 1
                c.problems.append(
                    Problem(f"content/{body}", line, col, _unknown("page in link", match.group(1), pages))
                )

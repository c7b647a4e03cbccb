"""The reference decision engine: answers in, recommendation with reasons, flips, advice and costs out."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import Advice, DecisionFile, Fact, Guide, Option

Answers = Mapping[str, str]

MONTHS = {"months": 1, "years": 12}  # the units a route's life may be given in


@dataclass(frozen=True)
class Reason:
    question: str | None  # None for a rule
    option: str | None
    weight: int
    text: str
    rule: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Flip:
    question: str
    option: str
    outcome: str


@dataclass(frozen=True)
class CostPart:
    option: str
    times: tuple[int, int]  # how many purchases at the low and at the high end of the estimate


@dataclass(frozen=True)
class Cost:
    outcome: str
    parts: tuple[CostPart, ...]
    low: int
    high: int
    open_ended: bool


@dataclass(frozen=True)
class Result:
    outcome: str
    base: str
    margin: int
    rule: str | None
    reasons: tuple[Reason, ...]
    flips: tuple[Flip, ...]
    advice: tuple[Advice, ...]
    costs: tuple[Cost, ...]


@dataclass(frozen=True)
class Life:
    """How long one purchase of a route stays current, in months (shortest, longest)."""

    shortest: int
    longest: int

    @classmethod
    def of(cls, fact: Fact) -> Life:
        scale = MONTHS[fact.unit]
        low = fact.min if fact.value is None else fact.value
        high = fact.max if fact.value is None else fact.value
        return cls(round((low or 0) * scale), round((high or 0) * scale))


def matches(answers: Answers, when: Mapping[str, list[str]]) -> bool:
    """Whether the answers meet a condition (question id: the options that satisfy it)."""
    return all(answers[q] in options for q, options in when.items())


class Engine:
    """Evaluates the decision model of one guide; the client-side widget mirrors `outcome`."""

    def __init__(
        self, decision: DecisionFile, routes: Mapping[str, Option], lives: Mapping[str, Life]
    ) -> None:
        self.model = decision
        self.routes = dict(routes)
        self.lives = dict(lives)
        self.questions = {q.id: q for q in decision.questions}
        self.choices = {q.id: {c.id: c for c in q.options} for q in decision.questions}
        self.outcomes = {o.id: o for o in decision.outcomes}

    @classmethod
    def of(cls, guide: Guide) -> Engine:
        facts = {f.id: f for s in guide.sources.sources for f in s.figures}
        routes = {o.id: o for o in guide.comparison.options}
        return cls(guide.decision, routes, {o.id: Life.of(facts[o.lasts]) for o in routes.values()})

    def combinations(self) -> Iterator[dict[str, str]]:
        """Every complete set of answers, in question and option order."""
        ids = list(self.questions)
        for values in itertools.product(*([c.id for c in q.options] for q in self.model.questions)):
            yield dict(zip(ids, values, strict=True))

    def margin(self, answers: Answers) -> int:
        return sum(self.choices[q][a].weight for q, a in answers.items())

    def pictures(self, outcome_id: str) -> set[str]:
        """What the routes of an outcome leave the reader publishing: photograph, generated or both."""
        return {self.routes[r].picture for r in self.outcomes[outcome_id].routes}

    def generated(self, outcome_id: str) -> bool:
        return "generated" in self.pictures(outcome_id)

    def outcome(self, answers: Answers) -> tuple[str, str, str | None]:
        """(outcome, base outcome before rules, id of the rule applied)."""
        m = self.model
        base = m.positive if self.margin(answers) >= m.threshold else m.negative
        for rule in m.rules:
            if rule.change == base and matches(answers, rule.when):
                return rule.to, base, rule.id
        return base, base, None

    def reasons(self, answers: Answers, base: str, rule_id: str | None) -> list[Reason]:
        """The answers that drove the result, strongest first, after the rule that applied (if any).

        Below the threshold, an answer of weight 0 that has a reason counts too: it asks nothing more
        of the photo."""
        m = self.model
        sign = 1 if base == m.positive else -1
        chosen = {q: self.choices[q][a] for q, a in answers.items()}
        drivers = sorted(
            (q for q in self.questions if chosen[q].weight * sign > 0),
            key=lambda q: -abs(chosen[q].weight),
        )
        if sign < 0:
            drivers += [q for q in self.questions if chosen[q].weight == 0 and chosen[q].reason]
        reasons = [
            Reason(q, answers[q], chosen[q].weight, chosen[q].reason or "", source=chosen[q].source)
            for q in drivers
        ]
        if rule_id:
            rule = next(r for r in m.rules if r.id == rule_id)
            reasons.insert(0, Reason(None, None, 0, rule.reason, rule=rule_id, source=rule.source))
        return reasons

    def advice(self, answers: Answers, outcome_id: str) -> list[Advice]:
        """The advice for these answers whose picture and outcomes (where it names them) fit the
        recommendation."""
        pictures = self.pictures(outcome_id)
        return [
            a
            for a in self.model.advice
            if matches(answers, a.when)
            and (a.picture is None or a.picture in pictures)
            and (a.outcomes is None or outcome_id in a.outcomes)
        ]

    def decide(self, answers: Answers) -> Result:
        """The full result for one complete set of answers (validated by the caller)."""
        outcome, base, rule_id = self.outcome(answers)
        flips = [
            Flip(q, option, changed)
            for q in self.questions
            for option in self.choices[q]
            if option != answers[q] and (changed := self.outcome({**answers, q: option})[0]) != outcome
        ]
        return Result(
            outcome=outcome,
            base=base,
            margin=self.margin(answers),
            rule=rule_id,
            reasons=tuple(self.reasons(answers, base, rule_id)),
            flips=tuple(flips),
            advice=tuple(self.advice(answers, outcome)),
            costs=tuple(self.cost(o.id, answers) for o in self.model.outcomes),
        )

    def horizon(self, answers: Answers) -> int:
        """The photo's life in months, as the answer to the horizon question gives it."""
        question = self.model.cost.horizon
        return self.choices[question][answers[question]].months or 1

    def cost(self, outcome_id: str, answers: Answers, months: int | None = None) -> Cost:
        """What following `outcome_id` costs over the photo's life, as a low–high range; `months`
        replaces the life the answers give (the cost-over-time chart asks month by month).

        The last route covers the whole life, bought again each time a purchase runs out (at the low
        end of the estimate it lasts longest, at the high end shortest); a route before it is bought
        once, to bridge the time until the last one."""
        months = self.horizon(answers) if months is None else months
        route_ids = self.outcomes[outcome_id].routes
        parts = []
        for index, option in enumerate(route_ids):
            life = self.lives[option]
            times = (
                (1, 1)
                if index < len(route_ids) - 1
                else (math.ceil(months / life.longest), math.ceil(months / life.shortest))
            )
            parts.append(CostPart(option, times))
        return Cost(
            outcome=outcome_id,
            parts=tuple(parts),
            low=sum(p.times[0] * self.routes[p.option].price.min for p in parts),
            high=sum(p.times[1] * self.routes[p.option].price.max for p in parts),
            open_ended=any(self.routes[p.option].price.open_ended for p in parts),
        )

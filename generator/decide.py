"""The reference decision engine: answers in, recommendation with reasons, flips and costs out."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import DecisionFile, Guide, Price

Answers = Mapping[str, str]


@dataclass(frozen=True)
class Reason:
    question: str | None  # None for a rule
    option: str | None
    weight: int
    text: str
    rule: str | None = None


@dataclass(frozen=True)
class Flip:
    question: str
    option: str
    outcome: str


@dataclass(frozen=True)
class CostPart:
    option: str
    times: int


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
    scores: dict[str, int]
    margin: int
    rule: str | None
    reasons: tuple[Reason, ...]
    flips: tuple[Flip, ...]
    costs: tuple[Cost, ...]


class Engine:
    """Evaluates the decision model of one guide; the client-side widget mirrors `outcome`."""

    def __init__(self, decision: DecisionFile, prices: Mapping[str, Price]) -> None:
        self.model = decision
        self.prices = dict(prices)
        self.questions = {q.id: q for q in decision.questions}
        self.choices = {q.id: {c.id: c for c in q.options} for q in decision.questions}

    @classmethod
    def of(cls, guide: Guide) -> Engine:
        return cls(guide.decision, {o.id: o.price for o in guide.comparison.options})

    def combinations(self) -> Iterator[dict[str, str]]:
        """Every complete set of answers, in question and option order."""
        ids = list(self.questions)
        for values in itertools.product(*([c.id for c in q.options] for q in self.model.questions)):
            yield dict(zip(ids, values, strict=True))

    def margin(self, answers: Answers) -> int:
        return sum(self.choices[q][a].weight for q, a in answers.items())

    def matching_rules(self, answers: Answers, base: str) -> list[str]:
        return [
            rule.id
            for rule in self.model.rules
            if rule.change == base and all(answers[q] in opts for q, opts in rule.when.items())
        ]

    def outcome(self, answers: Answers) -> tuple[str, str, str | None]:
        """(outcome, base outcome before rules, id of the rule applied)."""
        m = self.model
        base = m.positive if self.margin(answers) >= m.threshold else m.negative
        for rule in m.rules:
            if rule.change == base and all(answers[q] in opts for q, opts in rule.when.items()):
                return rule.to, base, rule.id
        return base, base, None

    def decide(self, answers: Answers) -> Result:
        """The full result for one complete set of answers (validated by the caller)."""
        m = self.model
        outcome, base, rule_id = self.outcome(answers)
        weights = {q: self.choices[q][a].weight for q, a in answers.items()}
        scores = {
            m.positive: sum(w for w in weights.values() if w > 0),
            m.negative: -sum(w for w in weights.values() if w < 0),
        }
        sign = 1 if base == m.positive else -1
        drivers = sorted(
            (q for q in self.questions if weights[q] * sign > 0),
            key=lambda q: -abs(weights[q]),
        )
        reasons = [
            Reason(q, answers[q], weights[q], self.choices[q][answers[q]].reason or "") for q in drivers
        ]
        if rule_id:
            rule = next(r for r in m.rules if r.id == rule_id)
            reasons.insert(0, Reason(None, None, 0, rule.reason, rule=rule_id))
        flips = [
            Flip(q, option, changed)
            for q in self.questions
            for option in self.choices[q]
            if option != answers[q] and (changed := self.outcome({**answers, q: option})[0]) != outcome
        ]
        return Result(
            outcome=outcome,
            base=base,
            scores=scores,
            margin=sum(weights.values()),
            rule=rule_id,
            reasons=tuple(reasons),
            flips=tuple(flips),
            costs=tuple(self.cost(o.id, answers) for o in m.outcomes),
        )

    def cost(self, outcome_id: str, answers: Answers, months: int | None = None) -> Cost:
        """What following `outcome_id` costs over the photo's life, as a low–high range; `months`
        replaces the life the answers give (the cost-over-time chart asks month by month)."""
        if months is None:
            months = self.choices[self.model.cost.horizon][answers[self.model.cost.horizon]].months or 1
        parts_ids = next(o.cost_parts for o in self.model.outcomes if o.id == outcome_id)
        parts = []
        for index, option in enumerate(parts_ids):
            # in a hybrid the first part bridges the gap once; the last part covers the whole life
            times = (
                1
                if index < len(parts_ids) - 1
                else math.ceil(months / self.model.cost.redo_every_months[option])
            )
            parts.append(CostPart(option, times))
        return Cost(
            outcome=outcome_id,
            parts=tuple(parts),
            low=sum(p.times * self.prices[p.option].min for p in parts),
            high=sum(p.times * self.prices[p.option].max for p in parts),
            open_ended=any(self.prices[p.option].open_ended for p in parts),
        )

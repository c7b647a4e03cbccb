"""The reference decision engine: answers in, recommendation with reasons, flips, advice and costs out."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

from ..content.model import Advice, DecisionFile, Fact, Guide, Option

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
class Numbers:
    """A reader's own numbers, each in place of a default of the cost model (left out: the default)."""

    prices: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # route -> (low, high)
    lives: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # route -> (shortest, longest), months
    extras: Mapping[str, int] = field(default_factory=dict)  # route -> how many extras (e.g. images)
    months: int | None = None  # how long the photo will be used, in place of the lifespan answer's


DEFAULTS = Numbers()


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


def matches(answers: Answers, when: Mapping[str, Collection[str]]) -> bool:
    """Whether the answers meet a condition (question id: the options that satisfy it)."""
    return all(answers[q] in options for q, options in when.items())


class Engine:
    """Evaluates the decision model of one guide; the client-side widget looks up what it decides
    (`lookup.py`) and computes only `cost`, for the reader's own numbers."""

    def __init__(
        self,
        decision: DecisionFile,
        routes: Mapping[str, Option],
        lives: Mapping[str, Life],
        fees: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        self.model = decision
        self.routes = dict(routes)
        self.lives = dict(lives)
        self.fees = dict(fees or {})  # route -> (low, high) fee of one extra
        self.questions = {q.id: q for q in decision.questions}
        self.choices = {q.id: {c.id: c for c in q.options} for q in decision.questions}
        self.outcomes = {o.id: o for o in decision.outcomes}

    @classmethod
    def of(cls, guide: Guide) -> Engine:
        facts = {f.id: f for s in guide.sources.sources for f in s.figures}
        routes = {o.id: o for o in guide.comparison.options}
        fees = {
            e.option: (round(facts[e.fee_low].value or 0), round(facts[e.fee_high].value or 0))
            for e in guide.decision.cost.extras
        }
        lives = {o.id: Life.of(facts[o.lasts]) for o in routes.values()}
        return cls(guide.decision, routes, lives, fees)

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

    def decide(self, answers: Answers, numbers: Numbers = DEFAULTS) -> Result:
        """The full result for one complete set of answers (validated by the caller); `numbers`
        change what each route costs, never the recommendation."""
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
            costs=tuple(self.cost(o.id, answers, numbers=numbers) for o in self.model.outcomes),
        )

    def horizon(self, answers: Answers) -> int:
        """The photo's life in months, as the answer to the horizon question gives it."""
        question = self.model.cost.horizon
        return self.choices[question][answers[question]].months or 1

    def numbers(self, values: Mapping[str, int]) -> Numbers:
        """A reader's numbers from the names shared links give them: `{route}-low`, `-high`,
        `-soonest`, `-latest`, `-extras` and `months`. A name left out keeps its default; a pair given
        the wrong way round is put right."""
        prices: dict[str, tuple[int, int]] = {}
        lives: dict[str, tuple[int, int]] = {}
        for route, option in self.routes.items():
            if f"{route}-low" in values or f"{route}-high" in values:
                low, high = (
                    values.get(f"{route}-low", option.price.min),
                    values.get(f"{route}-high", option.price.max),
                )
                prices[route] = (min(low, high), max(low, high))
            if f"{route}-soonest" in values or f"{route}-latest" in values:
                life = self.lives[route]
                soon, late = (
                    values.get(f"{route}-soonest", life.shortest),
                    values.get(f"{route}-latest", life.longest),
                )
                lives[route] = (min(soon, late), max(soon, late))
        extras = {r: values[f"{r}-extras"] for r in self.routes if f"{r}-extras" in values}
        return Numbers(prices, lives, extras, values.get("months"))

    def price(self, route: str, numbers: Numbers = DEFAULTS) -> tuple[int, int]:
        """One purchase of a route at the low and the high end, extras included."""
        default = self.routes[route].price
        low, high = numbers.prices.get(route, (default.min, default.max))
        count = numbers.extras.get(route, 0)
        fee = self.fees.get(route, (0, 0))
        return low + count * fee[0], high + count * fee[1]

    def life(self, route: str, numbers: Numbers = DEFAULTS) -> tuple[int, int]:
        """How long one purchase lasts, in months: (shortest, longest)."""
        default = self.lives[route]
        return numbers.lives.get(route, (default.shortest, default.longest))

    def cost(
        self, outcome_id: str, answers: Answers, months: int | None = None, numbers: Numbers = DEFAULTS
    ) -> Cost:
        """What following `outcome_id` costs over the photo's life, as a low–high range; `months`
        replaces the life the answers give (the cost-over-time chart asks month by month), and
        `numbers` the defaults the reader changed.

        The last route covers the whole life, bought again each time a purchase runs out (at the low
        end of the estimate it lasts longest, at the high end shortest); a route before it is bought
        once, to bridge the time until the last one."""
        if months is None:
            months = numbers.months or self.horizon(answers)
        route_ids = self.outcomes[outcome_id].routes
        parts = []
        low = high = 0
        for index, option in enumerate(route_ids):
            shortest, longest = self.life(option, numbers)
            last = index == len(route_ids) - 1
            times = (math.ceil(months / longest), math.ceil(months / shortest)) if last else (1, 1)
            parts.append(CostPart(option, times))
            each = self.price(option, numbers)
            low, high = low + times[0] * each[0], high + times[1] * each[1]
        return Cost(
            outcome=outcome_id,
            parts=tuple(parts),
            low=low,
            high=high,
            # a price the reader gave is theirs to the dollar: no open upper end
            open_ended=any(
                self.routes[p.option].price.open_ended and p.option not in numbers.prices for p in parts
            ),
        )

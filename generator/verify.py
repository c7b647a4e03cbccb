"""Build-time verification of the decision model over the whole answer space, principles included."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .decide import Answers, Engine
from .errors import ContentError, Problem
from .model import Guide, Invariant


def _show(answers: Answers) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def words(engine: Engine, answers: Answers) -> str:
    """A combination of answers as an editor reads it: each question's and answer's short label."""
    return ", ".join(
        f"{engine.questions[q].short} “{engine.choices[q][a].short}”" for q, a in answers.items()
    )


@dataclass(frozen=True)
class Summary:
    """What `check` reports about the model: outcome counts and how often each principle would fail."""

    count: int
    outcomes: dict[str, int]
    never: list[tuple[Invariant, int, int]]  # (principle, combinations it covers, combinations that break it)
    timing: list[
        tuple[Invariant, int]
    ]  # (principle, single changes that turn `may_turn` into another outcome)

    def percent(self) -> dict[str, int]:
        """Whole-number shares per outcome that add up to 100 (largest remainder first)."""
        exact = {o: 100 * n / self.count for o, n in self.outcomes.items()}
        shares = {o: int(x) for o, x in exact.items()}
        by_remainder = sorted(exact, key=lambda o: exact[o] - shares[o], reverse=True)
        for outcome in by_remainder[: 100 - sum(shares.values())]:
            shares[outcome] += 1
        return shares

    def lines(self) -> list[str]:
        """The model's figures as `check` prints them, for editors (ids, not reader labels)."""
        percent = self.percent()
        shares = " · ".join(f"{o} {percent[o]} %" for o in self.outcomes)
        result = [f"outcomes: {shares} (of {self.count} combinations)"]
        for invariant, covered, broken in self.never:
            when = " and ".join(f"{q}={'/'.join(opts)}" for q, opts in (invariant.when or {}).items())
            result.append(f"combinations with {when} that get {invariant.never}: {broken} of {covered}")
        for invariant, changes in self.timing:
            others = [o for o in self.outcomes if o not in (invariant.may_turn, invariant.into)]
            result.append(
                f"{'/'.join(invariant.timing or [])} answers that turn {invariant.may_turn} into "
                f"{'/'.join(others)}: {changes}"
            )
        return result


class _Verifier:
    """One pass over every combination; each principle reports the first combination that breaks it."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.engine = Engine.of(guide)
        self.d = guide.decision
        self.doc = guide.docs["decision"]
        self.problems: list[Problem] = []
        self.reported: set[object] = set()
        self.results = {tuple(a.values()): self.engine.outcome(a) for a in self.engine.combinations()}
        self.rank = {o.id: o.rank for o in self.d.outcomes}
        self.label = {o.id: f"“{o.label}”" for o in self.d.outcomes}

    def outcome(self, answers: Answers) -> str:
        return self.results[tuple(answers.values())][0]

    def changes(self, answers: Answers, question: str) -> Iterator[tuple[str, dict[str, str]]]:
        """Every other answer to `question`, with the combination it makes."""
        for option in self.engine.choices[question]:
            if option != answers[question]:
                yield option, {**answers, question: option}

    def report(self, key: object, path: tuple[object, ...], message: str) -> None:
        if key not in self.reported:
            self.reported.add(key)
            self.problems.append(self.doc.problem(path, message))

    def broken(self, index: int, answers: Answers, change: str) -> None:
        """Report principle `index` broken by `answers`, in words."""
        says = self.d.invariants[index].says
        self.report(
            index,
            ("invariants", index),
            f"principle broken: with {words(self.engine, answers)}, {change}; expected: {says}",
        )

    # --- exactly one outcome per combination ---------------------------------------------------

    def ambiguous(self, answers: Answers, base: str) -> None:
        rules = self.engine.matching_rules(answers, base)
        if len({r.to for r in self.d.rules if r.id in rules}) > 1:
            index = next(i for i, r in enumerate(self.d.rules) if r.id == rules[1])
            self.report(
                "ambiguous",
                ("rules", index),
                f"rules {', '.join(map(repr, rules))} both apply to {_show(answers)} with "
                "different results; expected exactly one outcome per combination",
            )

    # --- principles ----------------------------------------------------------------------------

    def monotone(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> None:
        question = invariant.question or ""
        options = list(self.engine.choices[question])
        position = options.index(answers[question])
        if position + 1 == len(options):
            return
        raised = {**answers, question: options[position + 1]}
        after = self.outcome(raised)
        target = self.rank[invariant.never_towards or ""]
        if abs(self.rank[after] - target) < abs(self.rank[outcome] - target):
            self.broken(index, answers, self.moved(question, options[position + 1], outcome, after))

    def moved(self, question: str, option: str, before: str, after: str) -> str:
        q = self.engine.questions[question]
        change = f"changing {q.short} to “{self.engine.choices[question][option].short}”"
        return f"{change} moves the result from {self.label[before]} to {self.label[after]}"

    def never(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> None:
        when = invariant.when or {}
        if outcome == invariant.never and all(answers[q] in opts for q, opts in when.items()):
            self.broken(index, answers, f"the result is {self.label[outcome]}")

    def timing(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> None:
        allowed = {invariant.may_turn, invariant.into}
        margin = self.engine.margin(answers)
        for question in invariant.timing or []:
            for option, changed in self.changes(answers, question):
                points = self.engine.margin(changed) - margin
                after = self.outcome(changed)
                if points:
                    short = self.engine.choices[question][option].short
                    shift = f"changing {self.engine.questions[question].short} to “{short}” adds {points:+d} points"
                    self.broken(index, answers, shift)
                elif after != outcome and {outcome, after} != allowed:
                    self.broken(index, answers, self.moved(question, option, outcome, after))

    # --- the whole answer space ----------------------------------------------------------------

    def combinations(self) -> set[str]:
        checks = {"monotone": self.monotone, "never": self.never, "timing-only": self.timing}
        seen: set[str] = set()
        for answers in self.engine.combinations():
            outcome, base, _ = self.results[tuple(answers.values())]
            seen.add(outcome)
            self.ambiguous(answers, base)
            for index, invariant in enumerate(self.d.invariants):
                if index not in self.reported:
                    checks[invariant.kind](index, invariant, answers, outcome)
        return seen

    def reachable(self, seen: set[str]) -> None:
        for oi, o in enumerate(self.d.outcomes):
            if o.id not in seen:
                self.problems.append(
                    self.doc.problem(
                        ("outcomes", oi, "id"),
                        f"outcome {o.id!r} is never reached by any of the {len(self.results)} combinations; "
                        "expected every outcome to be reachable (adjust weights, threshold or rules)",
                    )
                )

    # --- scenarios and their variants ----------------------------------------------------------

    def scenarios(self) -> None:
        sdoc = self.guide.docs["scenarios"]
        for si, scenario in enumerate(self.guide.scenarios.scenarios):
            claims = [(("scenarios", si), scenario.id, scenario.answers, scenario.outcome)]
            claims += [
                (
                    ("scenarios", si, "variants", vi),
                    f"{scenario.id}/{v.id}",
                    scenario.variant_answers(v),
                    v.outcome,
                )
                for vi, v in enumerate(scenario.variants)
            ]
            for path, name, answers, claimed in claims:
                got = self.outcome({q.id: answers[q.id] for q in self.d.questions})
                if got != claimed:
                    self.problems.append(
                        sdoc.problem(
                            (*path, "outcome"),
                            f"scenario {name!r} claims {claimed!r} but its answers "
                            f"({_show(answers)}) give {got!r}; expected the claimed outcome",
                        )
                    )

    def run(self) -> int:
        self.reachable(self.combinations())
        self.scenarios()
        if self.problems:
            raise ContentError(self.problems)
        return len(self.results)


def verify(guide: Guide) -> int:
    """Check every combination; return how many there are, or raise `ContentError`."""
    return _Verifier(guide).run()


def summarize(guide: Guide) -> Summary:
    """Outcome counts, and for each `never` and `timing-only` principle how often it is broken."""
    v = _Verifier(guide)
    counts = {o.id: 0 for o in sorted(v.d.outcomes, key=lambda o: -o.rank)}
    for outcome, _, _ in v.results.values():
        counts[outcome] += 1
    kinds = {kind: [inv for inv in v.d.invariants if inv.kind == kind] for kind in ("never", "timing-only")}
    return Summary(
        count=len(v.results),
        outcomes=counts,
        never=[(inv, *_never_counts(v, inv)) for inv in kinds["never"]],
        timing=[(inv, _timing_count(v, inv)) for inv in kinds["timing-only"]],
    )


def _never_counts(v: _Verifier, invariant: Invariant) -> tuple[int, int]:
    """(combinations the principle covers, those of them that get the outcome it rules out)."""
    when = invariant.when or {}
    covered = [a for a in v.engine.combinations() if all(a[q] in opts for q, opts in when.items())]
    return len(covered), sum(v.outcome(a) == invariant.never for a in covered)


def _timing_count(v: _Verifier, invariant: Invariant) -> int:
    """Single changes of the principle's questions that turn `may_turn` into an outcome other than `into`."""
    allowed = (invariant.may_turn, invariant.into)
    return sum(
        v.outcome(changed) not in allowed
        for answers in v.engine.combinations()
        if v.outcome(answers) == invariant.may_turn
        for question in invariant.timing or []
        for _, changed in v.changes(answers, question)
    )

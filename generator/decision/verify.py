"""Build-time verification of the decision model over the whole answer space, principles included."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..content.model import Guide, Invariant
from ..errors import ContentError, Problem
from .engine import Answers, Engine, matches


def _show(answers: Answers) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def words(engine: Engine, answers: Answers) -> str:
    """A combination of answers as an editor reads it: each question's and answer's short label."""
    return ", ".join(
        f"{engine.questions[q].short} “{engine.choices[q][a].short}”" for q, a in answers.items()
    )


@dataclass(frozen=True)
class Summary:
    """What `check` reports about the model: outcome counts and how often each principle fails."""

    count: int
    outcomes: dict[str, int]
    broken: list[tuple[Invariant, int]]  # (principle, combinations or changes that break it)

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
        result = [f"routes: {shares} (of {self.count} combinations)"]
        result += [f"{_counted(invariant)}: {count}" for invariant, count in self.broken]
        return result


def _counted(invariant: Invariant) -> str:
    """What `check` counts for a principle, in the editor's terms."""
    if invariant.kind == "photograph-only":
        when = " and ".join(f"{q}={'/'.join(opts)}" for q, opts in (invariant.when or {}).items())
        return f"answer sets with {when} that get a generated image"
    if invariant.kind == "timing-only":
        return f"changes of {'/'.join(invariant.timing or [])} that add or remove a generated image"
    if invariant.kind == "monotone":
        return f"raises of {invariant.question} that move the result toward a generated image"
    if invariant.kind == "reasons":
        return "results with no reason"
    return "routes never recommended"


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
        self.generated = {o.id: self.engine.generated(o.id) for o in self.d.outcomes}
        self.label = {o.id: f"“{o.label}”" for o in self.d.outcomes}
        self.checks: dict[str, Callable[[int, Invariant, Answers, str], bool]] = {
            "monotone": self.monotone,
            "photograph-only": self.photograph_only,
            "timing-only": self.timing,
            "reasons": self.reasons,
        }

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

    def moved(self, question: str, option: str, before: str, after: str) -> str:
        q = self.engine.questions[question]
        change = f"changing {q.short} to “{self.engine.choices[question][option].short}”"
        return f"{change} moves the result from {self.label[before]} to {self.label[after]}"

    # --- every rule applies to some answers ----------------------------------------------------

    def dead_rules(self) -> None:
        """A rule that never decides any combination: earlier rules or the threshold take them all."""
        applied = {rule for _, _, rule in self.results.values() if rule}
        for index, rule in enumerate(self.d.rules):
            if rule.id not in applied:
                self.problems.append(
                    self.doc.problem(
                        ("rules", index),
                        f"rule {rule.id!r} never applies: no combination of answers starts from "
                        f"{rule.change!r} and matches it before an earlier rule does; expected every "
                        "rule to decide some answers (move it up, or remove it)",
                    )
                )

    # --- principles: each returns True when the combination breaks it -------------------------

    def monotone(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> bool:
        question = invariant.question or ""
        options = list(self.engine.choices[question])
        position = options.index(answers[question])
        if position + 1 == len(options):
            return False
        after = self.outcome({**answers, question: options[position + 1]})
        if self.generated[after] and not self.generated[outcome]:
            self.broken(index, answers, self.moved(question, options[position + 1], outcome, after))
            return True
        return False

    def photograph_only(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> bool:
        if self.generated[outcome] and matches(answers, invariant.when or {}):
            self.broken(index, answers, f"the result is {self.label[outcome]}, which gives a generated image")
            return True
        return False

    def timing(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> bool:
        margin = self.engine.margin(answers)
        for question in invariant.timing or []:
            for option, changed in self.changes(answers, question):
                points = self.engine.margin(changed) - margin
                after = self.outcome(changed)
                if points:
                    short = self.engine.choices[question][option].short
                    shift = f"changing {self.engine.questions[question].short} to “{short}” adds {points:+d} points"
                    self.broken(index, answers, shift)
                    return True
                if self.generated[after] != self.generated[outcome]:
                    self.broken(index, answers, self.moved(question, option, outcome, after))
                    return True
        return False

    def reasons(self, index: int, invariant: Invariant, answers: Answers, outcome: str) -> bool:
        _, base, rule = self.results[tuple(answers.values())]
        if any(r.text for r in self.engine.reasons(answers, base, rule)):
            return False
        self.broken(index, answers, f"the result {self.label[outcome]} shows no reason")
        return True

    # --- the whole answer space ----------------------------------------------------------------

    def combinations(self) -> dict[str, int]:
        seen = {o.id: 0 for o in self.d.outcomes}
        for answers in self.engine.combinations():
            outcome = self.results[tuple(answers.values())][0]
            seen[outcome] += 1
            for index, invariant in enumerate(self.d.invariants):
                if index not in self.reported and invariant.kind in self.checks:
                    self.checks[invariant.kind](index, invariant, answers, outcome)
        return seen

    def reachable(self, seen: dict[str, int]) -> None:
        for invariant in self.d.invariants:
            if invariant.kind != "reachable":
                continue
            for oi, o in enumerate(self.d.outcomes):
                if not seen[o.id]:
                    self.problems.append(
                        self.doc.problem(
                            ("outcomes", oi, "id"),
                            f"principle broken: outcome {o.id!r} is never reached by any of the "
                            f"{len(self.results)} combinations; expected: {invariant.says} "
                            "(adjust weights, threshold or rules)",
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
        self.dead_rules()
        self.scenarios()
        if self.problems:
            raise ContentError(self.problems)
        return len(self.results)


def verify(guide: Guide) -> int:
    """Check every combination; return how many there are, or raise `ContentError`."""
    return _Verifier(guide).run()


def summarize(guide: Guide) -> Summary:
    """Outcome counts, and for each principle how often it is broken (0 when the model keeps it)."""
    v = _Verifier(guide)
    counts = {o.id: 0 for o in v.d.outcomes}
    for outcome, _, _ in v.results.values():
        counts[outcome] += 1
    broken = []
    for index, invariant in enumerate(v.d.invariants):
        if invariant.kind == "reachable":
            broken.append((invariant, sum(1 for n in counts.values() if not n)))
            continue
        check = v.checks[invariant.kind]
        count = 0
        for answers in v.engine.combinations():
            v.reported.discard(index)
            count += check(index, invariant, answers, v.outcome(answers))
        broken.append((invariant, count))
    return Summary(count=len(v.results), outcomes=counts, broken=broken)

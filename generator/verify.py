"""Build-time verification of the decision model over the whole answer space."""

from __future__ import annotations

from .decide import Engine
from .errors import ContentError, Problem
from .model import Guide


def _show(answers: dict[str, str]) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def verify(guide: Guide) -> int:  # noqa: C901  # split by advice branch
    """Check every combination; return how many there are, or raise `ContentError`."""
    engine = Engine.of(guide)
    d = guide.decision
    doc = guide.docs["decision"]
    problems: list[Problem] = []
    rank = {o.id: o.rank for o in d.outcomes}
    seen: set[str] = set()
    count = 0
    reported: set[str] = set()
    for answers in engine.combinations():
        count += 1
        outcome, base, _ = engine.outcome(answers)
        seen.add(outcome)
        targets = {r.to for r in d.rules if r.id in engine.matching_rules(answers, base)}
        if len(targets) > 1 and "ambiguous" not in reported:
            reported.add("ambiguous")
            rules = engine.matching_rules(answers, base)
            index = next(i for i, r in enumerate(d.rules) if r.id == rules[1])
            problems.append(
                doc.problem(
                    ("rules", index),
                    f"rules {', '.join(map(repr, rules))} both apply to {_show(answers)} with "
                    "different results; expected exactly one outcome per combination",
                )
            )
        for ii, invariant in enumerate(d.invariants):
            if invariant.question in reported:
                continue
            options = [c.id for c in engine.questions[invariant.question].options]
            position = options.index(answers[invariant.question])
            if position + 1 == len(options):
                continue
            raised = {**answers, invariant.question: options[position + 1]}
            after = engine.outcome(raised)[0]
            target = rank[invariant.never_towards]
            if abs(rank[after] - target) < abs(rank[outcome] - target):
                reported.add(invariant.question)
                problems.append(
                    doc.problem(
                        ("invariants", ii),
                        f"invariant broken: with {_show(answers)}, changing {invariant.question} to "
                        f"{options[position + 1]!r} moves the result from {outcome!r} to {after!r}; "
                        f"expected: {invariant.says}",
                    )
                )
    for oi, o in enumerate(d.outcomes):
        if o.id not in seen:
            problems.append(
                doc.problem(
                    ("outcomes", oi, "id"),
                    f"outcome {o.id!r} is never reached by any of the {count} combinations; "
                    "expected every outcome to be reachable (adjust weights, threshold or rules)",
                )
            )
    sdoc = guide.docs["scenarios"]
    for si, scenario in enumerate(guide.scenarios.scenarios):
        got = engine.outcome(scenario.answers)[0]
        if got != scenario.outcome:
            problems.append(
                sdoc.problem(
                    ("scenarios", si, "outcome"),
                    f"scenario {scenario.id!r} claims {scenario.outcome!r} but its answers "
                    f"({_show(dict(scenario.answers))}) give {got!r}; expected the claimed outcome",
                )
            )
    if problems:
        raise ContentError(problems)
    return count

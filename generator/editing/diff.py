"""What a change to content/ does for readers: two guides in, the differences readers would meet out.

Pure: no git, no files, no printing (see `diffreport` for the wording and `revision` for git).
Combinations of answers are matched on the questions both guides ask; an answer to a question only
one of them asks is free, so adding a question compares every new combination with the old one it
extends.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.model import Guide
from ..decision.changelog import Combination, fingerprint, recommendations
from ..decision.engine import Cost, Engine, matches
from ..render.pages import money, render_pages

EXAMPLES = 2  # per transition
SAMPLES = 3  # changed lines shown per page
FIGURES = 8  # figure changes shown per page


@dataclass(frozen=True)
class Transition:
    """Combinations whose outcome moved from `before` to `after` ('' where one side has none)."""

    before: str
    after: str
    count: int
    examples: tuple[tuple[tuple[str, str], ...], ...]  # (question short, answer short) pairs


@dataclass(frozen=True)
class ScenarioChange:
    id: str
    title: str
    before: str  # outcome id, '' when the scenario is new
    after: str  # outcome id, '' when it was removed
    margin: tuple[int | None, int | None]
    reasons_gone: tuple[str, ...]
    reasons_new: tuple[str, ...]
    reordered: bool  # the same reasons, strongest first in a new order


@dataclass(frozen=True)
class CostMove:
    outcome: str  # outcome label
    horizon: str  # the horizon answer's label, e.g. "A year or more"
    before: str
    after: str


@dataclass(frozen=True)
class PageChange:
    path: str
    title: str
    status: str  # "changed", "added" or "removed"
    lines: int  # lines of visible text that differ
    samples: tuple[tuple[str, str], ...]  # (before, after); '' for a line that is only on one side
    figures: tuple[tuple[str, str, int], ...]  # (before, after, how many times)


@dataclass(frozen=True)
class Report:
    combinations: tuple[int, int]
    fingerprints: tuple[str, str]
    transitions: tuple[Transition, ...]
    outcomes: dict[str, str]  # id -> label, both guides (the newer label wins)
    shares: tuple[dict[str, int], dict[str, int]]  # combinations per outcome id, before and after
    model: tuple[str, ...]
    scenarios: tuple[ScenarioChange, ...]
    costs: tuple[CostMove, ...]
    pages: tuple[PageChange, ...]

    @property
    def changed(self) -> int:
        """Combinations whose recommendation differs, including ones that exist on one side only."""
        return sum(t.count for t in self.transitions)

    @property
    def empty(self) -> bool:
        return not (self.transitions or self.model or self.scenarios or self.costs or self.pages)


def compare(old: Guide, new: Guide) -> Report:
    """Everything readers would see differently in `new` compared with `old`."""
    tables = recommendations(old), recommendations(new)
    return Report(
        combinations=(_count(old), _count(new)),
        fingerprints=(fingerprint(tables[0]), fingerprint(tables[1])),
        transitions=tuple(_transitions(old, new, *tables)),
        outcomes={o.id: o.label for o in (*old.decision.outcomes, *new.decision.outcomes)},
        shares=(dict(Counter(tables[0].values())), dict(Counter(tables[1].values()))),
        model=tuple(_model(old, new)),
        scenarios=tuple(_scenarios(old, new)),
        costs=tuple(_costs(old, new)),
        pages=tuple(_pages(old, new)),
    )


def _count(guide: Guide) -> int:
    count = 1
    for question in guide.decision.questions:
        count *= len(question.options)
    return count


# --- the decision tool ------------------------------------------------------------------------


def _union(old: Guide, new: Guide) -> dict[str, list[str]]:
    """Every question either guide asks, with every option either offers (newer order first)."""
    options: dict[str, list[str]] = {}
    for question in (*new.decision.questions, *old.decision.questions):
        known = options.setdefault(question.id, [])
        known += [c.id for c in question.options if c.id not in known]
    return options


def _offered(guide: Guide) -> list[tuple[str, set[str]]]:
    """Each question id with the answers it offers, sorted by id (the order of a `Combination`)."""
    return sorted((q.id, {c.id for c in q.options}) for q in guide.decision.questions)


def _key(answers: dict[str, str], offered: list[tuple[str, set[str]]]) -> Combination | None:
    """The combination a guide knows for these answers, or None if it does not offer one of them."""
    if matches(answers, dict(offered)):
        return tuple((q, answers[q]) for q, _ in offered)
    return None


def _space(old: Guide, new: Guide) -> Iterator[dict[str, str]]:
    union = _union(old, new)
    for values in itertools.product(*union.values()):
        yield dict(zip(union, values, strict=True))


def _transitions(
    old: Guide, new: Guide, before: dict[Combination, str], after: dict[Combination, str]
) -> list[Transition]:
    offered = _offered(old), _offered(new)
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[dict[str, str]]] = {}
    for answers in _space(old, new):
        old_key, new_key = _key(answers, offered[0]), _key(answers, offered[1])
        move = (before[old_key] if old_key else "", after[new_key] if new_key else "")
        if move[0] == move[1]:
            continue
        counts[move] += 1
        seen = examples.setdefault(move, [])
        if len(seen) < EXAMPLES:
            seen.append(answers)
        else:
            seen[-1] = answers  # keep the first and the last: they differ the most
    return [
        Transition(a, b, count, tuple(_words(answers, old, new) for answers in examples[(a, b)]))
        for (a, b), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _words(answers: dict[str, str], old: Guide, new: Guide) -> tuple[tuple[str, str], ...]:
    """Answers as a reader sees them: each question's short label with the chosen answer's."""
    shorts: dict[str, tuple[str, dict[str, str]]] = {}
    for question in (*old.decision.questions, *new.decision.questions):
        names = shorts.get(question.id, ("", {}))[1]
        shorts[question.id] = (question.short, {**names, **{c.id: c.short for c in question.options}})
    return tuple((shorts[q][0], shorts[q][1][a]) for q, a in answers.items())


def _model(old: Guide, new: Guide) -> Iterator[str]:
    """The editor's changes that can move a recommendation, in the editor's terms."""
    a, b = old.decision, new.decision
    if a.threshold != b.threshold:
        yield f"threshold {a.threshold} → {b.threshold}"
    yield from _questions(old, new)
    rules_a, rules_b = {r.id: r for r in a.rules}, {r.id: r for r in b.rules}
    for rid in rules_a.keys() | rules_b.keys():
        if rid not in rules_b:
            yield f"rule '{rid}' removed"
        elif rid not in rules_a:
            yield f"rule '{rid}' added"
        elif rules_a[rid] != rules_b[rid]:
            yield f"rule '{rid}' changed"


def _questions(old: Guide, new: Guide) -> Iterator[str]:
    before = {q.id: q for q in old.decision.questions}
    after = {q.id: q for q in new.decision.questions}
    for qid in [*after, *(q for q in before if q not in after)]:
        if qid not in before:
            yield f"question '{qid}' added ({len(after[qid].options)} answers)"
        elif qid not in after:
            yield f"question '{qid}' removed"
        else:
            weights_a = {c.id: c.weight for c in before[qid].options}
            for choice in after[qid].options:
                if choice.id not in weights_a:
                    yield f"{qid}: answer '{choice.id}' added (weight {choice.weight:+d})"
                elif weights_a[choice.id] != choice.weight:
                    yield f"{qid}: weight of '{choice.id}' {weights_a[choice.id]:+d} → {choice.weight:+d}"
            for gone in weights_a.keys() - {c.id for c in after[qid].options}:
                yield f"{qid}: answer '{gone}' removed"


# --- scenarios and costs ----------------------------------------------------------------------


def _scenarios(old: Guide, new: Guide) -> Iterator[ScenarioChange]:
    engines = Engine.of(old), Engine.of(new)
    before = {s.id: s for s in old.scenarios.scenarios}
    after = {s.id: s for s in new.scenarios.scenarios}
    for sid in [*after, *(s for s in before if s not in after)]:
        results = [
            engine.decide(side[sid].answers) if sid in side else None
            for engine, side in zip(engines, (before, after), strict=True)
        ]
        reasons = [tuple(r.text for r in result.reasons) if result else () for result in results]
        outcomes = [result.outcome if result else "" for result in results]
        if outcomes[0] == outcomes[1] and reasons[0] == reasons[1]:
            continue
        yield ScenarioChange(
            id=sid,
            title=(after.get(sid) or before[sid]).title,
            before=outcomes[0],
            after=outcomes[1],
            margin=(results[0].margin if results[0] else None, results[1].margin if results[1] else None),
            reasons_gone=tuple(r for r in reasons[0] if r not in reasons[1]),
            reasons_new=tuple(r for r in reasons[1] if r not in reasons[0]),
            reordered=sorted(reasons[0]) == sorted(reasons[1]) and reasons[0] != reasons[1],
        )


def _costs(old: Guide, new: Guide) -> Iterator[CostMove]:
    """Each outcome's cost over the photo's life, per answer to the horizon question, where it moved."""
    a, b = Engine.of(old), Engine.of(new)
    horizon = new.decision.cost.horizon
    if old.decision.cost.horizon != horizon:
        return
    for outcome in new.decision.outcomes:
        if outcome.id not in {o.id for o in old.decision.outcomes}:
            continue
        for choice in new.decision.questions[list(b.questions).index(horizon)].options:
            if choice.id not in a.choices[horizon]:
                continue
            answers = {horizon: choice.id}
            shown = [_money(engine.cost(outcome.id, answers), g) for engine, g in ((a, old), (b, new))]
            if shown[0] != shown[1]:
                yield CostMove(outcome.label, choice.label, shown[0], shown[1])


def _money(cost: Cost, guide: Guide) -> str:
    return money((cost.low, cost.high, cost.open_ended), guide.site.currency)


# --- pages ------------------------------------------------------------------------------------

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\]\((?:[^)\"]|\"[^\"]*\")*\)")  # a link's target and "title", which may hold ( )
_ATTRS = re.compile(r"\{\s*[:#.][^}]*\}")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+\w+\s*(?:"([^"]*)")?')
_RULE = re.compile(r"^\|?(\s*:?-+:?\s*\|)+\s*$")


def visible(markdown: str) -> list[str]:
    """The text a reader sees on a page, one line per paragraph line or table row (approximate)."""
    lines = []
    for raw in _FRONT.sub("", markdown).splitlines():
        if _RULE.match(raw.strip()):
            continue
        line = _ADMONITION.sub(lambda m: m.group(1) or "", raw)
        line = _ATTRS.sub("", _LINK.sub("]", _TAG.sub(" ", line)))
        line = html.unescape(line).replace("**", "").replace("[", "").replace("]", "").lstrip("#>- ")
        line = " ".join(line.split())
        if line.strip("| "):
            lines.append(line)
    return lines


def _figures(currency: str) -> re.Pattern[str]:
    number = rf"(?:{re.escape(currency)})?\d[\d,]*(?:\.\d+)?"
    return re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}|[+−]?{number}(?:–{number})?\+?%?")


def _pages(old: Guide, new: Guide) -> Iterator[PageChange]:
    before, after = render_pages(old), render_pages(new)
    titles = {p.path: p.title for p in (*old.pages.pages, *new.pages.pages)}
    pattern = _figures(new.site.currency)
    for path in sorted(before.keys() | after.keys()):
        if before.get(path) == after.get(path):
            continue
        a, b = visible(before.get(path, "")), visible(after.get(path, ""))
        if a == b:
            continue
        status = "added" if path not in before else "removed" if path not in after else "changed"
        yield _page_change(path, titles[path], status, a, b, pattern)


def _page_change(
    path: str, title: str, status: str, a: list[str], b: list[str], pattern: re.Pattern[str]
) -> PageChange:
    lines = 0
    samples: list[tuple[str, str]] = []
    moves: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines += max(i2 - i1, j2 - j1)
        for k in range(max(i2 - i1, j2 - j1)):
            pair = (a[i1 + k] if i1 + k < i2 else "", b[j1 + k] if j1 + k < j2 else "")
            if len(samples) < SAMPLES:
                samples.append(pair)
            if i2 - i1 == j2 - j1:  # lines edited in place; figures of added or removed lines are just new
                moves += _figure_moves(pattern.findall(pair[0]), pattern.findall(pair[1]))
    figures = tuple((x, y, n) for (x, y), n in moves.most_common(FIGURES))
    return PageChange(path, title, status, lines, tuple(samples), figures)


def _figure_moves(a: list[str], b: list[str]) -> Counter[tuple[str, str]]:
    """Figures that changed between two versions of a line, paired where one replaced another."""
    moves: Counter[tuple[str, str]] = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            moves[(a[i1 + k] if i1 + k < i2 else "", b[j1 + k] if j1 + k < j2 else "")] += 1
    return moves

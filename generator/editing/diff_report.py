"""`diff` reports in words: plain text for the terminal, Markdown for a pull request (its job summary
and its comment), shortened to fit where GitHub shows it."""

from __future__ import annotations

import html
import itertools
import os
import re

from .diff import CostMove, PageChange, Report, ScenarioChange, Transition

# A pull-request comment holds 65,536 characters and a job summary 1 MiB; 60,000 characters fit both
# (at most 4 bytes each) with room for the comment's own first and last lines.
MARKDOWN_LIMIT = 60_000
SAMPLE = 300  # characters of a changed line shown in the Markdown report

NONE = {"before": "(new combination)", "after": "(combination gone)"}


def _move(t: Transition) -> str:
    return f"{t.before or NONE['before']} → {t.after or NONE['after']}"


def _answers(pairs: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{q}: {a}" for q, a in pairs)


def _figures(page: PageChange) -> str:
    return ", ".join(
        f"{a or '(none)'} → {b or '(none)'}" + (f" (×{n})" if n > 1 else "") for a, b, n in page.figures
    )


def _scenario(s: ScenarioChange) -> str:
    before, after = s.before or "(new scenario)", s.after or "(removed)"
    outcome = f"{before} → {after}" if before != after else f"still {after}"
    margins = (
        ""
        if None in s.margin or s.margin[0] == s.margin[1]
        else f", score {s.margin[0]:+d} → {s.margin[1]:+d}"
    )
    order = "; the same reasons in a new order" if s.reordered else ""
    return f"{s.title} ({s.id}): {outcome}{margins}{order}"


def _headline(report: Report) -> str:
    before, after = report.combinations
    sizes = f"{before:,} → {after:,} combinations" if before != after else f"{after:,} combinations"
    if not report.changed:
        return f"{sizes}; no recommendation changes"
    return f"{sizes}; {report.changed:,} change recommendation (fingerprint {report.fingerprints[1]})"


def text(report: Report, against: str) -> str:
    """The report for a terminal."""
    out = [f"compared with {against}"]
    if report.empty:
        return "\n".join([*out, "no change for readers"]) + "\n"
    out.append(f"decision tool: {_headline(report)}")
    out += [f"  you changed: {line}" for line in report.model]
    for t in report.transitions:
        out.append(f"  {_move(t)}: {t.count:,}")
        out += [f"      e.g. {_answers(e)}" for e in t.examples]
    if report.scenarios:
        out.append("scenarios whose outcome or reasons change:")
        for s in report.scenarios:
            out.append(f"  {_scenario(s)}")
            out += [f"      - {r}" for r in s.reasons_gone] + [f"      + {r}" for r in s.reasons_new]
    if report.costs:
        out.append("costs that move:")
        out += [f"  {c.outcome}, {c.horizon}: {c.before} → {c.after}" for c in report.costs]
    if report.pages:
        out.append("pages whose visible text changes:")
        for page in report.pages:
            out.append(
                f"  {page.path} ({page.title}): {page.status}, {page.lines} line{'s' * (page.lines != 1)}"
            )
            if page.figures:
                out.append(f"      figures: {_figures(page)}")
            out += [
                f"      - {a}\n      + {b}" if a and b else f"      {'- ' + a if a else '+ ' + b}"
                for a, b in page.samples
            ]
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    """Content's text, safe in a table cell or a summary: a bar would end the cell, a line break the
    row, and a tag would be read as HTML."""
    return html.escape(" ".join(value.split()), quote=False).replace("|", "\\|")


def _code(value: str) -> str:
    return "`" + value.replace("`", "'") + "`"


def _label(report: Report, outcome: str) -> str:
    return report.outcomes.get(outcome, outcome)


def _share(count: int, total: int) -> str:
    return "—" if not count else f"{count:,} ({100 * count / total:.1f} %)"


def _points(before: int, after: int, totals: tuple[int, int]) -> str:
    change = round(100 * after / totals[1] - 100 * before / totals[0], 1)
    return "0" if not change else f"{change:+.1f}".replace("-", "−")


def _decision(report: Report) -> list[str]:
    """The decision tool: what the editor changed, the shares of each outcome, the moves with examples."""
    before, after = report.combinations
    if report.changed:
        headline = f"{report.changed:,} of {after:,} answer sets change recommendation"
    else:
        headline = f"no recommendation changes ({after:,} answer sets)"
    out = ["", f"### Decision tool: {headline}", ""]
    if before != after:
        out += [f"The tool now has {after:,} answer sets instead of {before:,}.", ""]
    if report.model:
        out += ["You changed:", "", *[f"- {_cell(line)}" for line in report.model], ""]
    if not report.transitions:
        return out
    out += [
        f"New fingerprint of the decision table: {_code(report.fingerprints[1])} (the changelog entry "
        "for this change carries it).",
        "",
        "| recommendation | answer sets before | after | change (% points) |\n|---|--:|--:|--:|",
    ]
    for outcome, label in report.outcomes.items():
        counts = report.shares[0].get(outcome, 0), report.shares[1].get(outcome, 0)
        out.append(
            f"| {_cell(label)} | {_share(counts[0], before)} | {_share(counts[1], after)} "
            f"| {_points(*counts, report.combinations)} |"
        )
    out += ["", "| was | now | answer sets |\n|---|---|--:|"]
    out += [
        f"| {_cell(_was(report, t.before))} | {_cell(_now(report, t.after))} | {t.count:,} |"
        for t in report.transitions
    ]
    out += ["", "For example:", ""]
    for t in report.transitions:
        out += [
            f"- {_example(e)}: was *{_cell(_was(report, t.before))}*, now *{_cell(_now(report, t.after))}*"
            for e in t.examples
        ]
    return out


def _was(report: Report, outcome: str) -> str:
    return _label(report, outcome) if outcome else NONE["before"]


def _now(report: Report, outcome: str) -> str:
    return _label(report, outcome) if outcome else NONE["after"]


def _example(pairs: tuple[tuple[str, str], ...]) -> str:
    return " · ".join(f"{_cell(q)}: **{_cell(a)}**" for q, a in pairs)


def _scenarios(report: Report) -> list[str]:
    out = ["", "### Scenarios whose result or reasons change", ""]
    for s in report.scenarios:
        before = _cell(_label(report, s.before)) if s.before else "(new scenario)"
        after = _cell(_label(report, s.after)) if s.after else "(removed)"
        result = f"*{before}* → *{after}*" if before != after else f"still *{after}*"
        score = (
            ""
            if None in s.margin or s.margin[0] == s.margin[1]
            else f"; score {s.margin[0]:+d} → {s.margin[1]:+d}"
        )
        order = "; the same reasons in a new order" if s.reordered else ""
        out.append(f"- **{_cell(s.title)}** ({_code(s.id)}): {result}{score}{order}")
        out += [f"  - ~~{_cell(r)}~~" for r in s.reasons_gone] + [
            f"  - {_cell(r)} *(new)*" for r in s.reasons_new
        ]
    return out


def _costs(costs: tuple[CostMove, ...]) -> list[str]:
    out = [
        "",
        "### Costs over the photo's life",
        "",
        "| recommendation | over | before | after |\n|---|---|--:|--:|",
    ]
    out += [f"| {_cell(c.outcome)} | {_cell(c.horizon)} | {c.before} | {c.after} |" for c in costs]
    return out


def _pages(pages: tuple[PageChange, ...]) -> list[str]:
    out = [
        "",
        "### Pages whose visible text changes",
        "",
        "| page | lines | figures that moved |\n|---|--:|---|",
    ]
    for page in pages:
        status = "" if page.status == "changed" else f" ({page.status})"
        out.append(
            f"| {_cell(page.title)} {_code(page.path)}{status} | {page.lines:,} | {_cell(_figures(page))} |"
        )
    out += ["", "Changed lines, the first few of each page:", ""]
    for page in pages:
        out += [_lines(page), ""]
    return out


def _lines(page: PageChange) -> str:
    """One page's sample of changed lines as a folded diff (one unit: never shortened in half)."""
    lines = []
    for a, b in page.samples:
        start = _first_difference(a, b)
        lines += [f"- {_clip(a, start)}"] * bool(a) + [f"+ {_clip(b, start)}"] * bool(b)
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", "\n".join(lines)))])
    summary = f"{_cell(page.title)}: {page.lines:,} line{'s' * (page.lines != 1)}"
    return "\n".join(
        [f"<details><summary>{summary}</summary>", "", f"{fence}diff", *lines, fence, "", "</details>"]
    )


def _first_difference(a: str, b: str) -> int:
    """Where a long line starts to show: a little before the first character that differs."""
    same = len(os.path.commonprefix([a, b])) if a and b else 0
    return 0 if same < SAMPLE // 2 else a.rfind(" ", 0, same - SAMPLE // 4) + 1


def _clip(line: str, start: int) -> str:
    shown = ("…" if start else "") + line[start:]
    return shown if len(shown) <= SAMPLE else shown[: SAMPLE - 1] + "…"


def markdown(report: Report, against: str, limit: int | None = MARKDOWN_LIMIT) -> str:
    """The report as Markdown for a pull request: at most `limit` characters (None: no limit)."""
    units = ["## What readers see differently", "", f"Compared with {_code(against)}."]
    if report.empty:
        return "\n".join([*units, "", "No change a reader would see."]) + "\n"
    if report.transitions or report.model:
        units += _decision(report)
    if report.scenarios:
        units += _scenarios(report)
    if report.costs:
        units += _costs(report.costs)
    if report.pages:
        units += _pages(report.pages)
    return shorten(units, limit)


def _note(limit: int, left_out: int) -> str:
    return (
        f"*Shortened here to stay within {limit:,} characters: {left_out:,} more lines are left out; "
        "`python -m generator diff BASE --markdown --max-chars 0` gives the whole report.*"
    )


def shorten(units: list[str], limit: int | None) -> str:
    """The units (lines, or blocks that must stay whole) joined, cut after the last unit that fits
    within `limit` characters together with a line that says how many lines were left out."""
    text = "\n".join(units) + "\n"
    if not limit or len(text) <= limit:
        return text
    room = limit - len(_note(limit, text.count("\n"))) - 2  # the note and the blank line before it
    ends = itertools.accumulate(len(unit) + 1 for unit in units)
    count = next(i for i, end in enumerate(ends) if end > room)  # the first unit that does not fit
    kept = units[:count]
    while kept and not kept[-1]:
        kept.pop()
    left_out = sum(1 for unit in units[count:] for line in unit.split("\n") if line.strip())
    return "\n".join([*kept, "", _note(limit, left_out)]) + "\n"

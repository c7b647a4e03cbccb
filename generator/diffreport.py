"""`diff` reports in words: plain text for the terminal, Markdown for a pull-request description."""

from __future__ import annotations

from .diff import PageChange, Report, ScenarioChange, Transition

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
    return value.replace("|", "\\|")


def markdown(report: Report, against: str) -> str:
    """The report as Markdown, for a pull-request description."""
    out = [f"### What readers get differently (compared with `{against}`)", ""]
    if report.empty:
        return "\n".join([*out, "No change for readers."]) + "\n"
    out += [f"**Decision tool:** {_headline(report)}.", ""]
    out += [f"- You changed: {_cell(line)}" for line in report.model]
    if report.transitions:
        out += ["", "| recommendation | combinations | for example |", "|---|--:|---|"]
        for t in report.transitions:
            example = _answers(t.examples[0]) if t.examples else ""
            out.append(f"| {_cell(_move(t))} | {t.count:,} | {_cell(example)} |")
        used = {o for t in report.transitions for o in (t.before, t.after) if o}
        legend = "; ".join(f"`{o}`: {label}" for o, label in report.outcomes.items() if o in used)
        out += ["", f"Outcomes: {_cell(legend)}."]
    if report.scenarios:
        out += ["", "**Scenarios whose outcome or reasons change:**", ""]
        for s in report.scenarios:
            out.append(f"- {_scenario(s)}")
            out += [f"  - ~~{r}~~" for r in s.reasons_gone] + [f"  - {r} *(new)*" for r in s.reasons_new]
    if report.costs:
        out += ["", "**Costs that move:**", ""]
        out += [f"- {c.outcome}, {c.horizon}: {c.before} → {c.after}" for c in report.costs]
    if report.pages:
        out += ["", "**Pages whose visible text changes:**", ""]
        for page in report.pages:
            figures = f"; figures: {_figures(page)}" if page.figures else ""
            lines = f"{page.lines} line{'s' * (page.lines != 1)}"
            out.append(f"- `{page.path}` ({page.title}): {page.status}, {lines}{figures}")
    return "\n".join(out) + "\n"

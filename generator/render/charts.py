"""Cost over time as an SVG chart: the engine's costs month by month, drawn as steps, labels from content.

The decision tool's widget draws the same chart in the browser (decision-tool.js, "Cost chart"); the
geometry constants and the shape of the markup are shared so the two look alike."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..content.values import amount, money
from ..decision.engine import DEFAULTS, Engine, Numbers
from ..text import fill

WIDTH, HEIGHT = 480, 270
LEFT, RIGHT, TOP, BOTTOM = 56, 14, 52, 40


@dataclass(frozen=True)
class Series:
    """One option's cost so far after each month 1..N, as (low, high) of the price range."""

    id: str
    label: str
    values: tuple[tuple[int, int], ...]
    open_ended: bool

    def at(self, month: int) -> tuple[int, int]:
        return self.values[month - 1]


@dataclass(frozen=True)
class CostChart:
    months: int
    step: int  # the shortest life of a route: the table lists a row and the axis a tick per step
    series: tuple[Series, ...]
    crossover: int | None  # the first month from which the positive outcome costs less, if any
    marker: int | None  # the reader's own horizon (the tool only)

    def ticks(self) -> list[int]:
        """Months the axis names: the first, every step and the horizon."""
        return sorted({1, self.months, *range(self.step, self.months + 1, self.step)})

    def rows(self) -> list[int]:
        """Months the table lists: the axis ticks and any marked month."""
        return sorted({*self.ticks(), *(m for m in (self.crossover, self.marker) if m)})


def horizon(engine: Engine) -> int:
    """The longest life the decision tool offers, in months: the span every chart covers."""
    choices = engine.choices[engine.model.cost.horizon].values()
    return max(c.months or 1 for c in choices)


def cost_chart(
    engine: Engine, labels: Mapping[str, str], marker: int | None = None, numbers: Numbers = DEFAULTS
) -> CostChart:
    """The chart's data for the outcomes named in `labels` ({outcome id: label}), in that order, at the
    reader's `numbers`; it spans the longest life the tool asks about, or the `marker` if longer. The
    crossover compares the two starting points (a full session and the generator) where both are drawn."""
    months = max(horizon(engine), marker or 0)
    series = []
    for outcome_id, label in labels.items():
        costs = [engine.cost(outcome_id, {}, m, numbers) for m in range(1, months + 1)]
        values = tuple((c.low, c.high) for c in costs)
        series.append(Series(outcome_id, label, values, costs[0].open_ended))
    by_id = {s.id: s for s in series}
    model = engine.model
    poles = (by_id.get(model.positive), by_id.get(model.negative))
    cross = crossover(poles[0], poles[1], months) if poles[0] and poles[1] else None
    step = min(engine.life(route, numbers)[0] for route in engine.lives)
    return CostChart(months, step, tuple(series), cross, marker)


def crossover(cheaper: Series, other: Series, months: int) -> int | None:
    """The first month from which `cheaper` costs no more than `other` at both ends of the range
    and stays so to the end, or None."""
    first = None
    for month in range(1, months + 1):
        low, high = cheaper.at(month)
        other_low, other_high = other.at(month)
        below = low <= other_low and high <= other_high
        first = (first or month) if below else None
    return first


def nice_step(top: int, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that covers `top` in at most `ticks` steps."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 5, 10) if f * power >= raw)


def _x(chart: CostChart, month: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * month / chart.months


def _y(top: int, value: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top


def _step_points(chart: CostChart, values: Sequence[int], top: int) -> list[str]:
    """Corners of a step line: each month's cost holds from that month to the next."""
    points = [f"{_x(chart, 0):.1f},{_y(top, values[0]):.1f}"]
    for month in range(2, chart.months + 1):
        if values[month - 1] != values[month - 2]:
            x = _x(chart, month)
            points += [
                f"{x:.1f},{_y(top, values[month - 2]):.1f}",
                f"{x:.1f},{_y(top, values[month - 1]):.1f}",
            ]
    points.append(f"{_x(chart, chart.months):.1f},{_y(top, values[-1]):.1f}")
    return points


def _series_svg(chart: CostChart, index: int, series: Series, top: int) -> str:
    low = _step_points(chart, [v[0] for v in series.values], top)
    high = _step_points(chart, [v[1] for v in series.values], top)
    band = " ".join(high + low[::-1])
    return (
        f'<g class="hdt-s{index}"><polygon class="hdt-band" points="{band}"/>'
        f'<polyline points="{" ".join(low)}"/><polyline points="{" ".join(high)}"/></g>'
    )


def _axes_svg(chart: CostChart, top: int, step: int, ticks: Sequence[int], text: Mapping[str, str]) -> str:
    parts = []
    for value in range(0, top + 1, step):
        y = _y(top, value)
        parts.append(
            f'<line class="hdt-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(text["money"](value))}</text>'
        )
    for month in ticks:
        x = _x(chart, month)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{month}</text>')
    parts.append(f'<text x="{LEFT}" y="14">{escape(text["cost"])}</text>')
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 4}" text-anchor="end">{escape(text["months"])}</text>'
    )
    return "".join(parts)


def _mark_svg(chart: CostChart, month: int, label: str, row: int) -> str:
    x = _x(chart, month)
    anchor = "end" if month > chart.months / 2 else "start"
    shift = -4 if anchor == "end" else 4
    return (
        f'<g class="hdt-mark"><line x1="{x:.1f}" x2="{x:.1f}" y1="{34 + 14 * row}" y2="{HEIGHT - BOTTOM}"/>'
        f'<text x="{x + shift:.1f}" y="{30 + 14 * row}" text-anchor="{anchor}">{escape(label)}</text></g>'
    )


def svg(chart: CostChart, prefix: str, text: Mapping[str, object]) -> Markup:
    """The chart as an inline <svg>: `text` holds title, desc, axis labels, mark labels and `money`."""
    top_value = max(v[1] for s in chart.series for v in s.values)
    step = nice_step(top_value)
    top = step * math.ceil(top_value / step)
    body = [_axes_svg(chart, top, step, chart.ticks(), text)]  # type: ignore[arg-type]
    body += [_series_svg(chart, i, s, top) for i, s in enumerate(chart.series)]
    if chart.crossover:
        body.append(_mark_svg(chart, chart.crossover, str(text["cross-mark"]), 1))
    if chart.marker:
        body.append(_mark_svg(chart, chart.marker, str(text["yours"]), 0))
    return Markup(
        f'<svg class="hdt-chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{escape(text["title"])}</title>'
        f'<desc id="{prefix}-desc">{escape(text["desc"])}</desc>{"".join(body)}</svg>'
    )


def figure(chart: CostChart, prefix: str, text: Mapping[str, object]) -> Markup:
    """The chart in a <figure>: caption, legend, the drawing, what the mark means, and the numbers
    as a table for screen readers (`text` as for `svg`, plus `note`, `month` and `range`)."""
    cost_range = text["range"]
    legend = "".join(
        f'<li><span class="hdt-key hdt-s{i}"></span>{escape(s.label)}</li>'
        for i, s in enumerate(chart.series)
    )
    head = "".join(f'<th scope="col">{escape(s.label)}</th>' for s in chart.series)
    rows = "".join(
        f'<tr><th scope="row">{m}</th>'
        + "".join(f"<td>{escape(cost_range(*s.at(m), s.open_ended))}</td>" for s in chart.series)  # type: ignore[operator]
        + "</tr>"
        for m in chart.rows()
    )
    return Markup(
        # data-search-exclude: Material's search indexes what the page says, not the chart's axis
        # labels and screen-reader table (the comparison table already holds the prices)
        f'<figure class="hdt-chart" id="{prefix}" data-search-exclude>'
        f"<figcaption>{escape(text['title'])}</figcaption>"
        f'<ul class="hdt-legend">{legend}</ul>{svg(chart, prefix, text)}'
        f'<p class="hdt-chart-note">{escape(text["note"])}</p>'
        f'<div class="hdt-sr"><table class="hdt-chart-table"><caption>{escape(text["title"])}</caption>'
        f'<thead><tr><th scope="col">{escape(text["month"])}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></figure>"
    )


def chart_text(chart: CostChart, labels: Mapping[str, str], currency: str) -> dict[str, object]:
    """The chart's words from the decision labels (`chart-*`), filled with its months."""
    note = (
        fill(labels["chart-crossover"], month=chart.crossover)
        if chart.crossover
        else fill(labels["chart-no-crossover"], months=chart.months)
    )
    return {
        "title": fill(labels["chart-title"], months=chart.months),
        "desc": labels["chart-desc"],
        "cost": labels["chart-cost"],
        "months": labels["chart-months"],
        "month": labels["chart-month"],
        "cross-mark": fill(labels["chart-cross-mark"], month=chart.crossover or 0),
        "yours": fill(labels["chart-yours"], months=chart.marker or 0),
        "note": note,
        "money": lambda value: amount(value, currency),
        "range": lambda low, high, open_ended: money((low, high, open_ended), currency),
    }

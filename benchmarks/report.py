"""Figures, sections and the table: every figure is measured, printed beside its target."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    name: str
    value: float | None  # None only when the thing measured is absent; `note` says why
    unit: str
    target: str | None = None
    ok: bool | None = None  # None: no target
    note: str | None = None
    headline: bool = False  # shown in the summary table


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # how long the section took to measure

    def add(
        self,
        name: str,
        value: float | None,
        unit: str,
        target: str | None = None,
        ok: bool | None = None,
        note: str | None = None,
        *,
        headline: bool = False,
    ) -> Figure:
        figure = Figure(name, value, unit, target, ok, note, headline or target is not None)
        self.figures.append(figure)
        return figure

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def timed(action: Callable[[], object]) -> float:
    """Wall time of one call, in seconds, starting from a collected heap (as timeit does), so one
    size's leftovers are not collected on the next size's clock."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "µs":
        return f"{value:.2f} µs"
    if unit in ("B", "bytes"):
        return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value:.0f} B"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "%":
        return f"{value:.1f} %"
    if unit in ("×", "x"):
        return f"{value:.2f} ×"
    if float(value).is_integer():
        return f"{int(value):,} {unit}".rstrip()
    return f"{value:.3g} {unit}".rstrip()


def _mark(figure: Figure) -> str:
    if figure.ok is None:
        return "n/a" if figure.target and figure.value is None else ""
    return "✓ pass" if figure.ok else "✗ miss"


def rows(section: Section) -> list[tuple[str, str, str, str]]:
    out = []
    for f in section.figures:
        value = _number(f.value, f.unit)
        if f.value is None and f.note:
            value = f"n/a ({f.note})"
        out.append((f.name, value, f.target or "", _mark(f)))
    return out


def text_table(sections: list[Section]) -> str:
    lines: list[str] = []
    for section in sections:
        lines.append("")
        lines.append(f"== {section.title}  ({section.seconds:.1f} s to measure)")
        body = rows(section)
        widths = [max([len(r[i]) for r in body] + [0]) for i in range(4)]
        for r in body:
            lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip())
        for note in section.notes:
            lines.append(f"  · {note}")
    return "\n".join(lines)


def markdown_table(sections: list[Section]) -> str:
    lines: list[str] = []
    for section in sections:
        lines += ["", f"**{section.title}**", "", "| figure | measured | target | |", "|---|---|---|---|"]
        for r in rows(section):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |")
        for note in section.notes:
            lines.append(f"\n- {note}" if note == section.notes[0] else f"- {note}")
    return "\n".join(lines).strip() + "\n"


POINTS = {
    "overhead": "1 build overhead",
    "scaling": "2 scaling",
    "check": "3 check",
    "weight": "4 page weight",
    "widget": "5 widget engine",
    "reload": "6 live reload",
}


def summary_table(sections: list[Section]) -> str:
    """The headline figures of every section, one row each: what the README quotes."""
    lines = ["| point | figure | measured | target | |", "|---|---|---|---|---|"]
    for section in sections:
        point = POINTS.get(section.key, section.key)
        for figure, row in zip(section.figures, rows(section), strict=True):
            if figure.headline:
                lines.append("| " + " | ".join(c.replace("|", "\\|") for c in (point, *row)) + " |")
    return "\n".join(lines) + "\n"

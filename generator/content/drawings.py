"""The guide's own drawings: SVG templates (shape only) filled with the words each page declares.

A page lists its figures in content/pages.yaml (`figures`: id, caption, alt text, labels); the
drawing is `templates/figures/<id>.svg.j2`. A prose page places a figure with a line of its own,
`![](figure:<id>)`; other page kinds place theirs in their template with `figure(page, id)`.
Numbered markers in a drawing are explained by a list under it, in the order of the labels."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..errors import Problem
from ..text import line_column
from .model import Figure, Guide, Page

DRAWINGS = Path(__file__).parent.parent / "templates" / "figures"
PLACE = re.compile(r"^!\[\]\(figure:([^)\s]*)\)[ \t]*$", re.MULTILINE)
# A drawing names the labels it takes on its first line: {## labels: key, key, ... ##}
_LABELS = re.compile(r"\{##\s*labels:\s*([a-z0-9, -]*?)\s*##\}")
_MARKER = re.compile(r"""marker\(["']([a-z0-9-]+)["']""")


def drawing(figure_id: str) -> Path:
    return DRAWINGS / f"{figure_id}.svg.j2"


def needed_labels(figure_id: str) -> list[str]:
    """The label keys a drawing declares on its first line."""
    found = _LABELS.search(drawing(figure_id).read_text(encoding="utf-8"))
    return [k.strip() for k in found.group(1).split(",") if k.strip()] if found else []


def markers(figure_id: str) -> list[str]:
    return list(dict.fromkeys(_MARKER.findall(drawing(figure_id).read_text(encoding="utf-8"))))


def check(guide: Guide) -> list[Problem]:
    """Every declared figure has a drawing and exactly the labels it uses; every placed one exists."""
    problems: list[Problem] = []
    doc = guide.docs["pages"]
    for pi, page in enumerate(guide.pages.pages):
        for fi, figure in enumerate(page.figures):
            where = ("pages", pi, "figures", fi)
            if not drawing(figure.id).is_file():
                problems.append(doc.problem((*where, "id"), _no_drawing(figure.id)))
                continue
            needed, given = needed_labels(figure.id), list(figure.labels)
            if set(needed) != set(given):
                problems.append(doc.problem((*where, "labels"), _label_message(needed, given)))
        if page.body and page.body in guide.bodies:
            problems += _check_placed(page, guide.bodies[page.body])
    return problems


def _no_drawing(figure_id: str) -> str:
    known = sorted(p.name.removesuffix(".svg.j2") for p in DRAWINGS.glob("[!_]*.svg.j2"))
    return f"no drawing called {figure_id!r}; expected one of: {', '.join(known)}"


def _label_message(needed: list[str], given: list[str]) -> str:
    missing = [k for k in needed if k not in given]
    extra = [k for k in given if k not in needed]
    parts = [
        f"missing {', '.join(missing)}" if missing else "",
        f"unknown {', '.join(extra)}" if extra else "",
    ]
    return f"labels do not match the drawing ({'; '.join(p for p in parts if p)}); expected exactly: {', '.join(needed)}"


def _check_placed(page: Page, text: str) -> list[Problem]:
    declared = {f.id for f in page.figures}
    problems = []
    for match in PLACE.finditer(text):
        if match.group(1) not in declared:
            line, col = line_column(text, match.start(1))
            message = f"figure {match.group(1)!r} is not among this page's figures in pages.yaml; expected one of: {', '.join(sorted(declared)) or '(none declared)'}"
            problems.append(Problem(f"content/{page.body}", line, col, message))
    return problems


def render_figure(env: jinja2.Environment, figure: Figure, context: Mapping[str, Any]) -> Markup:
    """A <figure>: the drawing, the list its numbered markers refer to, and the caption."""
    keys = markers(figure.id)
    number = {key: index for index, key in enumerate(keys, 1)}.__getitem__
    svg = env.get_template(f"figures/{figure.id}.svg.j2").render(
        context, id=figure.id, alt=figure.alt, labels=figure.labels, number=number
    )
    svg = "".join(line.strip() for line in svg.splitlines())
    key = "".join(f"<li>{escape(figure.labels[k])}</li>" for k in keys)
    return Markup(
        f'<figure class="hdt-fig" id="fig-{figure.id}">{svg}'
        + (f'<ol class="hdt-fig-key">{key}</ol>' if key else "")
        + f"<figcaption>{escape(figure.caption)}</figcaption></figure>"
    )


def place(text: str, page: Page, render: Any) -> Markup:
    """Editors' Markdown with each `![](figure:<id>)` line replaced by that figure."""
    figures = {f.id: f for f in page.figures}
    return Markup(PLACE.sub(lambda m: "\n" + str(render(figures[m.group(1)])) + "\n", str(text)))

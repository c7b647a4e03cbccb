"""Cost model honesty: each assumption behind the cost over a photo's life shows its number and its
basis (a named source or the editors' estimate), the same in the tool's result, its worksheet and
on the method page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import ROOT, copy_project
from playwright.sync_api import Page, expect

from generator.guide import load_guide
from generator.render import cost_assumptions

GUIDE = load_guide(ROOT)
COST = GUIDE.decision.cost
LABELS = GUIDE.decision.labels
LINES = cost_assumptions(GUIDE)


def page_text(site: Path, kind: str) -> str:
    path = next(p.path for p in GUIDE.pages.pages if p.kind == kind).removesuffix(".md")
    raw = (site / path / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def test_each_redo_interval_shows_its_number_and_basis() -> None:
    sources = {s.id: s.title for s in GUIDE.sources.sources}
    names = {o.id: o.short for o in GUIDE.comparison.options}
    for assumption in COST.assumptions:
        months = COST.redo_every_months[assumption.option]
        [line] = [
            line for line in LINES if line.startswith(names[assumption.option]) and f" {months} " in line
        ]
        if assumption.redo_source == COST.estimate:
            assert LABELS["basis-estimate"] in line
        else:
            assert sources[assumption.redo_source] in line and LABELS["basis-estimate"] not in line


def test_an_interval_given_a_source_stops_being_called_an_estimate(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "content/decision.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("      redo_source: editorial\n") == 1
    path.write_text(
        text.replace("      redo_source: editorial\n", "      redo_source: update-advice\n"), encoding="utf-8"
    )
    lines = cost_assumptions(load_guide(project))
    assert not any(LABELS["basis-estimate"] in line for line in lines)


def test_method_page_and_worksheet_list_every_assumption(built_site: Path) -> None:
    for kind in ("method", "tool"):
        text = page_text(built_site, kind)
        for line in LINES:
            assert line in text, (kind, line)


def test_the_tool_result_lists_the_same_assumptions(page: Page, site_url: str) -> None:
    tool = next(p.path for p in GUIDE.pages.pages if p.kind == "tool").removesuffix(".md") + "/"
    answers = "&".join(f"{q.id}={q.options[-1].id}" for q in GUIDE.decision.questions)
    page.goto(f"{site_url}{tool}?{answers}")
    items = page.locator("#hdt-result .hdt-assume li")
    expect(items).to_have_count(len(LINES))
    assert items.all_text_contents() == LINES

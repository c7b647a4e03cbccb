"""Cost model honesty: each assumption behind the cost over a photo's life shows its number and its
basis (a named source or the editors' estimate), the same in the tool's result, its worksheet and
on the method page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import ROOT, copy_project
from playwright.sync_api import Page, expect

from generator.content import figures, load_guide
from generator.render import cost_assumptions

GUIDE = load_guide(ROOT)
COST = GUIDE.decision.cost
LABELS = GUIDE.decision.labels
LINES = cost_assumptions(GUIDE)


def page_text(site: Path, kind: str) -> str:
    path = next(p.path for p in GUIDE.pages.pages if p.kind == kind).removesuffix(".md")
    raw = (site / path / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def test_each_route_life_shows_its_number_and_basis() -> None:
    sources = {s.id: s.title for s in GUIDE.sources.sources}
    facts = {f.id: s.id for s in GUIDE.sources.sources for f in s.figures}
    for route in GUIDE.comparison.options:
        [line] = [line for line in LINES if line.startswith(f"{route.short}: renewed every ")]
        assert f" {figures(GUIDE)[f'fact.{route.lasts}'].text} " in line
        assert sources[facts[route.lasts]] in line and LABELS["basis-estimate"] not in line


def test_what_a_purchase_includes_names_its_basis_and_free_routes_cost_nothing() -> None:
    sources = {s.id: s.title for s in GUIDE.sources.sources}
    for assumption in COST.assumptions:
        route = next(o for o in GUIDE.comparison.options if o.id == assumption.option)
        [line] = [line for line in LINES if line.startswith(f"{route.short}: one purchase is ")]
        if assumption.includes_source == COST.estimate:
            assert LABELS["basis-estimate"] in line
        else:
            assert sources[assumption.includes_source] in line
        if route.price.max == 0:
            assert "at no cost" in line


def test_a_basis_given_a_source_stops_being_called_an_estimate(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "content/decision.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      includes: the photo you already have, at no cost\n      includes_source: editorial\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old.replace("editorial", "linkedin-photo-tips")), encoding="utf-8")
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

"""Accessibility: axe-core (one set of options, helpers.AXE_OPTIONS) finds nothing on any page, light
and dark, on a laptop and a phone, nor on a sample of Zensical's pages; search, the palette toggle,
wide tables and the tool without JavaScript stay usable."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, axe_violations, describe_violation, page_paths, served
from playwright.sync_api import expect

from generator.content import load_guide
from generator.render import page_url

SCHEME = {"light": "default", "dark": "slate"}
TOOL = page_url(next(p.path for p in load_guide(ROOT).pages.pages if p.kind == "tool"), True)


def _describe(path: str, violation: dict) -> str:
    return describe_violation(f"/{path}", violation)


# Every page the build makes, known before the build (so each page is a test of its own and pytest-xdist
# can spread them); the next test checks the list against the built site, so a new page cannot be missed.
PAGES = sorted(
    ["404.html"] + [page_url(p.path, True) for p in load_guide(ROOT).pages.pages],
    key=lambda path: path or "/",
)


def test_the_axe_sweep_covers_every_built_page(built_site: Path) -> None:
    assert sorted(page_paths(built_site)) == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.rstrip("/") or "home")
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(browser, site_url: str, scheme: str, width: int, path: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == SCHEME[scheme], f"/{path} shows the {shown} palette, not {scheme}"
        problems = [_describe(path, v) for v in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_on_a_sample_of_zensicals_pages(browser, zensical_site: Path) -> None:
    """Zensical's own theme, with the same options; every page on MkDocs' output is checked above."""
    problems = []
    with served(zensical_site, headers_file=zensical_site / "_headers") as url:
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            try:
                for path in ("", "comparison/", "scenarios/", TOOL):
                    page.goto(url + path)
                    page.wait_for_load_state("load")
                    problems += [_describe(f"{path} at {width}px", v) for v in axe_violations(page)]
            finally:
                context.close()
    assert not problems, "\n".join(problems)


def test_palette_toggle_keeps_axe_clean(browser, site_url: str) -> None:
    """The reader's own choice (stored by the toggle) as well as the system's: still no violation."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "comparison/")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.reload()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        violations = axe_violations(page)
        assert not violations, "\n".join(_describe("comparison/", v) for v in violations)
    finally:
        context.close()


def test_search_dialog_has_a_name(page, site_url: str) -> None:
    page.goto(site_url)
    dialog = page.get_by_role("dialog")
    assert dialog.get_attribute("aria-label")


def test_wide_table_is_reachable_and_scrollable_by_keyboard(browser, site_url: str) -> None:
    """On a narrow phone, the decision table (wider than the screen) takes focus, has a name, scrolls."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(site_url + "method/")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        index = page.evaluate(
            "[...document.querySelectorAll('.hdt-table')].findIndex(r => r.scrollWidth > r.clientWidth + 1)"
        )
        assert index >= 0, "expected a table wider than a 320 px screen on the method page"
        region = page.locator(".hdt-table").nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label")
        region.focus()
        assert page.evaluate("document.activeElement.classList.contains('hdt-table')")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("document.activeElement.scrollLeft > 0")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_with_results_has_no_violation(browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "comparison/")
        page.locator("label.md-header__button[for='__search']").first.click()
        page.locator(".md-search__input").click()
        page.keyboard.type("photographer", delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
        violations = axe_violations(page)
        assert not violations, "\n".join(_describe("comparison/ (search open)", v) for v in violations)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tool_with_a_result_has_no_violation(browser, site_url: str, scheme: str, width: int) -> None:
    """The result with its cost chart (drawn by the widget) included."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "scenarios/")
        page.locator("article a[href*='decision-tool/?']").first.click()
        expect(page.locator("#hdt-result .hdt-outcome")).to_be_visible()
        expect(page.locator("#hdt-result .hdt-chart svg")).to_be_visible()
        violations = axe_violations(page)
        assert not violations, "\n".join(_describe("decision-tool/ (result)", v) for v in violations)
    finally:
        context.close()


def test_without_javascript_the_tool_form_takes_no_space(browser, site_url: str) -> None:
    """The form is kept in place (invisible) for the script; with scripts off it must not leave a gap."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "decision-tool/")
        assert page.locator("#hdt-tool").bounding_box() is None
        assert page.locator(".hdt-noscript").is_visible()
    finally:
        context.close()

"""Printing a page gives its text at full width, without the site's navigation, search or footer."""

from __future__ import annotations

import pytest

CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-top",
]
A4_TEXT_WIDTH = 680  # CSS px between the 15 mm print margins of an A4 sheet


@pytest.mark.parametrize("path", ["", "comparison/", "decision-tool/", "guides/prepare-for-a-session/"])
def test_print_hides_navigation_and_uses_the_full_width(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page = context.new_page()
    try:
        page.goto(site_url + path)
        page.emulate_media(media="print")
        for selector in CHROME:
            shown = [e.is_visible() for e in page.locator(selector).all()]
            assert not any(shown), f"/{path}: {selector} is printed"
        article = page.locator("article").bounding_box()
        assert article and article["x"] < 1 and article["width"] > A4_TEXT_WIDTH - 2, article
        overflow = page.evaluate(
            "[...document.querySelectorAll('article *')].filter(e => e.getBoundingClientRect().right"
            " > document.documentElement.clientWidth + 1 && e.getClientRects().length).map(e => e.tagName)"
        )
        assert not overflow, f"/{path}: printed past the paper's edge: {overflow[:5]}"
    finally:
        context.close()


def test_comparison_prints_as_a_pdf(page, site_url: str) -> None:
    page.goto(site_url + "comparison/")
    assert page.pdf(format="A4").startswith(b"%PDF")

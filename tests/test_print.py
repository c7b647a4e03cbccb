"""Printing a page gives its text at full width, without the site's navigation, search or footer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import ROOT, article_blocks, words
from pypdf import PdfReader

from generator.content import load_guide

GUIDE = load_guide(ROOT)

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


def test_the_comparison_prints_all_its_text_and_no_site_chrome(page, site_url: str, built_site: Path) -> None:
    """Every heading, paragraph and table cell of the page is in the PDF Chromium prints, and the
    header's and footer's text is not."""
    blocks = article_blocks(built_site / "comparison" / "index.html")
    page.goto(site_url + "comparison/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = words(" ".join(sheet.extract_text() for sheet in pdf.pages))
    assert len(blocks) > len(GUIDE.comparison.attributes) * 4  # every cell of every row
    missing = [block for block in blocks if block not in printed]
    assert not missing, f"not in the printed comparison: {missing}"
    assert words(GUIDE.site.copyright) not in printed, "the footer is printed"
    assert not printed.startswith(GUIDE.site.name), "the header is printed"

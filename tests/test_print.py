"""Printing a page gives its text at full width, without the site's navigation, search or footer."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT
from pypdf import PdfReader

from generator.guide import load_guide

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


BLOCKS = {"h1", "h2", "h3", "p", "li", "th", "td"}


class _Blocks(HTMLParser):
    """The text of each block element inside the page's <article>, as a reader sees it on screen."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[list[str]] = []
        self._in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_article = self._in_article or tag == "article"
        if self._in_article and tag in BLOCKS:
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif self._open and tag in BLOCKS:
            self.blocks.append(_words("".join(self._open.pop()).replace("¶", "")))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_comparison_prints_all_its_text_and_no_site_chrome(page, site_url: str, built_site: Path) -> None:
    """Every heading, paragraph and table cell of the page is in the PDF Chromium prints, and the
    header's and footer's text is not."""
    parser = _Blocks()
    parser.feed((built_site / "comparison" / "index.html").read_text(encoding="utf-8"))
    page.goto(site_url + "comparison/")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = _words(" ".join(sheet.extract_text() for sheet in pdf.pages))
    assert len(parser.blocks) > len(GUIDE.comparison.attributes) * 4  # every cell of every row
    missing = [block for block in parser.blocks if block not in printed]
    assert not missing, f"not in the printed comparison: {missing}"
    assert _words(GUIDE.site.copyright) not in printed, "the footer is printed"
    assert not printed.startswith(GUIDE.site.name), "the header is printed"

"""Pictures: the cost-over-time charts follow the data, the tool draws the engine's costs, and every
page has its own social card."""

from __future__ import annotations

import random
import re
from html import unescape
from pathlib import Path

from helpers import ROOT, copy_project

from generator.content import load_guide, money
from generator.decision import Engine
from generator.render import charts, render_pages
from generator.site import social_cards as cards

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
TOOL = next(p.path for p in GUIDE.pages.pages if p.kind == "tool").removesuffix(".md") + "/"
COMPARISON = next(p.path for p in GUIDE.pages.pages if p.kind == "comparison")
_ROW = re.compile(r'<tr><th scope="row">(\d+)</th>(.*?)</tr>')
_CELL = re.compile(r"<td>(.*?)</td>")


def chart_rows(markup: str) -> dict[int, list[str]]:
    """The chart's table for screen readers: {month: [cost range per option]}."""
    figure = markup[markup.index('<figure class="hdt-chart"') :]
    figure = figure[: figure.index("</figure>")]
    return {int(m): [unescape(c) for c in _CELL.findall(cells)] for m, cells in _ROW.findall(figure)}


def set_price(root: Path, option: str, low: int, high: int) -> None:
    path = root / "content" / "comparison.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {option}\n")
    line = text.index("price:", start)
    end = text.index("\n", line)
    path.write_text(text[:line] + f"price: {{min: {low}, max: {high}}}" + text[end:], encoding="utf-8")


def test_comparison_chart_follows_a_price_change(tmp_path: Path) -> None:
    routes = [o.id for o in GUIDE.comparison.options]
    ai = routes.index("ai")
    before = chart_rows(render_pages(GUIDE)[COMPARISON])
    assert len(before[1]) == len(routes)  # every route is drawn
    assert before[1][ai] == "$20–$80" and before[36][ai] == "$20–$160"  # one or two orders in 3 years
    assert "never becomes cheaper than an AI generator" in render_pages(GUIDE)[COMPARISON]
    root = copy_project(tmp_path / "project")
    set_price(root, "ai", 200, 700)
    page = render_pages(load_guide(root))[COMPARISON]
    after = chart_rows(page)
    assert after[1][ai] == "$200–$700"
    assert after[36][ai] == "$200–$1,400"
    assert after[36][routes.index("session")] == "$150–$1,200+"
    assert "From month 1, a full session costs no more" in page  # now dearer at both ends throughout
    assert 'class="hdt-mark"' in page


def test_crossover_needs_both_ends_of_the_range_to_stay_cheaper() -> None:
    cheap = charts.Series("p", "P", ((100, 500), (100, 500), (100, 500)), False)
    other = charts.Series("a", "A", ((50, 400), (100, 600), (150, 400)), False)
    assert charts.crossover(cheap, other, 3) is None  # month 3: 500 > 400 at the high end
    other = charts.Series("a", "A", ((50, 400), (100, 600), (150, 700)), False)
    assert charts.crossover(cheap, other, 3) == 2


def test_tool_chart_draws_the_engines_costs(browser, site_url: str) -> None:
    sample = random.Random(13).sample(list(ENGINE.combinations()), 12)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        for answers in sample:
            page.goto(site_url + TOOL + "?" + "&".join(f"{q}={a}" for q, a in answers.items()))
            page.locator("#hdt-tc").wait_for(state="attached", timeout=5000)
            drawn = chart_rows(page.locator("#hdt-result").inner_html())
            months = ENGINE.choices["lifespan"][answers["lifespan"]].months or 1
            result = ENGINE.decide(answers)
            # every single route, and the recommendation when it is a plan of two
            shown = [o for o in GUIDE.decision.outcomes if len(o.routes) == 1 or o.id == result.outcome]
            chart = charts.cost_chart(ENGINE, {o.id: o.label for o in shown}, marker=months)
            text = charts.chart_text(chart, GUIDE.decision.labels, GUIDE.site.currency)
            expected = {
                m: [text["range"](*s.at(m), s.open_ended) for s in chart.series] for m in chart.rows()
            }  # type: ignore[operator]
            assert drawn == expected, answers
            costs = {c.outcome: c for c in result.costs}
            mine = [money((costs[o.id].low, costs[o.id].high, costs[o.id].open_ended), "$") for o in shown]
            assert drawn[months] == mine, answers  # the reader's own horizon is the result's costs
            assert page.locator("#hdt-tc svg .hdt-mark").count() == 1 + (chart.crossover is not None)
    finally:
        context.close()


def test_every_page_has_a_1200_by_630_social_card(built_site: Path) -> None:
    pages = [p for p in sorted(built_site.rglob("*.html")) if "og:title" in p.read_text(encoding="utf-8")]
    assert len(pages) >= len(GUIDE.pages.pages)
    images = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"', text))
        assert meta["twitter:card"] == "summary_large_image", page
        assert meta["og:image"].startswith(GUIDE.site.url), page
        assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630", page
        assert meta["og:image:alt"].strip(), page
        png = built_site / meta["og:image"].removeprefix(GUIDE.site.url)
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", page
        assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 630), page
        images.add(data)
    assert len(images) == len(pages)  # each page its own card


def test_a_card_is_the_same_bytes_every_time() -> None:
    one = cards.card("A title", "A description of the page.", "Site")
    assert one == cards.card("A title", "A description of the page.", "Site")
    assert one != cards.card("Another title", "A description of the page.", "Site")


def _page(title: str) -> str:
    return (
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:description" content="What the page says.">'
        '<meta property="og:site_name" content="Site">'
        f'<meta property="og:image" content="https://example.org/assets/cards/{title.lower()}.png">'
    )


def test_a_rebuild_draws_only_the_cards_whose_words_changed(tmp_path: Path, monkeypatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "build" / "cards"
    site.mkdir()
    for title in ("One", "Two"):
        (site / f"{title}.html").write_text(_page(title), encoding="utf-8")
    cards.write_cards(site, "https://example.org/", cache)
    first = {p.name: p.read_bytes() for p in (site / "assets" / "cards").iterdir()}
    assert first["one.png"] == cards.card("One", "What the page says.", "Site")  # the same bytes as uncached

    drawn: list[str] = []
    draw = cards.card
    monkeypatch.setattr(cards, "card", lambda title, *rest: drawn.append(title) or draw(title, *rest))
    (site / "Two.html").write_text(
        _page("Two").replace("What the page says.", "New words."), encoding="utf-8"
    )
    cards.write_cards(site, "https://example.org/", cache)
    assert drawn == ["Two"]  # "One" came from the cache
    assert (site / "assets" / "cards" / "one.png").read_bytes() == first["one.png"]
    assert (site / "assets" / "cards" / "two.png").read_bytes() != first["two.png"]
    assert len(list(cache.glob("*.png"))) == 2  # the old "Two" card is gone from the cache

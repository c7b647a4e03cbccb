"""The reader's own numbers in the decision tool, and links that last: the costs follow every change at
once (the same as the Python engine's), shared links carry the numbers and a version, links from
before a change of questions open with a notice, and parameters the tool does not own are ignored."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from helpers import ROOT, copy_project, served
from playwright.sync_api import Page, expect

from generator.content import load_guide, money
from generator.decision import Cost, Engine, fingerprint, recommendations
from generator.render import cost_defaults, link_version, number_inputs
from generator.site import build_site

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
LABELS = GUIDE.decision.labels
INPUTS = number_inputs(GUIDE, ENGINE)
QUESTIONS = GUIDE.decision.questions
TOOL = next(p.path for p in GUIDE.pages.pages if p.kind == "tool").removesuffix(".md") + "/"
VERSION = link_version(GUIDE)
OUTCOME_LABEL = {o.id: o.label for o in GUIDE.decision.outcomes}
OUTCOMES = GUIDE.decision.outcomes
EXECUTIVE = dict(next(s for s in GUIDE.scenarios.scenarios if s.id == "executive").answers)
JS_COSTS = """([numbers, months, cases]) => {
  const data = JSON.parse(document.getElementById('hdt-data').textContent), engine = window.hdtEngine;
  const shown = (c) => [c.outcome, c.low, c.high, c.open, c.parts.map((p) => [p.option, p.times])];
  let space = [{}];
  for (const q of data.questions) space = space.flatMap((a) => q.options.map((o) => ({...a, [q.id]: o.id})));
  return JSON.stringify({
    samples: numbers.map((n) => ({
      life: space.map((answers) => engine.evaluate(data, answers, n).costs.map(shown)),
      chart: data.outcomes.map((o) => months.map((m) => shown(engine.cost(data, o, null, m, n)))),
    })),
    cases: cases.map(([answers, n]) => engine.evaluate(data, answers, n).costs.map(shown)),
  });  // one string: Playwright carries it much faster than a million small values
}"""


def link(
    answers: dict[str, str], numbers: dict[str, int] | None = None, version: int | None = VERSION
) -> str:
    params = {**({"v": str(version)} if version else {}), **answers}
    params |= {f"my-{k}": str(v) for k, v in (numbers or {}).items()}
    return "?" + urlencode(params)


def costs_shown(page: Page) -> list[str]:
    return page.locator("#hdt-cost-rows td strong").all_text_contents()


def costs_expected(answers: dict[str, str], numbers: dict[str, int] | None = None) -> list[str]:
    result = ENGINE.decide(answers, ENGINE.numbers(numbers or {}))
    return [money((c.low, c.high, c.open_ended), GUIDE.site.currency) for c in result.costs]


def checked(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#hdt-form input:checked')]"
        ".map((r) => [r.name, r.value]))"
    )


@pytest.fixture
def result(page: Page, site_url: str) -> Iterator[Page]:
    """The tool with the executive's answers and its numbers opened."""
    page.goto(site_url + TOOL + link(EXECUTIVE))
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL["session"])
    page.locator("#hdt-numbers summary").click()
    yield page


# --- the engine ----------------------------------------------------------------------------------


def test_the_readers_numbers_change_costs_never_the_recommendation() -> None:
    numbers = ENGINE.numbers({"session-low": 350, "session-high": 350, "session-latest": 60, "months": 24})
    plain, mine = ENGINE.decide(EXECUTIVE), ENGINE.decide(EXECUTIVE, numbers)
    assert (plain.outcome, plain.reasons, plain.flips) == (mine.outcome, mine.reasons, mine.flips)
    session = next(c for c in mine.costs if c.outcome == "session")
    # a quote of $350, renewed after 24 to 60 months, over 24 months: one session at both ends, no "+"
    assert (session.low, session.high, session.open_ended) == (350, 350, False)


def test_extras_and_a_pair_the_wrong_way_round() -> None:
    numbers = ENGINE.numbers({"express-low": 300, "express-high": 200, "express-extras": 2})
    assert numbers.prices["express"] == (200, 300)
    fee = ENGINE.fees["express"]
    assert ENGINE.price("express", numbers) == (200 + 2 * fee[0], 300 + 2 * fee[1])


def test_every_number_the_tool_offers_has_its_bounds_default_and_basis() -> None:
    ids = [i["id"] for i in INPUTS]
    assert ids[-1] == "months" and len(ids) == len(set(ids))
    for route in GUIDE.comparison.options:
        wanted = {f"{route.id}-{k}" for k in ("low", "high", "soonest", "latest")}
        assert (wanted <= set(ids)) == (route.price.max > 0), route.id  # a free route costs nothing anyway
    for spec in INPUTS:
        assert spec["min"] <= (spec["def"] if spec["def"] is not None else spec["min"]) <= spec["max"]
        assert spec["basis"] and spec["unit"] in spec["label"] or spec["unit"]


# --- the tool in Chromium --------------------------------------------------------------------------


def test_changing_a_price_updates_the_table_the_chart_and_the_link(result: Page) -> None:
    before_chart = result.locator("#hdt-tc").inner_html()
    note = result.locator("#hdt-tc .hdt-chart-note")
    result.locator("#hdt-n-session-low").fill("350")
    result.locator("#hdt-n-session-high").fill("350")
    numbers = {"session-low": 350, "session-high": 350}
    expect(result.locator("#hdt-cost-rows")).to_contain_text("$350")
    assert costs_shown(result) == costs_expected(EXECUTIVE, numbers)
    assert result.locator("#hdt-tc").inner_html() != before_chart
    expect(note).to_contain_text(re.compile(r"session"))
    query = dict(parse_qsl(urlsplit(result.url).query))
    assert query == {"v": str(VERSION), **EXECUTIVE, "my-session-low": "350", "my-session-high": "350"}
    expect(result.locator("#hdt-share")).to_have_value(result.url)
    # the recommendation stays, and the numbers section says why
    expect(result.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL["session"])
    expect(result.locator("#hdt-numbers")).to_contain_text(LABELS["numbers-intro"].split(".")[-2].strip())


def test_a_crossover_appears_when_a_session_costs_less_than_generated_images(result: Page) -> None:
    result.locator("#hdt-n-ai-high").fill("200")
    result.locator("#hdt-n-ai-low").fill("190")
    result.locator("#hdt-n-session-low").fill("100")
    result.locator("#hdt-n-session-high").fill("150")
    expect(result.locator("#hdt-tc .hdt-chart-note")).to_contain_text(
        LABELS["chart-crossover"].split("{month}")[1].strip()[:20]
    )
    expect(result.locator("#hdt-tc svg .hdt-mark")).to_have_count(2)


def shown(cost: Cost) -> list[Any]:
    """A cost as both engines give it: route, low, high, open upper end, and each part's purchases."""
    return [
        cost.outcome,
        cost.low,
        cost.high,
        cost.open_ended,
        [[p.option, list(p.times)] for p in cost.parts],
    ]


def test_costs_equal_the_python_engines_for_every_answer_set_and_month(page: Page, site_url: str) -> None:
    """The one thing computed in both languages: the costs of the reader's own numbers, over the
    photo's life (the cost table) for every answer set, and month by month (the chart)."""
    rng = random.Random(20261201)
    samples = [{}] + [
        {spec["id"]: rng.randint(spec["min"], spec["max"]) for spec in rng.sample(INPUTS, rng.randint(1, 8))}
        for _ in range(5)
    ]
    horizon, space = GUIDE.decision.cost.horizon, list(ENGINE.combinations())
    months = list(range(1, next(int(spec["max"]) for spec in INPUTS if spec["id"] == "months") + 1))
    # 200 random sets of answers and numbers, each drawn on its own
    cases = [
        (
            rng.choice(space),
            {
                spec["id"]: rng.randint(spec["min"], spec["max"])
                for spec in rng.sample(INPUTS, rng.randint(1, 12))
            },
        )
        for _ in range(200)
    ]
    page.goto(site_url + TOOL)
    got = json.loads(page.evaluate(JS_COSTS, [samples, months, cases]))
    for values, js in zip(samples, got["samples"], strict=True):
        numbers = ENGINE.numbers(values)
        # Engine.cost reads the answers only for the photo's life: one reckoning per lifespan answer
        life = {
            option.id: [shown(ENGINE.cost(o.id, {horizon: option.id}, numbers=numbers)) for o in OUTCOMES]
            for option in ENGINE.questions[horizon].options
        }
        wrong = [(a, j) for a, j in zip(space, js["life"], strict=True) if j != life[a[horizon]]]
        assert not wrong, f"numbers {values}, answers {wrong[0][0]}: browser {wrong[0][1]}"
        chart = [[shown(ENGINE.cost(o.id, {}, months=m, numbers=numbers)) for m in months] for o in OUTCOMES]
        assert js["chart"] == chart, values
    # and the 200 random sets of answers and numbers, each drawn on its own
    for (answers, values), js in zip(cases, got["cases"], strict=True):
        expected = [shown(c) for c in ENGINE.decide(answers, ENGINE.numbers(values)).costs]
        assert js == expected, f"answers {answers}, numbers {values}"
    # and through a shared link, as the reader sees the table
    answers = rng.choice(space)
    page.goto(site_url + TOOL + link(answers, samples[-1]))
    expect(page.locator("#hdt-cost-rows")).to_be_visible()
    assert costs_shown(page) == costs_expected(answers, samples[-1])


def test_a_shared_link_with_numbers_reopens_the_same_state(result: Page, site_url: str) -> None:
    result.locator("#hdt-n-ai-high").fill("120")
    result.locator("#hdt-n-months").fill("48")
    expect(result.locator("#hdt-cost-rows")).to_contain_text("$120")
    shared, shown = result.url, costs_shown(result)
    result.goto(site_url)  # away, then back through the link
    result.goto(shared)
    expect(result.locator("#hdt-cost-rows")).to_be_visible()
    assert costs_shown(result) == shown
    assert checked(result) == EXECUTIVE
    assert result.locator("#hdt-n-ai-high").input_value() == "120"
    assert result.locator("#hdt-n-months").input_value() == "48"
    assert result.locator("input[type=range][data-n='months']").input_value() == "48"
    expect(result.locator("#hdt-notice")).to_be_hidden()


def test_reset_one_value_and_reset_all(result: Page) -> None:
    result.locator("#hdt-n-ai-high").fill("120")
    result.locator("#hdt-n-months").fill("48")
    result.get_by_role("button", name=re.compile(r"^Reset AI generator: highest price")).click()
    expect(result.locator("#hdt-n-ai-high")).to_have_value("80")
    assert "my-ai-high" not in result.url and "my-months=48" in result.url
    result.get_by_role("button", name=LABELS["numbers-reset"]).click()
    expect(result.locator("#hdt-n-months")).to_have_value("36")
    assert "my-" not in result.url
    assert costs_shown(result) == costs_expected(EXECUTIVE)


def test_every_value_can_be_set_with_the_keyboard_alone(result: Page) -> None:
    spec = next(s for s in INPUTS if s["id"] == "session-high")
    tenth = round((spec["max"] - spec["min"]) / 10)
    slider = result.locator("input[type=range][data-n='session-high']")
    slider.focus()
    result.keyboard.press("ArrowRight")  # one step
    expect(result.locator("#hdt-n-session-high")).to_have_value(str(spec["def"] + 1))
    result.keyboard.press("PageUp")  # a tenth of the range
    expect(result.locator("#hdt-n-session-high")).to_have_value(str(spec["def"] + 1 + tenth))
    result.keyboard.press("Shift+ArrowLeft")
    expect(result.locator("#hdt-n-session-high")).to_have_value(str(spec["def"] + 1))
    box = result.locator("#hdt-n-session-high")
    box.focus()
    result.keyboard.press("ArrowDown")
    expect(slider).to_have_value(str(spec["def"]))
    # Tab reaches every value, slider then typed number then its reset, in order
    first = INPUTS[0]["id"]
    result.locator(f"input[type=range][data-n='{first}']").focus()
    for spec in INPUTS:
        assert result.evaluate("document.activeElement.dataset.n") == spec["id"]
        result.keyboard.press("Tab")  # to the typed number
        assert result.evaluate("document.activeElement.type") == "number"
        result.keyboard.press("Tab")  # to its reset button
        result.keyboard.press("Tab")  # to the next slider (or the reset-all button)
    assert result.evaluate("document.activeElement.textContent") == LABELS["numbers-reset"]


def test_a_change_is_announced_once_not_per_step(result: Page) -> None:
    live = result.locator("#hdt-live")
    result.evaluate(
        """() => { window.hdtSaid = [];
        new MutationObserver(() => window.hdtSaid.push(document.getElementById('hdt-live').textContent))
          .observe(document.getElementById('hdt-live'), {childList: true, characterData: true, subtree: true}); }"""
    )
    result.locator("input[type=range][data-n='session-high']").focus()
    for _ in range(5):
        result.keyboard.press("ArrowRight")
    expect(live).to_contain_text(LABELS["numbers-changed"].split(":")[0])
    session = next(
        c
        for c in ENGINE.decide(EXECUTIVE, ENGINE.numbers({"session-high": 605})).costs
        if c.outcome == "session"
    )
    said = result.evaluate("window.hdtSaid")
    assert said == [
        LABELS["numbers-changed"].format(
            outcome=OUTCOME_LABEL["session"],
            cost=money((session.low, session.high, False), GUIDE.site.currency),
        )
    ]


def test_numbers_fit_a_narrow_screen_without_sideways_scroll(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(site_url + TOOL + link(EXECUTIVE))
        page.locator("#hdt-numbers summary").click()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320
    finally:
        context.close()


# --- links that last ------------------------------------------------------------------------------


def test_links_from_todays_site_open_the_same_answers_also_with_tracking_parameters(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "scenarios/")
    hrefs = page.locator(f"a[href*='{TOOL}?']").evaluate_all("(links) => links.map((a) => a.href)")
    assert hrefs and all(f"v={VERSION}&" in h for h in hrefs)
    for href in [hrefs[0], hrefs[-1]]:
        answers = {k: v for k, v in parse_qsl(urlsplit(href).query) if k != "v"}
        for extra in ("", "&utm_source=newsletter&utm_medium=email", "&fbclid=IwAR0abc-123"):
            page.goto(href.split("#")[0] + extra)
            expect(page.locator("#hdt-result .hdt-outcome")).to_be_visible()
            assert checked(page) == answers
            expect(page.locator("#hdt-notice")).to_be_hidden()


@pytest.mark.parametrize(
    "extra", ["", "?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR0abc-123", "?my-months=48"]
)
def test_the_tool_opened_without_answers_asks_nothing_again(page: Page, site_url: str, extra: str) -> None:
    """No answers in the address (the menu, a search result, a tracked link to the bare tool, numbers
    alone): there is nothing to map, so no notice about an earlier version and no result, just the
    questions."""
    page.goto(site_url + TOOL + extra)
    expect(page.locator("#hdt-tool[data-hdt-ready]")).to_be_attached()  # the widget has read the link
    expect(page.locator("#hdt-notice")).to_be_hidden()
    expect(page.locator("#hdt-missing")).to_be_hidden()
    expect(page.locator("#hdt-result")).to_be_hidden()
    assert checked(page) == {}


def test_a_link_written_before_links_carried_a_version_still_opens(page: Page, site_url: str) -> None:
    page.goto(site_url + TOOL + link(EXECUTIVE, version=None))
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL["session"])
    expect(page.locator("#hdt-notice")).to_be_hidden()


def test_a_link_from_before_the_routes_asks_only_what_changed(page: Page, site_url: str) -> None:
    # made by the tool before the photo question (version 1): social and a moderate budget meant more then
    old = {"platform": "social", "visibility": "many", "stakes": "low", "lifespan": "weeks"}
    old |= {"budget": "moderate", "deadline": "days"}
    page.goto(site_url + TOOL + "?" + urlencode(old))
    notice = page.locator("#hdt-notice")
    change = next(c for c in GUIDE.decision.changelog if c.version == 2)
    asked = ", ".join(q.short for q in QUESTIONS if q.id in ("platform", "photo", "budget"))
    expect(notice).to_have_text(
        LABELS["migrated"].format(note=" ".join(change.links.note.split()), questions=asked)
    )
    assert checked(page) == {k: old[k] for k in ("visibility", "stakes", "lifespan", "deadline")}
    expect(page.locator("#hdt-result")).to_be_hidden()
    assert f"v={VERSION}" in page.url


@pytest.fixture(scope="module")
def site_with_a_new_question(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide after a question is added (version 3 of the questions), built from a copy of content/."""
    tmp = tmp_path_factory.mktemp("newq")
    project = copy_project(tmp / "project")
    path = project / "content" / "decision.yaml"
    text = path.read_text(encoding="utf-8")
    question = (
        "  - id: glasses\n    legend: Do you wear glasses every day?\n    short: Glasses\n"
        "    help: As people see you.\n    explain: It changes no route.\n    options:\n"
        "      - id: daily\n        label: Every day\n        short: Daily\n"
        "      - id: rarely\n        label: Rarely or never\n        short: Rarely\n"
    )
    text = text.replace("\nrules:\n", "\n" + question + "rules:\n", 1)
    scenarios = project / "content" / "scenarios.yaml"
    scenarios.write_text(
        re.sub(
            r"(answers: \{platform[^}]*)\}", r"\1, glasses: rarely}", scenarios.read_text(encoding="utf-8")
        ),
        encoding="utf-8",
    )
    path.write_text(text, encoding="utf-8")
    entry = fingerprint(recommendations(load_guide(project)))
    with path.open("a", encoding="utf-8") as file:
        file.write(
            f"  - date: 2026-12-01\n    summary: A question about glasses.\n    fingerprint: {entry}\n"
            f"    version: {VERSION + 1}\n    links:\n      note: The tool now asks about glasses.\n"
            "      added: [glasses]\n"
        )
    return build_site(project, tmp / "site")


def test_a_link_made_before_a_question_was_added_opens_with_the_notice(
    page: Page, site_with_a_new_question: Path
) -> None:
    with served(site_with_a_new_question) as url:
        page.goto(url + TOOL + link(EXECUTIVE))  # a link from today's site
        expect(page.locator("#hdt-notice")).to_have_text(
            LABELS["migrated"].format(note="The tool now asks about glasses.", questions="Glasses")
        )
        assert checked(page) == EXECUTIVE  # nothing else is asked again
        expect(page.locator("#hdt-result")).to_be_hidden()
        expect(page.locator("#hdt-q-glasses legend")).to_contain_text(LABELS["unanswered"])
        page.locator("#hdt-q-glasses input[value='rarely']").check()
        expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL["session"])
        expect(page.locator("#hdt-notice")).to_be_hidden()
        assert f"v={VERSION + 1}&" in page.url


# --- without JavaScript -----------------------------------------------------------------------------


def test_the_worksheet_gives_the_cost_formula_with_defaults_and_sources(built_site: Path) -> None:
    html = (built_site / TOOL / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert " ".join(GUIDE.decision.cost.formula.split()) in text.replace("&#39;", "'")
    for row in cost_defaults(GUIDE, ENGINE):
        for cell in row:
            assert " ".join(str(cell).replace("&#39;", "'").split()) in text.replace("&#39;", "'")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_change_moves_nothing_the_reader_is_looking_at(browser: Any, site_url: str, width: int) -> None:
    """Costs redraw in place: the value being edited stays where it is on the screen, whatever the new
    figures' length, from the longest the tool allows to the shortest (no jump under the finger)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + TOOL + link(EXECUTIVE))
        page.locator("#hdt-numbers summary").click()
        numbers: dict[str, int] = {}
        for end in ("max", "min"):
            for spec in INPUTS:
                box = page.locator(f"#hdt-n-{spec['id']}")
                box.evaluate("(e) => e.scrollIntoView({block: 'center'})")
                top = box.evaluate("(e) => e.getBoundingClientRect().top")
                numbers[spec["id"]] = spec[end]
                box.fill(str(spec[end]))
                expect(page.locator("#hdt-cost-rows td strong")).to_have_text(
                    costs_expected(EXECUTIVE, numbers)
                )
                moved = box.evaluate("(e) => e.getBoundingClientRect().top") - top
                assert abs(moved) < 1, (spec["id"], end, moved)  # scroll anchoring rounds to whole pixels
    finally:
        context.close()

"""The client-side decision tool in a real Chromium: it shows what the Python engine decided, URL
state, keyboard use, announcements, instant navigation, file://, accessibility and its size budget."""

from __future__ import annotations

import contextlib
import gzip
import json
import math
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from helpers import ROOT, axe_violations, describe_violation
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.content import load_guide, money
from generator.decision import Engine
from generator.render import link_version
from generator.site import minify

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
DECISION = GUIDE.decision
LABELS = DECISION.labels
OUTCOME_LABEL = {o.id: o.label for o in DECISION.outcomes}
QUESTIONS = DECISION.questions
ASSETS = ROOT / "overrides" / "assets" / "hdt"
TOOL_PATH = next(p.path for p in GUIDE.pages.pages if p.kind == "tool")  # e.g. decision-tool.md
TOOL = TOOL_PATH.removesuffix(".md") + "/"
JS_RESULTS = """(data) => {
  let space = [{}];
  for (const q of data.questions) space = space.flatMap((a) => q.options.map((o) => ({...a, [q.id]: o.id})));
  return JSON.stringify(space.map((answers) => {
    const r = window.hdtEngine.evaluate(data, answers);
    return [r.outcome, r.rule, r.reasons.map((x) => x.reason), r.flips, r.advice.map((a) => a.heading)];
  }));
}"""


def fill(template: str, **values: object) -> str:
    return re.sub(r"\{([\w-]+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


SOURCE_TITLE = {s.id: s.title for s in GUIDE.sources.sources}


VERSION = link_version(GUIDE)  # the version of the questions every link the tool writes carries


def query(answers: dict[str, str]) -> str:
    """The address query the tool writes for these answers."""
    return "?" + urlencode({"v": VERSION, **answers}) if answers else ""


def answers_in(url: str) -> dict[str, str]:
    """The answers a link carries (without its version)."""
    return {k: v for k, v in parse_qsl(urlsplit(url).query) if k != "v"}


class Watch:
    """Collects page errors and console errors (request failures to other origins are not the tool's)."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and "Failed to load resource" not in msg.text
                and self.errors.append(f"console: {msg.text}")
            ),
        )


def answer(page: Page, answers: dict[str, str]) -> None:
    for question, option in answers.items():
        page.locator(f"#hdt-q-{question} input[value='{option}']").check()


CHECKED = """() => Object.fromEntries([...document.querySelectorAll('#hdt-form input:checked')]
        .map((r) => [r.name, r.value]))"""


def checked(page: Page) -> dict[str, str]:
    return page.evaluate(CHECKED)


def expect_checked(page: Page, expected: dict[str, str], timeout: float = 5000) -> None:
    """Wait until the form's checked answers are `expected` (history and links restore them
    asynchronously), then compare, so a failure shows both."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"(expected) => JSON.stringify(Object.entries(({CHECKED})()).sort())"
            " === JSON.stringify(Object.entries(expected).sort())",
            arg=expected,
            timeout=timeout,
        )
    assert checked(page) == expected


@pytest.fixture
def tool(page: Page, site_url: str) -> Iterator[Page]:
    page.goto(site_url + TOOL)
    expect(page.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")  # its script ran
    yield page


def expected_card(answers: dict[str, str]) -> dict[str, Any]:
    r = ENGINE.decide(answers)
    currency = GUIDE.site.currency
    return {
        "outcome": OUTCOME_LABEL[r.outcome],
        "reasons": [x.text for x in r.reasons],
        "cited": [
            fill(LABELS["reason-source"], source=SOURCE_TITLE[x.source]) for x in r.reasons if x.source
        ],
        "advice": [a.heading for a in r.advice],
        "flips": [
            fill(
                LABELS["flip"],
                question=ENGINE.questions[f.question].short,
                option=ENGINE.choices[f.question][f.option].label,
                outcome=OUTCOME_LABEL[f.outcome],
            )
            for f in r.flips
        ]
        or [LABELS["no-change"]],
        "costs": [money((c.low, c.high, c.open_ended), currency) for c in r.costs],
    }


def shown_card(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """(heading) => {
      const r = document.getElementById('hdt-result'), texts = (s) => [...r.querySelectorAll(s)].map((e) => e.textContent);
      const change = [...r.querySelectorAll('h3')].find((h) => h.textContent === heading).nextElementSibling;
      return {outcome: r.querySelector('.hdt-outcome').textContent,
              reasons: [...r.querySelectorAll('ol > li')].map((li) => li.firstChild.textContent),
              cited: texts('ol > li .hdt-cite'), advice: texts('.hdt-advice h4'),
              flips: change.tagName === 'UL' ? [...change.children].map((e) => e.textContent) : [change.textContent],
              costs: texts('.hdt-costs td strong')};
    }""",
        LABELS["change"],
    )


def test_the_form_shows_what_the_python_engine_decides(tool: Page) -> None:
    sample = random.Random(20261129).sample(list(ENGINE.combinations()), 20)
    matches = 0
    for answers in sample:
        tool.get_by_role("button", name=LABELS["reset"]).click()
        expect(tool.locator("#hdt-result")).to_be_hidden()
        answer(tool, answers)
        expect(tool.locator("#hdt-result")).to_be_visible()
        matches += shown_card(tool) == expected_card(answers)
    print(f"parity through the form: {matches} of {len(sample)}")
    assert matches == len(sample)


def widened(column: dict[str, Any]) -> dict[str, Any]:
    """The same lookup column one digit wider, as it grows past 64 distinct values (a leading zero)."""
    width, at = column["width"], column["at"]
    digits = "".join("0" + at[i : i + width] for i in range(0, len(at), width))
    return {**column, "width": width + 1, "at": digits}


def test_every_answer_set_reads_the_same_from_columns_one_digit_wider(tool: Page) -> None:
    data = tool.evaluate("() => JSON.parse(document.getElementById('hdt-data').textContent)")
    wide = {
        **data,
        "answers": {k: widened(v) if isinstance(v, dict) else v for k, v in data["answers"].items()},
    }
    today, wider = (json.loads(tool.evaluate(JS_RESULTS, d)) for d in (data, wide))
    assert len(today) == math.prod(len(q.options) for q in QUESTIONS)
    assert wider == today


def test_keyboard_alone_reaches_a_result(tool: Page) -> None:
    keys = tool.keyboard
    for _ in range(200):  # Tab from the top of the page to the first question
        keys.press("Tab")
        if tool.evaluate("document.activeElement.name") == QUESTIONS[0].id:
            break
    else:
        pytest.fail("Tab never reached the first question")
    keys.press("ArrowDown")  # arrows move to and select the next answer
    for _ in QUESTIONS[1:]:
        keys.press("Tab")
        keys.press("Space")
    keys.press("Tab")
    assert tool.evaluate("document.activeElement.type") == "submit"
    keys.press("Enter")
    expected = {QUESTIONS[0].id: QUESTIONS[0].options[1].id, **{q.id: q.options[0].id for q in QUESTIONS[1:]}}
    expect_checked(tool, expected)
    expect(tool.locator("#hdt-result-heading")).to_be_focused()
    expect(tool.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[ENGINE.outcome(expected)[0]])


def test_an_incomplete_submit_names_what_is_open_and_focuses_it(tool: Page) -> None:
    answer(tool, {QUESTIONS[0].id: QUESTIONS[0].options[0].id, QUESTIONS[1].id: QUESTIONS[1].options[0].id})
    tool.get_by_role("button", name=LABELS["submit"]).click()
    missing = ", ".join(q.short for q in QUESTIONS[2:])
    expect(tool.locator("#hdt-missing")).to_have_text(fill(LABELS["incomplete"], missing=missing))
    assert tool.evaluate("document.activeElement.closest('fieldset').id") == f"hdt-q-{QUESTIONS[2].id}"
    expect(tool.locator("#hdt-result")).to_be_hidden()
    flagged = tool.get_by_role("group").filter(has_text=LABELS["unanswered"])
    expect(flagged).to_have_count(len(QUESTIONS) - 2)
    expect(tool.get_by_role("group", name=LABELS["unanswered"]).first).to_have_id(f"hdt-q-{QUESTIONS[2].id}")
    answer(tool, {QUESTIONS[2].id: QUESTIONS[2].options[0].id})
    expect(flagged).to_have_count(len(QUESTIONS) - 3)
    expect(tool.locator("#hdt-missing")).to_have_text(
        fill(LABELS["incomplete"], missing=", ".join(q.short for q in QUESTIONS[3:]))
    )


def test_the_result_is_announced(tool: Page) -> None:
    answers = next(ENGINE.combinations())
    answer(tool, answers)
    expect(tool.locator("#hdt-live")).to_contain_text(OUTCOME_LABEL[ENGINE.outcome(answers)[0]])
    assert tool.locator("#hdt-live").get_attribute("aria-live") == "polite"


def test_a_shared_link_restores_the_answers_and_the_result(page: Page, site_url: str) -> None:
    watch = Watch(page)
    answers = dict(GUIDE.scenarios.scenarios[0].answers)
    page.goto(site_url + TOOL + query(answers) + "#hdt-tool")
    expect_checked(page, answers)
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[ENGINE.outcome(answers)[0]])
    expect(page.locator("#hdt-share")).to_have_value(page.url)
    expect(page.locator("#hdt-notice")).to_be_hidden()
    assert watch.errors == []


def test_the_form_shows_before_its_script_and_keeps_early_answers(page: Page, site_url: str) -> None:
    """The form is part of the first paint; answers picked before the script has run are not lost."""
    held = []
    page.route("**/decision-tool.js", lambda route: held.append(route))  # the script is held back
    page.goto(site_url + TOOL, wait_until="commit")  # the held script keeps DOMContentLoaded back
    expect(page.locator("#hdt-form input[type=radio]").first).to_be_visible()
    expect(page.locator("#hdt-tool")).not_to_have_attribute("data-hdt-ready", "")
    answers = {q.id: q.options[-1].id for q in QUESTIONS}
    answer(page, answers)
    assert len(held) == 1
    held[0].continue_()  # the script arrives late
    expect(page.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    expect_checked(page, answers)
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[ENGINE.outcome(answers)[0]])
    assert answers_in(page.url) == answers


def test_every_scenario_link_opens_the_tool_with_its_outcome(page: Page, site_url: str) -> None:
    scenarios_path = (
        next(p.path for p in GUIDE.pages.pages if p.kind == "scenarios").removesuffix(".md") + "/"
    )
    page.goto(site_url + scenarios_path)
    links = page.locator(f"a[href*='{TOOL}?']")
    hrefs = [links.nth(i).evaluate("(a) => a.href") for i in range(links.count())]
    # each scenario and each of its variants has its own link
    claims = [(dict(s.answers), s.outcome) for s in GUIDE.scenarios.scenarios]
    claims += [(s.variant_answers(v), v.outcome) for s in GUIDE.scenarios.scenarios for v in s.variants]
    assert len(hrefs) == len(claims)
    for href in hrefs:
        answers = answers_in(href)
        outcome = next(o for a, o in claims if a == answers)
        page.goto(href)
        expect_checked(page, answers)
        expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[outcome])
        expect(page.locator("#hdt-result-heading")).to_be_in_viewport()


def test_back_and_forward_step_through_the_answers(tool: Page) -> None:
    watch = Watch(tool)
    answers = next(ENGINE.combinations())
    answer(tool, answers)
    expect(tool.locator("#hdt-result")).to_be_visible()
    expect(tool).to_have_url(re.compile(re.escape(query(answers)) + "$"))
    last = QUESTIONS[-1].id
    tool.go_back()
    expect_checked(tool, {k: v for k, v in answers.items() if k != last})
    expect(tool.locator("#hdt-result")).to_be_hidden()
    tool.go_back()
    expect_checked(tool, dict(list(answers.items())[:-2]))
    tool.go_forward()
    tool.go_forward()
    expect_checked(tool, answers)
    expect(tool.locator("#hdt-result")).to_be_visible()
    tool.get_by_role("button", name=LABELS["reset"]).click()
    expect_checked(tool, {})
    expect(tool).to_have_url(re.compile(r"^[^?]*$"))
    expect(tool.locator("#hdt-result")).to_be_hidden()
    assert watch.errors == []


@pytest.mark.parametrize(
    "bad",
    [
        "platform=nonsense",
        "platform=company&platform=dating",
        "platform=company&stakes=",
        "platform=%3Cscript%3E",
        "v=2&platform=company&my-session-low=abc",
        "v=2&platform=company&my-session-low=999999",
        "v=2&my-months=0",
    ],
)
def test_a_tampered_link_shows_a_notice_and_a_clean_form(page: Page, site_url: str, bad: str) -> None:
    watch = Watch(page)
    page.goto(site_url + TOOL + "?" + bad)
    expect(page.locator("#hdt-notice")).to_have_text(LABELS["stale"])
    expect(page.locator("#hdt-notice")).to_be_visible()
    expect_checked(page, {})
    expect(page).to_have_url(site_url + TOOL)
    expect(page.locator("#hdt-result")).to_be_hidden()
    answer(page, {QUESTIONS[0].id: QUESTIONS[0].options[0].id})
    expect(page.locator("#hdt-notice")).to_be_hidden()
    assert watch.errors == []


def test_a_search_highlight_parameter_is_not_taken_for_a_stale_answer(page: Page, site_url: str) -> None:
    answers = dict(GUIDE.scenarios.scenarios[0].answers)
    page.goto(site_url + TOOL + query({**answers, "h": "headshot"}))  # Material's search adds ?h=
    expect(page.locator("#hdt-notice")).to_be_hidden()
    expect_checked(page, answers)
    expect(page.locator("#hdt-result")).to_be_visible()


def same_host_sitemap(page: Page, site_url: str) -> None:
    """Material only navigates instantly to URLs in sitemap.xml, matched on scheme and host but not port;
    rewrite the sitemap's `site_url` to the test server's, as it is on the real host."""

    def fulfil(route: Any) -> None:
        body = route.fetch().text()
        route.fulfill(
            body=re.sub(r"<loc>https?://[^/]+/", f"<loc>{site_url}", body), content_type="application/xml"
        )

    page.route("**/sitemap.xml", fulfil)


def test_instant_navigation_away_and_back_keeps_one_working_tool(page: Page, site_url: str) -> None:
    same_host_sitemap(page, site_url)
    tool = page
    tool.goto(site_url + TOOL)
    watch = Watch(tool)
    tool.evaluate("window.__sameDocument = true")
    answer(tool, {QUESTIONS[0].id: QUESTIONS[0].options[0].id})
    scenarios_nav = next(p.nav for p in GUIDE.pages.pages if p.kind == "scenarios")
    tool.locator(".md-sidebar--primary .md-nav__link", has_text=scenarios_nav).first.click()
    expect(tool.locator("#hdt-tool")).to_have_count(0)
    scenario = GUIDE.scenarios.scenarios[-1]
    tool.locator(f"a[href*='{TOOL}{query(dict(scenario.answers))}']").click()
    expect(tool.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[scenario.outcome])
    assert tool.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    expect_checked(tool, dict(scenario.answers))
    # one tool, one set of listeners: a change adds exactly one history entry and one result card
    before = tool.evaluate("history.length")
    flip = ENGINE.decide(dict(scenario.answers)).flips[0]
    answer(tool, {flip.question: flip.option})
    expect(tool.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[flip.outcome])
    assert tool.evaluate("history.length") == before + 1
    expect(tool.locator("#hdt-result-heading")).to_have_count(1)
    tool.go_back()
    expect(tool.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[scenario.outcome])
    assert watch.errors == []


def test_the_copy_button_copies_the_link(browser: Any, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + TOOL + query(next(ENGINE.combinations())))
    page.get_by_role("button", name=LABELS["copy"]).click()
    expect(page.locator(".hdt-copied")).to_have_text(LABELS["copied"])
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def test_copying_the_link_degrades_without_a_clipboard(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    watch = Watch(page)
    page.goto(site_url + TOOL + query(next(ENGINE.combinations())))
    page.get_by_role("button", name=LABELS["copy"]).click()
    selected = page.evaluate(
        "(() => { const i = document.getElementById('hdt-share');"
        " return i.value.slice(i.selectionStart, i.selectionEnd); })()"
    )
    assert selected == page.url
    assert watch.errors == []
    context.close()


def test_the_offline_build_works_from_file_urls(page: Page, offline_site: Path) -> None:
    watch = Watch(page)
    tool_file = offline_site / TOOL_PATH.replace(".md", ".html")
    page.goto(tool_file.as_uri())
    answers = next(ENGINE.combinations())
    answer(page, answers)
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOME_LABEL[ENGINE.outcome(answers)[0]])
    expect(page).to_have_url(tool_file.as_uri() + query(answers))
    page.goto(tool_file.as_uri() + query(dict(GUIDE.scenarios.scenarios[0].answers)))
    expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(
        OUTCOME_LABEL[GUIDE.scenarios.scenarios[0].outcome]
    )
    assert watch.errors == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_any_state(browser: Any, site_url: str, scheme: str, width: int) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + TOOL)
    states = {}
    # the page's content (widget, worksheet); Material's own header, search and footer are not the tool's
    states["before"] = axe_violations(page, ".md-content")
    answer(page, {q.id: q.options[0].id for q in QUESTIONS[:3]})
    page.get_by_role("button", name=LABELS["submit"]).click()
    states["incomplete"] = axe_violations(page, ".md-content")
    answer(page, {q.id: q.options[-1].id for q in QUESTIONS})
    expect(page.locator("#hdt-result")).to_be_visible()
    states["result"] = axe_violations(page, ".md-content")
    page.locator("#hdt-numbers summary").click()
    page.locator("#hdt-n-session-high").fill("450")
    expect(page.locator("#hdt-cost-rows")).to_contain_text("$450")
    states["your numbers"] = axe_violations(page, ".md-content")
    page.goto(site_url + TOOL + "?platform=nonsense")
    states["stale"] = axe_violations(page, ".md-content")
    page.goto(site_url + TOOL + "?platform=social&budget=moderate")  # a link from before the photo question
    states["older link"] = axe_violations(page, ".md-content")
    context.close()
    reports = [describe_violation(name, v) for name, found in states.items() for v in found]
    assert reports == [], "\n".join(reports)


def served(built_site: Path, name: str) -> bytes:
    """An asset of the guide's own as the built site serves it (minified), checked against its source."""
    data = (built_site / "assets" / "hdt" / name).read_bytes()
    source = (ASSETS / name).read_text(encoding="utf-8")
    assert data.decode("utf-8") == minify(source, Path(name).suffix) and len(data) < len(source)
    return data


def test_the_widget_fits_its_size_budget(built_site: Path) -> None:
    size = sum(
        len(gzip.compress(served(built_site, name), 9)) for name in ("decision-tool.js", "decision-tool.css")
    )
    print(f"widget JS + CSS as served, gzipped: {size} bytes")
    assert size <= 10 * 1024


def test_the_embed_resize_script_fits_its_budget(built_site: Path) -> None:
    """The script hosts load with the snippet (overrides/assets/hdt/embed.js): 1 KB gzipped at most."""
    size = len(gzip.compress(served(built_site, "embed.js"), 9))
    print(f"embed resize script as served, gzipped: {size} bytes")
    assert size <= 1024


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px is a 1280 px window at 200 % zoom
def test_the_result_fits_a_narrow_screen(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + TOOL + query(dict(GUIDE.scenarios.scenarios[0].answers)))
    expect(page.locator("#hdt-result .hdt-costs")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_printing_keeps_the_answers_result_and_costs_but_not_the_controls(tool: Page) -> None:
    answers = next(ENGINE.combinations())
    answer(tool, answers)
    tool.emulate_media(media="print")
    expect(tool.locator("#hdt-result .hdt-costs")).to_be_visible()
    expect(tool.locator(".hdt-actions")).to_be_hidden()
    expect(tool.get_by_role("button", name=LABELS["copy"])).to_be_hidden()
    expect(tool.locator("#hdt-form input[type=radio]").first).to_be_hidden()
    chosen = ENGINE.choices[QUESTIONS[0].id][answers[QUESTIONS[0].id]].label
    expect(tool.locator(f"#hdt-q-{QUESTIONS[0].id} .hdt-option:visible")).to_have_text(chosen)

"""The decision tool on other sites. A host page on another origin, under its own strict policy, pastes
the snippet the tool page offers: the frame sizes itself to the tool and stays put, follows the theme,
keeps nothing in the browser and opens the guide in a new tab with the reader's answers; only the
embed page may be framed. On both builders' output, served with each build's own `_headers`."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from helpers import (
    ROOT,
    axe_violations,
    copy_project,
    describe_violation,
    page_paths,
    replace_once,
    run_cli,
    serve,
)
from playwright.sync_api import Page, expect

from generator import run
from generator.content import fill, load_guide
from generator.decision import Engine
from generator.render import OEMBED, embed_page, page_url, tool_page
from generator.site import Release, csp_headers, header_rules, headers_for, page_text

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
WORDS = GUIDE.site.embed
EMBED = page_url(embed_page(GUIDE).path, True)  # e.g. embed/
TOOL = page_url(tool_page(GUIDE).path, True)
HOME = page_url(next(p.path for p in GUIDE.pages.pages if p.kind == "home"), True)
QUESTIONS = GUIDE.decision.questions
OUTCOMES = {o.id: o.label for o in GUIDE.decision.outcomes}
FRAME = "iframe[data-hdt-embed]"
SCHEME = {"light": "default", "dark": "slate"}
# What a careful host sends: nothing but its own files, plus the guide's script and frame.
HOST_POLICY = (
    "default-src 'none'; script-src {guide}; frame-src {guide}; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Career center</title>
<link rel="icon" href="icon.svg"><link rel="stylesheet" href="host.css"></head>
<body><main><h1>Your professional headshot</h1><p>Decide before the career fair.</p>
{snippet}
<p>Questions? Visit the career center.</p></main></body></html>
"""
# Every height the host's page receives, in order.
HEIGHTS = """
window.__heights = [];
addEventListener('message', (e) => {
  if (e.data && e.data.type === 'hdt-embed:height') window.__heights.push(e.data.height);
});
"""
# Any use of storage or cookies, in any frame.
SPY = """
window.__touched = [];
for (const name of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) {
    window.__touched.push('storage.' + name);
    return original.apply(this, args);
  };
}
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
Object.defineProperty(Document.prototype, 'cookie', {
  configurable: true,
  get() { window.__touched.push('cookie read'); return cookie.get.call(this); },
  set(value) { window.__touched.push('cookie set'); cookie.set.call(this, value); },
});
"""
NO_INNER_SCROLLBAR = "() => document.documentElement.scrollHeight <= document.documentElement.clientHeight"


def snippets(site: Path) -> dict[str, str]:
    """The code the tool page offers to copy, by theme, as a host pastes it."""
    text = (site / TOOL / "index.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<pre class="hdt-embed-code" data-theme="(\w+)"[^>]*><code>(.*?)</code></pre>', text, re.S
    )
    return {theme: html.unescape(code) for theme, code in found}


@dataclass
class Host:
    """The guide served as published (with its `_headers`), and a host site on another port whose
    pages paste the snippet, pointed at that server instead of the guide's public address."""

    guide: str
    url: str
    folder: Path
    site: Path

    def page(self, name: str, body: str) -> str:
        (self.folder / f"{name}.html").write_text(HOST_PAGE.format(snippet=body), encoding="utf-8")
        return self.url + f"{name}.html"

    def snippet(self, theme: str = "auto") -> str:
        return snippets(self.site)[theme].replace(GUIDE.site.url, self.guide)


@pytest.fixture(scope="module")
def host(builder_site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    _, site = builder_site
    guide, guide_server = serve(site, headers_file=site / "_headers")
    folder = tmp_path_factory.mktemp("host")
    (folder / "host.css").write_text("main { max-width: 40rem; margin: 2rem auto; }\n", encoding="utf-8")
    (folder / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    policy = HOST_POLICY.format(guide=guide.rstrip("/"))
    url, host_server = serve(folder, {"Content-Security-Policy": policy})
    yield Host(guide, url, folder, site)
    for server in (guide_server, host_server):
        server.shutdown()
        server.server_close()


class Watch:
    """Console errors, page errors and requests of a page and all its frames."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """Open a fresh context (options as given) and return its page; closed afterwards."""
    contexts: list[Any] = []

    def open_page(*scripts: str, **options: Any) -> Page:
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        for script in scripts:
            context.add_init_script(script)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def answer_all(frame: Any) -> dict[str, str]:
    answers = {q.id: q.options[-1].id for q in QUESTIONS}
    for question, option in answers.items():
        frame.locator(f"#hdt-q-{question} input[value='{option}']").check()
    expect(frame.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOMES[ENGINE.outcome(answers)[0]])
    return answers


def frame_height(page: Page) -> float:
    return page.locator(FRAME).evaluate("(f) => f.getBoundingClientRect().height")


def embed_frame(page: Page) -> Any:
    return next(f for f in page.frames if urlsplit(f.url).path.endswith("/" + EMBED))


def settle(page: Page, frames: int = 60) -> None:
    """Let `frames` animation frames pass (awaited in the page, not a timer)."""
    page.evaluate("window.__ticks = 0")
    page.wait_for_function(f"() => ++window.__ticks >= {frames}", polling="raf")


def test_the_snippet_sizes_the_frame_to_the_whole_result_and_it_stays(visit, host: Host) -> None:
    page = visit(HEIGHTS)
    watch = Watch(page)
    page.goto(host.page("career-center", host.snippet()))
    frame = page.frame_locator(FRAME)
    expect(frame.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    page.wait_for_function("() => window.__heights.length > 0")
    embed = embed_frame(page)
    embed.wait_for_function(NO_INNER_SCROLLBAR)
    before = frame_height(page)
    answer_all(frame)
    page.wait_for_function(
        f"() => document.querySelector('{FRAME}').getBoundingClientRect().height > {before}"
    )
    embed.wait_for_function(NO_INNER_SCROLLBAR)  # the whole result, no scrollbar of its own
    grown = frame_height(page)
    assert grown > before + 200, f"the frame did not grow with the result: {before} -> {grown}"
    sent = page.evaluate("window.__heights")
    settle(page)  # no loop: nothing more is sent and nothing moves
    assert page.evaluate("window.__heights") == sent
    assert frame_height(page) == grown
    assert embed.evaluate(NO_INNER_SCROLLBAR)
    assert watch.errors == []
    origins = {f"{p.scheme}://{p.netloc}/" for p in map(urlsplit, watch.requests)}
    assert origins <= {host.guide, host.url}, f"requests elsewhere: {origins - {host.guide, host.url}}"


def test_only_the_embed_page_may_be_framed(visit, host: Host) -> None:
    page = visit()
    home = (
        f'<iframe src="{host.guide}{HOME}" title="The guide\'s home page" width="600" height="400"></iframe>'
    )
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text) as refusal:
        page.goto(host.page("frames-home", home + "\n" + host.snippet()))
    assert "'none'" in refusal.value.text
    expect(page.frame_locator(FRAME).locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    assert not any(
        urlsplit(f.url).path == "/" + HOME and f.url.startswith(host.guide) for f in page.frames[1:]
    )


def test_every_page_but_the_embed_refuses_framing_in_the_published_headers(host: Host) -> None:
    rules = header_rules((host.site / "_headers").read_text(encoding="utf-8"))
    for path in page_paths(host.site):
        policies = headers_for(rules, "/" + path)["Content-Security-Policy"].split(", ")
        assert len(policies) == 1, f"/{path} gets {len(policies)} policies"
        ancestors = next(d for d in policies[0].split("; ") if d.startswith("frame-ancestors"))
        assert ancestors == ("frame-ancestors *" if path == EMBED else "frame-ancestors 'none'"), path


@pytest.mark.parametrize(
    ("theme", "system", "shown"),
    [
        ("auto", "light", "light"),
        ("auto", "dark", "dark"),
        ("light", "dark", "light"),
        ("dark", "light", "dark"),
    ],
)
def test_the_embed_takes_the_theme_the_snippet_asks_for(visit, host: Host, theme, system, shown) -> None:
    page = visit(color_scheme=system)
    page.goto(host.page(f"theme-{theme}", host.snippet(theme)))
    body = page.frame_locator(FRAME).locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", SCHEME[shown])


def test_the_embed_keeps_nothing_in_the_browser(visit, host: Host) -> None:
    page = visit(SPY)
    page.goto(host.page("spy", host.snippet()))
    frame = page.frame_locator(FRAME)
    expect(frame.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    answer_all(frame)
    frame.get_by_role("button", name=GUIDE.decision.labels["copy"]).click()
    assert embed_frame(page).evaluate("window.__touched") == []
    assert page.context.cookies() == []
    response = page.request.get(host.guide + EMBED)
    assert "set-cookie" not in response.headers


def test_links_open_the_guide_in_a_new_tab_with_the_answers(visit, host: Host) -> None:
    page = visit()
    page.goto(host.page("links", host.snippet()))
    frame = page.frame_locator(FRAME)
    expect(frame.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    expect(frame.locator(".hdt-noscript")).to_be_hidden()
    history = page.evaluate("history.length")
    answers = answer_all(frame)
    assert page.evaluate("history.length") == history, (
        "answers in the frame added entries to the host's history"
    )
    for link in frame.locator("a[href]:not([href^='#'])").all():
        assert link.get_attribute("target") == "_blank", link.get_attribute("href")
    whole = frame.get_by_role("link", name=WORDS.whole_guide)
    with page.context.expect_page() as opened:
        whole.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert (
        tab.url.startswith(host.guide + TOOL)
        and {k: v for k, v in parse_qsl(urlsplit(tab.url).query) if k != "v"} == answers
    )
    expect(tab.locator("#hdt-result .hdt-outcome")).to_have_text(OUTCOMES[ENGINE.outcome(answers)[0]])
    expect(frame.locator("#hdt-share")).to_have_value(tab.url)


def test_without_the_script_the_frame_scrolls_at_a_fixed_height(visit, host: Host) -> None:
    page = visit()
    page.goto(host.page("no-script", re.sub(r"<script\b.*?</script>", "", host.snippet(), flags=re.S)))
    frame = page.frame_locator(FRAME)
    expect(frame.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")
    answer_all(frame)
    embed = embed_frame(page)
    assert embed.evaluate("innerHeight") == WORDS.height
    assert embed.evaluate("document.documentElement.scrollHeight > innerHeight")
    embed.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    expect(frame.get_by_role("link", name=WORDS.whole_guide)).to_be_in_viewport()
    # where frames are blocked, this link under the frame still leads to the tool
    fallback = page.get_by_role("link", name=fill(WORDS.fallback, site=GUIDE.site.name))
    assert fallback.get_attribute("href") == host.guide + TOOL


@pytest.mark.parametrize("width", [320, 600])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_embed(visit, host: Host, scheme: str, width: int) -> None:
    """With a result shown, the form above it included; nothing wider than the frame."""
    page = visit(viewport={"width": width, "height": 800})
    answers = "&".join(f"{q.id}={q.options[0].id}" for q in QUESTIONS)
    page.goto(f"{host.guide}{EMBED}?{answers}#theme={scheme}")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEME[scheme])
    expect(page.locator("#hdt-result .hdt-chart svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(page)
    assert not violations, "\n".join(describe_violation(f"{EMBED} at {width}px", v) for v in violations)


def test_the_tool_page_offers_the_code_a_copy_button_and_a_preview(visit, host: Host) -> None:
    page = visit(HEIGHTS, permissions=["clipboard-read", "clipboard-write"])
    watch = Watch(page)
    page.goto(host.guide + TOOL)
    page.wait_for_load_state("load")
    # the preview is a second page: it is made only when the reader comes near it, not with the tool
    assert page.locator(FRAME).count() == 0
    page.goto(host.guide + TOOL + "#hdt-embed-share")
    codes = snippets(host.site)
    copy = page.get_by_role("button", name=WORDS.copy_code)
    copy.click()
    expect(page.locator("#hdt-embed-copied")).to_have_text(WORDS.copied)
    assert page.evaluate("navigator.clipboard.readText()") == codes["auto"]
    page.get_by_label(WORDS.themes.dark).check()
    expect(page.locator(".hdt-embed-code:visible")).to_have_text(codes["dark"])
    expect(page.locator("#hdt-embed-copied")).to_have_text("")
    preview = page.frame_locator(FRAME)
    expect(preview.locator("body")).to_have_attribute("data-md-color-scheme", SCHEME["dark"])
    page.wait_for_function("() => window.__heights.length > 0")  # the preview is sized like a host's
    copy.click()
    expect(page.locator("#hdt-embed-copied")).to_have_text(WORDS.copied)
    assert page.evaluate("navigator.clipboard.readText()") == codes["dark"]
    assert watch.errors == []


def test_without_javascript_the_code_and_links_remain(visit, host: Host) -> None:
    page = visit(java_script_enabled=False)
    page.goto(host.guide + TOOL)
    expect(page.locator(".hdt-embed-code:visible")).to_have_text(snippets(host.site)["auto"])
    expect(page.get_by_role("button", name=WORDS.copy_code)).to_be_hidden()
    link = page.get_by_role("link", name=WORDS.open_embed)
    assert link.get_attribute("target") == "_blank"
    page.goto(urljoin(page.url, link.get_attribute("href")))  # (a tab Playwright opens would run scripts)
    assert urlsplit(page.url).path == "/" + EMBED
    notice = page.locator(".hdt-noscript")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(WORDS.noscript)
    expect(page.locator("#hdt-tool")).to_be_hidden()
    assert notice.locator("a").get_attribute("target") == "_blank"
    assert urljoin(page.url, notice.locator("a").get_attribute("href")) == host.guide + TOOL


def test_the_tool_page_names_its_oembed_description(host: Host) -> None:
    text = (host.site / TOOL / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', text)
    assert link and urljoin(GUIDE.site.url + TOOL, html.unescape(link.group(1))) == GUIDE.site.url + OEMBED
    described = json.loads((host.site / OEMBED).read_text(encoding="utf-8"))
    assert described["type"] == "rich" and described["version"] == "1.0"
    assert described["html"] == snippets(host.site)["auto"]
    assert (described["width"], described["height"]) == (WORDS.width, WORDS.height)
    assert described["provider_url"] == GUIDE.site.url


def test_sites_listed_in_site_yaml_are_the_only_ones_that_may_frame_it(
    built_site: Path, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    listed = 'frame_ancestors: ["https://careers.example.edu"]'
    replace_once(project / "content" / "site.yaml", 'frame_ancestors: ["*"]', listed)
    front = page_text(run(project), embed_page(GUIDE).path, True)
    assert '"ancestors": "\'self\' https://careers.example.edu"' in front
    # publishing turns the list the embed page carries into the page's own block of _headers
    site = tmp_path / "site"
    (site / EMBED).mkdir(parents=True)
    page = (built_site / EMBED / "index.html").read_text(encoding="utf-8")
    meta = '<meta name="hdt-frame-ancestors" content="*">'
    assert meta in page
    (site / EMBED / "index.html").write_text(
        page.replace(meta, meta.replace("*", "&#39;self&#39; https://careers.example.edu")), encoding="utf-8"
    )
    csp_headers(Release(site, "", project))
    rules = header_rules((site / "_headers").read_text(encoding="utf-8"))
    policy = headers_for(rules, "/" + EMBED)["Content-Security-Policy"]
    assert "; frame-ancestors 'self' https://careers.example.edu;" in policy and ", " not in policy
    assert "frame-ancestors 'none'" in headers_for(rules, "/")["Content-Security-Policy"]


def test_a_frame_ancestor_that_is_not_an_origin_is_refused_with_its_place(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    line = replace_once(
        project / "content" / "site.yaml",
        'frame_ancestors: ["*"]',
        'frame_ancestors: ["https://a.example; script-src *"]',
    )
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 1
    assert re.search(rf"content/site\.yaml:{line}:\d+: .*frame_ancestors", result.stdout + result.stderr)

"""The site works as published under its strict Content-Security-Policy (the build's `_headers`): the
policy itself, instant navigation and the tool. (Every page and search under the policy, on both
builders: test_sweep.py.)"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CSP_WATCH, ROOT, parse_headers_file, serve
from playwright.sync_api import expect

from generator.content import load_guide
from generator.site import inline_script_hashes

SITE_URL = re.search(
    r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
).group(1)
PAGES = load_guide(ROOT).pages.pages
COMPARISON = next(p for p in PAGES if p.kind == "comparison")
TOOL = next(p for p in PAGES if p.kind == "tool").path.removesuffix(".md") + "/"
SCENARIOS = next(p for p in PAGES if p.kind == "scenarios").path.removesuffix(".md") + "/"


@pytest.fixture(scope="module")
def headers(built_site: Path) -> dict[str, str]:
    return parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csp_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site under its policies, path by path, as its `_headers` says. Material's instant navigation only follows links listed in
    sitemap.xml, matched by host but not port, so the copy's sitemap names the loopback server."""
    site = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(built_site, site)
    url, server = serve(site, headers_file=site / "_headers")
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(SITE_URL, url), encoding="utf-8")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def csp_page(browser) -> Iterator[tuple[object, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    yield page, console
    context.close()


def _violations(page, console: list[str]) -> list[str]:
    return list(page.evaluate("window.__csp")) + console


def test_policy_is_strict(headers: dict[str, str]) -> None:
    policy = headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    hashes = [s for s in directives["script-src"] if s.startswith("'sha256-")]
    assert hashes == sorted(hashes) and len(hashes) == len(set(hashes))


def test_policy_names_every_inline_script(built_site: Path, headers: dict[str, str]) -> None:
    script_src = next(p for p in headers["Content-Security-Policy"].split("; ") if p.startswith("script-src"))
    assert set(inline_script_hashes(built_site)) == {
        s for s in script_src.split() if s.startswith("'sha256-")
    }


def test_instant_navigation_works_under_the_policy(csp_page, csp_url: str) -> None:
    """Material changes the address before it swaps the page's content in, so the test waits for the
    new page's heading itself, not for the address."""
    page, console = csp_page
    page.goto(csp_url)
    page.evaluate("window.__sameDocument = true")
    target = COMPARISON.path.removesuffix(".md") + "/"
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='{target}']").first.click()
    expect(page.locator("article h1")).to_have_text(re.compile(re.escape(COMPARISON.title)))
    assert page.url == csp_url + target
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the whole page"
    assert not _violations(page, console)


def test_widget_under_csp(csp_page, csp_url: str) -> None:
    """The decision tool runs under the policy, and a scenario link (instant navigation) shows its result."""
    page, console = csp_page
    page.goto(csp_url + TOOL)
    expect(page.locator("#hdt-tool")).to_have_attribute("data-hdt-ready", "")  # its script ran
    assert not _violations(page, console)
    page.goto(csp_url + SCENARIOS)
    page.evaluate("window.__sameDocument = true")
    page.locator(f"article a[href*='{TOOL}?']").first.click()
    expect(page.locator("#hdt-result .hdt-outcome")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "the scenario link reloaded the whole page"
    assert not _violations(page, console)

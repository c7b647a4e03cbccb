"""One site whichever way it is built: `mkdocs build` and `python -m generator build` give the same
bytes, Zensical gives the same pages, titles and text, every page and publishing file exists on each
builder's output, and the tool works on Zensical's. The other reader checks run on both builders
where they live: links, requests and CSP in test_sweep.py, axe in test_a11y.py."""

from __future__ import annotations

import gzip
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from helpers import ROOT, copy_project, page_paths, run_cli_process, served

from generator.content import load_guide
from generator.decision import Engine
from generator.render import page_url

EPOCH = "1780000000"
PUBLISHED = ("_headers", "csp-hashes.txt", "robots.txt", "sitemap.xml")
GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
TOOL = page_url(next(p.path for p in GUIDE.pages.pages if p.kind == "tool"), True)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_mkdocs_build_and_the_cli_build_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    epoch = {"SOURCE_DATE_EPOCH": EPOCH}
    plain = run_cli_process("mkdocs", "build", "--site-dir", str(tmp_path / "mkdocs"), cwd=project, env=epoch)
    assert plain.returncode == 0, plain.stderr
    cli = run_cli_process("generator", "build", "--site-dir", str(tmp_path / "cli"), cwd=project, env=epoch)
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
    """Each page of the information architecture, under its own heading, and the publishing files."""
    _, site = builder_site
    for page in GUIDE.pages.pages:
        file = site / page_url(page.path, True) / "index.html"
        assert file.is_file(), f"{page.path} was not built as {file.relative_to(site)}"
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", file.read_text(encoding="utf-8"), re.S)
        shown = html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))) if h1 else ""
        # the home page's one heading is the guide's question; the page title names it in the tab
        expected = GUIDE.site.home.question if page.kind == "home" else page.title
        assert shown.removesuffix("¶").strip() == expected, page.path
    assert [name for name in PUBLISHED if not (site / name).is_file()] == []


def test_the_sitemap_lists_every_page_a_search_engine_should_show(builder_site: tuple[str, Path]) -> None:
    """Every page of the guide is in the sitemap but the embed page, which asks not to be indexed (a
    sitemap naming a noindex page would send search engines two opposite signals)."""
    _, site = builder_site
    listed = {
        urlsplit(loc).path
        for loc in re.findall(r"<loc>\s*([^<]*?)\s*</loc>", (site / "sitemap.xml").read_text("utf-8"))
    }
    packed = site / "sitemap.xml.gz"  # MkDocs writes a gzip copy too; Zensical does not
    if packed.exists():
        assert gzip.decompress(packed.read_bytes()).decode("utf-8") == (site / "sitemap.xml").read_text(
            "utf-8"
        )
    for page in GUIDE.pages.pages:
        path = "/" + page_url(page.path, True)
        noindex = 'name="robots" content="noindex"' in (site / path.lstrip("/") / "index.html").read_text(
            "utf-8"
        )
        assert (page.kind == "embed") == noindex, page.path
        assert (path in listed) != noindex, page.path


def test_the_tool_on_zensicals_output_shows_what_the_python_engine_decides(page, zensical_site: Path) -> None:
    """A sample of answer sets as links; on MkDocs' output the form itself is checked (test_widget.py)."""
    labels = {o.id: o.label for o in GUIDE.decision.outcomes}
    combinations = list(ENGINE.combinations())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    wrong = []
    with served(zensical_site, headers_file=zensical_site / "_headers") as url:
        for answers in combinations[:: max(1, len(combinations) // 12)]:
            page.goto(url + TOOL + "?" + "&".join(f"{q}={a}" for q, a in answers.items()))
            result = page.locator("#hdt-result")
            result.wait_for(state="visible")
            expected = labels[ENGINE.outcome(answers)[0]]
            if expected not in result.inner_text():
                wrong.append(f"{answers}: expected {expected!r}")
    assert not errors and not wrong, "\n".join(errors + wrong)

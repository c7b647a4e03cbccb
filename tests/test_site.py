"""End to end: the shipped content builds into the whole site, and what editors change shows up."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, copy_project

from generator.site import build_site

PAGES = [
    "index.html",
    "what-is-a-headshot/index.html",
    "ai-headshots/index.html",
    "photographer/index.html",
    "comparison/index.html",
    "scenarios/index.html",
    "decision-tool/index.html",
    "experts/index.html",
    "guides/prepare-for-a-session/index.html",
    "guides/linkedin-headshots-2026/index.html",
    "guides/ai-headshot-ethics/index.html",
    "method/index.html",
]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_of_the_information_architecture_exists(built_site: Path) -> None:
    for page in PAGES:
        assert (built_site / page).is_file(), page
    titles = {p: re.search(r"<h1[^>]*>(.*?)</h1>", (built_site / p).read_text()).group(1) for p in PAGES}
    assert titles["comparison/index.html"].startswith("AI headshots and photographers, side by side")
    assert len(set(titles.values())) == len(PAGES)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    parsed = {p: parse(p) for p in built_site.rglob("*.html")}
    checked = 0
    for source, page in parsed.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            if parts.path.startswith("/"):
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{source.relative_to(built_site)}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed[target].ids, (
                    f"{source.relative_to(built_site)}: no #{parts.fragment}"
                )
            checked += 1
    assert checked > 200


def test_no_eight_word_run_is_copied_from_the_seed_article(built_site: Path) -> None:
    lines = (Path(__file__).parent / "data" / "seed-8grams.txt").read_text().splitlines()
    seed = {line for line in lines if not line.startswith("#")}
    # The videos and every other source are cited by their titles, as the design asks; titles are not prose.
    from generator.guide import load_guide

    guide = load_guide(ROOT)
    cited = [e.video_title for e in guide.experts.experts] + [s.title for s in guide.sources.sources]
    titles = [title.lower().replace("’", "'") for title in cited]
    copied = []
    for path in sorted(built_site.rglob("*.html")):
        text = " ".join(parse(path).text).lower().replace("’", "'")
        for title in titles:
            text = text.replace(title, " ")
        words = re.findall(r"[a-z0-9$]+(?:'[a-z]+)?", text)
        for i in range(len(words) - 7):
            run = " ".join(words[i : i + 8])
            if hashlib.sha256(run.encode()).hexdigest()[:16] in seed:
                copied.append(f"{path.relative_to(built_site)}: {run}")
    assert not copied, "copied from the seed article:\n" + "\n".join(copied)


def test_what_editors_change_is_what_readers_see(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    edits = {
        "content/comparison.yaml": ("Minutes, at most a few hours", "Eleven minutes flat, measured"),
        "content/scenarios.yaml": ("The dating profile", "The hopeful dater on three apps"),
        "content/pages/photographer.md": (None, "\nA sentence only this test writes, zebra-quince.\n"),
        "content/comparison.yaml#price": ("price: {min: 20, max: 80}", "price: {min: 25, max: 95}"),
    }
    for key, (old, new) in edits.items():
        path = project / key.split("#")[0]
        text = path.read_text(encoding="utf-8")
        assert old is None or old in text, old
        path.write_text(text.replace(old, new) if old else text + new, encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    comparison = " ".join(parse(site / "comparison/index.html").text)
    assert "Eleven minutes flat, measured" in comparison
    assert "$25–$95" in comparison and "$20–$80" not in comparison
    assert "The hopeful dater on three apps" in " ".join(parse(site / "scenarios/index.html").text)
    assert "zebra-quince" in " ".join(parse(site / "photographer/index.html").text)
    nav_label = "Side-by-side comparison"
    assert nav_label in (site / "index.html").read_text()


def test_a_broken_source_fails_the_build_with_its_place(tmp_path: Path) -> None:
    from generator.errors import ContentError

    project = copy_project(tmp_path / "project")
    path = project / "content/comparison.yaml"
    path.write_text(path.read_text().replace("favours: ai\n", "favours: robots\n", 1))
    with pytest.raises(ContentError) as caught:
        build_site(project, tmp_path / "site")
    assert str(caught.value).startswith("content/comparison.yaml:")
    assert "unknown option 'robots'" in str(caught.value)
    assert not (tmp_path / "site").exists()

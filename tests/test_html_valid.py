"""Our pages are valid HTML (Nu HTML Checker) and carry correct, escaped metadata for sharing and search."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, copy_project

from generator.site import build_site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in Material for MkDocs' own markup, not ours; each names the theme file it comes from.
THEME_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    r"^Attribute “autocomplete” is only allowed when the input type is",
    # partials/nav-item.html: section labels get tabindex="" when navigation.sections is on.
    r"^Bad value “” for attribute “tabindex” on element “label”",
]


def vnu_errors(files: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker reports for `files`, minus the theme's own (THEME_ERRORS)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail(
            "the Nu HTML Checker needs Java 17 and node_modules/vnu-jar: run scripts/setup.sh --tests"
        )
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(re.search(pattern, m["message"]) for pattern in THEME_ERRORS)
    ]


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.json_ld: list[str] = []
        self.h1: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        elif tag == "h1":
            self._in = "h1"
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1[-1] += data


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def our_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/"))


def test_pages_are_valid_html(built_site: Path) -> None:
    errors = vnu_errors(our_pages(built_site))
    assert not errors, "\n".join(errors)


def test_every_page_has_sharing_and_search_metadata(built_site: Path) -> None:
    for file in our_pages(built_site):
        if file.name == "404.html":
            continue
        page = head(file)
        where = file.relative_to(built_site).as_posix()
        assert page.meta.get("description"), where
        assert page.canonical.startswith("https://"), where
        for key in ("og:title", "og:description", "og:type", "og:url", "twitter:card", "twitter:title"):
            assert page.meta.get(key), f"{where}: no {key}"
        assert page.meta["og:url"] == page.canonical, where
        assert len(page.json_ld) == 1, where
        data = json.loads(page.json_ld[0])
        assert data["@context"] == "https://schema.org"
        assert data["description"] == page.meta["og:description"] == page.meta["description"]
        if data["@type"] == "Article":
            assert data["headline"] == page.meta["og:title"] == page.h1[0].strip().rstrip("¶").strip()
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["dateModified"])
            assert data["publisher"]["name"]
        else:
            assert where == "index.html" and data["@type"] == "WebSite"


def test_hostile_page_text_is_escaped_everywhere(tmp_path: Path) -> None:
    """A title and description full of markup-breaking characters reach every tag intact and inert."""
    project = copy_project(tmp_path / "project")
    title = 'Cost & "value" </script><script>alert(1)</script> <b>'
    description = "Prices <i>&amp;</i> \"quotes\" 'single' </script><!-- and \u2028 line separators, escaped."
    pages = project / "content" / "pages.yaml"
    text = pages.read_text(encoding="utf-8")
    text = text.replace(
        "title: Every route to a headshot, side by side", f"title: {json.dumps(title)}", 1
    ).replace(
        "    description: >-\n"
        "      Every route to a headshot side by side, from the photo you have to a full session or an AI\n"
        "      generator: cost, speed, what you get, rights, realism and how long it lasts.",
        f"    description: {json.dumps(description)}",
        1,
    )
    assert json.dumps(title) in text and json.dumps(description) in text
    pages.write_text(text, encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    file = site / "comparison" / "index.html"
    html = file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>" not in html
    page = head(file)
    assert page.meta["og:title"] == title and page.meta["twitter:title"] == title
    assert page.meta["og:description"] == description
    data = json.loads(page.json_ld[0])
    assert data["headline"] == title and data["description"] == description
    errors = vnu_errors([file])
    assert not errors, "\n".join(errors)

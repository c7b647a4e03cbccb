"""Every string from YAML is escaped where it reaches HTML or JSON: hostile text stays text, in the
page, its metadata (valid HTML still), the widget's data and a browser."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from helpers import ROOT, copy_project, head, once, served, vnu_errors
from playwright.sync_api import expect

from generator.content import FILES, load_guide
from generator.site import build_site

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)"> " onmouseover="alert(3)" '
    "' onfocus='alert(4)' & &amp; <i class=hdt-pwn>x</i> {% raw %} <!-- \u2028 line separator <b>"
)
# keys whose values are ids, paths, addresses or fixed words, not free text
NOT_TEXT = {
    "id",
    "page",
    "source",
    "sources",
    "outcome",
    "favors",
    "change",
    "to",
    "question",
    "never_towards",
    "positive",
    "negative",
    "horizon",
    "routes",
    "lasts",
    "sells",
    "picture",
    "unit",
    "when",
    "answers",
    "path",
    "body",
    "url",
    "language",
    # decision.yaml's principles and cost assumptions
    "timing",
    "estimate",
    "option",
    "includes_source",
    "fingerprint",
    "version",
    "fee_low",
    "fee_high",
    "added",
    "ask_again",
    "renamed",
    "frame_ancestors",  # origins, refused unless they are (test_embed.py)
}
FIXED_KINDS = {
    "home",
    "prose",
    "comparison",
    "scenarios",
    "tool",
    "experts",
    "method",
    "embed",
    "text",
    "price",
}
FIXED_KINDS |= {"picture"}  # a comparison row filled from what each route gives
FIXED_KINDS |= {"monotone", "photograph-only", "timing-only", "reasons", "reachable"}  # kinds of invariant


def _ids(key: str, value: Any) -> bool:
    """A list of outcome ids (a scenario group's or an advice's `outcomes`), not the outcomes themselves."""
    return key == "outcomes" and isinstance(value, list) and all(isinstance(v, str) for v in value)


def poison(data: Any, key: str = "") -> Any:
    """The same data with every free-text string replaced by the payload."""
    if isinstance(data, dict):
        return {k: v if k in NOT_TEXT or _ids(k, v) else poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, key) for v in data]
    if isinstance(data, str) and not (key == "kind" and data in FIXED_KINDS):
        return PAYLOAD
    return data


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.injected: list[str] = []
        self.data_blocks: list[str] = []
        self.json_blocks: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None
        self._json = False
        self._data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.handlers += [f"{tag} {k}={v}" for k, v in attrs if k.startswith("on") and "alert" in (v or "")]
        if tag in ("i", "img") and ("hdt-pwn" in (a.get("class") or "") or a.get("src") == "x"):
            self.injected.append(tag)
        if tag == "script":
            self._in = "script"
            self._json = a.get("type") in (
                "application/json",
                "application/ld+json",
            )  # data blocks, never run
            self._data = a.get("id") == "hdt-data"
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._json:
                self.json_blocks.append(self.scripts[-1])
            if self._data:
                self.data_blocks.append(self.scripts[-1])
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _poisoned(site: Path) -> Path:
    project = copy_project(site.parent / "project")
    for name in FILES:
        path = project / "content" / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(project, site)


@pytest.fixture(scope="session")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with hostile text in every field, built once for the run. Read only."""
    return once(tmp_path_factory, "poisoned", _poisoned)


def test_hostile_text_never_becomes_markup(poisoned_site: Path) -> None:
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) > len(load_guide(ROOT).pages.pages)  # every page, and 404.html
    shown = 0
    for page in pages:
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(poisoned_site)
        assert not [s for s in scan.scripts if "alert" in s and s not in scan.json_blocks], where
        for block in scan.json_blocks:
            json.loads(block)
        assert not scan.handlers, f"{where}: {scan.handlers}"
        assert not scan.injected, f"{where}: injected {scan.injected}"
        shown += " ".join(scan.text).count("<script>alert(1)</script>")
    assert shown > 50  # the payload is there, as visible text


def test_the_widget_json_still_parses_and_carries_the_text(poisoned_site: Path) -> None:
    scan = _Scan()
    scan.feed((poisoned_site / "decision-tool/index.html").read_text(encoding="utf-8"))
    [block] = scan.data_blocks
    assert "</script" not in block.lower() and "<" not in block
    data = json.loads(block)
    assert data["questions"][0]["short"] == PAYLOAD
    assert data["outcomes"][0]["summary"] == PAYLOAD


def test_site_name_title_and_description_are_escaped(poisoned_site: Path) -> None:
    html = (poisoned_site / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>alert(1)" not in head
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in head


def test_hostile_page_text_reaches_every_tag_of_the_head_intact_and_valid(poisoned_site: Path) -> None:
    """A page's title and description, full of markup-breaking characters, in its meta tags and JSON-LD."""
    file = poisoned_site / "comparison" / "index.html"
    html = file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>" not in html
    page = head(file)
    assert page.meta["og:title"] == page.meta["twitter:title"] == PAYLOAD
    assert page.meta["og:description"] == PAYLOAD
    data = json.loads(page.json_ld[0])
    assert data["headline"] == data["description"] == PAYLOAD
    errors = vnu_errors([file])
    assert not errors, "\n".join(errors)


def test_no_script_runs_in_a_browser(poisoned_site: Path, page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    answers = dict(load_guide(ROOT).scenarios.scenarios[0].answers)
    with served(poisoned_site) as url:
        for path in ("", "comparison/", "scenarios/", "method/", "decision-tool/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
        page.goto(url + "decision-tool/?" + urlencode(answers) + "#hdt-tool")
        # the result card is the last thing the tool draws from the poisoned text
        expect(page.locator("#hdt-result .hdt-outcome")).to_have_text(PAYLOAD)
        assert page.locator(".hdt-pwn").count() == 0
    assert dialogs == []

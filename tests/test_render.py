"""The renderer: pure Markdown output, links between pages, escaping, and golden files."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from helpers import ROOT

from generator.content import load_guide, money
from generator.render import link_version, relative_link, render_pages, script_json, static_files, widget_data
from generator.render.pages import _fill

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def guide():
    """The shipped guide, shared by this module's tests: read it, never change it (copy it first)."""
    return load_guide(ROOT)


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run UPDATE_GOLDEN=1 pytest tests/test_render.py"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, "
        "run UPDATE_GOLDEN=1 pytest tests/test_render.py and review the diff"
    )


def test_pages_match_golden_files(guide) -> None:
    pages = render_pages(guide)
    golden_pages = {str(p.relative_to(GOLDEN / "pages")) for p in (GOLDEN / "pages").rglob("*.md")}
    if not UPDATE:
        assert set(pages) == golden_pages
    for path, text in pages.items():
        _compare(f"pages/{path}", text)


def test_static_files_match_golden_files(guide) -> None:
    for path, text in static_files(guide).items():
        _compare(f"files/{path}", text)


def test_widget_data_matches_golden_file(guide) -> None:
    data = json.dumps(widget_data(guide), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    _compare("decision-model.json", data)


def test_rendering_is_deterministic(guide) -> None:
    assert render_pages(guide) == render_pages(load_guide(ROOT))


def test_page_links_become_relative_markdown_links(guide) -> None:
    pages = render_pages(guide)
    assert "](../../decision-tool.md)" not in pages["guides/prepare-for-a-session.md"]
    assert relative_link("guides/a.md", "method.md") == "../method.md"
    assert relative_link("index.md", "guides/a.md") == "guides/a.md"
    assert "page:" not in "".join(pages.values())


def test_scenarios_link_to_the_tool_with_their_answers(guide) -> None:
    text = render_pages(guide)["scenarios.md"]
    for s in guide.scenarios.scenarios:
        query = "&".join(f"{q}={a}" for q, a in s.answers.items())
        assert f"](decision-tool.md?v={link_version(guide)}&{query}#hdt-result)" in text


def test_money_and_labels() -> None:
    from generator.content import Price

    assert money(Price(min=150, max=600, open_ended=True), "$") == "$150–$600+"
    assert money((1200, 4800, False), "€") == "€1,200–€4,800"
    assert str(_fill("If “{question}” were {x}", question="<b>", x=3)) == "If “&lt;b&gt;” were 3"


def test_yaml_strings_cannot_inject_html(guide) -> None:
    hostile = copy.deepcopy(guide)
    page = hostile.pages.pages[1].model_copy(update={"title": "<script>alert(1)</script>"})
    hostile.pages.pages[1] = page
    text = render_pages(hostile)[page.path]
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_widget_json_cannot_close_its_script_element() -> None:
    """The widget's data goes through the one script-safe JSON helper, line separators included."""
    text = script_json({"a": "</script><script>alert(1)</script>", "b": "&", "c": "\u2028\u2029"})
    assert "</script>" not in text and "&" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["a"].startswith("</script>")

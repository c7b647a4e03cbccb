"""Unit tests of the reader-quality helpers: table regions, script-safe JSON, CSP hashes, `_headers`."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import markdown
from helpers import parse_headers_file

from generator.render import script_json
from generator.site import content_security_policy, headers_file, inline_script_hashes


def convert(text: str) -> str:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "tables", "md_in_html", "generator.site.markdown_tables"],
        extension_configs={"toc": {"permalink": True}},
    )
    return md.convert(text)


def test_a_table_becomes_a_named_focusable_region() -> None:
    html = convert("## A photographer&#39;s *fee* {#fee}\n\n| Answer | Points |\n|---|--:|\n| A | +2 |\n")
    assert (
        '<div aria-label="A photographer\'s fee" class="hdt-table" role="region" tabindex="0"><table>' in html
    )
    assert 'class="hdt-right"' in html and "style=" not in html


def test_a_table_without_heading_is_named_by_its_column_headings() -> None:
    assert 'aria-label="Answer Points"' in convert("| Answer | Points |\n|---|---|\n| A | 1 |\n")


def test_a_styled_table_is_left_alone() -> None:
    html = convert('<table class="hdt-compare"><tr><td>x</td></tr></table>\n')
    assert "hdt-table" not in html


def test_script_json_cannot_end_its_script_element() -> None:
    text = script_json({"headline": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"headline": "</script><!-- & \u2028"}


def _source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_hashes_cover_inline_scripts_but_not_data_blocks_or_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<script>run()</script><script src="x.js"></script><script type="application/json">{}</script>'
    )
    (tmp_path / "a" / "index.html").write_text(
        "<script type='module'>run()</script><script>b &amp; c</script>"
    )
    assert inline_script_hashes(tmp_path) == {
        k: v
        for k, v in sorted(
            {_source("run()"): ["a/index.html", "index.html"], _source("b &amp; c"): ["a/index.html"]}.items()
        )
    }


def test_headers_file_round_trips_and_sorts_hashes() -> None:
    policy = content_security_policy(["'sha256-b'", "'sha256-a'"])
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in policy
    text = headers_file(policy)
    assert text.startswith("/*\n  Content-Security-Policy: ")
    assert parse_headers_file(text)["Content-Security-Policy"] == policy

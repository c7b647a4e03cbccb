"""The guide's drawings: each a named <figure> with a caption, words from content/, theme colours,
no inline styles, small; and a broken figure entry is reported at its place in content/."""

from __future__ import annotations

import gzip
import re
from html import unescape
from pathlib import Path

import pytest
from helpers import ROOT, copy_project

from generator import ContentError
from generator.content import load_guide

GUIDE = load_guide(ROOT)
FIGURES = [(p, f) for p in GUIDE.pages.pages for f in p.figures]
_FIGURE = re.compile(r'<figure class="hdt-(?:fig|chart)"[^>]*>.*?</figure>', re.DOTALL)


def built(site: Path, page_path: str) -> str:
    name = page_path.removesuffix(".md")
    name = "" if name == "index" else name + "/"
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_the_guide_has_its_four_drawings() -> None:
    assert sorted(f.id for _, f in FIGURES) == ["ai-slips", "framework", "headshot-framing", "two-paths"]


@pytest.mark.parametrize(("page", "figure"), FIGURES, ids=[f.id for _, f in FIGURES])
def test_each_drawing_is_a_named_figure_with_the_words_from_content(built_site: Path, page, figure) -> None:
    html = built(built_site, page.path)
    found = re.search(rf'<figure class="hdt-fig" id="fig-{figure.id}">(.*?)</figure>', html, re.DOTALL)
    assert found, f"{figure.id} is not on {page.path}"
    inner = found.group(1)
    assert f"<figcaption>{figure.caption}</figcaption>" in inner.replace("&#39;", "'")
    assert re.search(rf'<svg [^>]*role="img" aria-labelledby="fig-{figure.id}-title"', inner)
    assert f'<title id="fig-{figure.id}-title">{figure.alt}</title>' in inner.replace("&#39;", "'")
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split())
    for text in figure.labels.values():
        assert " ".join(text.split()) in words, text
    assert len(gzip.compress(found.group(0).encode(), 9)) <= 3 * 1024


def test_pictures_take_colours_from_the_theme_and_no_inline_styles(built_site: Path) -> None:
    for page in GUIDE.pages.pages:
        for figure in _FIGURE.findall(built(built_site, page.path)):
            assert " style=" not in figure, page.path
            assert not re.search(r"(?:fill|stroke)=\"#|#[0-9a-f]{3,6}\b", figure, re.IGNORECASE), page.path


def test_a_figure_whose_labels_do_not_match_its_drawing_is_reported_at_its_place(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    pages = root / "content" / "pages.yaml"
    text = pages.read_text(encoding="utf-8")
    pages.write_text(text.replace("          headroom: ", "          head-room: ", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_guide(root)
    line = text[: text.index("          eye-line: ")].count("\n") + 1  # where the labels begin
    message = str(error.value)
    assert message.startswith(f"content/pages.yaml:{line}:")
    assert "missing headroom; unknown head-room" in message


def test_a_figure_placed_but_not_declared_is_reported_in_the_markdown(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    body = root / "content" / "pages" / "what-is-a-headshot.md"
    body.write_text(
        body.read_text(encoding="utf-8").replace("figure:headshot-framing", "figure:framing"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as error:
        load_guide(root)
    assert re.match(
        r"content/pages/what-is-a-headshot\.md:\d+:12: figure 'framing' is not among", str(error.value)
    )

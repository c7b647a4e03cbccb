"""End to end: the built site copies no run of the seed article, what editors change shows up, and a
broken source fails the build with its place. (Every page and its links: test_builders.py and
test_sweep.py, on both builders.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, parse_page

from generator.content import load_guide
from generator.site import build_site

GUIDE = load_guide(ROOT)


def test_no_eight_word_run_is_copied_from_the_seed_article(built_site: Path) -> None:
    lines = (Path(__file__).parent / "data" / "seed-8grams.txt").read_text().splitlines()
    seed = {line for line in lines if not line.startswith("#")}
    # The videos and every other source are cited by their titles, as the design asks; titles are not prose.
    cited = [e.video_title for e in GUIDE.experts.experts] + [s.title for s in GUIDE.sources.sources]
    titles = [title.lower().replace("’", "'") for title in cited]
    copied = []
    for path in sorted(built_site.rglob("*.html")):
        text = " ".join(parse_page(path).text).lower().replace("’", "'")
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
        "content/comparison.yaml": ("Limited to the styles on offer", "Eleven styles, hand-picked"),
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
    comparison = " ".join(parse_page(site / "comparison/index.html").text)
    assert "Eleven styles, hand-picked" in comparison
    assert "$25–$95" in comparison and "$20–$80" not in comparison
    assert "The hopeful dater on three apps" in " ".join(parse_page(site / "scenarios/index.html").text)
    assert "zebra-quince" in " ".join(parse_page(site / "photographer/index.html").text)
    nav_label = next(p.nav for p in GUIDE.pages.pages if p.kind == "comparison")
    assert nav_label in " ".join(parse_page(site / "index.html").text)


def test_a_broken_source_fails_the_build_with_its_place(tmp_path: Path) -> None:
    from generator import ContentError

    project = copy_project(tmp_path / "project")
    path = project / "content/comparison.yaml"
    text = path.read_text()
    assert "favors: [session]\n" in text
    path.write_text(text.replace("favors: [session]\n", "favors: [robots]\n", 1))
    with pytest.raises(ContentError) as caught:
        build_site(project, tmp_path / "site")
    assert str(caught.value).startswith("content/comparison.yaml:")
    assert "unknown route 'robots'" in str(caught.value)
    assert not (tmp_path / "site").exists()

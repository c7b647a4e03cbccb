"""The typed model: validation messages in place, and cross-references between files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from generator.errors import ContentError
from generator.guide import load_guide


def problems_after(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    project = copy_project(tmp_path)
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    return [str(p) for p in caught.value.problems]


def test_shipped_content_is_valid() -> None:
    guide = load_guide(ROOT)
    assert [p.kind for p in guide.pages.pages].count("prose") == 6
    assert len(guide.comparison.attributes) == 6
    assert len(guide.scenarios.scenarios) == 7
    assert [q.step for q in guide.decision.questions if q.step] == [1, 2, 3, 4]


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    [message] = problems_after(
        tmp_path, "comparison.yaml", "    favours: ai\n    why:", "    favour: ai\n    why:"
    )
    assert message.startswith("content/comparison.yaml:")
    assert "unknown key 'favour' (did you mean 'favours'?)" in message
    assert "missing required field 'favours'" not in message


def test_wrong_type_names_what_is_expected(tmp_path: Path) -> None:
    [message] = problems_after(tmp_path, "decision.yaml", "threshold: 3", "threshold: three")
    assert message.startswith("content/decision.yaml:8:12: wrong value for 'threshold'")
    assert message.endswith("; expected a whole number")


def test_reference_to_a_missing_source_is_placed_on_the_reference(tmp_path: Path) -> None:
    [message] = problems_after(tmp_path, "experts.yaml", "source: video-adapt", "source: video-adapted")
    assert message.startswith(
        "content/experts.yaml:14:13: unknown source 'video-adapted' (did you mean 'video-adapt'?)"
    )


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for name, old, new in [
        ("site.yaml", 'currency: "$"', 'currency: ""'),
        ("scenarios.yaml", "outcome: hybrid\n    who", "outcome: hybird\n    who"),
    ]:
        path = project / "content" / name
        path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    files = [p.file for p in caught.value.problems]
    assert files == sorted(files) and set(files) == {"content/site.yaml"}

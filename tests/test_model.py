"""The typed model: validation messages in place, and cross-references between files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, copy_project, replace_once

from generator import ContentError
from generator.content import FILES, load_guide, read_yaml


def problems_after(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    project = copy_project(tmp_path)
    replace_once(project / "content" / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    return [str(p) for p in caught.value.problems]


def test_shipped_content_loads_with_every_record() -> None:
    guide = load_guide(ROOT)
    raw = {name: read_yaml(ROOT, f"content/{name}.yaml").data for name in FILES}
    assert len(guide.pages.pages) == len(raw["pages"]["pages"])
    assert len(guide.comparison.attributes) == len(raw["comparison"]["attributes"])
    assert len(guide.scenarios.scenarios) == len(raw["scenarios"]["scenarios"])
    assert len(guide.decision.questions) == len(raw["decision"]["questions"])


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    [message] = problems_after(
        tmp_path, "comparison.yaml", "    favors: [session]\n    why:", "    favor: [session]\n    why:"
    )
    assert message.startswith("content/comparison.yaml:")
    assert "unknown key 'favor' (did you mean 'favors'?)" in message
    assert "missing required field 'favors'" not in message


def test_wrong_type_names_what_is_expected(tmp_path: Path) -> None:
    [message] = problems_after(tmp_path, "decision.yaml", "threshold: 3", "threshold: three")
    assert message.startswith("content/decision.yaml:10:12: wrong value for 'threshold'")
    assert message.endswith("; expected a whole number")


def test_reference_to_a_missing_source_is_placed_on_the_reference(tmp_path: Path) -> None:
    [message] = problems_after(tmp_path, "experts.yaml", "source: video-adapt", "source: video-adapted")
    assert message.startswith(
        "content/experts.yaml:14:13: unknown source 'video-adapted' (did you mean 'video-adapt'?)"
    )


def _break(project: Path, edits: list[tuple[str, str, str]]) -> list[str]:
    for name, old, new in edits:
        replace_once(project / "content" / name, old, new)
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    return [p.file for p in caught.value.problems]


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path) -> None:
    files = _break(
        copy_project(tmp_path),
        [
            ("site.yaml", 'currency: "$"', 'currency: ""'),
            ("decision.yaml", "threshold: 3", "threshold: three"),
            ("comparison.yaml", "    favors: [session]\n    why:", "    favor: [session]\n    why:"),
        ],
    )
    assert files == sorted(files)
    assert set(files) == {"content/site.yaml", "content/decision.yaml", "content/comparison.yaml"}


def test_cross_references_are_checked_once_every_file_is_well_formed(tmp_path: Path) -> None:
    """A wrong outcome in a scenario is a cross-reference problem: it is not reported while another
    file still has a malformed field (the references could not be trusted), and is once that is fixed."""
    project = copy_project(tmp_path)
    scenario = (
        "scenarios.yaml",
        "outcome: keep-then-session\n    who",
        "outcome: keep-than-session\n    who",
    )
    assert set(_break(project, [scenario, ("site.yaml", 'currency: "$"', 'currency: ""')])) == {
        "content/site.yaml"
    }
    assert set(_break(project, [("site.yaml", 'currency: ""', 'currency: "$"')])) == {
        "content/scenarios.yaml"
    }

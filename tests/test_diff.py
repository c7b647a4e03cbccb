"""`python -m generator diff`: what an edit changes for readers, checked against the engine itself;
and the CLI finding the project from any folder inside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import ROOT, CliResult, copy_project, git, run_cli_process

from generator.content import load_guide
from generator.decision import Engine
from generator.editing import compare, visible

WEIGHT = (
    "        label: Thousands, or the public\n        weight: 2",
    "        label: Thousands, or the public\n        weight: 3",
)
PRICE = ("price: {min: 150, max: 600, open_ended: true}", "price: {min: 150, max: 650, open_ended: true}")


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_question(project: Path) -> None:
    """A two-answer question whose 'heavy' answer leans to AI; every scenario answers the neutral one."""
    path = project / "content" / "decision.yaml"
    text = path.read_text(encoding="utf-8")
    question = (
        "  - id: retouching\n    legend: How much retouching do you expect?\n    short: Retouching\n"
        "    help: Skin and stray hairs.\n    explain: It leans a little.\n    options:\n"
        "      - id: none\n        label: None\n        short: None\n        weight: 0\n"
        "      - id: heavy\n        label: Heavy\n        short: Heavy\n        weight: -2\n"
        "        reason: Heavy polishing is what generators do.\n"
    )
    path.write_text(text.replace("\nrules:\n", "\n" + question + "rules:\n", 1), encoding="utf-8")
    scenarios = project / "content" / "scenarios.yaml"
    text = scenarios.read_text(encoding="utf-8")
    scenarios.write_text(re.sub(r"(answers: \{[^}]*)\}", r"\1, retouching: none}", text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_no_edit_no_change(project: Path) -> None:
    assert compare(load_guide(ROOT), load_guide(project)).empty


def test_a_weight_change_counts_exactly_the_combinations_that_move(project: Path) -> None:
    old = load_guide(project)
    edit(project, "decision.yaml", *WEIGHT)
    new = load_guide(project)
    report = compare(old, new)
    a, b = Engine.of(old), Engine.of(new)
    moved: dict[tuple[str, str], int] = {}
    for answers in a.combinations():
        move = (a.outcome(answers)[0], b.outcome(answers)[0])
        if move[0] != move[1]:
            moved[move] = moved.get(move, 0) + 1
    assert moved, "the edit should move some recommendation"
    assert {(t.before, t.after): t.count for t in report.transitions} == moved
    assert report.changed == sum(moved.values())
    assert report.model == ("visibility: weight of 'many' +2 → +3",)
    shorts = {q.short: {c.short: c.id for c in q.options} for q in new.decision.questions}
    ids = {q.short: q.id for q in new.decision.questions}
    for t in report.transitions:
        for example in t.examples:
            answers = {ids[q]: shorts[q][o] for q, o in example}
            assert (a.outcome(answers)[0], b.outcome(answers)[0]) == (t.before, t.after)
    [tool] = [p for p in report.pages if p.path == "decision-tool.md"]
    assert ("+2", "+3", 1) in tool.figures  # the worksheet's points for that answer
    assert not report.costs


def test_a_price_change_moves_costs_and_the_comparisons_figure_but_no_recommendation(project: Path) -> None:
    old = load_guide(project)
    edit(project, "comparison.yaml", *PRICE)
    report = compare(old, load_guide(project))
    assert not report.transitions and not report.scenarios
    assert report.costs
    for cost in report.costs:  # $50 more for each session the photo's life needs at the high end
        low, high = cost.before.rstrip("+").split("–")
        new_low, new_high = cost.after.rstrip("+").split("–")
        added = int(new_high[1:].replace(",", "")) - int(high[1:].replace(",", ""))
        assert new_low == low and added in (50, 100), cost
    assert {c.outcome for c in report.costs} == {
        o.label for o in old.decision.outcomes if "session" in o.routes
    }
    [page] = [p for p in report.pages if p.path == "comparison.md"]
    # the range in the table and the prices list, and the cost chart's scale that follows it
    assert ("$150–$600+", "$150–$650+") in {(before, after) for before, after, _ in page.figures}


def test_a_new_question_is_compared_with_the_combination_it_extends(project: Path) -> None:
    old = load_guide(project)
    add_question(project)
    new = load_guide(project)
    report = compare(old, new)
    assert report.combinations == (3645, 7290)
    a, b = Engine.of(old), Engine.of(new)
    moved = sum(
        a.outcome({k: v for k, v in answers.items() if k != "retouching"})[0] != b.outcome(answers)[0]
        for answers in b.combinations()
    )
    assert moved and report.changed == moved
    assert all(t.before and t.after for t in report.transitions)  # every new combination has an old one
    assert "question 'retouching' added (2 answers)" in report.model
    assert report.fingerprints[0] != report.fingerprints[1]


def test_a_scenario_whose_reasons_change_is_listed(project: Path) -> None:
    old = load_guide(project)
    reason = "Trust or authority depends on the photo, and that calls for a real, accurate photograph."
    edit(project, "decision.yaml", reason, "Trust rides on this photo, so it has to be real.")
    report = compare(old, load_guide(project))
    assert report.scenarios and not report.transitions
    for change in report.scenarios:
        assert change.before == change.after
        assert change.reasons_gone == (reason,) and change.reasons_new == (
            "Trust rides on this photo, so it has to be real.",
        )


def test_visible_text_drops_markup_but_keeps_words_and_figures() -> None:
    text = (
        '---\ntitle: "x"\n---\n\n# Title {#t}\n\n'
        '<td data-label="A">$20–$80 [Source](method.md#s "S (a)"){ .hdt-cite }</td>\n|---|--:|\n'
    )
    assert visible(text) == ["Title", "$20–$80 Source"]


# --- the command line -------------------------------------------------------------------------


def cli(cwd: Path, *args: str) -> CliResult:
    """`python -m generator` in `cwd`, with no global git configuration of the machine's."""
    return run_cli_process("generator", *args, cwd=cwd, timeout=120, env={"GIT_CONFIG_GLOBAL": os.devnull})


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "shipped content")
    return project


def test_diff_from_inside_content_reports_against_the_last_commit(repo: Path) -> None:
    edit(repo, "decision.yaml", *WEIGHT)
    result = cli(repo / "content" / "pages", "diff")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("compared with ") and lines[0].endswith(" shipped content")
    assert re.match(r"decision tool: 3,645 combinations; \d+ change recommendation", lines[1])
    assert "  you changed: visibility: weight of 'many' +2 → +3" in lines
    assert any(re.match(r"  [a-z-]+ → [a-z-]+: \d+$", line) for line in lines)
    assert any(line.startswith("      e.g. Platform: ") for line in lines)
    markdown = cli(repo, "diff", "--markdown")
    assert "| was | now | answer sets |" in markdown.stdout


def test_diff_with_no_change_says_so(repo: Path) -> None:
    result = cli(repo, "diff", "HEAD")
    assert result.returncode == 0 and result.stdout.splitlines()[1] == "no change for readers"


def test_diff_against_content_written_for_another_schema_says_so_plainly(repo: Path) -> None:
    edit(repo, "site.yaml", "language: en\n", "language: en\ntheme_colour: blue\n")
    git(repo, "commit", "-qam", "old schema")
    edit(repo, "site.yaml", "theme_colour: blue\n", "")
    result = cli(repo, "diff")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("content/ at ")
    assert "does not load with this version of the generator" in result.stderr
    assert "unknown key 'theme_colour'" in result.stderr


def test_diff_outside_git_says_why_it_cannot_compare(project: Path) -> None:
    result = cli(project, "diff")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("cannot compare with HEAD: ")


def test_check_finds_the_project_from_a_folder_inside_it(project: Path) -> None:
    result = cli(project / "content" / "pages", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: ")


def test_outside_any_project_the_cli_says_where_to_run(tmp_path: Path) -> None:
    result = cli(tmp_path, "check")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"no project found: neither {tmp_path} nor a folder above it holds")
    assert "expected to run inside the project folder, or --root PROJECT" in result.stderr

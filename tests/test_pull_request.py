"""What a reviewer sees on a pull request: the report step of .github/workflows/pull-request.yml, run
as the workflow runs it (its own shell script, taken from the workflow) on small git repositories."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, copy_project, git, replace_once, run_cli, run_cli_process

from generator.content import load_guide
from generator.decision import Engine, fingerprint, recommendations
from generator.editing import MARKDOWN_LIMIT, shorten

WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"
PRICE = ("price: {min: 150, max: 600, open_ended: true}", "price: {min: 150, max: 650, open_ended: true}")
WEIGHT = (
    "        label: Thousands, or the public\n        weight: 2",
    "        label: Thousands, or the public\n        weight: 3",
)
SHORTENED = re.compile(
    r"^\*Shortened here to stay within [\d,]+ characters: [\d,]+ more lines are left out; "
)


@dataclass(frozen=True)
class StepRun:
    returncode: int
    report: str  # diff-report/report.md, what the comment workflow posts
    summary: str  # what the step added to the job summary
    number: str  # diff-report/number
    stderr: str


def report_step() -> dict:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    [step] = [s for s in jobs["report"]["steps"] if s.get("id") == "report"]
    return step


def run_report_step(repo: Path, base: str) -> StepRun:
    """The workflow's report step in `repo`, in the shell GitHub runs it in, with the pull request's
    base commit and number in the environment the workflow gives it; `python` is this test's own."""
    step = report_step()
    assert set(step["env"]) == {"BASE", "NUMBER"}, "the test gives the step the environment it declares"
    summary = repo.parent / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "BASE": base,
        "NUMBER": "7",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = repo / "diff-report"
    return StepRun(
        done.returncode,
        (out / "report.md").read_text(encoding="utf-8"),
        summary.read_text(encoding="utf-8"),
        (out / "number").read_text(encoding="utf-8"),
        done.stderr,
    )


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    commit(project, "shipped content")
    return project


def log_the_recommendations(repo: Path) -> None:
    """The changelog entry a change of recommendations needs, with the fingerprint `check` asks for."""
    entry = (
        f"  - date: {dt.date.today().isoformat()}\n    summary: >-\n"
        "      A public audience leans a little more toward a session.\n"
        f"    fingerprint: {fingerprint(recommendations(load_guide(repo)))}\n"
    )
    path = repo / "content" / "decision.yaml"
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


def test_a_price_change_then_a_logged_weight_change_read_as_the_reviewer_sees_them(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    replace_once(repo / "content" / "comparison.yaml", *PRICE)
    commit(repo, "Photographers charge up to $650")
    priced = Engine.of(load_guide(repo))
    replace_once(repo / "content" / "decision.yaml", *WEIGHT)
    log_the_recommendations(repo)
    commit(repo, "A public audience leans further toward a session")
    assert run_cli("--root", str(repo), "check").returncode == 0  # the changelog entry is the one asked for
    weighted = Engine.of(load_guide(repo))
    answer_sets = list(weighted.combinations())
    moved = sum(priced.outcome(a)[0] != weighted.outcome(a)[0] for a in answer_sets)

    step = run_report_step(repo, base)

    assert step.returncode == 0, step.stderr
    assert step.summary == step.report and step.number == "7\n"
    lines = step.report.splitlines()
    assert lines[0] == "## What readers see differently"
    assert re.fullmatch(r"Compared with `[0-9a-f]{7,} shipped content`\.", lines[2])  # the base, not the tip
    assert f"### Decision tool: {moved:,} of {len(answer_sets):,} answer sets change recommendation" in lines
    assert "- visibility: weight of 'many' +2 → +3" in lines
    assert "| recommendation | answer sets before | after | change (% points) |" in lines
    assert any(re.fullmatch(r"- .+: \*\*.+\*\* · .+: was \*.+\*, now \*.+\*", line) for line in lines)
    [comparison] = [line for line in lines if line.startswith("| ") and "`comparison.md`" in line]
    assert "$150–$600+ → $150–$650+" in comparison  # the figure that moved on the comparison page
    assert any(re.fullmatch(r"\| .+ \| .+ \| \$150–\$600\+ \| \$150–\$650\+ \|", line) for line in lines)
    assert len(step.report) <= MARKDOWN_LIMIT and not SHORTENED.match(lines[-1])


def test_the_editors_command_gives_the_reviewers_text(repo: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    replace_once(repo / "content" / "comparison.yaml", *PRICE)
    commit(repo, "Photographers charge up to $650")
    local = run_cli_process(
        "generator", "diff", "origin/main", "--markdown", cwd=repo, env={"GIT_CONFIG_GLOBAL": os.devnull}
    )
    assert local.returncode == 0, local.stderr
    assert local.stdout == run_report_step(repo, git(repo, "rev-parse", "origin/main")).report


def test_a_change_no_reader_would_see_says_so(repo: Path) -> None:
    (repo / "content" / "pages" / "notes.txt").write_text(
        "an editor's note, built nowhere\n", encoding="utf-8"
    )
    commit(repo, "a note for editors")
    step = run_report_step(repo, "HEAD~1")
    assert step.returncode == 0, step.stderr
    assert step.report.endswith("\n\nNo change a reader would see.\n")


def add_priced_pages(repo: Path, extra: int) -> None:
    """`extra` more pages, out of the nav, each showing both price ranges."""
    (repo / "content" / "pages" / "extra.md").write_text(
        "A session costs {{price.session}}; an AI set costs {{price.ai}}.\n", encoding="utf-8"
    )
    pages = repo / "content" / "pages.yaml"
    added = "".join(
        f"  - id: extra-{i}\n    path: extra/page-{i}.md\n    kind: prose\n    title: Extra page {i}\n"
        f"    nav: Extra {i}\n    in_nav: false\n    body: pages/extra.md\n"
        "    description: A page that repeats both price ranges, so a price change reaches it too.\n"
        for i in range(extra)
    )
    replace_once(pages, "\npages:\n", "\npages:\n" + added)


def test_a_change_to_every_page_stays_within_a_comment_and_says_where_it_was_shortened(repo: Path) -> None:
    add_priced_pages(repo, 200)
    commit(repo, "two hundred more pages")
    pages = repo / "content" / "pages.yaml"
    retitled = re.sub(r"(?m)^(    title: .*)$", r"\1 (revised)", pages.read_text(encoding="utf-8"))
    pages.write_text(retitled, encoding="utf-8")  # every page's heading changes
    replace_once(repo / "content" / "comparison.yaml", *PRICE)

    step = run_report_step(repo, "HEAD")

    assert step.returncode == 0, step.stderr
    assert len(step.report) <= MARKDOWN_LIMIT and len(step.summary.encode()) < 1024 * 1024
    assert SHORTENED.match(step.report.splitlines()[-1])
    whole = run_cli("--root", str(repo), "diff", "HEAD", "--markdown", "--max-chars", "0").stdout
    assert len(whole) > MARKDOWN_LIMIT, "the change should make a report longer than the limit"
    paths = [p["path"] for p in yaml.safe_load(pages.read_text(encoding="utf-8"))["pages"]]
    assert all(f"`{path}`" in whole for path in paths), "every page should change"
    kept = step.report.rsplit("\n\n", 1)[0]
    assert whole.startswith(kept) and whole[len(kept)] == "\n"  # cut between whole lines


def test_a_base_the_generator_cannot_read_is_reported_and_fails_the_step(repo: Path) -> None:
    empty = git(repo, "hash-object", "-t", "tree", "/dev/null")
    base = git(repo, "commit-tree", empty, "-m", "before the guide")
    step = run_report_step(repo, base)
    assert step.returncode == 2
    assert "No report: the comparison with the base failed (exit status 2):" in step.report
    assert f"cannot compare with {base}: no content/ at" in step.report
    assert step.summary == step.report and step.number == "7\n"


def test_shortening_keeps_whole_blocks_and_counts_what_it_left_out() -> None:
    block = "<details><summary>page</summary>\n\n```diff\n- a\n+ b\n```\n\n</details>"
    units = ["## Title", "", *[f"| row {i} | {'x' * 80} |" for i in range(5)], "", *[block, ""] * 20]
    whole = "\n".join(units) + "\n"
    text = shorten(units, 1000)
    assert len(text) <= 1000 < len(whole)
    kept, note = text.rstrip("\n").rsplit("\n\n", 1)
    assert whole.startswith(kept + "\n") and kept.endswith("</details>")
    assert 0 < kept.count("<details>") == kept.count("</details>")  # no block cut in half
    left = [line for line in whole[len(kept) :].split("\n") if line.strip()]
    assert SHORTENED.match(note) and f": {len(left):,} more lines are left out; " in note
    assert shorten(units, None) == shorten(units, len(whole)) == whole


def test_a_cap_too_small_for_the_report_is_refused_plainly() -> None:
    result = run_cli("--root", str(ROOT), "diff", "--markdown", "--max-chars", "12")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'12' is not a size; expected 0 (no limit) or at least 1000" in result.stderr

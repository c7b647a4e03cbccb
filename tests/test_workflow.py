"""The GitHub Actions workflow, checked statically (it cannot run here) with actionlint from PyPI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing() -> None:
    actionlint = Path(sys.executable).with_name("actionlint")
    result = subprocess.run(
        [str(actionlint), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert WORKFLOWS and result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_tests_builds_and_deploys_with_the_pages_artifact_flow() -> None:
    jobs = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))["jobs"]
    runs = {job: [s.get("run", "") for s in spec["steps"]] for job, spec in jobs.items()}
    uses = {job: [s.get("uses", "").split("@")[0] for s in spec["steps"]] for job, spec in jobs.items()}
    assert any("scripts/test.sh" in r for r in runs["test"])
    assert (
        any("scripts/build.sh" in r for r in runs["build"])
        and "actions/upload-pages-artifact" in uses["build"]
    )
    assert uses["deploy"] == ["actions/deploy-pages"] and set(jobs["deploy"]["needs"]) == {"test", "build"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


# --- pull requests: tested once, reported in the job summary and in one comment -------------------

PULL_REQUEST = ROOT / ".github/workflows/pull-request.yml"
COMMENT = ROOT / ".github/workflows/pull-request-comment.yml"
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it() -> None:
    lines = [
        (path.name, line)
        for path in WORKFLOWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:- )?uses:", line)
    ]
    assert lines and [(name, line) for name, line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("mkdir -p diff-report", 'echo "${{ github.event.pull_request.title }}"', "potentially untrusted"),
        (
            "  report:\n",
            "  report:\n    needs: [tests]\n",
            'job "report" needs job "tests" which does not exist',
        ),
    ],
    ids=["untrusted-text-in-a-script", "needs-a-missing-job"],
)
def test_actionlint_fails_on_a_broken_workflow(tmp_path: Path, old: str, new: str, complaint: str) -> None:
    broken = tmp_path / "pull-request.yml"
    broken.write_text(PULL_REQUEST.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert broken.read_text(encoding="utf-8") != PULL_REQUEST.read_text(encoding="utf-8")
    actionlint = Path(sys.executable).with_name("actionlint")
    result = subprocess.run([str(actionlint), str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and complaint in result.stdout, result.stdout + result.stderr


def test_a_pull_request_is_tested_built_with_both_builders_and_reported_once() -> None:
    assert "pull_request" not in load(ROOT / ".github/workflows/publish.yml")["on"]
    workflow = load(PULL_REQUEST)
    assert set(workflow["on"]) == {"pull_request"} and workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert not any("permissions" in job for job in jobs.values())
    runs = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert "scripts/test.sh" in runs["test"] and "-m generator check" in runs["test"]
    assert "--offline --site-dir site-offline" in runs["site"] and "--builder zensical" in runs["site"]
    assert 'python -m generator diff "$BASE" --markdown' in runs["report"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs["report"]
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in steps(workflow)
        if "upload-artifact" in s.get("uses", "")
    }
    assert uploads == {"site-offline": "site-offline", "diff-report": "diff-report"}


def test_the_comment_workflow_never_checks_out_or_runs_the_pull_requests_code() -> None:
    workflow = load(COMMENT)
    assert workflow["on"] == {
        "workflow_run": {"workflows": [load(PULL_REQUEST)["name"]], "types": ["completed"]}
    }
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in job["steps"]]
    assert uses == ["actions/download-artifact", "actions/github-script"] and not any(
        "run" in s for s in job["steps"]
    )
    [download] = [s for s in job["steps"] if "download-artifact" in s["uses"]]
    assert download["with"]["name"] == "diff-report"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"


# --- the comment script, run in Node against a stand-in for GitHub's API -------------------------

HARNESS = """
const fs = require("fs");
const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const calls = [];
const failures = [];
const api = (name, answer) => async (args) => { calls.push([name, args]); return { data: answer(args) }; };
const github = {
  rest: {
    pulls: { get: api("pulls.get", () => ({ head: { sha: scenario.head } })) },
    issues: {
      listComments: "issues.listComments",
      updateComment: api("issues.updateComment", (args) => ({ id: args.comment_id })),
      createComment: api("issues.createComment", () => ({ id: 99 })),
    },
  },
  paginate: async (method, args) => { calls.push([method, args]); return scenario.comments; },
};
const core = { info: () => {}, setFailed: (message) => failures.push(message) };
const context = { repo: { owner: "editors", repo: "guide" }, payload: { workflow_run: scenario.run } };
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
new AsyncFunction("require", "github", "context", "core", scenario.script)(require, github, context, core)
  .then(() => process.stdout.write(JSON.stringify({ calls, failures })));
"""
MARKER = "<!-- headshot-guide: what readers see differently -->"
HEAD = "a" * 40
RUN = {"pull_requests": [], "head_sha": HEAD, "html_url": "https://github.com/editors/guide/actions/runs/1"}
BOT = {"login": "github-actions[bot]", "type": "Bot"}


def comment_script() -> tuple[str, dict[str, str]]:
    [job] = load(COMMENT)["jobs"].values()
    [step] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/github-script@")]
    return step["with"]["script"], step["env"]


def post(
    tmp_path: Path,
    files: dict[str, str],
    *,
    run: dict | None = None,
    head: str = HEAD,
    comments: list[dict] | None = None,
) -> dict:
    """Run the comment step's script with the artifact `files`; returns the API calls it made and
    the failures it reported."""
    script, env = comment_script()
    assert set(env) == {"REPORT_DIR"}
    folder = tmp_path / "diff-report"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    scenario = tmp_path / "scenario.json"
    scenario.write_text(
        json.dumps({"script": script, "run": run or RUN, "head": head, "comments": comments or []}),
        encoding="utf-8",
    )
    (tmp_path / "harness.js").write_text(HARNESS, encoding="utf-8")
    done = subprocess.run(
        ["node", str(tmp_path / "harness.js"), str(scenario)],
        env={**os.environ, "REPORT_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def written(result: dict) -> list[tuple[str, dict]]:
    return [(name, args) for name, args in result["calls"] if name.startswith("issues.") and "body" in args]


def test_the_comment_is_posted_once_then_updated_in_place(tmp_path: Path) -> None:
    report = "## What readers see differently\n\nNo change a reader would see.\n"
    first = post(tmp_path / "first", {"number": "7\n", "report.md": report})
    [(name, args)] = written(first)
    assert name == "issues.createComment" and args["issue_number"] == 7
    assert args["body"].startswith(MARKER + "\n" + report.strip()) and RUN["html_url"] in args["body"]
    theirs = {"id": 1, "user": {"login": "a-reviewer", "type": "User"}, "body": MARKER + " quoted"}
    ours = {"id": 2, "user": BOT, "body": args["body"]}
    again = post(tmp_path / "again", {"number": "7\n", "report.md": report}, comments=[theirs, ours])
    assert [(name, args["comment_id"]) for name, args in written(again)] == [("issues.updateComment", 2)]


@pytest.mark.parametrize(
    ("files", "run", "head", "number"),
    [
        ({"number": "7; echo owned\n"}, RUN, HEAD, None),  # not a number: nothing is asked or written
        ({"number": "7\n"}, RUN, "b" * 40, 7),  # the pull request moved on: a later run comments
        ({"number": "7\n"}, {**RUN, "pull_requests": [{"number": 5}]}, HEAD, 5),  # the run's own wins
    ],
    ids=["not-a-number", "moved-on", "the-runs-own-pull-request"],
)
def test_the_comment_goes_only_to_the_pull_request_the_run_tested(
    tmp_path: Path, files: dict[str, str], run: dict, head: str, number: int | None
) -> None:
    result = post(tmp_path, {**files, "report.md": "## Report\n"}, run=run, head=head)
    asked = [args["pull_number"] for name, args in result["calls"] if name == "pulls.get"]
    assert asked == ([number] if number else [])
    assert [args["issue_number"] for _, args in written(result)] == (
        [number] if head == HEAD and number else []
    )
    assert bool(result["failures"]) == (number is None)


def test_the_comment_body_is_the_report_as_text_within_a_comments_limit(tmp_path: Path) -> None:
    long = "## Report\n" + f"{MARKER}\n" + "".join(f"| row {i} | {'x' * 90} |\n" for i in range(2000))
    [(_, args)] = written(post(tmp_path, {"number": "7\n", "report.md": long}))
    body = args["body"]
    assert len(body) <= 65_536 and body.count(MARKER) == 1 and body.startswith(MARKER)
    assert "\n\n*Shortened to fit a comment; the whole report is in the run's job summary.*\n" in body
    rows = body.split("\n\n*Shortened")[0].splitlines()[3:]  # after the marker, the heading, a blank
    assert rows and all(re.fullmatch(r"\| row \d+ \| x{90} \|", row) for row in rows)  # whole lines


def test_a_report_that_is_not_a_plain_file_is_not_posted(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("a runner's file\n", encoding="utf-8")
    folder = tmp_path / "run"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "diff-report").mkdir(parents=True)
    (folder / "diff-report" / "report.md").symlink_to(tmp_path / "secret")
    result = post(folder, {"number": "7\n"})
    assert written(result) == [] and result["failures"]

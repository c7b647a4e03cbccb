"""The GitHub Actions workflow, checked statically (it cannot run here) with actionlint from PyPI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

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

"""Live preview with Zensical: `python -m generator serve --builder zensical` regenerates on content/
edits, reports a broken edit and keeps the last good pages."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from helpers import copy_project, stop

MARKER = "Zebra-marker-edit"


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_zensical_preview_follows_content_edits(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--builder",
                "zensical",
                "--dev-addr",
                "127.0.0.1:0",
            ],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _until(lambda: "Serving" in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        base = re.search(r"on (http://127\.0\.0\.1:\d+)", log.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
        page = base + "/comparison/"
        assert _until(lambda: "side by side" in _fetch(page))
        comparison = project / "content" / "comparison.yaml"
        text = comparison.read_text(encoding="utf-8")
        comparison.write_text(text.replace("intro: >-\n  ", f"intro: >-\n  {MARKER} ", 1), encoding="utf-8")
        assert _until(lambda: MARKER in _fetch(page)), "the edit never reached the preview"
        decision = project / "content" / "decision.yaml"
        decision.write_text(
            decision.read_text(encoding="utf-8").replace("threshold: 3", "threshold: three"), "utf-8"
        )
        assert _until(lambda: "content/decision.yaml:10:12:" in log.read_text(encoding="utf-8"))
        assert MARKER in _fetch(page), "a broken edit must keep the last good pages"
    finally:
        stop(server)

"""Section 6: live preview, from saving content/comparison.yaml to the served page showing the edit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.helpers import free_port, stop

from .project import ROOT, copy_project
from .report import Section, median

TARGET = 2.0
START_WAIT = 90.0
EDIT_WAIT = 20.0
ANCHOR = "\nintro: >-\n"


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, limit: float) -> float | None:
    """Seconds until `url` serves a page containing `text`, or None after `limit`."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def measure(base: Path, work: Path, edits: int) -> Section:
    section = Section("reload", "6. Live preview: YAML edit to served page")
    root = copy_project(work / "serve")
    for stub in (base / "content" / "pages").rglob("*.md"):  # carry any stub the benchmark added
        twin = root / stub.relative_to(base)
        if not twin.exists():
            twin.write_text(stub.read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/comparison/"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        started = _wait_for(url, "<html", START_WAIT)
        if started is None:
            raise RuntimeError(
                f"mkdocs serve did not answer within {START_WAIT:.0f} s; see {work / 'serve.log'}"
            )
        section.add("mkdocs serve: start to first page served", started, "s")
        times: list[float] = []
        missed = 0
        path = root / "content" / "comparison.yaml"
        original = path.read_text(encoding="utf-8")
        for edit in range(edits):
            token = f"Benchmark edit {edit} {time.time_ns()}."
            time.sleep(0.3)  # let the watcher settle after the previous rebuild
            path.write_text(original.replace(ANCHOR, f"{ANCHOR}  {token}\n", 1), encoding="utf-8")
            seconds = _wait_for(url, token, EDIT_WAIT)
            if seconds is None:
                missed += 1
            else:
                times.append(seconds)
        value = median(times) if times else None
        section.add(
            "YAML saved to the new text served (median)",
            value,
            "s",
            f"< {TARGET:.0f} s",
            value is not None and value < TARGET and not missed,
            note=None if times else f"no edit showed within {EDIT_WAIT:.0f} s",
        )
        if times:
            section.add("slowest edit", max(times), "s")
        section.add("edits not shown within the wait", missed, "", "0", missed == 0)
        section.notes.append(
            f"{edits} edit(s) of content/comparison.yaml's intro in a temp copy, page polled over HTTP every 20 ms; "
            f"bounded at {EDIT_WAIT:.0f} s per edit"
        )
    finally:
        stop(server)
        log.close()
    return section

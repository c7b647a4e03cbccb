"""Live preview: a real `mkdocs serve` reloads on YAML edits, keeps the last good site on errors, recovers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, free_port, replace_once, stop, until

WAIT = 30.0  # seconds to wait for a rebuild to show


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def output(self) -> str:
        return "".join(self.log)


def _until(condition: Callable[[], bool], seconds: float = WAIT) -> bool:
    return until(condition, seconds, every=0.2)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Server(f"http://127.0.0.1:{port}/", process)
    reader = threading.Thread(
        target=lambda: served.log.extend(iter(process.stdout.readline, "")), daemon=True
    )
    reader.start()
    served.project = project  # type: ignore[attr-defined]
    try:
        assert _until(lambda: served.get("comparison/")[0] == 200, 90), served.output()
        yield served
    finally:
        stop(process)


def _edit(project: Path, name: str, old: str, new: str) -> int:
    return replace_once(project / "content" / name, old, new)


def test_a_yaml_edit_shows_up_in_the_served_page(server: Server) -> None:
    assert "Limited to the styles on offer" in server.get("comparison/")[1]
    _edit(server.project, "comparison.yaml", "Limited to the styles on offer", "Ninety styles, give or take")  # type: ignore[attr-defined]
    assert _until(lambda: "Ninety styles, give or take" in server.get("comparison/")[1]), server.output()
    assert "Limited to the styles on offer" not in server.get("comparison/")[1]


def test_the_server_watches_the_sources_not_the_pages_it_generates(server: Server) -> None:
    """One edit, one build: build/docs is written by the build itself, so watching it (as MkDocs does
    with any docs_dir) set off a second full build after every edit."""
    watching = next(line for line in server.output().splitlines() if "Watching paths for changes" in line)
    assert "'content'" in watching and "'mkdocs.yml'" in watching, watching
    assert "build/docs" not in watching, watching


def test_a_broken_edit_keeps_the_last_good_site_and_a_fix_recovers(server: Server) -> None:
    project: Path = server.project  # type: ignore[attr-defined]
    _edit(project, "comparison.yaml", "Limited to the styles on offer", "Ninety styles, give or take")
    assert _until(lambda: "Ninety styles, give or take" in server.get("comparison/")[1]), server.output()

    line = _edit(project, "decision.yaml", "threshold: 3", "threshold: three")
    message = (
        f"content/decision.yaml:{line}:12: wrong value for 'threshold': 'three'; expected a whole number"
    )
    assert _until(lambda: message in server.output()), server.output()
    status, page = server.get("comparison/")
    assert status == 200 and "Ninety styles, give or take" in page
    assert "Traceback" not in server.output()

    _edit(project, "decision.yaml", "threshold: three", "threshold: 3")
    _edit(project, "comparison.yaml", "Ninety styles, give or take", "Two minutes, after the fix")
    assert _until(lambda: "Two minutes, after the fix" in server.get("comparison/")[1]), server.output()
    assert "Traceback" not in server.output()

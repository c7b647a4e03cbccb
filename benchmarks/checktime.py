"""Section 3: `python -m generator check` as an editor runs it, and `pipeline.check` in process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generator import check

from .project import ROOT
from .report import Section, median, timed

TARGET = 1.0


def _cli(root: Path) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return time.perf_counter() - start, done.returncode


def _broken(root: Path, work: Path) -> Path:
    """A copy with one unknown key, which `check` must report with file:line:col."""
    broken = work / "broken"
    shutil.rmtree(broken, ignore_errors=True)
    shutil.copytree(root, broken, ignore=shutil.ignore_patterns("site", ".site-*"))
    path = broken / "content" / "comparison.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nintro:", "\nintroo:", 1), encoding="utf-8")
    return broken


def measure(root: Path, work: Path, runs: int) -> Section:
    section = Section("check", "3. `python -m generator check` on the shipped content")
    good = [_cli(root) for _ in range(runs)]
    if any(code for _, code in good):
        raise RuntimeError(f"`python -m generator check` failed on {root}")
    seconds = median([t for t, _ in good])
    section.add(
        "python -m generator check (subprocess wall time)",
        seconds,
        "s",
        f"< {TARGET:.0f} s",
        seconds < TARGET,
    )
    bad = [_cli(_broken(root, work)) for _ in range(runs)]
    seconds = median([t for t, _ in bad])
    section.add(
        "same, one broken key (exit 1 with file:line:col)",
        seconds,
        "s",
        f"< {TARGET:.0f} s",
        seconds < TARGET and all(code == 1 for _, code in bad),
    )
    check(root)
    section.add(
        "generator.pipeline.check (in process)",
        median([timed(lambda: check(root)) for _ in range(runs)]),
        "s",
    )
    startup = median([_python_startup() for _ in range(runs)])
    section.add("python -c pass (interpreter start, for scale)", startup, "s")
    section.notes.append(f"medians of {runs} runs; the subprocess time includes starting Python and imports")
    return section


def _python_startup() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start

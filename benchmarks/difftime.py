"""`python -m generator diff` after three real edits (a weight, a price, a new question), as an editor
runs it after a save: `python -m benchmarks.difftime [--runs N]` prints the figures.

Not one of the `python -m benchmarks` sections (their list is fixed by the reference run); `measure`
returns a `Section` all the same, so it can join them.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # `python benchmarks/difftime.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from generator.content import load_guide
from generator.editing import compare, content_at
from tests.helpers import git

from .project import ROOT, copy_project
from .report import Section, median, text_table, timed

TARGET = 2.0  # seconds: the live preview's own target for a save to show


def _replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise RuntimeError(f"content/{file} no longer holds {old!r}; update benchmarks/difftime.py")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def weight(project: Path) -> None:
    _replace(
        project,
        "decision.yaml",
        "label: Thousands, or the public\n        weight: 2",
        "label: Thousands, or the public\n        weight: 3",
    )


def price(project: Path) -> None:
    _replace(project, "comparison.yaml", "max: 600, open_ended: true", "max: 650, open_ended: true")


def question(project: Path) -> None:
    """The question of EDITING.md's recipe, answered 'light' (weight 0) by every scenario."""
    block = re.search(
        r"### Add a question.*?```yaml\n(.*?)```",
        (ROOT / "EDITING.md").read_text(encoding="utf-8"),
        re.DOTALL,
    )
    if block is None:
        raise RuntimeError("EDITING.md has no 'Add a question' recipe with a YAML block")
    _replace(project, "decision.yaml", "\nrules:\n", "\n" + block.group(1) + "rules:\n")
    path = project / "content" / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(answers: \{[^}]*)\}", r"\1, retouching: light}", text), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {"a weight": weight, "a price": price, "a new question": question}


def _cli(project: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"`python -m generator diff` failed:\n{done.stderr}")
    return seconds, done.stdout


def _in_process(project: Path) -> None:
    new = load_guide(project)
    with content_at(project, "HEAD") as folder:
        old = load_guide(folder)
    compare(old, new)


def measure(work: Path, runs: int) -> tuple[Section, dict[str, str]]:
    """The section, and the report `diff` printed for each edit."""
    section = Section("diff", "`python -m generator diff` after an edit (compared with the last commit)")
    project = copy_project(work / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "shipped content")
    outputs: dict[str, str] = {}
    for name, apply in EDITS.items():
        apply(project)
        results = [_cli(project) for _ in range(runs)]
        outputs[name] = results[0][1]
        seconds = median([t for t, _ in results])
        section.add(
            f"diff after {name} (subprocess wall time)", seconds, "s", f"< {TARGET:.0f} s", seconds < TARGET
        )
        section.add(
            f"load both + compare, {name} (in process)",
            median([timed(lambda: _in_process(project)) for _ in range(runs)]),
            "s",
        )
        git(project, "checkout", "-q", "--", "content")
    section.notes.append(f"medians of {runs} runs; the subprocess time includes starting Python and imports")
    return section, outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.difftime", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="also print what diff said after each edit")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory(prefix="hdt-bench-diff-") as tmp:
        section, outputs = measure(Path(tmp), args.runs)
    print(f"load average (1 min): {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPU(s)")
    print(text_table([section]))
    if args.show:
        for name, output in outputs.items():
            print(f"\n$ python -m generator diff   # after {name}\n{output}", end="")
    return 0 if all(f.ok is not False for f in section.figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Run every benchmark section, print the table, and write it as JSON (benchmarks/results/latest.json)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from .report import Section, markdown_table, summary_table, text_table

RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("overhead", "scaling", "check", "weight", "widget", "reload")


def machine() -> dict[str, object]:
    from importlib.metadata import version

    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "commit": commit,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load average (1 min) at the end": round(os.getloadavg()[0], 2),
    }


# Iteration counts and sizes by mode: "quick" keeps every section but measures less and drops ×30/×100;
# "smoke" measures each figure once at the smallest sizes (it shows the script works, the test suite's
# check; its figures are not for reading).
PLANS: dict[str, dict[str, int | list[int]]] = {
    "full": {
        "runs": 5,
        "check_runs": 5,
        "factors": [1, 10, 30, 100],
        "mkdocs_factors": [1, 10, 30, 100],
        "questions": [6, 7, 8, 9],
        "iterations": 50000,
        "spaces": 20,
        "edits": 5,
    },
    "quick": {
        "runs": 2,
        "check_runs": 3,
        "factors": [1, 3, 10],
        "mkdocs_factors": [1, 3, 10],
        "questions": [6, 7, 8],
        "iterations": 2000,
        "spaces": 3,
        "edits": 1,
    },
    "smoke": {
        "runs": 1,
        "check_runs": 1,
        "factors": [1, 2],
        "mkdocs_factors": [1, 2],
        "questions": [6, 7],
        "iterations": 200,
        "spaces": 1,
        "edits": 1,
    },
}


def measure(mode: str, only: set[str], work: Path) -> tuple[list[Section], list[str]]:
    from . import checktime, overhead, reload, scaling, weight, widget
    from .project import usable_copy

    p = PLANS[mode]
    root, notes = usable_copy(work / "project")
    site = None
    steps: list[tuple[str, Callable[[], Section]]] = []

    def first() -> Section:
        nonlocal site
        section, site = overhead.measure(root, work / "overhead", p["runs"])  # type: ignore[arg-type]
        return section

    def built_site() -> Path:
        nonlocal site
        if site is None:
            from generator.site import build_site

            site = build_site(root, work / "overhead" / "full" / "site")
        return site

    steps = [
        ("overhead", first),
        (
            "scaling",
            lambda: scaling.measure(
                root,
                work / "scaling",
                p["factors"],
                p["runs"],  # type: ignore[arg-type]
                p["mkdocs_factors"],
                p["questions"],
            ),
        ),  # type: ignore[arg-type]
        ("check", lambda: checktime.measure(root, work / "check", p["check_runs"])),  # type: ignore[arg-type]
        ("weight", lambda: weight.measure(built_site(), work / "weight")),
        ("widget", lambda: widget.measure(built_site(), root, p["iterations"], p["spaces"])),  # type: ignore[arg-type]
        ("reload", lambda: reload.measure(root, work / "reload", p["edits"])),  # type: ignore[arg-type]
    ]
    sections: list[Section] = []
    for key, step in steps:
        if only and key not in only:
            continue
        print(f"measuring {key} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        section = step()
        section.seconds = time.perf_counter() - start
        sections.append(section)
    return sections, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick",
        dest="mode",
        action="store_const",
        const="quick",
        default="full",
        help="fewer runs, no ×30/×100 sizes: a few minutes on 2 CPUs",
    )
    size.add_argument(
        "--smoke",
        dest="mode",
        action="store_const",
        const="smoke",
        help="every section once at the smallest sizes: shows the script works (the tests run this)",
    )
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, default=[], help="run only this section (repeatable)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json", help="where to write the JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="hdt-bench-") as tmp:
        sections, notes = measure(args.mode, set(args.only), Path(tmp))
    info = machine()
    info["load average (1 min) at the start"] = load_before
    header = (
        f"Headshot Decision Guide benchmark ({args.mode} run), {info['date']}\n"
        f"{info['nproc']} CPU(s), {info['cpu']}, Python {info['python']}, MkDocs {info['mkdocs']}, "
        f"Material {info['mkdocs-material']}, commit {info['commit']}\n"
        f"load average (1 min): {load_before} at the start, {info['load average (1 min) at the end']} at the end"
    )
    print(header)
    for note in notes:
        print(f"NOTE: {note}")
    print(text_table(sections))
    result = {
        "mode": args.mode,
        "quick": args.mode != "full",
        "machine": info,
        "notes": notes,
        "seconds": round(time.perf_counter() - started, 1),
        "sections": {s.key: s.as_json() for s in sections},
        "summary": summary_table(sections),
        "markdown": markdown_table(sections),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    misses = [f.name for s in sections for f in s.figures if f.ok is False]
    if misses:
        print(f"{len(misses)} figure(s) miss their target: {'; '.join(misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

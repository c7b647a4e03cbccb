"""The benchmark script runs end to end (smoke mode: every section, the smallest sizes, one run each)
and reports every section with measured figures.

Speed itself is never asserted here: the figures are judged in benchmarks/README.md, not in tests.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from helpers import ROOT, run_cli_process

SECTIONS = {"overhead", "scaling", "check", "weight", "widget", "reload"}


def test_smoke_run_reports_every_section_with_measured_figures(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    done = run_cli_process("benchmarks", "--smoke", "--out", str(out), cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))

    assert result["mode"] == "smoke" and "(smoke run)" in done.stdout
    assert {"nproc", "cpu", "python", "mkdocs-material"} <= set(result["machine"])
    assert set(result["sections"]) == SECTIONS
    for key, section in result["sections"].items():
        figures = section["figures"]
        numbers = [f["value"] for f in figures if f["value"] is not None]
        assert numbers, f"section {key} has no measured figure"
        assert all(isinstance(v, int | float) and math.isfinite(v) for v in numbers), key
        for figure in figures:
            if figure["value"] is None:
                assert figure["note"], f"{key}: {figure['name']} is n/a without saying why"
            if figure["target"] and figure["value"] is not None:
                assert isinstance(figure["ok"], bool), f"{key}: {figure['name']} has a target but no mark"
        assert section["title"] in done.stdout  # the printed table shows the section
    assert result["summary"].count("\n") > len(SECTIONS)  # the README's table has rows


def test_reference_run_for_the_readme_has_every_section() -> None:
    """The figures the README quotes are present by name, so renaming one cannot go unnoticed."""
    reference = json.loads((ROOT / "benchmarks" / "reference-run.json").read_text(encoding="utf-8"))
    names = {key: [f["name"] for f in s["figures"]] for key, s in reference["sections"].items()}
    assert set(names) == SECTIONS
    assert any(n.startswith("full / plain") for n in names["overhead"])
    assert any("combinations" in n for n in names["scaling"])
    assert any("python -m generator check" in n for n in names["check"])
    assert any("widget's own JS + CSS" in n for n in names["weight"])
    assert any("whole answer space" in n for n in names["widget"])
    assert any("YAML saved" in n for n in names["reload"])

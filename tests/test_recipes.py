"""Every recipe in EDITING.md, followed as an editor would: its YAML blocks applied, as written there, to a
copy of content/; then `check` and a build pass and the change the recipe promises shows in the site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from generator.site import build_site

EDITING = (ROOT / "EDITING.md").read_text(encoding="utf-8")


def recipe(title: str) -> str:
    """The text of the recipe headed `### title`."""
    start = EDITING.index(f"\n### {title}\n")
    end = EDITING.find("\n### ", start + 1)
    return EDITING[start : end if end != -1 else None]


def blocks(title: str, language: str = "yaml") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", recipe(title), flags=re.DOTALL)


def insert_under(path: Path, key: str, block: str) -> None:
    """Add `block` as the last item of the list under the top-level `key:` of a YAML file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#", "")), len(lines)
    )
    lines[end:end] = [block if block.endswith("\n") else block + "\n"]
    path.write_text("".join(lines), encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=project / "content",  # an editor may run it from inside content/
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def passes(project: Path) -> Path:
    """`check` passes and the site builds; returns the built site."""
    result = check(project)
    assert result.returncode == 0, result.stderr
    return build_site(project, project / "site")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def visible(html_text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html_text).split())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_change_a_price_updates_the_comparison_and_the_tools_costs(project: Path) -> None:
    [excerpt] = blocks("Change a price")
    comparison = project / "content" / "comparison.yaml"
    shipped = comparison.read_text(encoding="utf-8")
    for line in excerpt.splitlines():
        assert line.strip() == "..." or line in shipped, f"EDITING.md shows {line!r}, not in comparison.yaml"
    price = next(line for line in excerpt.splitlines() if "price:" in line)
    replace(comparison, price, price.replace("max: 600", "max: 650"))
    site = passes(project)
    assert "$150–$650+" in visible(page(site, "comparison"))
    data = re.search(
        r'<script type="application/json" id="hdt-data">(.*?)</script>', page(site, "decision-tool")
    )
    assert data is not None
    assert json.loads(data.group(1))["prices"]["photographer"]["max"] == 650


def test_a_new_source_for_a_price_moves_that_prices_citation(project: Path) -> None:
    [source] = blocks("Add a source and keep review dates")
    source_id = re.search(r"id: (\S+)", source).group(1)  # type: ignore[union-attr]
    insert_under(project / "content" / "sources.yaml", "sources", source)
    comparison = project / "content" / "comparison.yaml"
    text = comparison.read_text(encoding="utf-8")
    option = text.index("  - id: photographer\n")
    cited = text.index("source: seed-article", option)
    comparison.write_text(text[:cited] + f"source: {source_id}" + text[cited + 20 :], encoding="utf-8")
    site = passes(project)
    row = re.search(r'<tr id="attr-cost".*?</tr>', page(site, "comparison"), flags=re.DOTALL)
    assert row is not None
    cells = re.findall(r"<td data-label=\"([^\"]+)\".*?</td>", row.group(0), flags=re.DOTALL)
    links = re.findall(r'<td data-label="[^"]+"[^>]*>(.*?)</td>', row.group(0), flags=re.DOTALL)
    by_option = dict(zip(cells, links, strict=True))
    assert f"#source-{source_id}" in by_option["Professional photographer"]
    assert "#source-seed-article" in by_option["AI headshot generator"]
    method = visible(page(site, "method"))
    reviewed = re.search(r"reviewed: (\S+)", source).group(1)  # type: ignore[union-attr]
    title = re.search(r"title: (.+)", source).group(1)  # type: ignore[union-attr]
    assert title in method and reviewed in method


def test_add_a_scenario_shows_it_with_a_link_into_the_tool(project: Path) -> None:
    [scenario] = blocks("Add a scenario")
    insert_under(project / "content" / "scenarios.yaml", "scenarios", scenario)
    site = passes(project)
    scenarios = page(site, "scenarios")
    assert "The first-time conference speaker" in visible(scenarios)
    answers = re.search(r"answers: \{(.*)\}", scenario).group(1)  # type: ignore[union-attr]
    query = "&amp;".join(pair.replace(": ", "=") for pair in answers.split(", "))
    assert f"?{query}" in scenarios


def _answer_every_scenario(project: Path, question: str, option: str) -> None:
    path = project / "content" / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(answers: \{[^}]*)\}", rf"\1, {question}: {option}}}", text), encoding="utf-8")


def test_add_a_question_then_log_it_as_the_check_asks(project: Path) -> None:
    [question] = blocks("Add a question to the decision tool")
    insert_under(project / "content" / "decision.yaml", "questions", question)
    _answer_every_scenario(project, "retouching", "light")
    refused = check(project)
    assert refused.returncode == 1
    fingerprint = re.search(r"ending with the line 'fingerprint: ([a-z]{12})'", refused.stderr)
    assert fingerprint, refused.stderr
    [_, entry] = blocks("Log a change of recommendations in the changelog", "(?:yaml)?")
    today = dt.date.today().isoformat()
    entry = re.sub(r"date: \S+", f"date: {today}", entry)
    entry = re.sub(r"fingerprint: \S+", f"fingerprint: {fingerprint.group(1)}", entry)
    insert_under(project / "content" / "decision.yaml", "changelog", entry)
    site = passes(project)
    assert "How much retouching do you expect?" in visible(page(site, "decision-tool"))
    method = visible(page(site, "method"))
    assert "Added a question about retouching" in method and today in method
    assert "1,944 sets of answers" in method


def test_a_change_of_recommendations_is_refused_until_logged(project: Path) -> None:
    # low stakes lean further towards AI: recommendations change, every principle still holds
    replace(project / "content" / "decision.yaml", "        weight: -3\n", "        weight: -4\n")
    refused = check(project)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "the recommendations changed since the changelog entry" in refused.stderr


def test_add_a_page_builds_it_in_the_nav(project: Path) -> None:
    [entry] = blocks("Add a page")
    [body] = blocks("Add a page", "markdown")
    insert_under(project / "content" / "pages.yaml", "pages", entry)
    target = re.search(r"body: (\S+)", entry).group(1)  # type: ignore[union-attr]
    (project / "content" / target).write_text(body, encoding="utf-8")
    site = passes(project)
    built = page(site, "guides/headshot-checklist")
    assert "A checklist for any headshot" in visible(built)
    assert 'href="../../decision-tool/"' in built
    assert "Headshot checklist" in visible(page(site, "comparison"))  # listed in the navigation

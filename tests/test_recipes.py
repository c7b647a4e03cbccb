"""Every recipe in EDITING.md, followed as an editor would: its YAML and Markdown blocks applied, as
written there, to a copy of content/; then `check` and a build pass and the change the recipe promises
shows in the site (or `check` refuses what the recipe says it refuses, with the message it quotes)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, CliResult, copy_project, run_cli

from generator.content import counts, figures, load_guide, resolve
from generator.decision import Engine, matches
from generator.render import link_version
from generator.site import build_site

EDITING = (ROOT / "EDITING.md").read_text(encoding="utf-8")

PRICE = "Change a price"
FIGURES = "Figures: refer to data, never retype it"
SOURCE = "Add a source, with what it sells and the figures it gives"
SCENARIO = "Add a scenario"
QUESTION = "Add a question to the decision tool"
CHANGELOG = "Log a change of recommendations in the changelog"
ADVICE = "Add advice to a result"
PAGE = "Add a page"
DRAWING = "Change a drawing's words, or place a drawing"
EMBED = "Let other sites show the decision tool"
EXERCISED = {PRICE, FIGURES, SOURCE, SCENARIO, QUESTION, CHANGELOG, ADVICE, PAGE, DRAWING, EMBED}


def recipe(title: str) -> str:
    """The text of the recipe headed `### title`, up to the next heading."""
    start = EDITING.index(f"\n### {title}\n")
    end = re.search(r"\n#{2,3} ", EDITING[start + 1 :])
    return EDITING[start : start + 1 + end.start() if end else None]


def prose(title: str) -> str:
    """The recipe's words outside its code blocks, on one line."""
    return " ".join(re.sub(r"```.*?```", " ", recipe(title), flags=re.DOTALL).split())


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


def shown_excerpt_is_shipped(excerpt: str, path: Path) -> None:
    """Every line the recipe shows of a shipped file (but its `...`) is in that file as shown."""
    shipped = path.read_text(encoding="utf-8")
    for line in excerpt.splitlines():
        assert line.strip() == "..." or line in shipped, f"EDITING.md shows {line!r}, not in {path.name}"


def check(project: Path) -> CliResult:
    return run_cli("check", cwd=project / "content")  # an editor may run it from inside content/


def refused(project: Path) -> str:
    """`check` fails cleanly (no traceback); returns what it printed on stderr."""
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def passes(project: Path) -> Path:
    """`check` passes and the site builds; returns the built site."""
    result = check(project)
    assert result.returncode == 0, result.stderr
    return build_site(project, project / "site")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def visible(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def tool_data(site: Path) -> dict[str, Any]:
    data = re.search(
        r'<script type="application/json" id="hdt-data">(.*?)</script>', page(site, "decision-tool")
    )
    assert data is not None
    return json.loads(data.group(1))


def sources_list(html_text: str) -> str:
    """The page's "Sources" list, as readers see it."""
    found = re.search(r'<p class="hdt-sources">(.*?)</p>', html_text, flags=re.DOTALL)
    assert found is not None, "the page has no sources list"
    return visible(found.group(1))


def query(answers: dict[str, str]) -> str:
    """The link into the tool as the scenarios page writes it: the questions' version, then the answers."""
    version = link_version(load_guide(ROOT))
    return f"?v={version}&amp;" + "&amp;".join(f"{q}={a}" for q, a in answers.items())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_every_recipe_in_editing_md_is_exercised_here() -> None:
    recipes = re.findall(r"^### (.+)$", EDITING[EDITING.index("\n## Recipes\n") :], flags=re.MULTILINE)
    assert set(recipes) == EXERCISED, "a recipe without a test, or a test of a recipe that is gone"


# --- Change a price --------------------------------------------------------------------------


def test_change_a_price_and_another_sources_price_updates_the_comparison_and_the_tool(project: Path) -> None:
    session, express = blocks(PRICE)
    comparison = project / "content" / "comparison.yaml"
    shown_excerpt_is_shipped(session, comparison)
    shown_excerpt_is_shipped(express, comparison)
    price = next(line for line in session.splitlines() if "price:" in line)
    replace(comparison, price, price.replace("max: 600", "max: 650"))
    other = next(line for line in session.splitlines() if "price-photo-xoslab" in line)
    replace(comparison, other, other.replace("max: 600", "max: 700"))
    express_price = next(line for line in express.splitlines() if "price:" in line)
    replace(comparison, express_price, express_price.replace("min: 150", "min: 160"))
    site = passes(project)
    compared = visible(page(site, "comparison"))
    assert "$150–$650+" in compared and "$150–$600+" not in compared
    assert "$200–$700: Xoslab" in compared
    data = tool_data(site)
    assert data["prices"]["session"]["max"] == 650
    assert "Under $160" in visible(page(site, "decision-tool"))  # the budget answers follow the express price


# --- Figures -----------------------------------------------------------------------------------


def test_the_figures_table_names_real_figures_with_todays_values() -> None:
    known = figures(load_guide(ROOT))
    rows = re.findall(r"^\| (`\{\{.*?) \| (.*?) \| .*\|$", recipe(FIGURES), flags=re.MULTILINE)
    assert len(rows) >= 5
    for names_cell, values_cell in rows:
        names = re.findall(r"\{\{[^}]+\}\}", names_cell)
        resolved = [resolve(name, known) for name in names]
        assert all(not problems for _, problems in resolved), f"unknown figure in {names_cell}"
        if not names[0].startswith("{{count."):  # counts are described, not given
            assert [text for text, _ in resolved] == values_cell.split(", "), names_cell


def test_money_percentages_and_durations_typed_by_hand_are_refused_at_their_place(project: Path) -> None:
    listed = re.findall(r"^- (?:money|percentages|durations in digits): (.*);?$", recipe(FIGURES), re.M)
    examples = [e for line in listed for e in re.findall(r"`([^`]+)`", line)]
    assert len(examples) >= 9
    body = project / "content" / "pages" / "photographer.md"
    first = body.read_text(encoding="utf-8").count("\n") + 2
    lines = [f"It took {example}, or two to three weeks in words." for example in examples]
    body.write_text(body.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    stderr = refused(project)
    for number, example in enumerate(examples, start=first):
        place = f"content/pages/photographer.md:{number}:9: "
        assert any(
            line.startswith(place) and f"'{example}' typed by hand" in line for line in stderr.splitlines()
        ), f"{example!r} not refused at {place}\n{stderr}"
    assert "two to three weeks" not in stderr  # durations in words are the guide's own wording
    assert f"{len(examples)} problems in content/" in stderr


# --- Add a source ------------------------------------------------------------------------------


def test_a_new_source_lists_what_it_sells_and_its_facts_and_a_page_naming_a_fact_cites_it(
    project: Path,
) -> None:
    [source] = blocks(SOURCE)
    [sentence] = blocks(SOURCE, "markdown")
    entry = yaml.safe_load(source)[0]
    insert_under(project / "content" / "sources.yaml", "sources", source)
    body = project / "content" / "pages" / "photographer.md"
    body.write_text(body.read_text(encoding="utf-8") + "\n" + sentence, encoding="utf-8")
    # the price recipe's "put its id in the route's source"
    comparison = project / "content" / "comparison.yaml"
    text = comparison.read_text(encoding="utf-8")
    cited = text.index("source: seed-article", text.index("  - id: session\n"))
    comparison.write_text(text[:cited] + f"source: {entry['id']}" + text[cited + 20 :], encoding="utf-8")
    site = passes(project)

    method = visible(page(site, "method"))
    assert entry["title"] in method and str(entry["reviewed"]) in method
    assert (
        "Sells: Express session, Full session." in method
        and "Sells: Express session, Full session." in prose(SOURCE)
    )
    for fact in entry["figures"]:
        assert fact["about"] in method, fact
    assert "This studio's price for a mini session: $175" in method

    reads = re.search(r'which reads "(.*?)"', prose(SOURCE))
    assert reads is not None
    photographer = page(site, "photographer")
    assert reads.group(1) in visible(photographer)
    assert entry["title"] in sources_list(photographer)  # named by a fact, not listed in pages.yaml

    row = re.search(r'<tr id="attr-cost".*?</tr>', page(site, "comparison"), flags=re.DOTALL)
    assert row is not None
    cells = dict(re.findall(r'<td data-label="([^"]+)"[^>]*>(.*?)</td>', row.group(0), flags=re.DOTALL))
    assert f"#source-{entry['id']}" in cells["A full session with a professional photographer"]
    assert "#source-seed-article" in cells["An AI headshot generator"]


# --- Add a scenario ----------------------------------------------------------------------------


def test_add_a_scenario_shows_it_under_its_group_with_links_into_the_tool(project: Path) -> None:
    [scenario] = blocks(SCENARIO)
    entry = yaml.safe_load(scenario)[0]
    assert "photo" in entry["answers"]
    insert_under(project / "content" / "scenarios.yaml", "scenarios", scenario)
    site = passes(project)
    html_text = page(site, "scenarios")
    assert entry["title"] in visible(html_text)
    groups = yaml.safe_load((project / "content" / "scenarios.yaml").read_text(encoding="utf-8"))["groups"]
    heading = next(g["heading"] for g in groups if entry["outcome"] in g["outcomes"])
    sections = re.split(r"<h2 ", html_text)
    section = next(s for s in sections if f'id="scenario-{entry["id"]}"' in s)
    assert heading in visible("<h2 " + section), "the scenario is not under its outcome's group"
    assert query(entry["answers"]) in html_text
    variant = entry["variants"][0]
    assert query({**entry["answers"], **variant["answers"]}) in html_text


def test_a_scenario_must_answer_the_photo_question_and_sit_in_a_group(project: Path) -> None:
    [scenario] = blocks(SCENARIO)
    scenarios = project / "content" / "scenarios.yaml"
    insert_under(scenarios, "scenarios", scenario.replace("photo: none, ", ""))
    missing = re.search(r"otherwise `check` says `([^`]+)`", prose(SCENARIO))
    assert missing is not None and missing.group(1) in refused(project)

    project_text = scenarios.read_text(encoding="utf-8")
    scenarios.write_text(
        project_text.replace(scenario.replace("photo: none, ", ""), scenario), encoding="utf-8"
    )
    replace(scenarios, "  - outcomes: [express, session]\n", "  - outcomes: [session]\n")
    ungrouped = re.search(r"\(`(no group lists outcome [^`]+)`\)", prose(SCENARIO))
    assert ungrouped is not None and ungrouped.group(1) in refused(project)


# --- Add a question, then log it ---------------------------------------------------------------


def _answer_every_scenario(project: Path, question: str, option: str) -> None:
    path = project / "content" / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(    answers: \{[^}]*)\}", rf"\1, {question}: {option}}}", text)
    path.write_text(text, encoding="utf-8")


def test_add_a_question_then_log_it_with_the_fingerprint_the_check_asks_for(project: Path) -> None:
    [question] = blocks(QUESTION)
    entry = yaml.safe_load(question)[0]
    insert_under(project / "content" / "decision.yaml", "questions", question)
    assert "answers miss 'retouching'" in refused(project)  # "the check tells you which are missing"
    _answer_every_scenario(project, entry["id"], entry["options"][0]["id"])
    asked = re.search(r"ending with the line 'fingerprint: ([a-z]{12})'", refused(project))
    assert asked, "check did not ask for a changelog entry with a fingerprint"
    [_, logged] = blocks(CHANGELOG, "(?:yaml)?")
    today = dt.date.today().isoformat()
    logged = re.sub(r"date: \S+", f"date: {today}", logged)
    logged = re.sub(r"fingerprint: \S+", f"fingerprint: {asked.group(1)}", logged)
    insert_under(project / "content" / "decision.yaml", "changelog", logged)
    site = passes(project)
    assert entry["legend"] in visible(page(site, "decision-tool"))
    # links made before the question open with it left open: the tool's data says so
    assert tool_data(site)["version"] == 3 and tool_data(site)["links"][-1]["added"] == [entry["id"]]
    method = visible(page(site, "method"))
    assert "Added a question about retouching" in method and today in method
    combinations = counts(load_guide(ROOT))["combinations"] * len(entry["options"])
    assert f"{combinations:,} sets of answers" in method


def test_a_change_of_recommendations_is_refused_until_logged(project: Path) -> None:
    # low stakes lean further toward a cheaper route: recommendations change, every principle still holds
    replace(project / "content" / "decision.yaml", "        weight: -3\n", "        weight: -4\n")
    assert "the recommendations changed since the changelog entry" in refused(project)


# --- Add advice ----------------------------------------------------------------------------------


def test_advice_is_shown_with_the_results_it_is_for_and_only_those(project: Path) -> None:
    [advice] = blocks(ADVICE)
    entry = yaml.safe_load(advice)[0]
    insert_under(project / "content" / "decision.yaml", "advice", advice)
    site = passes(project)
    shown = next(a for a in tool_data(site)["advice"] if a["heading"] == entry["heading"])
    filled, problems = resolve(entry["text"], figures(load_guide(project)))
    assert not problems and "{{" not in filled and shown["text"] == filled  # the fact, filled in
    assert [s["href"].rsplit("#", 1)[1] for s in shown["sources"]] == [
        f"source-{s}" for s in entry["sources"]
    ]
    engine = Engine.of(load_guide(project))
    given = {False: 0, True: 0}
    for answers in engine.combinations():
        outcome = engine.outcome(answers)[0]
        fits = outcome in entry["outcomes"] and matches(answers, entry["when"])
        ids = [a.id for a in engine.advice(answers, outcome)]
        assert (entry["id"] in ids) == fits, (answers, outcome)
        given[fits] += 1
    assert given[True] and given[False]


# --- Add a page ----------------------------------------------------------------------------------


def test_add_a_page_builds_it_in_the_nav_with_the_editors_only_note(project: Path) -> None:
    [entry] = blocks(PAGE)
    [body] = blocks(PAGE, "markdown")
    insert_under(project / "content" / "pages.yaml", "pages", entry)
    target = re.search(r"body: (\S+)", entry).group(1)  # type: ignore[union-attr]
    (project / "content" / target).write_text(body, encoding="utf-8")
    site = passes(project)
    built = page(site, "guides/headshot-checklist")
    assert "A checklist for any headshot" in visible(built)
    assert 'href="../../decision-tool/"' in built
    assert "Headshot checklist" in visible(page(site, "comparison"))  # listed in the navigation
    note = yaml.safe_load((ROOT / "content" / "site.yaml").read_text(encoding="utf-8"))["labels"][
        "editors-only"
    ]
    assert " ".join(note.split()) in visible(built)


# --- Let other sites show the decision tool ------------------------------------------------------


def test_listing_the_sites_that_may_frame_the_tool_reaches_the_headers(project: Path) -> None:
    [block] = blocks(EMBED)
    listed = next(line.strip() for line in block.splitlines() if "frame_ancestors:" in line)
    site_yaml = project / "content" / "site.yaml"
    shipped = next(
        line for line in site_yaml.read_text(encoding="utf-8").splitlines() if "frame_ancestors:" in line
    )
    replace(site_yaml, shipped, "  " + listed)
    headers = (passes(project) / "_headers").read_text(encoding="utf-8")
    origins = yaml.safe_load(listed)["frame_ancestors"]
    embed_block = headers[headers.index("/embed/") :]
    assert all(origin in embed_block for origin in origins)
    home_block = headers[: headers.index("/embed/")]
    assert "frame-ancestors 'none'" in home_block and not any(origin in home_block for origin in origins)


# --- Change a drawing's words --------------------------------------------------------------------


def test_a_drawings_words_change_and_its_label_keys_are_checked(project: Path) -> None:
    [excerpt] = blocks(DRAWING)
    pages = project / "content" / "pages.yaml"
    shown_excerpt_is_shipped(excerpt, pages)
    eye_line = next(line for line in excerpt.splitlines() if "eye-line:" in line)
    replace(pages, eye_line, '          eye-line: "Eye line: about a third of the way down."')
    site = passes(project)
    assert "Eye line: about a third of the way down." in visible(page(site, "what-is-a-headshot"))
    headroom = next(line for line in excerpt.splitlines() if "headroom:" in line)
    replace(pages, headroom + "\n", "")
    quoted = re.search(r"^content/pages\.yaml:\d+:\d+: (labels do not match.*)$", recipe(DRAWING), re.M)
    assert quoted is not None and quoted.group(1) in refused(project)

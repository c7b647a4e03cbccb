"""The decision model's declared principles: each broken on purpose in a copy of content/ must stop
the check with the principle's place in decision.yaml and the first combination that breaks it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from generator.decide import Engine
from generator.errors import ContentError
from generator.guide import load_guide
from generator.verify import summarize, verify

GUIDE = load_guide(ROOT)
SAYS = {i.kind: i.says for i in GUIDE.decision.invariants if i.kind != "monotone"}
FIRST_HIGH = (
    "Platform “LinkedIn, job board”, Visibility “Few dozen”, Stakes “High”, Lifespan “Weeks”, "
    "Budget “Under $150”, Deadline “Days”"
)
FIRST = FIRST_HIGH.replace("Stakes “High”", "Stakes “Low”")


def edited(tmp_path: Path, *changes: tuple[str, str], file: str = "decision.yaml") -> Path:
    """A copy of the project with each `old` text replaced by `new` (each must occur exactly once)."""
    project = copy_project(tmp_path / "project")
    path = project / "content" / file
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return project


def place(project: Path, marker: str, file: str = "decision.yaml") -> str:
    """`content/FILE:LINE:COL` of the first non-blank character of the line holding `marker`."""
    text = (project / "content" / file).read_text(encoding="utf-8")
    start = text.rfind("\n", 0, text.index(marker)) + 1
    line = text[:start].count("\n") + 1
    indent = len(text[start:]) - len(text[start:].lstrip(" -"))
    return f"content/{file}:{line}:{indent + 1}"


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        verify(load_guide(project))
    return str(caught.value).splitlines()


def test_shipped_model_keeps_every_principle() -> None:
    summary = summarize(GUIDE)
    assert verify(GUIDE) == summary.count == 972
    assert [broken for _, _, broken in summary.never] == [0]
    assert [changes for _, changes in summary.timing] == [0]


# the budget answer's short label, as the data gives it (derived from the photographer's price)
OVER = next(o.short for q in GUIDE.decision.questions for o in q.options if o.id == "ample")


def test_a_budget_answer_with_points_names_the_principle_and_the_first_combination(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            '        label: "More than {{price.photographer.high}}"\n',
            '        label: "More than {{price.photographer.high}}"\n        weight: 1\n'
            "        reason: You can afford a session.\n",
        ),
    )
    expected = (
        f"{place(project, 'kind: timing-only')}: principle broken: with {FIRST}, "
        f"changing Budget to “{OVER}” adds +1 points; expected: {SAYS['timing-only']}"
    )
    assert expected in problems(project)


def test_a_deadline_that_turns_the_stopgap_into_plain_ai_is_refused(tmp_path: Path) -> None:
    # the budget rule now gives plain AI: a tight budget would turn a photographer into AI
    project = edited(
        tmp_path,
        (
            "    change: photographer\n    to: hybrid\n    reason: A session costs",
            "    change: photographer\n    to: ai\n    reason: A session costs",
        ),
    )
    found = problems(project)
    expected = (
        f"{place(project, 'kind: timing-only')}: principle broken: with {FIRST_HIGH}, changing Deadline to "
        "“2–3 weeks” moves the result from “Use an AI headshot now, book a photographer soon” to "
        f"“Use an AI headshot generator”; expected: {SAYS['timing-only']}"
    )
    assert expected in found
    summary = summarize(load_guide(project))
    assert [changes for _, changes in summary.timing] != [0]


def test_high_stakes_that_get_plain_ai_name_the_first_such_combination(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        label: High. Trust or authority depends on it\n        weight: 7",
            "        label: High. Trust or authority depends on it\n        weight: 3",
        ),
    )
    expected = (
        f"{place(project, 'kind: never')}: principle broken: with {FIRST_HIGH}, "
        f"the result is “Use an AI headshot generator”; expected: {SAYS['never']}"
    )
    assert expected in problems(project)
    [(_, covered, broken)] = summarize(load_guide(project)).never
    assert covered == 324 and broken > 0


def test_a_broken_monotone_guarantee_names_the_change(tmp_path: Path) -> None:
    # a longer lifespan that leans towards AI
    project = edited(
        tmp_path,
        (
            "        label: A year or more\n        weight: 2",
            "        label: A year or more\n        weight: -3",
        ),
    )
    where = place(project, "kind: monotone\n    question: lifespan")
    expected = (
        f"{where}: principle broken: with Platform “Company site, press”, Visibility “Hundreds”, "
        "Stakes “Medium”, Lifespan “Months”, Budget “Under $150”, Deadline “Days”, changing Lifespan to "
        "“Years” moves the result from “Use an AI headshot now, book a photographer soon” to "
        "“Use an AI headshot generator”; expected: A longer lifespan never moves the recommendation towards "
        "the AI generator."
    )
    assert expected in problems(project)


def test_a_principle_missing_a_field_of_its_kind_is_a_content_error(tmp_path: Path) -> None:
    project = edited(
        tmp_path, ("    may_turn: photographer\n    into: hybrid\n", "    may_turn: photographer\n")
    )
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    [message] = str(caught.value).splitlines()
    assert message.startswith(place(project, "kind: timing-only"))
    assert "an invariant of kind 'timing-only' needs 'into'; expected: timing, may_turn, into" in message


def test_a_principle_naming_an_unknown_outcome_is_a_content_error(tmp_path: Path) -> None:
    project = edited(tmp_path, ("    never: ai\n", "    never: robot\n"))
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    [message] = str(caught.value).splitlines()
    line = place(project, "never: robot").rsplit(":", 1)[0]  # the value starts after "never: "
    assert message == f"{line}:12: unknown outcome 'robot'; expected one of: ai, hybrid, photographer"


def test_a_variant_with_the_wrong_outcome_is_named_with_its_scenario(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        answers: {visibility: few}\n        outcome: photographer\n",
            "        answers: {visibility: few}\n        outcome: ai\n",
        ),
        file="scenarios.yaml",
    )
    [message] = problems(project)
    text = (project / "content/scenarios.yaml").read_text(encoding="utf-8")
    line = text[: text.index("        outcome: ai\n", text.index("id: few-clients"))].count("\n") + 1
    assert message == (
        f"content/scenarios.yaml:{line}:18: scenario 'trusted-adviser/few-clients' claims 'ai' but its answers "
        "(platform=professional, visibility=few, stakes=high, lifespan=years, budget=moderate, deadline=weeks) "
        "give 'photographer'; expected the claimed outcome"
    )


def test_every_situation_has_at_least_two_verified_variants() -> None:
    engine = Engine.of(GUIDE)
    for scenario in GUIDE.scenarios.scenarios:
        assert len(scenario.variants) >= 2, scenario.id
        for variant in scenario.variants:
            assert engine.outcome(scenario.variant_answers(variant))[0] == variant.outcome, variant.id


def test_check_refuses_a_broken_principle_without_a_traceback(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        label: High. Trust or authority depends on it\n        weight: 7",
            "        label: High. Trust or authority depends on it\n        weight: 3",
        ),
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"{place(project, 'kind: never')}: principle broken: with {FIRST_HIGH}, the result is"
        in result.stderr
    )


def test_outcome_shares_add_up_and_match_a_recount() -> None:
    summary = summarize(GUIDE)
    engine = Engine.of(GUIDE)
    recount: dict[str, int] = {}
    for answers in engine.combinations():
        outcome = engine.outcome(answers)[0]
        recount[outcome] = recount.get(outcome, 0) + 1
    assert summary.outcomes == {o: recount[o] for o in summary.outcomes}
    percent = summary.percent()
    assert sum(percent.values()) == 100
    assert all(abs(percent[o] - 100 * n / summary.count) < 1 for o, n in summary.outcomes.items())

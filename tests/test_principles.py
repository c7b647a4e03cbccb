"""The decision model's declared principles: each broken on purpose in a copy of content/ must stop
the check with the principle's place in decision.yaml and the first combination that breaks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, copy_project, run_cli

from generator import ContentError
from generator.content import load_guide
from generator.decision import Engine, summarize, verify

GUIDE = load_guide(ROOT)
SAYS = {
    (i.kind, i.question or str(i.when)): i.says for i in GUIDE.decision.invariants
}  # (kind, what it is about) -> the principle in words
LABEL = {o.id: f"“{o.label}”" for o in GUIDE.decision.outcomes}
# the budget answers' short labels, as the data gives them (derived from the express session's price)
SHORT = {c.id: c.short for q in GUIDE.decision.questions if q.id == "budget" for c in q.options}


def combination(platform: str, visibility: str, stakes: str, lifespan: str, photo: str) -> str:
    """A combination as the messages word it, with the first budget and deadline answers."""
    return (
        f"Platform “{platform}”, Visibility “{visibility}”, Stakes “{stakes}”, Lifespan “{lifespan}”, "
        f"Photo you have “{photo}”, Budget “{SHORT['tight']}”, Deadline “Days”"
    )


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


def without_rule(tmp_path: Path, rule: str) -> Path:
    """A copy of the project whose decision.yaml no longer has the rule `rule`."""
    text = (ROOT / "content" / "decision.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {rule}\n")
    end = text.index("  - id: ", start + 1)
    return edited(tmp_path, (text[start:end], ""))


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
    assert verify(GUIDE) == summary.count == 3645
    assert [count for _, count in summary.broken] == [0] * len(GUIDE.decision.invariants)
    kinds = [i.kind for i, _ in summary.broken]
    assert kinds.count("photograph-only") == 3
    assert {"timing-only", "monotone", "reasons", "reachable"} <= set(kinds)


def test_high_stakes_that_get_a_generated_image_name_the_first_such_combination(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        label: High. Trust or authority depends on it\n        weight: 7",
            "        label: High. Trust or authority depends on it\n        weight: 2",
        ),
    )
    first = combination("LinkedIn, job board", "Few dozen", "High", "Weeks", "Neither")
    expected = (
        f"{place(project, 'kind: photograph-only')}: principle broken: with {first}, the result is "
        f"{LABEL['ai']}, which gives a generated image; expected: {SAYS[('photograph-only', str({'stakes': ['high']}))]}"
    )
    assert expected in problems(project)
    [count] = [n for i, n in summarize(load_guide(project)).broken if i.when == {"stakes": ["high"]}]
    assert count > 0


@pytest.mark.parametrize(
    ("rule", "platform", "label"),
    [("real-for-dating", "dating", "Dating app"), ("real-for-press", "company", "Company site, press")],
)
def test_a_dating_or_press_profile_that_gets_a_generated_image_is_refused(
    tmp_path: Path, rule: str, platform: str, label: str
) -> None:
    project = without_rule(tmp_path, rule)
    first = combination(label, "Few dozen", "Low", "Weeks", "Neither")
    marker = f"kind: photograph-only\n    when: {{platform: [{platform}]}}"
    expected = (
        f"{place(project, marker)}: principle broken: with {first}, the result is {LABEL['ai']}, which "
        f"gives a generated image; expected: {SAYS[('photograph-only', str({'platform': [platform]}))]}"
    )
    assert expected in problems(project)


def test_a_budget_answer_with_points_names_the_principle_and_the_first_combination(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            '        label: "More than {{price.express.high}}"\n',
            '        label: "More than {{price.express.high}}"\n        weight: 1\n'
            "        reason: You can afford a session.\n",
        ),
    )
    first = combination("LinkedIn, job board", "Few dozen", "Low", "Weeks", "Recent photo")
    expected = (
        f"{place(project, 'kind: timing-only')}: principle broken: with {first}, "
        f"changing Budget to “{SHORT['ample']}” adds +1 points; expected: {SAYS[('timing-only', 'None')]}"
    )
    assert expected in problems(project)


def test_a_deadline_that_decides_whether_the_image_is_generated_is_refused(tmp_path: Path) -> None:
    # the budget rule now gives plain AI: a tight budget would turn a session into a generated image
    project = edited(
        tmp_path,
        (
            "    change: session\n    to: free-then-session\n    reason: >-\n      Even an express",
            "    change: session\n    to: ai\n    reason: >-\n      Even an express",
        ),
    )
    first = combination("LinkedIn, job board", "Few dozen", "High", "Weeks", "Free headshot day")
    expected = (
        f"{place(project, 'kind: timing-only')}: principle broken: with {first}, changing Deadline to "
        f"“Weeks” moves the result from {LABEL['free-then-session']} to {LABEL['ai']}; "
        f"expected: {SAYS[('timing-only', 'None')]}"
    )
    assert expected in problems(project)
    [count] = [n for i, n in summarize(load_guide(project)).broken if i.kind == "timing-only"]
    assert count > 0


def test_a_broken_monotone_guarantee_names_the_change(tmp_path: Path) -> None:
    # a longer lifespan that leans away from a session
    project = edited(
        tmp_path,
        (
            "        label: A year or more\n        weight: 2",
            "        label: A year or more\n        weight: -3",
        ),
    )
    where = place(project, "kind: monotone\n    question: lifespan")
    first = combination("Social, creator", "Few dozen", "High", "Months", "Neither")
    expected = (
        f"{where}: principle broken: with {first}, changing Lifespan to “Years” moves the result from "
        f"{LABEL['free-then-session']} to {LABEL['ai']}; expected: {SAYS[('monotone', 'lifespan')]}"
    )
    assert expected in problems(project)


def test_a_result_without_a_reason_is_refused(tmp_path: Path) -> None:
    # the neutral answers below the threshold lose their reasons
    project = edited(
        tmp_path,
        ("        reason: A small circle will see it, so a small flaw costs little.\n", ""),
        (
            "        reason: It helps, but no one decides on it alone, so it need not carry a session's polish.\n",
            "",
        ),
        (
            "        reason: You will use it for months rather than years, so a session's fee has little time "
            "to pay back.\n",
            "",
        ),
    )
    first = combination("LinkedIn, job board", "Few dozen", "Medium", "Months", "Neither")
    expected = (
        f"{place(project, 'kind: reasons')}: principle broken: with {first}, the result {LABEL['ai']} "
        f"shows no reason; expected: {SAYS[('reasons', 'None')]}"
    )
    assert expected in problems(project)


def test_a_route_no_answer_reaches_is_refused_at_the_outcome(tmp_path: Path) -> None:
    project = without_rule(tmp_path, "keep-recent")
    total = summarize(GUIDE).count
    line = place(project, "id: keep\n").rsplit(":", 1)[0]  # at the id's value, after "- id: "
    expected = (
        f"{line}:9: principle broken: outcome 'keep' is never reached by any of the "
        f"{total} combinations; expected: {SAYS[('reachable', 'None')]} (adjust weights, threshold or rules)"
    )
    found = problems(project)
    assert expected in found
    # the scenarios that claimed it are named too
    assert any("scenario 'date-this-weekend' claims 'keep'" in line for line in found)


def test_a_principle_missing_a_field_of_its_kind_is_a_content_error(tmp_path: Path) -> None:
    project = edited(
        tmp_path, ("  - kind: timing-only\n    timing: [budget, deadline]\n", "  - kind: timing-only\n")
    )
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    [message] = str(caught.value).splitlines()
    assert message.startswith(place(project, "kind: timing-only"))
    assert "an invariant of kind 'timing-only' needs 'timing'; expected: timing" in message


def test_a_principle_naming_an_unknown_question_is_a_content_error(tmp_path: Path) -> None:
    project = edited(tmp_path, ("    question: stakes\n", "    question: stakez\n"))
    with pytest.raises(ContentError) as caught:
        load_guide(project)
    [message] = str(caught.value).splitlines()
    line = place(project, "question: stakez").rsplit(":", 1)[0]  # the value starts after "question: "
    assert message.startswith(f"{line}:15: unknown question 'stakez' (did you mean 'stakes'?)")


def test_a_variant_with_the_wrong_outcome_is_named_with_its_scenario(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        answers: {visibility: few}\n        outcome: session\n",
            "        answers: {visibility: few}\n        outcome: ai\n",
        ),
        file="scenarios.yaml",
    )
    [message] = problems(project)
    text = (project / "content/scenarios.yaml").read_text(encoding="utf-8")
    line = text[: text.index("        outcome: ai\n", text.index("id: few-clients"))].count("\n") + 1
    assert message == (
        f"content/scenarios.yaml:{line}:18: scenario 'trusted-adviser/few-clients' claims 'ai' but its answers "
        "(platform=professional, visibility=few, stakes=high, lifespan=years, photo=recent, budget=ample, "
        "deadline=flexible) give 'session'; expected the claimed outcome"
    )


def test_every_situation_has_at_least_two_verified_variants() -> None:
    engine = Engine.of(GUIDE)
    for scenario in GUIDE.scenarios.scenarios:
        assert len(scenario.variants) >= 2, scenario.id
        for variant in scenario.variants:
            assert engine.outcome(scenario.variant_answers(variant))[0] == variant.outcome, variant.id


def test_the_scenarios_asked_for_get_their_routes() -> None:
    engine = Engine.of(GUIDE)
    claims = {s.id: engine.outcome(s.answers)[0] for s in GUIDE.scenarios.scenarios}
    assert claims["graduate"] == "free"  # a graduate with a free career-center day
    assert claims["date-this-weekend"] == "keep"  # a date this weekend
    assert claims["new-role-this-week"] == "keep-then-session"  # a new executive announced this week
    assert not engine.generated(claims["new-role-this-week"])


def test_check_refuses_a_broken_principle_without_a_traceback(tmp_path: Path) -> None:
    project = edited(
        tmp_path,
        (
            "        label: High. Trust or authority depends on it\n        weight: 7",
            "        label: High. Trust or authority depends on it\n        weight: 2",
        ),
    )
    result = run_cli("--root", str(project), "check")
    first = combination("LinkedIn, job board", "Few dozen", "High", "Weeks", "Neither")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"{place(project, 'kind: photograph-only')}: principle broken: with {first}, the result is"
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

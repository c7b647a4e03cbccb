"""The reference decision engine and the build-time verification of the whole answer space."""

from __future__ import annotations

import pytest
from helpers import ROOT

from generator import ContentError
from generator.content import load_guide
from generator.decision import Engine, verify

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
OUTCOMES = [o.id for o in GUIDE.decision.outcomes]
QUESTIONS = GUIDE.decision.questions


def scenario(scenario_id: str) -> dict[str, str]:
    return dict(next(s for s in GUIDE.scenarios.scenarios if s.id == scenario_id).answers)


def test_every_scenario_gets_its_claimed_outcome() -> None:
    for s in GUIDE.scenarios.scenarios:
        assert ENGINE.decide(s.answers).outcome == s.outcome, s.id


def test_the_answer_space_is_complete_and_every_outcome_is_reachable() -> None:
    combinations = list(ENGINE.combinations())
    expected = 1
    for q in QUESTIONS:
        expected *= len(q.options)
    assert len(combinations) == expected == verify(GUIDE)
    assert {ENGINE.outcome(a)[0] for a in combinations} == set(OUTCOMES)


def test_every_route_declares_what_the_reader_publishes() -> None:
    pictures = {o.id: o.picture for o in GUIDE.comparison.options}
    assert pictures == {
        "keep": "photograph",
        "free": "photograph",
        "express": "photograph",
        "session": "photograph",
        "ai": "generated",
    }
    assert ENGINE.pictures("free-then-session") == {"photograph"}
    assert ENGINE.generated("ai") and not ENGINE.generated("keep-then-session")


def test_executive_result_explains_itself() -> None:
    result = ENGINE.decide(scenario("executive"))
    assert result.outcome == "session" and result.rule is None
    # budget, deadline and the photo you have carry no points, so they are never among the reasons
    assert [r.question for r in result.reasons] == ["stakes", "platform", "visibility", "lifespan"]
    assert result.margin == 13
    # a few days' deadline turns it into the recent photo now and a session later
    flips = [(f.question, f.option, f.outcome) for f in result.flips]
    assert ("deadline", "days", "keep-then-session") in flips
    assert result.advice == ()


def test_a_plan_leads_with_the_rule_that_made_it_and_its_source() -> None:
    result = ENGINE.decide(scenario("new-role-this-week"))
    assert (result.outcome, result.base, result.rule) == ("keep-then-session", "session", "too-soon-recent")
    assert result.reasons[0].rule == "too-soon-recent"
    assert result.reasons[0].source == "lead-time-britton"
    assert "cannot be ready in days" in result.reasons[0].text


def test_a_generated_image_for_hiring_comes_with_the_disclosure_advice() -> None:
    result = ENGINE.decide(scenario("job-seeker"))
    assert result.outcome == "ai"
    assert [a.id for a in result.advice] == ["disclose-for-hiring", "check-the-likeness"]
    # the same answers for a social profile: still generated, but no hiring advice
    social = ENGINE.decide({**scenario("job-seeker"), "platform": "social"})
    assert social.outcome == "ai" and [a.id for a in social.advice] == ["check-the-likeness"]


def test_neutral_answers_below_the_threshold_still_give_reasons() -> None:
    # every framework answer carries 0 points: the reasons are the answers that ask nothing more
    answers = {**scenario("job-seeker"), "visibility": "few"}
    result = ENGINE.decide(answers)
    assert result.margin == 0 and result.outcome == "ai"
    assert [r.question for r in result.reasons] == ["visibility", "stakes", "lifespan"]
    assert all(r.weight == 0 and r.text for r in result.reasons)


def test_costs_over_the_photo_life() -> None:
    costs = {c.outcome: c for c in ENGINE.decide(scenario("executive")).costs}
    # years = 36 months; a headshot lasts 2–3 years: one purchase at the low end, two at the high end
    assert [(p.option, p.times) for p in costs["session"].parts] == [("session", (1, 2))]
    assert (costs["session"].low, costs["session"].high, costs["session"].open_ended) == (150, 1200, True)
    assert (costs["ai"].low, costs["ai"].high) == (20, 160)
    assert (costs["express"].low, costs["express"].high) == (150, 420)
    # the free routes cost nothing, and a plan's first photo bridges the wait once
    assert (costs["keep"].low, costs["keep"].high) == (costs["free"].low, costs["free"].high) == (0, 0)
    plan = costs["keep-then-session"]
    assert [(p.option, p.times) for p in plan.parts] == [("keep", (1, 1)), ("session", (1, 2))]
    assert (plan.low, plan.high) == (150, 1200)


def test_a_short_life_is_one_purchase_at_both_ends() -> None:
    cost = ENGINE.cost("ai", {"lifespan": "weeks"})
    assert [(p.option, p.times) for p in cost.parts] == [("ai", (1, 1))]
    assert (cost.low, cost.high) == (20, 80)


def test_flips_are_exactly_the_single_changes_that_change_the_outcome() -> None:
    answers = scenario("job-seeker")
    result = ENGINE.decide(answers)
    flips = {(f.question, f.option) for f in result.flips}
    for q in QUESTIONS:
        for c in q.options:
            if c.id != answers[q.id]:
                changed = ENGINE.outcome({**answers, q.id: c.id})[0] != result.outcome
                assert ((q.id, c.id) in flips) == changed


COMBINATIONS = list(ENGINE.combinations())  # the whole answer space: a few thousand, checked in a second


@pytest.mark.parametrize(
    "question", sorted({i.question for i in GUIDE.decision.invariants if i.kind == "monotone"})
)
def test_raising_a_guarded_answer_never_moves_toward_a_generated_image(question: str) -> None:
    options = [c.id for c in ENGINE.questions[question].options]
    broken = []
    for answers in COMBINATIONS:
        before = ENGINE.generated(ENGINE.outcome(answers)[0])
        for higher in options[options.index(answers[question]) + 1 :]:
            if ENGINE.generated(ENGINE.outcome({**answers, question: higher})[0]) and not before:
                broken.append(f"{answers} with {question}={higher}")
    assert not broken, broken[:5]


def test_reasons_point_the_way_of_the_result() -> None:
    for answers in COMBINATIONS:
        result = ENGINE.decide(answers)
        sign = 1 if result.base == GUIDE.decision.positive else -1
        weights = [r.weight for r in result.reasons if r.rule is None]
        assert all(w * sign > 0 or (w == 0 and sign < 0) for w in weights), answers
        assert weights == sorted(weights, key=lambda w: -abs(w)), answers
        assert result.reasons and all(r.text for r in result.reasons), answers


def _with_decision(**changes: object):
    guide = load_guide(ROOT)
    guide.decision = guide.decision.model_copy(update=changes)
    return guide


def test_verification_names_a_broken_invariant() -> None:
    d = GUIDE.decision
    stakes = next(q for q in d.questions if q.id == "stakes")
    flipped = stakes.model_copy(
        update={"options": [o.model_copy(update={"weight": -o.weight}) for o in stakes.options]}
    )
    guide = _with_decision(questions=[flipped if q.id == "stakes" else q for q in d.questions])
    with pytest.raises(ContentError) as caught:
        verify(guide)
    text = str(caught.value)
    assert "content/decision.yaml:" in text
    assert "principle broken: with Platform “LinkedIn, job board”, Visibility" in text
    assert "changing Stakes to" in text and "expected: Raising the stakes never moves" in text


def test_verification_names_an_unreachable_outcome_a_dead_rule_and_a_wrong_scenario() -> None:
    rules = GUIDE.decision.rules
    # the budget rule moved in front of the rule for a recent photo, which then never applies
    moved = [r for r in rules if r.id != "over-budget"]
    moved.insert(next(i for i, r in enumerate(moved) if r.id == "over-budget-recent"), rules[9])
    assert rules[9].id == "over-budget"
    guide = _with_decision(rules=moved[:-1])  # and without the last rule, express-soon
    with pytest.raises(ContentError) as caught:
        verify(guide)
    text = str(caught.value)
    assert "rule 'over-budget-recent' never applies" in text
    assert "scenario 'new-role-this-week/three-weeks-away' claims 'express' but its answers" in text
    assert "content/scenarios.yaml:" in text
    guide = _with_decision(rules=[r for r in rules if r.id != "keep-recent"])
    with pytest.raises(ContentError) as caught:
        verify(guide)
    assert f"outcome 'keep' is never reached by any of the {len(COMBINATIONS)} combinations" in str(
        caught.value
    )

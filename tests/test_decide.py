"""The reference decision engine and the build-time verification of the whole answer space."""

from __future__ import annotations

import pytest
from helpers import ROOT

from generator.decide import Engine
from generator.errors import ContentError
from generator.guide import load_guide
from generator.verify import verify

GUIDE = load_guide(ROOT)
ENGINE = Engine.of(GUIDE)
RANK = {o.id: o.rank for o in GUIDE.decision.outcomes}
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
    assert {ENGINE.outcome(a)[0] for a in combinations} == set(RANK)


def test_executive_result_explains_itself() -> None:
    result = ENGINE.decide(scenario("executive"))
    assert result.outcome == "photographer" and result.rule is None
    # budget and deadline carry no points, so they are never among the reasons
    assert [r.question for r in result.reasons] == ["stakes", "platform", "visibility", "lifespan"]
    assert result.scores == {"photographer": 13, "ai": 0}
    # a few days' deadline turns it into a hybrid, and that is one of the listed flips
    assert ("deadline", "days", "hybrid") in [(f.question, f.option, f.outcome) for f in result.flips]


def test_hybrid_leads_with_the_rule_that_made_it() -> None:
    result = ENGINE.decide(scenario("new-role-this-week"))
    assert result.outcome == "hybrid" and result.base == "photographer" and result.rule == "too-soon"
    assert result.reasons[0].rule == "too-soon"
    assert "few days" in result.reasons[0].text


def test_costs_over_the_photo_life() -> None:
    costs = {c.outcome: c for c in ENGINE.decide(scenario("executive")).costs}
    # years = 36 months: an AI set every 6 months (6 ×), a session every 36 months (1 ×)
    assert (costs["ai"].low, costs["ai"].high, costs["ai"].open_ended) == (120, 480, False)
    assert (costs["photographer"].low, costs["photographer"].high, costs["photographer"].open_ended) == (
        150,
        600,
        True,
    )
    # hybrid: one AI set now, then the photographer for the whole life
    assert [(p.option, p.times) for p in costs["hybrid"].parts] == [("ai", 1), ("photographer", 1)]
    assert (costs["hybrid"].low, costs["hybrid"].high) == (170, 680)


def test_flips_are_exactly_the_single_changes_that_change_the_outcome() -> None:
    answers = scenario("job-seeker")
    result = ENGINE.decide(answers)
    flips = {(f.question, f.option) for f in result.flips}
    for q in QUESTIONS:
        for c in q.options:
            if c.id != answers[q.id]:
                changed = ENGINE.outcome({**answers, q.id: c.id})[0] != result.outcome
                assert ((q.id, c.id) in flips) == changed


COMBINATIONS = list(
    ENGINE.combinations()
)  # the whole answer space: checking all of it takes well under a second


@pytest.mark.parametrize(
    "question", sorted({i.question for i in GUIDE.decision.invariants if i.kind == "monotone"})
)
def test_raising_a_guarded_answer_never_moves_towards_ai(question: str) -> None:
    options = [c.id for c in ENGINE.questions[question].options]
    broken = []
    for answers in COMBINATIONS:
        before = RANK[ENGINE.outcome(answers)[0]]
        for higher in options[options.index(answers[question]) + 1 :]:
            if RANK[ENGINE.outcome({**answers, question: higher})[0]] < before:
                broken.append(f"{answers} with {question}={higher}")
    assert not broken, broken[:5]


def test_reasons_point_the_way_of_the_result() -> None:
    for answers in COMBINATIONS:
        result = ENGINE.decide(answers)
        sign = 1 if result.base == GUIDE.decision.positive else -1
        weights = [r.weight for r in result.reasons if r.rule is None]
        assert all(w * sign > 0 for w in weights), answers
        assert weights == sorted(weights, key=lambda w: -abs(w)), answers
        assert all(r.text for r in result.reasons), answers


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


def test_verification_names_an_unreachable_outcome_and_a_wrong_scenario() -> None:
    guide = _with_decision(rules=[])
    with pytest.raises(ContentError) as caught:
        verify(guide)
    text = str(caught.value)
    assert f"outcome 'hybrid' is never reached by any of the {len(COMBINATIONS)} combinations" in text
    assert "scenario 'new-role-this-week' claims 'hybrid' but its answers" in text
    assert "content/scenarios.yaml:" in text

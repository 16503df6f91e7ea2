"""The result in words: matching history reads as matching history, each issue against history's value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.analysis.verdict import verdict
from game.engine.rules import Rules, score
from game.engine.state import Ending, GameState
from game.scenario.preferences import Package, Side, Space

from .conftest import ROOT, rules_for


@pytest.fixture(scope="module")
def rules() -> Rules:
    return rules_for(ROOT / "scenarios" / "april-1990.yaml")


def history(rules: Rules) -> Package:
    assert rules.scenario.historical is not None
    return Space.of(rules.scenario).package(rules.scenario.historical.package)


def ended(rules: Rules, package: Package | None, ending: Ending) -> GameState:
    state = rules.initial(1)
    if package is None:
        return replace(state, ending=ending)
    scores = tuple(
        score(rules.preferences(state, s).utility(package), rules.preferences(state, s).no_deal) for s in Side
    )
    if ending is not Ending.RATIFIED:
        scores = (0.0, 0.0)
    return replace(state, ending=ending, agreement=package, scores=scores)  # type: ignore[arg-type]


@pytest.mark.parametrize("side", list(Side))
def test_the_historical_package_reads_as_matching_history(rules: Rules, side: Side) -> None:
    words = verdict(rules.scenario, ended(rules, history(rules), Ending.RATIFIED), side)
    assert "You matched history." in words.headline
    assert words.history_score is not None and abs(words.score - words.history_score) < 0.01
    assert all("as " in line and "in 1990" in line for line in words.issues)
    assert words.better == ()


def test_an_issue_beyond_history_is_a_gain_for_one_side_and_a_concession_for_the_other(rules: Rules) -> None:
    space = Space.of(rules.scenario)
    i = space.ids.index("slcm_limit")
    past = history(rules)
    more = past.with_level(i, len(space.domains[i]) - 1)  # the highest ceiling: what the US asked for
    state = ended(rules, more, Ending.RATIFIED)
    us, ussr = verdict(rules.scenario, state, Side.US), verdict(rules.scenario, state, Side.USSR)
    assert "you did better than James Baker" in us.issues[i]
    assert "you gave more than Viktor Karpov did" in ussr.issues[i] and "880 missiles" in ussr.issues[i]
    assert "You did better than history" in us.headline and "History did better" in ussr.headline
    assert any("SLCM numerical limit at 880 missiles" in line for line in ussr.better)
    assert not any("SLCM numerical limit" in line for line in us.better)
    other = [k for k in range(len(space.ids)) if k != i]
    assert all("in 1990" in us.issues[k] and "you did better" not in us.issues[k] for k in other)


def test_no_agreement_and_an_unratified_one_say_so(rules: Rules) -> None:
    none = verdict(rules.scenario, ended(rules, None, Ending.WALKOUT), Side.US)
    assert none.headline.startswith("No agreement") and "scores" in none.headline
    assert all("no agreement; in 1990 it was settled at" in line for line in none.issues)
    state = ended(rules, history(rules), Ending.NOT_RATIFIED)
    state = replace(state, ratification=())
    unratified = verdict(rules.scenario, state, Side.USSR)
    assert unratified.headline.startswith("You signed, but") and "matched" not in unratified.headline


def test_the_historical_package_reads_well_in_russian() -> None:
    """'вы удержали изучить меры позже' put a position's words where Russian wants a noun: a position held is
    now quoted as one ('вы удержали позицию «изучить меры позже»')."""
    from game.i18n import set_language
    from game.scenario.loader import load_scenario

    set_language("ru")
    try:
        rules = Rules(load_scenario(str(ROOT / "scenarios" / "april-1990.yaml"))[0])  # its texts in Russian
        words = verdict(rules.scenario, ended(rules, history(rules), Ending.RATIFIED), Side.US)
        held = [line for line in words.issues if "удержали" in line]
        assert held and all("удержали позицию «" in line for line in held), held
        assert any("изучить меры позже" in line for line in held), held
    finally:
        set_language("en")


@pytest.mark.parametrize(("mine", "past", "said"), [(33.4, 37.6, "History did better, by 5 points."),
                                                   (37.6, 33.4, "You did better than history, by 5 points."),
                                                   (33.4, 36.5, "History did better, by 3 points.")])  # fmt: skip
def test_the_gap_is_the_difference_of_the_scores_as_printed(rules: Rules, mine: float, past: float, said: str) -> None:
    """The debrief read "33/100 ... history 38/100 ... History did better, by 4 points": 37.6 - 33.4 rounded."""
    from game.analysis.verdict import _headline

    state = ended(rules, history(rules), Ending.RATIFIED)
    text = _headline(state, Side.US, mine, past, rules.side_model(Side.US), "1990")
    assert f"{mine:.0f}/100" in text and f"{past:.0f}/100" in text
    assert text.endswith(said), text

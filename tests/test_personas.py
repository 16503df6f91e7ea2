"""Personas after a take-over from the historical replay: they go on from the record's position."""

from __future__ import annotations

import pytest

from game.agents.registry import make
from game.match import Match
from game.record.historical import load_beats, take_over
from game.scenario.preferences import Side

from .conftest import SHIPPED, rules_for

APRIL = next(p for p in SHIPPED if p.stem == "april-1990")
FIRST_STEP = 0.03
"""The most the persona gives up (in its own utility) in its first proposal after the take-over."""
JUMP = 0.5
"""The most one issue's value (0-1) may change from one of its proposals to the next."""


@pytest.mark.parametrize("k", [0, 1, 5, 12, 20, 35])
@pytest.mark.parametrize("player", ["ai:hard", "ai:boulware", "ai:conceder"])
def test_historical_karpov_goes_on_from_the_record_a_little_at_a_time(k: int, player: str) -> None:
    """Karpov neither hardens past the record's position on any issue nor gives an issue away at once:
    every proposal after the take-over is no better for the USSR than his standing offer on each
    issue, the first costs him little, no issue moves more than half its scale from one proposal to
    the next, and ALCM range stays at 600 km."""
    rules = rules_for(APRIL)
    beats = load_beats("april-1990", rules.scenario)
    start = take_over(rules, beats, min(k, len(beats)), 0, Side.US)
    assert start.opponent == "persona:historical-karpov"
    state = Match(rules, {Side.US: make(player), Side.USSR: make(start.opponent)}, 0, state=start.state).play()
    prefs = rules.preferences(state, Side.USSR)
    before = len(start.state.offer_history[1])
    offers = state.offer_history[1]
    standing = offers[before - 1] if before else offers[0]
    alcm = rules.space.ids.index("alcm_range")
    six_hundred = rules.space.domains[alcm].index(600)
    assert prefs.utility(offers[before]) >= prefs.utility(standing) - FIRST_STEP, "collapsed after the take-over"
    previous = standing
    for offer in offers[before:]:
        for issue, level in enumerate(offer.levels):
            name = rules.space.ids[issue]
            value = prefs.issue_utility(issue, level)
            assert value <= prefs.issue_utility(issue, standing.levels[issue]) + 1e-9, f"hardened on {name}"
            assert abs(value - prefs.issue_utility(issue, previous.levels[issue])) <= JUMP + 1e-9, f"jumped on {name}"
        assert offer.levels[alcm] == six_hundred
        previous = offer

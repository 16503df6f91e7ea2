"""The one red-line rule, pinned at its edges for every kind of player, each side of each edge.

In tiny.yaml the USSR prefers a low ALCM range (600-1000 km, levels 0-4) with its red line at 900 km
(level 3): 900 is as far as it may go, 1000 is beyond.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.agents.registry import make
from game.engine import Accept, DeclareRedLine, Ending, Propose, Rules
from game.engine.moves import Forfeit, Move
from game.engine.observation import Observation
from game.engine.rules import AUDIENCE_COST_SUPPORT, AUDIENCE_COST_TRUST
from game.engine.state import GameState
from game.errors import IllegalMoveError
from game.match import Match
from game.scenario.preferences import Package, Side
from game.session import PERSON, Session, Setup

from .conftest import TINY

AT_LINE, BEYOND = 3, 4  # the USSR's red line on the range, and one step past it


def ussr_to_move(tiny: Rules, us_offer: Package | None = None) -> GameState:
    """The USSR opens (600 km), the US answers with `us_offer` (800 km): the USSR to move."""
    state = tiny.apply(tiny.initial(1), Propose(Package((0, 1))))
    return tiny.apply(state, Propose(us_offer or Package((2, 0))))


# ----- the brief's red line: proposing and accepting, in the engine --------------------------------


def test_a_proposal_at_the_red_line_is_legal_and_one_step_beyond_is_not(tiny: Rules) -> None:
    state = ussr_to_move(tiny)
    assert tiny.apply(state, Propose(Package((AT_LINE, 1)))).offers[Side.USSR.index] == Package((AT_LINE, 1))
    with pytest.raises(IllegalMoveError, match="beyond your red line of 900 km"):
        tiny.apply(state, Propose(Package((BEYOND, 1))))


def test_accepting_a_package_at_the_red_line_is_legal_and_beyond_it_is_not(tiny: Rules) -> None:
    at = tiny.apply(ussr_to_move(tiny, Package((AT_LINE, 0))), Accept())
    assert at.agreement == Package((AT_LINE, 0))
    with pytest.raises(IllegalMoveError, match="may not accept ALCM range threshold 1000 km"):
        tiny.apply(ussr_to_move(tiny, Package((BEYOND, 0))), Accept())


def test_an_event_that_moves_a_red_line_moves_the_rule(tiny: Rules) -> None:
    state = ussr_to_move(tiny)
    tighter = replace(state, red_lines=(state.red_lines[0], (2, *state.red_lines[1][1:])))
    tiny.apply(tighter, Propose(Package((2, 1))))
    with pytest.raises(IllegalMoveError, match="red line of 800 km"):
        tiny.apply(tighter, Propose(Package((AT_LINE, 1))))


# ----- every kind of player meets the same rule ----------------------------------------------------


class Beyond:
    """An in-process agent (the way a scripted or built-in AI plays) that proposes past its red line."""

    def __init__(self, level: int) -> None:
        self.level = level

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        pass

    def act(self, obs: Observation) -> Move:
        return Propose(Package((self.level, 1)))


PLUGIN = """
from game.engine.moves import Propose
from game.scenario.preferences import Package


class Beyond:
    def reset(self, side, rng):
        pass

    def act(self, obs):
        return Propose(Package(({level}, 1)))
"""


def ussr_first_move(tiny: Rules, agent: object) -> Move:
    match = Match(tiny, {Side.US: make("ai:boulware"), Side.USSR: agent}, 1, time_budget=10.0)  # type: ignore[dict-item]
    try:
        return match.decide()
    finally:
        match.close()


@pytest.mark.parametrize("kind", ["in-process", "plug-in"])
def test_an_agent_of_any_kind_forfeits_past_its_red_line_and_plays_at_it(
    tiny: Rules, kind: str, tmp_path: Path
) -> None:
    moves = {}
    for level in (AT_LINE, BEYOND):
        if kind == "plug-in":
            path = tmp_path / f"beyond{level}.py"
            path.write_text(PLUGIN.replace("{level}", str(level)))
            agent: object = make(f"py:{path}:Beyond")
        else:
            agent = Beyond(level)
        moves[level] = ussr_first_move(tiny, agent)
    assert moves[AT_LINE] == Propose(Package((AT_LINE, 1)))
    assert isinstance(moves[BEYOND], Forfeit) and "beyond your red line of 900 km" in moves[BEYOND].reason


def test_a_person_is_refused_past_the_red_line_and_nothing_changes(tmp_path: Path) -> None:
    session = Session(Setup(str(TINY), {Side.US: "ai:boulware", Side.USSR: PERSON}, 1), folder=tmp_path)
    before = session.state
    with pytest.raises(IllegalMoveError, match="beyond your red line"):
        session.submit(Propose(Package((BEYOND, 1))))
    assert session.state is before
    session.submit(Propose(Package((AT_LINE, 1))))
    assert session.state.offers[Side.USSR.index] == Package((AT_LINE, 1))


def test_the_random_agent_keeps_to_the_rule_in_every_game(tiny: Rules) -> None:
    for seed in range(20):
        state = Match(tiny, {Side.US: make("ai:random"), Side.USSR: make("ai:random")}, seed).play()
        assert not any(isinstance(m, Forfeit) for m in state.moves), seed


# ----- declared red lines ---------------------------------------------------------------------------


def test_a_red_line_declared_exactly_at_ones_own_offer_is_legal_and_one_step_tighter_is_not(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), Propose(Package((1, 1))))  # USSR: 700 km
    state = tiny.apply(state, Propose(Package((4, 0))))
    declared = tiny.apply(state, DeclareRedLine(0, 1))  # exactly its own offer
    assert declared.declared[Side.USSR.index] == ((0, 1),)
    with pytest.raises(IllegalMoveError, match="already goes beyond"):
        tiny.apply(state, DeclareRedLine(0, 0))  # 600 km: its own 700 km offer is past it


def test_accepting_past_a_declared_red_line_charges_the_audience_cost_and_at_it_does_not(tiny: Rules) -> None:
    def after_accepting(us_range: int) -> tuple[GameState, GameState]:
        state = tiny.apply(tiny.initial(1), Propose(Package((1, 1))))  # USSR: 700 km
        state = tiny.apply(state, Propose(Package((4, 0))))
        state = tiny.apply(state, DeclareRedLine(0, 1))  # USSR: not beyond 700 km
        state = tiny.apply(state, Propose(Package((us_range, 0))))
        return state, tiny.apply(state, Accept())

    before, at = after_accepting(1)
    assert at.support_shift == before.support_shift and at.trust == before.trust
    assert not any(e.label == "audience cost" for e in at.log)
    before, past = after_accepting(2)  # 800 km: within its brief (900) but past its word (700)
    assert past.support_shift[Side.USSR.index] == pytest.approx(
        before.support_shift[Side.USSR.index] - AUDIENCE_COST_SUPPORT
    )
    assert past.trust[Side.US.index] == pytest.approx(before.trust[Side.US.index] - AUDIENCE_COST_TRUST)
    assert past.declared[Side.USSR.index] == ()
    assert [e.side for e in past.log if e.label == "audience cost"] == [Side.USSR]


# ----- ratification: both chambers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("us_shift", "ussr_shift", "ending"),
    [
        (1.0, 1.0, Ending.RATIFIED),
        (1.0, -1.0, Ending.NOT_RATIFIED),
        (-1.0, 1.0, Ending.NOT_RATIFIED),
        (-1.0, -1.0, Ending.NOT_RATIFIED),
    ],
)
def test_an_agreement_is_ratified_only_if_both_chambers_ratify(
    tiny: Rules, us_shift: float, ussr_shift: float, ending: Ending
) -> None:
    state = replace(ussr_to_move(tiny, Package((2, 0))), support_shift=(us_shift, ussr_shift))
    state = tiny.apply(state, Accept())
    assert [v.passed for v in state.ratification] == [us_shift > 0, ussr_shift > 0]
    assert state.ending is ending
    assert (state.scores == (0.0, 0.0)) is (ending is not Ending.RATIFIED)

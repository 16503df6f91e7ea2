from __future__ import annotations

import pytest

from game.engine import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    Ending,
    EntryKind,
    Propose,
    Rules,
    TableArgument,
    WalkOut,
)
from game.engine.rules import AUDIENCE_COST_SUPPORT, AUDIENCE_COST_TRUST
from game.errors import IllegalMoveError
from game.scenario.preferences import Package, Side


def test_the_scenario_decides_who_opens(tiny: Rules) -> None:
    state = tiny.initial(1)
    assert state.to_move is Side.USSR
    assert tiny.relative_time(state) == 0.0


def test_accept_needs_a_standing_offer(tiny: Rules) -> None:
    with pytest.raises(IllegalMoveError, match="no package"):
        tiny.apply(tiny.initial(1), Accept())


@pytest.mark.parametrize(
    "move",
    [Propose(Package((0,))), Propose(Package((0, 9))), Propose(Package((-1, 0))), DeclareRedLine(5, 0)],
)
def test_malformed_proposals_and_declarations_are_illegal(tiny: Rules, move: object) -> None:
    with pytest.raises(IllegalMoveError):
        tiny.apply(tiny.initial(1), move)  # type: ignore[arg-type]


def test_arguments_belong_to_one_side(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), Propose(Package((0, 1))))  # USSR opens; now the US moves
    with pytest.raises(IllegalMoveError, match="other delegation"):
        tiny.apply(state, TableArgument("salt2"))
    with pytest.raises(IllegalMoveError, match="no argument"):
        tiny.apply(state, TableArgument("nonesuch"))


def test_argument_makes_the_other_side_flexible_with_diminishing_returns(tiny: Rules) -> None:
    state = tiny.initial(1)
    once = tiny.apply(state, TableArgument("salt2"))
    state = tiny.apply(once, Propose(Package((4, 0))))
    twice = tiny.apply(state, TableArgument("salt2"))
    first = once.flexibility[Side.US.index][0]
    second = twice.flexibility[Side.US.index][0] - first
    assert first > 0 and 0 < second < first
    assert once.flexibility[Side.USSR.index] == (0.0, 0.0)


def test_accepting_ends_with_ratification_and_scores(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(3), Propose(Package((2, 0))))
    state = tiny.apply(state, Accept())
    assert state.ending in (Ending.RATIFIED, Ending.NOT_RATIFIED)
    assert state.agreement == Package((2, 0))
    assert [r.side for r in state.ratification] == [Side.US, Side.USSR]
    if state.ending is Ending.RATIFIED:
        assert all(0 <= s <= 100 for s in state.scores)
    else:
        assert state.scores == (0.0, 0.0)
    with pytest.raises(IllegalMoveError, match="over"):
        tiny.apply(state, Propose(Package((0, 0))))


def test_ratification_is_seeded(tiny: Rules) -> None:
    def play(seed: int) -> tuple[object, ...]:
        state = tiny.apply(tiny.initial(seed), Propose(Package((2, 0))))
        return tiny.apply(state, Accept()).ratification

    assert play(11) == play(11)


def test_walk_out_ends_with_no_deal(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), WalkOut())
    assert state.ending is Ending.WALKOUT and state.ended_by is Side.USSR
    assert state.utilities == (0.2, 0.2) and state.scores == (0.0, 0.0)


def test_the_calendar_runs_out_at_the_deadline(tiny: Rules) -> None:
    state = tiny.initial(1)
    state = tiny.apply(state, Adjourn())
    assert state.meeting == 1 and state.to_move is Side.USSR and state.used == 0
    assert "blockade" in state.fired  # the second meeting's event
    state = tiny.apply(state, Adjourn())
    assert state.ending is Ending.DEADLINE
    assert tiny.relative_time(state) == 1.0


def test_consulting_costs_time_and_brings_instructions(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), Propose(Package((0, 1))))
    state = tiny.apply(state, ConsultCapital())
    assert state.used == 1 + tiny.scenario.calendar.consult_cost
    assert "instructions" in state.fired
    assert state.red_lines[Side.US.index][0] == 1  # 700 km
    private = [e for e in state.log if e.kind is EntryKind.INSTRUCTIONS]
    assert private and private[0].private_to is Side.US
    assert not any(e.kind is EntryKind.INSTRUCTIONS for e in tiny.observe(state, Side.USSR).history)


def test_backing_off_a_declared_red_line_costs_trust_and_support(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), Propose(Package((0, 1))))
    state = tiny.apply(state, DeclareRedLine(0, 3))  # US: not below 900 km
    assert state.declared[Side.US.index] == ((0, 3),)
    state = tiny.apply(state, Propose(Package((1, 1))))
    before = state
    state = tiny.apply(state, Propose(Package((2, 0))))  # US: 800 km, below its line
    assert state.declared[Side.US.index] == ()
    assert state.support_shift[0] == pytest.approx(before.support_shift[0] - AUDIENCE_COST_SUPPORT)
    assert state.trust[1] == pytest.approx(before.trust[1] - AUDIENCE_COST_TRUST)


def test_a_red_line_cannot_be_declared_behind_ones_own_offer(tiny: Rules) -> None:
    state = tiny.apply(tiny.initial(1), Propose(Package((0, 1))))
    state = tiny.apply(state, Propose(Package((2, 0))))  # US 800 km
    state = tiny.apply(state, Propose(Package((0, 1))))
    with pytest.raises(IllegalMoveError, match="already goes beyond"):
        tiny.apply(state, DeclareRedLine(0, 3))


def test_observation_hides_the_other_brief(tiny: Rules) -> None:
    obs = tiny.observe(tiny.initial(1), Side.US)
    assert obs.brief.text == tiny.scenario.sides.us.brief
    text = repr(obs)
    assert tiny.scenario.sides.ussr.brief not in text
    assert "no_deal=0.2" in text  # its own
    assert not hasattr(obs, "rules") and not hasattr(obs, "state")


def test_same_seed_same_moves_same_game(tiny: Rules) -> None:
    moves = [Propose(Package((0, 1))), Propose(Package((3, 0))), TableArgument("salt2"), Accept()]

    def play(seed: int) -> object:
        state = tiny.initial(seed)
        for move in moves:
            state = tiny.apply(state, move)
        return state

    assert play(5) == play(5)


def test_an_agent_cannot_change_the_games_utilities_through_its_observation(tiny: Rules) -> None:
    import numpy as np

    obs = tiny.observe(tiny.initial(1), Side.US)
    with pytest.raises(ValueError):
        obs.preferences.weights.flags.writeable = True
    with pytest.raises(ValueError):
        obs.preferences.tables[0][0] = 1.0
    if obs.brief.domestic.weights is not None:
        obs.brief.domestic.weights.clear()
    assert tiny.side_model(Side.US).domestic == tiny.scenario.sides.us.domestic
    assert np.allclose(tiny.preferences(tiny.initial(1), Side.US).weights, obs.preferences.weights)

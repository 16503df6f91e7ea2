"""The instructor fires one of the scenario's events: a move like any other, through `Rules.apply`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.agents.registry import make
from game.engine import EntryKind, FireEvent, move_from_data, move_to_data
from game.engine.events import fire_now
from game.engine.rules import Rules
from game.errors import IllegalMoveError, MalformedMoveError
from game.match import Match
from game.record import save
from game.record.export import export_markdown
from game.record.scenario_copy import scenario_source
from game.scenario.preferences import Side

SCENARIO, COPY = scenario_source("april-1990")
RULES = Rules(SCENARIO)
LATE = "moscow-confirms-declarations"
"""Fires only when Moscow is consulted after a US argument: never at the start of a game."""


def test_an_event_fires_now_whatever_its_trigger_and_no_time_passes() -> None:
    start = RULES.initial(3)
    assert LATE not in start.fired
    state = RULES.apply(start, FireEvent(LATE))
    assert state.fired[-1] == LATE and state.moves == (FireEvent(LATE),)
    assert (state.turn, state.meeting, state.used, state.to_move) == (
        start.turn,
        start.meeting,
        start.used,
        start.to_move,
    )
    new = state.log[len(start.log) :]
    assert [e.kind for e in new] == [EntryKind.CHAIR, EntryKind.NEWS, EntryKind.INSTRUCTIONS]
    assert new[2].private_to is Side.USSR  # its instructions are the Soviet delegation's alone
    assert RULES.observe(state, Side.US).history == RULES.observe(start, Side.US).history + new[:2]
    assert RULES.observe(state, Side.USSR).brief.instructions[-1] == new[2].text


def test_an_event_enables_those_that_follow_it() -> None:
    state = RULES.initial(3)
    state = RULES.apply(state, FireEvent("moscow-ministerial-opens"))
    assert "moscow-ministerial-opens" in state.fired and "kremlin-meeting" not in state.fired  # that one needs time too
    state = RULES.apply(state, FireEvent("two-plus-four-opens"))
    assert state.fired[-2:] == ("two-plus-four-opens", "washington-instructions")


@pytest.mark.parametrize(("event", "why"), [("nope", "no event 'nope'"), ("lithuania-blockade", "already happened")])
def test_an_unknown_or_fired_event_is_refused_saying_why(event: str, why: str) -> None:
    state = RULES.initial(3)
    assert "lithuania-blockade" in state.fired  # dated on the first day
    with pytest.raises(IllegalMoveError, match=why):
        RULES.apply(state, FireEvent(event))
    with pytest.raises(IllegalMoveError, match=why):
        fire_now(RULES, state, event)


def test_a_fired_event_is_refused_once_the_talks_are_over() -> None:
    state = Match(RULES, {Side.US: make("ai:conceder"), Side.USSR: make("ai:conceder")}, 1).play()
    with pytest.raises(IllegalMoveError, match="over"):
        RULES.apply(state, FireEvent(LATE))


def test_its_plain_form_round_trips_and_garbage_is_malformed() -> None:
    assert move_to_data(FireEvent(LATE), RULES.space) == {"kind": "event", "event": LATE}
    assert move_from_data({"kind": "event", "event": LATE}, RULES.space) == FireEvent(LATE)
    for bad in ({"kind": "event"}, {"kind": "event", "event": ["x"]}):
        with pytest.raises(MalformedMoveError):
            move_from_data(bad, RULES.space)


def test_a_game_with_a_fired_event_saves_replays_and_exports(tmp_path: Path) -> None:
    match = Match(RULES, {Side.US: make("ai:linear"), Side.USSR: make("ai:conceder")}, 5)
    for _ in range(3):
        match.step()
    match.state = RULES.apply(match.state, FireEvent(LATE))
    state = match.play()
    assert state.over and LATE in state.fired
    path = tmp_path / "g.yaml"
    save.write(
        path, save.Record(save.new_header(SCENARIO, COPY, 5, {"us": "a", "ussr": "b"}), state.moves, COPY), RULES
    )
    assert '"move": {"kind": "event", "event": "moscow-confirms-declarations"}' in path.read_text()
    _, rules, loaded = save.load(path)
    assert loaded == state
    record = export_markdown(rules, loaded, save.load(path)[0].header)
    assert "The instructor brings in: Moscow confirms the February formula." in record


class Usurper:
    """An agent that tries to play the instructor."""

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        pass

    def act(self, obs: object) -> FireEvent:
        return FireEvent(LATE)


def test_an_agent_that_fires_an_event_forfeits() -> None:
    match = Match(RULES, {Side.US: Usurper(), Side.USSR: Usurper()}, 1)
    state = match.step()
    assert state.over and LATE not in state.fired and "only the instructor" in state.log[-1].text

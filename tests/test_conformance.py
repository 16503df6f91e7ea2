"""OpenSpiel-style conformance: random legal play over scenarios and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.agents.registry import make
from game.engine import move_from_data, move_to_data
from game.match import Match
from game.record import save
from game.scenario.preferences import Side

from .conftest import ALL_SCENARIOS, rules_for


@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=lambda p: p.stem)
def test_random_games_end_by_the_deadline_and_replay(path: Path, tmp_path: Path) -> None:
    rules = rules_for(path)
    for seed in range(25):
        match = Match(rules, {Side.US: make("ai:random"), Side.USSR: make("ai:random")}, seed)
        state = match.play()
        assert state.over
        assert state.elapsed <= rules.total_exchanges
        assert state.turn == len(state.moves) <= rules.total_exchanges
        replayed = rules.initial(seed)
        for move in state.moves:
            data = move_to_data(move, rules.space)
            assert move_from_data(data, rules.space) == move
            replayed = rules.apply(replayed, move)
        assert replayed == state
    copy = save.ScenarioCopy(path.read_text(encoding="utf-8"), path.name)
    header = save.new_header(rules.scenario, copy, 0, {"us": "ai:random", "ussr": "ai:random"})
    record = save.Record(header, state.moves, copy)
    assert save.to_text(record, rules) == save.to_text(record, rules)

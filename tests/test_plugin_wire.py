"""The plain form a plug-in's move travels in (`game.agents.plugin_wire`): every move of the game comes
back as itself, and nothing else comes back at all."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.agents.plugin_wire import MAX_TEXT, Malformed, Moved, move_from_wire, move_to_wire, parse_answer
from game.engine.moves import Accept, Adjourn, ConsultCapital, DeclareRedLine, Forfeit, Propose, TableArgument, WalkOut
from game.engine.rules import Rules
from game.scenario.preferences import Package

levels = st.integers(min_value=0, max_value=10**6)
moves = st.one_of(
    st.builds(Propose, st.builds(Package, st.lists(levels, max_size=40).map(tuple))),
    st.builds(DeclareRedLine, levels, levels),
    st.builds(TableArgument, st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=MAX_TEXT)),
    st.just(Accept()),
    st.just(ConsultCapital()),
    st.just(Adjourn()),
    st.just(WalkOut()),
)


def travel(move: object) -> object:
    wire = move_to_wire(move)
    assert wire is not None
    answer = parse_answer(json.dumps({"t": "move", "move": wire, "spent": 0.0}).encode())
    assert isinstance(answer, Moved)
    return move_from_wire(answer.move)


@given(moves)
def test_every_move_comes_back_as_itself(move: object) -> None:
    assert travel(move) == move


@pytest.mark.parametrize(
    "spoil",
    [
        lambda levels: Propose(Package((float(levels[0]), *levels[1:]))),
        lambda levels: Propose(Package((np.int64(levels[0]), *levels[1:]))),
        lambda levels: Propose(Package(list(levels))),
        lambda levels: Propose(Package(None)),
        lambda levels: Propose(levels),
        lambda levels: DeclareRedLine(0, float(levels[0])),
    ],
)
def test_a_malformed_move_comes_back_as_one_the_rules_refuse(
    tiny: Rules, spoil: Callable[[tuple[int, ...]], object]
) -> None:
    """Built on a package the rules accept, spoilt as a student might: it stays illegal."""
    state = tiny.initial(0)
    levels = tiny.observe(state, state.to_move).preferences.best.levels
    assert tiny.legal(state, Propose(Package(levels))) and tiny.legal(state, DeclareRedLine(0, levels[0]))
    assert not tiny.legal(state, travel(spoil(levels)))  # type: ignore[arg-type]


@pytest.mark.parametrize("thing", [None, "accept", 3, Forfeit, object(), (x for x in ())])
def test_what_is_not_a_move_does_not_travel(thing: object) -> None:
    assert move_to_wire(thing) is None


@pytest.mark.parametrize(
    "line",
    [
        b"not json",
        b'{"t": "move", "move": {"kind": "propose", "levels": "all"}, "spent": 0}',
        b'{"t": "move", "move": {"kind": "propose", "levels": [true]}, "spent": 0}',
        b'{"t": "move", "move": {"kind": "accept", "extra": 1}, "spent": 0}',
        b'{"t": "move", "move": {"kind": "argument", "argument": "' + b"x" * (MAX_TEXT + 1) + b'"}, "spent": 0}',
        b'{"t": "move", "move": {"kind": "accept"}, "spent": -1}',
        b'{"t": "move", "move": {"kind": "accept"}, "spent": NaN}',
        b'{"t": "move", "move": {"kind": "eval", "code": "1"}, "spent": 0}',
        b'{"t": "pickle", "data": "gASV"}',
    ],
)
def test_an_answer_outside_the_models_is_malformed(line: bytes) -> None:
    with pytest.raises(Malformed):
        parse_answer(line)

"""The game's requests to a plug-in's process (`game.agents.plugin_codec`): an observation of any shipped
scenario at any point of a game comes back as itself, every kind of move in its history too, a
generator draws the same numbers on the other side; and what is not one of those requests (a pickle
above all) is refused as malformed, never run."""

from __future__ import annotations

import ast
import dataclasses
import json
import pickle
import socket
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from game.agents import plugin_codec, plugin_wire
from game.agents.plugin_codec import Act, GeneratorState, Reset, act_request, read_request, reset_request
from game.agents.plugin_wire import MAX_REQUEST, Malformed, read_frame, write_frame
from game.agents.registry import close, make
from game.agents.sandbox import AgentFailure, SandboxedAgent, load_plugin
from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    FireEvent,
    Forfeit,
    Move,
    Propose,
    TableArgument,
    WalkOut,
)
from game.engine.observation import Observation
from game.engine.rules import Rules
from game.engine.state import EntryKind, LogEntry
from game.match import Match
from game.scenario.preferences import Package, Side

from .conftest import ROOT, SHIPPED, TINY, rules_for

WITH_EVENTS = ("moscow-may-1990", "washington-april-1990")


def same(a: object, b: object, where: str = "obs") -> None:
    """`a` and `b` hold the same values of the same types all the way down: a bool is not an int, a
    field left out of == (`LogEntry.speaker`, `Preferences` has no == at all) still counts."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray)
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), where
        assert not b.flags.writeable, f"{where}: an agent could change its utilities"
    elif dataclasses.is_dataclass(a) and not isinstance(a, type):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, BaseModel):
        assert isinstance(b, BaseModel)
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, tuple | list):
        assert isinstance(b, tuple | list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def travel(obs: Observation) -> Observation:
    request = read_request(act_request(obs))
    assert isinstance(request, Act)
    return request.obs


def what_an_agent_uses(obs: Observation, back: Observation) -> None:
    """Everything an agent computes from an observation comes out the same."""
    same(obs, back)
    prefs, space = obs.preferences, obs.space
    assert back.preferences.best == prefs.best and back.can_accept == obs.can_accept
    packages = {prefs.best, back.preferences.opening, *obs.my_offers, *obs.their_offers}
    packages |= {Package(tuple(len(d) - 1 for d in space.domains)), Package((0,) * len(space.ids))}
    for package in packages:
        assert back.utility(package) == obs.utility(package)
        assert back.support(package) == obs.support(package)
        assert back.preferences.within_red_lines(package) == prefs.within_red_lines(package)
        assert back.space.describe(package) == space.describe(package)
        assert back.space.describe(package, full=True) == space.describe(package, full=True)
        assert back.space.values(package) == space.values(package)
    for entry, returned in zip(obs.history, back.history, strict=True):
        assert returned == entry and returned.speaker == entry.speaker and type(returned.move) is type(entry.move)


def scripted(obs: Observation, rules: Rules, state: Any) -> Move:
    """A move that goes through what an observation can carry: arguments tabled, red lines declared,
    consultations, adjournments and proposals, each only where it is legal."""
    prefs = obs.preferences
    rota: list[Move] = []
    untabled = [a for a in obs.my_arguments if a not in obs.tabled]
    if obs.turn % 5 == 0 and untabled:
        rota.append(TableArgument(untabled[0]))
    if obs.turn % 5 == 1:
        issue = obs.turn % len(obs.space.ids)
        rota.append(DeclareRedLine(issue, prefs.red_lines[issue]))
    if obs.turn % 7 == 2:
        rota.append(ConsultCapital())
    if obs.turn % 11 == 3 and obs.meeting < len(obs.public.meetings) - 1:  # the last one ends with a move
        rota.append(Adjourn())
    # a proposal that comes down from the best package towards the red lines as the game goes on
    levels = tuple(
        red if obs.turn % (i + 2) == 0 else best
        for i, (best, red) in enumerate(zip(prefs.best.levels, prefs.red_lines, strict=True))
    )
    rota += [Propose(Package(levels)), Propose(prefs.best), WalkOut()]
    return next(move for move in rota if rules.legal(state, move))


def within_both(rules: Rules, state: Any) -> Package | None:
    """A package within both sides' red lines now, if there is one."""
    both = [rules.preferences(state, side) for side in Side]
    levels = []
    for issue, domain in enumerate(rules.space.domains):
        fits = [k for k in range(len(domain)) if all(p.acceptable_level(issue, k) for p in both)]
        if not fits:
            return None
        levels.append(fits[0])
    return Package(tuple(levels))


def observations(rules: Rules, seed: int = 3) -> list[Observation]:
    """What each side saw at every turn of a scripted game, and at its end: near the last exchange, a
    package both may accept is proposed and accepted where there is one, else a side walks out."""
    state = rules.initial(seed)
    seen = []
    while not state.over:
        seen += [rules.observe(state, side) for side in Side]
        obs = rules.observe(state, state.to_move)
        move = scripted(obs, rules, state)
        if obs.meeting == len(obs.public.meetings) - 1 and obs.exchanges_left <= 4:
            deal = within_both(rules, state)
            if rules.legal(state, Accept()):
                move = Accept()
            elif deal is not None and obs.my_offer != deal and rules.legal(state, Propose(deal)):
                move = Propose(deal)
            elif obs.exchanges_left <= 2:
                move = WalkOut()
        state = rules.apply(state, move)
    return [*seen, *(rules.observe(state, side) for side in Side)]


@pytest.mark.parametrize("path", [TINY, *SHIPPED], ids=lambda p: Path(p).stem)
def test_every_observation_of_a_game_comes_back_as_itself(path: Path) -> None:
    seen = observations(rules_for(path))
    for obs in seen:
        what_an_agent_uses(obs, travel(obs))
    last = seen[-1]
    kinds = {type(e.move) for o in seen for e in o.history}
    assert {Propose, DeclareRedLine, ConsultCapital, Adjourn} <= kinds, "the script went through too little"
    assert Accept in kinds, "the script reached no agreement"
    assert any(o.declared_mine for o in seen) and any(o.declared_theirs for o in seen)
    if last.public.arguments:
        assert any(o.tabled for o in seen) and TableArgument in kinds
    if Path(path).stem in WITH_EVENTS:
        assert any(e.kind is EntryKind.NEWS and e.label for e in last.history), "no event fired"
        assert any(o.brief.instructions for o in seen) or any(o.support_shift for o in seen)


def test_every_kind_of_move_in_the_history_comes_back_as_itself(tiny: Rules) -> None:
    state = tiny.initial(0)
    obs = tiny.observe(state, Side.US)
    moves: list[Move | None] = [
        Propose(obs.preferences.best),
        Accept(),
        DeclareRedLine(1, 2),
        TableArgument("salt2"),
        ConsultCapital(),
        Adjourn(),
        WalkOut(),
        Forfeit("its agent took 3.00 s"),
        FireEvent("summit"),
        None,
    ]
    history = tuple(LogEntry(i, 0, EntryKind.MOVE, f"move {i}", Side.US, move, "Baker") for i, move in enumerate(moves))
    obs = dataclasses.replace(obs, history=history)
    back = travel(obs)
    same(obs, back)
    assert [e.move for e in back.history] == moves


@pytest.mark.parametrize(
    "bits", [np.random.PCG64, np.random.PCG64DXSM, np.random.MT19937, np.random.Philox, np.random.SFC64]
)
def test_the_generator_draws_the_same_numbers_on_the_other_side(bits: type[np.random.BitGenerator]) -> None:
    rng = np.random.Generator(bits(20250420))
    rng.random(5)  # part-way through, and with a 32-bit half kept for the next draw
    rng.integers(0, 2**31, dtype=np.int32)
    request = read_request(reset_request(Side.USSR, rng))
    assert isinstance(request, Reset) and request.side is Side.USSR
    copy = request.rng.generator()
    assert type(copy.bit_generator) is bits
    assert (
        copy.integers(0, 2**31, size=3, dtype=np.int32).tolist()
        == rng.integers(0, 2**31, size=3, dtype=np.int32).tolist()
    )
    assert copy.random(50).tolist() == rng.random(50).tolist()
    assert copy.normal(size=7).tolist() == rng.normal(size=7).tolist()


@pytest.mark.parametrize(
    "state",
    [
        {"bit_generator": "MT19937", "state": {"state": 1, "inc": 1}},
        {"bit_generator": "PCG64", "state": {"state": "x", "inc": 1}},
        {"bit_generator": "PCG64"},
    ],
)
def test_a_generator_state_numpy_refuses_is_malformed(state: dict[str, Any]) -> None:
    with pytest.raises(Malformed):
        GeneratorState(bit_generator="PCG64", state=state).generator()


DICE = '''
from game.engine.moves import Accept, Propose
from game.scenario.preferences import Package


class Dice:
    """Plays by its generator alone: every draw must be the one the game's generator would make."""

    def reset(self, side, rng):
        self.rng = rng

    def act(self, obs):
        if obs.can_accept and self.rng.random() < 0.2:
            return Accept()
        levels = list(obs.preferences.best.levels)
        for _ in range(int(self.rng.integers(1, 4))):
            issue = int(self.rng.integers(len(levels)))
            level = int(self.rng.integers(obs.space.sizes[issue]))
            if obs.preferences.acceptable_level(issue, level):
                levels[issue] = level
        return Propose(Package(tuple(levels)))
'''


def test_a_plugin_drawing_from_its_generator_plays_the_same_game_sandboxed(tmp_path: Path) -> None:
    """The generator rebuilt from its state draws what the game's own would: the same seed gives the
    same game, sandboxed twice or in-process, and another seed another game."""
    rules = rules_for(next(p for p in SHIPPED if p.stem == "april-1990"))
    file = tmp_path / "dice.py"
    file.write_text(DICE)
    games: dict[tuple[str, int], tuple[Move, ...]] = {}
    for seed in (5, 6):
        for how in ("sandboxed", "again", "in-process"):
            dice = load_plugin(str(file), "Dice") if how == "in-process" else SandboxedAgent(str(file), "Dice")
            try:
                state = Match(rules, {Side.US: dice, Side.USSR: make("ai:boulware")}, seed).play()
            finally:
                close([dice])
            assert not any(isinstance(m, Forfeit) for m in state.moves), state.moves[-1]
            games[how, seed] = state.moves
        assert games["sandboxed", seed] == games["again", seed] == games["in-process", seed]
        assert sum(isinstance(m, Propose) for m in games["sandboxed", seed]) > 5
    assert games["sandboxed", 5] != games["sandboxed", 6]


# ----- the attacks: what is not one of the game's requests is refused, never run -------------------


class _Boom:
    """What a pickle can do to whoever loads it: call anything, here make a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.path,))


PLUGIN_PATH = sorted((ROOT / "game" / "agents").glob("plugin_*.py")) + [ROOT / "game" / "agents" / "sandbox.py"]
SERIALISERS = {"pickle", "_pickle", "cPickle", "cloudpickle", "dill", "marshal", "shelve", "copyreg", "jsonpickle"}


@pytest.mark.attack
@pytest.mark.parametrize("path", PLUGIN_PATH, ids=lambda p: p.name)
def test_no_module_of_the_plugin_path_can_unpickle(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        else:
            continue
        assert not names & SERIALISERS, f"{path.name}:{node.lineno} imports {names & SERIALISERS}"
    assert "pickle" not in vars(plugin_codec) and "pickle" not in vars(plugin_wire)


@pytest.mark.attack
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_pickle_sent_as_a_request_is_malformed_and_never_run(tmp_path: Path, protocol: int) -> None:
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(("act", _Boom(marker)), protocol=protocol)
    ours, theirs = socket.socketpair()
    with ours, theirs:
        write_frame(ours, payload)
        frame = read_frame(theirs)
    assert frame == payload
    with pytest.raises(Malformed):
        read_request(frame)
    assert not marker.exists()


@pytest.mark.attack
def test_a_worker_sent_a_pickle_ends_without_running_it(tmp_path: Path) -> None:
    """The live worker, sent a pickle in place of a request: it stops reading and ends, and the game
    hears that its process ended (the plug-in forfeits); nothing in the pickle ran."""
    marker = tmp_path / "unpickled"
    agent = SandboxedAgent(str(ROOT / "examples" / "my_agent.py"), "MyAgent")
    try:
        with pytest.raises(AgentFailure, match="ended unexpectedly"):
            agent._exchange(pickle.dumps(("act", _Boom(marker))), 5.0, "move")
    finally:
        agent.close()
    assert not marker.exists()


@pytest.mark.attack
@pytest.mark.parametrize(
    "request_",
    [
        b'{"t": "act", "obs": {"py/object": "os.system", "py/args": ["touch /tmp/x"]}}',
        b'{"t": "act", "obs": {"__class__": "subprocess.Popen"}}',
        b'{"t": "exec", "code": "import os"}',
        b'{"t": "reset", "side": "us", "rng": {"bit_generator": "os.system", "state": {}}}',
        b'{"t": "reset", "side": "kgb", "rng": {"bit_generator": "PCG64", "state": {}}}',
        b'{"t": "reset", "side": "us", "rng": {"bit_generator": "PCG64", "state": {}}, "extra": 1}',
        b"[]",
        b"",
        b"\x80\x05N.",
    ],
)
def test_a_request_that_names_anything_else_is_malformed(request_: bytes) -> None:
    with pytest.raises(Malformed):
        read_request(request_)


@pytest.mark.attack
@pytest.mark.parametrize("kind", ["os.system", "Propose.__init__", "", None, 3])
def test_a_move_of_no_kind_of_the_game_in_a_history_is_malformed(tiny: Rules, kind: object) -> None:
    state = tiny.initial(0)
    obs = tiny.observe(state, Side.US)
    entry = LogEntry(0, 0, EntryKind.MOVE, "a move", Side.US, Accept())
    data = json.loads(act_request(dataclasses.replace(obs, history=(entry,))))
    data["obs"]["history"][0]["move"] = {"kind": kind}
    with pytest.raises(Malformed):
        read_request(json.dumps(data).encode())


@pytest.mark.attack
def test_a_request_longer_than_the_bound_is_refused_before_it_is_read() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.sendall(struct.pack("!I", MAX_REQUEST + 1))  # and nothing after it: the reader must not wait
        with pytest.raises(Malformed, match="at most"):
            read_frame(theirs)

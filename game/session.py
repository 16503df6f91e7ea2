"""A game in progress for an interactive client: who plays each side, the state, and the autosave.

The window (and later a network server) drives a session; people are agents fed by the client,
AIs are asked for their move off the client's thread. The client sees each side only through
its observation and sends moves through `submit`: it never reaches into the engine's state.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from game.agents.base import AgentProtocol
from game.agents.registry import make
from game.engine.moves import Move
from game.engine.observation import Observation
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError
from game.match import Match
from game.paths import AUTOSAVE, saves_dir
from game.record import save
from game.scenario.loader import load_scenario, resolve
from game.scenario.preferences import Side

PERSON = "person"
__all__ = ["AUTOSAVE", "PERSON", "PersonAgent", "Session", "Setup", "saves_dir"]


class PersonAgent:
    """A delegation played by a person: the client submits its moves, so it never decides itself."""

    def reset(self, side: Side, rng: object) -> None:
        self.side = side

    def act(self, obs: Observation) -> Move:
        raise RuntimeError("a person's move comes from the client, not from act()")


@dataclass(frozen=True)
class Setup:
    scenario: str
    players: Mapping[Side, str]
    """Per side: 'person' or an agent spec such as 'ai:hard' or 'persona:historical-karpov'."""
    seed: int
    from_record: int = 0
    """How many historical beats the game opens with (taken over from a replay after that beat)."""


class Session:
    def __init__(self, setup: Setup, state: GameState | None = None, folder: Path | None = None) -> None:
        scenario, self.digest = load_scenario(setup.scenario)
        self.setup = setup
        self.file = str(resolve(setup.scenario))
        self.rules = Rules(scenario)
        self.saves_dir = folder or saves_dir()
        agents: dict[Side, AgentProtocol] = {
            side: PersonAgent() if spec == PERSON else make(spec) for side, spec in setup.players.items()
        }
        self.match = Match(self.rules, agents, setup.seed, state=state, time_budget=5.0)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ai")
        self._mtime = Path(self.file).stat().st_mtime
        self._thinking: Future[Move] | None = None

    @property
    def state(self) -> GameState:
        return self.match.state

    def is_person(self, side: Side) -> bool:
        return self.setup.players[side] == PERSON

    @property
    def people(self) -> tuple[Side, ...]:
        return tuple(side for side in Side if self.is_person(side))

    def observe(self, side: Side) -> Observation:
        return self.rules.observe(self.state, side)

    @property
    def waiting_for_person(self) -> bool:
        return not self.state.over and self.is_person(self.state.to_move)

    def submit(self, move: Move) -> GameState:
        """A person's move for the side to move; raises IllegalMoveError (nothing changes) if illegal."""
        self.match.state = self.rules.apply(self.state, move)
        self.autosave()
        return self.state

    # --- the AI, off the client's thread ---
    def start_ai(self) -> None:
        if self._thinking is None and not self.state.over and not self.is_person(self.state.to_move):
            self._thinking = self._pool.submit(self.match.decide)

    @property
    def ai_thinking(self) -> bool:
        return self._thinking is not None

    def poll_ai(self) -> bool:
        """Apply the AI's move if it is ready; True if the state changed."""
        if self._thinking is None or not self._thinking.done():
            return False
        move = self._thinking.result()
        self._thinking = None
        self.match.state = self.rules.apply(self.state, move)
        self.autosave()
        return True

    def close(self) -> None:
        # The agents first: a plug-in's process is killed, so an AI still thinking returns at once.
        self.match.close()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- trying a scenario while writing it ---
    def scenario_changed(self) -> bool:
        try:
            return Path(self.file).stat().st_mtime != self._mtime
        except OSError:
            return False

    def reload(self) -> Session:
        """A session on the scenario file as it is now, with this game's moves replayed while they apply.

        Raises ScenarioError (every problem, file:line:column) if the file is now broken; this
        session goes on unchanged.
        """
        self._mtime = Path(self.file).stat().st_mtime
        scenario, _ = load_scenario(self.file)
        rules = Rules(scenario)
        state = rules.initial(self.setup.seed)
        for move in self.state.moves:
            try:
                state = rules.apply(state, move)
            except CruiseControlError:
                break
        self.close()
        session = Session(self.setup, state=state, folder=self.saves_dir)
        session.autosave()  # so that Continue finds the game on the scenario as it is now
        return session

    # --- records ---
    def record(self) -> save.Record:
        players = {side.value: spec for side, spec in self.setup.players.items()}
        header = save.new_header(
            self.rules.scenario.meta.id, self.digest, self.file, self.setup.seed, players, self.setup.from_record
        )
        return save.Record(header, self.state.moves)

    def save_as(self, path: Path) -> None:
        save.write(path, self.record(), self.rules)

    def autosave(self) -> None:
        self.save_as(self.saves_dir / AUTOSAVE)

    @staticmethod
    def load(path: Path, folder: Path | None = None) -> Session:
        """Resume a saved game exactly where it stopped; raises SaveFormatError saying why not."""
        record, _, state = save.load(path)
        h = record.header
        # never run code a save names (a py: plug-in): a person takes that seat
        specs = {side: h.players.get(side.value, PERSON) for side in Side}
        players = {side: PERSON if spec.startswith("py:") else spec for side, spec in specs.items()}
        file = str(save.scenario_file(h, path))
        return Session(Setup(file, players, h.seed, h.from_record), state=state, folder=folder)

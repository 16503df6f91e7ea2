"""A game in progress for an interactive client: who plays each side, the state, and the autosave.

The window (and later a network server) drives a session; people are agents fed by the client,
AIs are asked for their move off the client's thread. The client sees each side only through
its observation and sends moves through `submit`: it never reaches into the engine's state.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
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
from game.record import save, slots
from game.record.historical import Beat
from game.record.journal import Journal
from game.record.rules_digest import rules_digest
from game.record.save import ScenarioCopy
from game.record.scenario_copy import beats_of_copy, changes_since, local_path, local_scenario, scenario_source
from game.scenario.loader import check_text, load_scenario, resolve
from game.scenario.preferences import Side
from game.scenario.schema import Scenario

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
    """A game in progress. Its save is its own autosave file (a journal written move by move), so a
    second game never overwrites the first and a killed window loses at most the move in flight."""

    def __init__(
        self,
        setup: Setup,
        state: GameState | None = None,
        folder: Path | None = None,
        *,
        source: tuple[Scenario, ScenarioCopy] | None = None,
        watch: bool = True,
        journal: Path | None = None,
        header: save.Header | None = None,
        altered: bool = False,
    ) -> None:
        """`source`: the scenario, already read, and its copy for the save (by default read from the file
        `setup.scenario` names); `watch`: reload that file when it changes (not for a save's own copy);
        `journal`: the autosave file to keep (a new one per game by default); `header`: the save's;
        `altered`: its copy of the scenario was edited after it was saved, and its autosave says so too."""
        scenario, copy = source or scenario_source(setup.scenario, with_beats=setup.from_record > 0)
        self.file = str(resolve(setup.scenario)) if watch else ""
        self.copy = copy
        self.setup = setup
        self.rules = Rules(scenario)
        self.saves_dir = folder or saves_dir()
        agents: dict[Side, AgentProtocol] = {
            side: PersonAgent() if spec == PERSON else make(spec) for side, spec in setup.players.items()
        }
        self.match = Match(self.rules, agents, setup.seed, state=state, time_budget=5.0)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ai")
        self._mtime = Path(self.file).stat().st_mtime if self.file else 0.0
        self._thinking: Future[Move] | None = None
        players = {side.value: spec for side, spec in setup.players.items()}
        fresh = save.new_header(scenario, copy, setup.seed, players, setup.from_record)
        if header is None:
            self.header = fresh
        else:  # an edited copy keeps the digest it was saved with, so the game stays flagged as altered
            self.header = header if altered else replace(header, scenario_hash=fresh.scenario_hash)
        path = journal or slots.autosave_path(self.saves_dir, scenario.meta.id)
        self.journal = Journal(path, self.header, copy, self.rules.space)
        self.notes: tuple[str, ...] = ()
        """What the player should know about the save it was loaded from (a lost move, changed rules)."""

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

    def relocalise(self) -> None:
        """The scenario's texts (names of delegates, issues, meetings) in the current language, after the
        language is switched mid-game: the same rules, read again from the game's copy of its scenario (a
        copy whose rules would differ is left as it is)."""
        scenario, _ = check_text(self.copy.text, self.copy.file)
        if scenario is None or rules_digest(scenario) != rules_digest(self.rules.scenario):
            return
        rules = Rules(scenario)
        # the record keeps what was said as words of the language it was said in: the moves, replayed under
        # the same rules, say it all again in the new one (the log, the speech bubble, the news)
        players = {side.value: spec for side, spec in self.setup.players.items()}
        state = rules.initial(self.setup.seed, save.personas_of(players))
        try:
            for move in self.state.moves:
                state = rules.apply(state, move)
        except CruiseControlError:
            return
        if state.moves != self.state.moves or state.turn != self.state.turn:
            return
        self.rules = self.match.rules = rules
        self.match.state = state

    # --- trying a scenario while writing it ---
    def scenario_changed(self) -> bool:
        if not self.file:
            return False
        try:
            return Path(self.file).stat().st_mtime != self._mtime
        except OSError:
            return False

    def reload(self) -> Session:
        """A session on the scenario file as it is now, with this game's moves replayed while they apply.

        Raises ScenarioError (every problem, file:line:column) if the file is now broken; this
        session goes on unchanged.
        """
        if not self.file:
            raise CruiseControlError(
                "This game goes on under the rules it was saved with (the copy of its scenario in the save), "
                "so there is no scenario file to reload."
            )
        self._mtime = Path(self.file).stat().st_mtime
        scenario, _ = load_scenario(self.file)
        rules = Rules(scenario)
        state = rules.initial(
            self.setup.seed, save.personas_of({s.value: spec for s, spec in self.setup.players.items()})
        )
        for move in self.state.moves:
            try:
                state = rules.apply(state, move)
            except CruiseControlError:
                break
        self.close()
        session = Session(self.setup, state=state, folder=self.saves_dir, journal=self.journal.path, header=self.header)
        session.autosave()  # so that Continue finds the game on the scenario as it is now
        return session

    # --- records ---
    def record(self) -> save.Record:
        return save.Record(self.header, self.state.moves, self.copy)

    def beats(self) -> tuple[Beat, ...]:
        """The historical beats the game opens with (its record quotes the archive's words for them)."""
        return beats_of_copy(self.copy, self.rules.scenario, self.setup.from_record)

    def save_as(self, path: Path) -> None:
        """A named save: the game as it stands, written whole (the autosave goes on by itself)."""
        journal = Journal(path, self.header, self.copy, self.rules.space)
        journal.rewrite(self.state)

    def autosave(self) -> None:
        self.journal.follow(self.state)

    @staticmethod
    def load(path: Path, folder: Path | None = None) -> Session:
        """Resume a saved game exactly where it stopped; raises SaveFormatError saying why not.

        It plays on this computer's file of its scenario when that file has the same rules (so that
        edits of its texts show), else on the copy the save carries. An autosave goes on in its own
        file; a game loaded from a named save goes on in a new autosave, the named one kept as it was.
        """
        record, rules, state = save.load(path)
        h = record.header
        # never run code a save names (a py: plug-in): a person takes that seat
        specs = {side: h.players.get(side.value, PERSON) for side in Side}
        players = {side: PERSON if spec.startswith("py:") else spec for side, spec in specs.items()}
        folder = folder or saves_dir()
        journal = path if slots.is_autosave(path) and path.parent.resolve() == folder.resolve() else None
        here = local_scenario(h.scenario_id, with_beats=h.from_record > 0)
        if here is not None and not record.altered and rules_digest(here[0]) == h.scenario_hash:
            setup = Setup(str(local_path(h.scenario_id)), players, h.seed, h.from_record)
            session = Session(setup, state=state, folder=folder, source=here, journal=journal, header=h)
        else:
            assert record.copy is not None
            setup = Setup(h.scenario_id, players, h.seed, h.from_record)
            source = (rules.scenario, record.copy)
            session = Session(
                setup,
                state=state,
                folder=folder,
                source=source,
                watch=False,
                journal=journal,
                header=h,
                altered=record.altered,
            )
        changed = changes_since(record, rules.scenario, here)
        if changed:
            changed = [
                f"The rules of {h.scenario_id} here have changed since this game was played; "
                "it goes on under the rules it was played with:",
                *changed,
            ]
        session.notes = (*record.notes, *changed)
        return session

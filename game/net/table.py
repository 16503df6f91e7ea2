"""One table of the class: two seats, the match played through `Rules.apply`, and its save record.

A seat is a student ('student:NAME') or an agent spec ('ai:hard', 'persona:...', 'py:FILE:CLASS',
the last only ever from the teacher's command line). The table is the same data as a local game:
`record()` is a `game.record.save.Record`, so it exports, replays and goes into `report` unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from game.agents.base import AgentProtocol
from game.agents.registry import make
from game.engine.moves import Move, Propose, move_from_data, move_to_data
from game.engine.rules import Rules, score
from game.engine.state import Ending, GameState
from game.i18n import long_date
from game.match import Match
from game.net.seat_copy import SeatCopy, seat_text
from game.net.store import name_key
from game.record import save
from game.record.rules_digest import rules_digest
from game.record.scenario_copy import scenario_source
from game.scenario.preferences import Side
from game.session import PERSON, PersonAgent

STUDENT = "student:"


@dataclass(frozen=True)
class Scenario:
    """A scenario as the server plays it: its rules, and the copy of it every save carries."""

    rules: Rules
    copy: save.ScenarioCopy
    digest: str
    """Of its rules: a client checks its own copy against it at every seating."""


@cache
def scenario(name: str) -> Scenario:
    """Loaded once per server: the rules are stateless and shared by every table."""
    loaded, copy = scenario_source(name)
    return Scenario(Rules(loaded), copy, rules_digest(loaded))


@cache
def seat_copy(name: str, side: Side) -> SeatCopy | None:
    """The scenario's text as a seat on `side` may have it during the talks (`game.net.seat_copy`), made once
    per server and side; None when it cannot be made (the seat then needs the scenario on its own computer)."""
    return seat_text(scenario(name).copy.text, side)


def student(spec: str) -> str | None:
    """The student's name of a seat, or None for an agent's seat."""
    return spec[len(STUDENT) :] if spec.startswith(STUDENT) else None


class Table:
    def __init__(self, table_id: int, scenario_name: str, seed: int, players: Mapping[str, str], created: str) -> None:
        self.id = table_id
        self.scenario_name = scenario_name
        self.sc = scenario(scenario_name)
        self.rules = self.sc.rules
        self.seed = seed
        self.players = {side: players[side.value] for side in Side}
        self.created = created
        agents: dict[Side, AgentProtocol] = {
            side: PersonAgent() if student(spec) is not None else make(spec) for side, spec in self.players.items()
        }
        self.match = Match(self.rules, agents, seed, time_budget=5.0)
        self.thinking = False
        """An agent of this table is choosing a move (off the event loop)."""

    @property
    def state(self) -> GameState:
        return self.match.state

    def seat_of(self, key: str) -> Side | None:
        """The side a student (by `name_key`) sits on at this table, if any."""
        for side, spec in self.players.items():
            who = student(spec)
            if who is not None and name_key(who) == key:
                return side
        return None

    def is_agent(self, side: Side) -> bool:
        return student(self.players[side]) is None

    def parse(self, data: dict[str, Any]) -> Move:
        """A client's move data as a move; raises MalformedMoveError."""
        return move_from_data(data, self.rules.space)

    def next_state(self, move: Move) -> GameState:
        """The state after a move (raises IllegalMoveError); the table changes only with `commit`."""
        return self.rules.apply(self.state, move)

    def commit(self, state: GameState) -> None:
        self.match.state = state

    def replay(self, moves: list[dict[str, Any]]) -> None:
        """Back to where the stored moves left the game (a restart of the server)."""
        state = self.state
        for data in moves:
            state = self.rules.apply(state, self.parse(data))
        self.commit(state)

    def move_data_of(self, move: Move) -> dict[str, Any]:
        return move_to_data(move, self.rules.space)

    def move_data(self, start: int = 0) -> list[dict[str, Any]]:
        return [move_to_data(m, self.rules.space) for m in self.state.moves[start:]]

    # ----- how the table stands ----------------------------------------------------------
    def phase(self, started: bool) -> str:
        state = self.state
        if state.ending is Ending.RATIFIED:
            return "ratified"
        if state.ending is Ending.NOT_RATIFIED:
            return "agreed, not ratified"
        if state.over:
            return "collapsed"
        return "negotiating" if started else "briefing"

    def meeting_date(self) -> str:
        return long_date(self.rules.meetings[self.state.meeting].date)

    def standing_score(self, side: Side) -> float | None:
        """The side's score: final when the game is over; else what accepting the other side's offer would give."""
        state = self.state
        if state.over:
            return state.scores[side.index]
        offer = state.offer_of(side.other)
        if offer is None:
            return None
        prefs = self.rules.preferences(state, side)
        return score(prefs.utility(offer), prefs.no_deal)

    def proposals(self, last: int) -> tuple[int, list[dict[str, str]]]:
        """How many proposals were made, and the `last` (one or more) of them in words (only those are described: the
        dashboard asks for every table twice a second)."""
        made = [e for e in self.state.log if isinstance(e.move, Propose) and e.side is not None]
        return len(made), [
            {"side": e.side.value, "text": self.rules.space.describe(e.move.package)}
            for e in made[-last:]
            if isinstance(e.move, Propose) and e.side is not None
        ]

    # ----- the same data as a local game -------------------------------------------------
    def record(self) -> save.Record:
        players: dict[str, str] = {}
        for side, spec in self.players.items():
            name = student(spec)
            players[side.value] = PERSON if name is not None else spec
            if name is not None:
                players[f"{side.value}_name"] = name  # extra keys are kept by saves and ignored by loaders
        header = save.new_header(self.rules.scenario, self.sc.copy, self.seed, players)
        return save.Record(replace(header, created=self.created), self.state.moves, self.sc.copy)

    def save_text(self) -> str:
        return save.to_text(self.record(), self.rules)

    def close(self) -> None:
        self.match.close()

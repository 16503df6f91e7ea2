"""The state of a negotiation: a frozen value; the rules make a new one for every move."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from game.engine.moves import Move, TaggedMove
from game.scenario.preferences import Package, Side


class Ending(Enum):
    RATIFIED = "ratified"
    NOT_RATIFIED = "not_ratified"
    DEADLINE = "deadline"
    WALKOUT = "walkout"
    FORFEIT = "forfeit"

    @property
    def is_deal(self) -> bool:
        return self is Ending.RATIFIED


class EntryKind(Enum):
    MOVE = "move"
    NEWS = "news"
    INSTRUCTIONS = "instructions"
    CHAIR = "chair"


@dataclass(frozen=True)
class LogEntry:
    """One line of the record: a move and what was said, news, or private instructions."""

    turn: int
    meeting: int
    kind: EntryKind
    text: str
    side: Side | None = None
    move: TaggedMove | None = None
    speaker: str = field(default="", compare=False)  # how it is told (a persona's speaker), as GameState.speakers
    private_to: Side | None = None
    label: str = ""

    def visible_to(self, side: Side) -> bool:
        return self.private_to is None or self.private_to is side


@dataclass(frozen=True)
class Ratification:
    side: Side
    body: str
    support: float
    vote: float
    threshold: float
    passed: bool


Pair = tuple[float, float]


@dataclass(frozen=True)
class GameState:
    """Everything about a game at one moment. Per-side tuples are indexed by Side.index."""

    seed: int
    turn: int = 0
    meeting: int = 0
    used: int = 0
    elapsed: int = 0
    to_move: Side = Side.USSR
    offers: tuple[Package | None, Package | None] = (None, None)
    offer_history: tuple[tuple[Package, ...], tuple[Package, ...]] = ((), ())
    trust: Pair = (0.5, 0.5)
    support_shift: Pair = (0.0, 0.0)
    weight_factors: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    red_lines: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
    declared: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = ((), ())
    flexibility: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    tabled: tuple[str, ...] = ()
    consulted: tuple[int, int] = (0, 0)
    fired: tuple[str, ...] = ()
    log: tuple[LogEntry, ...] = ()
    ending: Ending | None = None
    ended_by: Side | None = None
    agreement: Package | None = None
    ratification: tuple[Ratification, ...] = ()
    scores: Pair = (0.0, 0.0)
    utilities: Pair = (0.0, 0.0)
    moves: tuple[Move, ...] = field(default=())
    speakers: tuple[str, str] = field(default=("", ""), compare=False)
    """Who speaks for each side when a persona names its `speaker` ('' for the delegation's lead): how the
    game is told, not what happens in it, so two states that differ only here are the same game."""

    @property
    def over(self) -> bool:
        return self.ending is not None

    def offer_of(self, side: Side) -> Package | None:
        return self.offers[side.index]

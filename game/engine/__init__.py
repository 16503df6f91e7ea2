"""The rules engine: plain Python and numpy, no pygame."""

from __future__ import annotations

from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    FireEvent,
    Forfeit,
    Move,
    MoveKind,
    Propose,
    TableArgument,
    WalkOut,
    move_from_data,
    move_to_data,
)
from game.engine.rules import Rules, score
from game.engine.state import Ending, EntryKind, GameState, LogEntry, Ratification

__all__ = [
    "Accept",
    "Adjourn",
    "ConsultCapital",
    "DeclareRedLine",
    "Ending",
    "EntryKind",
    "FireEvent",
    "Forfeit",
    "GameState",
    "LogEntry",
    "Move",
    "MoveKind",
    "Propose",
    "Ratification",
    "Rules",
    "TableArgument",
    "WalkOut",
    "move_from_data",
    "move_to_data",
    "score",
]

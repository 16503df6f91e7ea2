"""What a save holds: its header, the copy of its scenario, its moves (format 2; `game/record/save.py` has
the format's description, writes and loads a save, `save_read` reads its lines)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.engine.moves import Move

SAVE_FORMAT = 2
SLOTS: tuple[str, str] = ("us", "ussr")
MAGIC = "cruise_control_save"
MAX_SAVE_BYTES = 8_000_000
"""A finished April 1990 game is about 0.1 MB; a class's hand-ins are read in one go."""
MAX_MOVES = 3_000
"""Far above any game a scenario within the loader's limits allows; bounds a replay's time."""
PREFIX = "--- "
COMMENT = (
    "# Cruise Control save (format 2): a header, the scenario it was played on, then one line per move.\n"
    "# Open it in the game (Load), or: python main.py replay FILE | export FILE | report FILE\n"
)


@dataclass(frozen=True)
class ScenarioCopy:
    """The scenario a game was played on, as text: a save carries it to any computer."""

    text: str
    file: str
    """The scenario file's name where the game was played (shown, never opened)."""
    beats: str = ""
    """The text of its historical beats, for a game that opens with them (`from_record`)."""


@dataclass(frozen=True)
class Header:
    scenario_id: str
    scenario_hash: str
    """The digest of the scenario's rules (`rules_digest`), not of its text: edits of prose keep it."""
    scenario_file: str
    seed: int
    players: Mapping[str, str]
    created: str
    program: str
    format: int = SAVE_FORMAT
    from_record: int = 0
    """How many of the scenario's historical beats the game opens with (a replay, or a game taken
    over after that beat); 0 for a game of its own. Its record then quotes the archive's words."""
    title: str = ""
    sides: Mapping[str, str] = field(default_factory=dict)
    """Side -> short name, so that a list of saves needs only the header."""
    side_ids: tuple[str, str] = SLOTS
    """The scenario's ids of its two sides, first side first. In the file, `sides` and `players` are keyed
    by them (`{"highland": "HL", "lowmark": "LM"}`, with a student's name under `highland_name`), and the
    header says which they are (`"side_ids": ["highland", "lowmark"]`); here, as in the engine, they are
    keyed by slot (`us` for the first side, `ussr` for the second, `us_name`), whatever the ids. A save
    written before the header named its side ids has slot keys in the file too, and still loads."""


@dataclass(frozen=True)
class Record:
    header: Header
    moves: tuple[Move, ...]
    copy: ScenarioCopy | None = None
    notes: tuple[str, ...] = ()
    """What a reader should know: a move lost in flight, an upgraded format."""
    altered: bool = False
    """The rules of the scenario copy it carries are not the rules it was saved under (the digest in
    its header): the copy was edited since, so its scores are not to be trusted (a class report skips it)."""


def _file_keys(side_ids: tuple[str, str]) -> dict[str, str]:
    """Slot key -> the key a save's file writes: 'us' -> 'highland', 'us_name' -> 'highland_name' (a
    name key that would be the other side's id stays a slot key)."""
    keys = dict(zip(SLOTS, side_ids, strict=True))
    for slot, side_id in zip(SLOTS, side_ids, strict=True):
        if f"{side_id}_name" not in side_ids:
            keys[f"{slot}_name"] = f"{side_id}_name"
    return keys


def by_side_id(keyed: Mapping[str, str], side_ids: tuple[str, str]) -> dict[str, str]:
    """A header's players or sides as the file writes them: keyed by the scenario's side ids."""
    keys = _file_keys(side_ids)
    return {keys.get(k, k): v for k, v in keyed.items()}


def by_slot(keyed: Mapping[str, str], side_ids: tuple[str, str]) -> dict[str, str]:
    """The inverse of `by_side_id`: a file's players or sides keyed by slot."""
    slots = {file_key: slot for slot, file_key in _file_keys(side_ids).items()}
    return {slots.get(k, k): v for k, v in keyed.items()}

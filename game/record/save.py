"""Game records (saves): a header, a copy of the scenario played, and the moves, one line each.

Format 2 is a journal: written once with its header and scenario copy, then one line appended and
synced per move (`game/record/journal.py`), so a killed game loses at most the move in flight. Each
line is a YAML document holding one JSON object, so the file is both a YAML stream and fast to read:

    # Cruise Control save (format 2) ...
    --- {"cruise_control_save": 2, "scenario": {"id": ..., "rules": DIGEST, ...}, "seed": ..., ...}
    --- {"scenario_copy": "<the scenario file's text>", "beats": "<its historical beats, if used>"}
    --- {"n": 1, "move": {"kind": "propose", "package": {...}}}
    --- {"end": "agreement", "moves": 57}          (once the game is over)

A save replays on its own copy of the scenario, so it opens on any computer and never reads another
file; `rules.changes_since(record)` says how the rules of the scenario of that id here differ.
Format 1 (one YAML document naming a scenario file) is read by `save_v1`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game import __version__
from game.bounded_files import FileRefused, read_bytes
from game.engine.moves import Move, move_from_data, move_to_data
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError, SaveFormatError
from game.i18n import N_, tr
from game.record.rules_digest import language_digest, rules_digest
from game.safe_text import shown
from game.scenario.bounds import MAX_BYTES as MAX_SCENARIO_BYTES
from game.scenario.loader import check_text
from game.scenario.preferences import Side, Space
from game.scenario.schema import Scenario

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


ALTERED = N_(
    "The copy of the scenario in this save was changed after the game was saved (its rules no longer "
    "match the digest saved with it): the game is replayed on the changed copy, and its scores are not to be trusted."
)


def new_header(
    scenario: Scenario, copy: ScenarioCopy, seed: int, players: Mapping[str, str], from_record: int = 0
) -> Header:
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    sides = {SLOTS[0]: scenario.sides.us.short, SLOTS[1]: scenario.sides.ussr.short}
    return Header(
        scenario.meta.id,
        rules_digest(scenario),
        Path(copy.file).name,
        seed,
        dict(players),
        created,
        f"cruise-control {__version__}",
        from_record=from_record,
        title=scenario.meta.title,
        sides=sides,
        side_ids=scenario.side_ids,
    )


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


# ----- writing ---------------------------------------------------------------------------------
def line(data: Mapping[str, Any]) -> str:
    # ASCII only: every line is then also a valid YAML document, whatever the text holds
    return PREFIX + json.dumps(data, ensure_ascii=True, separators=(", ", ": ")) + "\n"


def header_lines(header: Header, copy: ScenarioCopy) -> str:
    h = header
    data: dict[str, Any] = {
        MAGIC: SAVE_FORMAT,
        "scenario": {"id": h.scenario_id, "rules": h.scenario_hash, "file": h.scenario_file, "title": h.title},
        "side_ids": list(h.side_ids),
        "sides": by_side_id(h.sides, h.side_ids),
        "seed": h.seed,
        "players": by_side_id(h.players, h.side_ids),
        "created": h.created,
        "program": h.program,
        "from_record": h.from_record,
    }
    body = {"scenario_copy": copy.text, **({"beats": copy.beats} if copy.beats else {})}
    return COMMENT + line(data) + line(body)


def move_lines(moves: Iterable[Move], space: Space, first: int) -> str:
    return "".join(line({"n": n, "move": move_to_data(m, space)}) for n, m in enumerate(moves, start=first))


def end_line(state: GameState) -> str:
    assert state.ending is not None
    return line({"end": state.ending.value, "moves": len(state.moves)})


def document(
    header: Header, copy: ScenarioCopy, moves: Sequence[Move], space: Space, ending: GameState | None = None
) -> str:
    """A whole save as text, from a header and moves (what a server storing moves elsewhere hands out);
    with `ending`, a state that is over, it is marked finished."""
    text = header_lines(header, copy) + move_lines(moves, space, 1)
    return text + (end_line(ending) if ending is not None and ending.over else "")


def to_text(record: Record, rules: Rules) -> str:
    """A record as a save's text, marked finished if its moves end the game."""
    if record.copy is None:
        raise CruiseControlError(tr("a record needs the copy of its scenario to be saved"))
    state = rules.initial(record.header.seed, personas_of(record.header.players))
    for move in record.moves:
        state = rules.apply(state, move)
    return document(record.header, record.copy, record.moves, rules.space, state)


def write(path: Path, record: Record, rules: Rules) -> None:
    """Write a whole record at once, atomically (the journal writes a game as it goes)."""
    from game.record.journal import write_atomically

    write_atomically(path, to_text(record, rules))


# ----- reading ---------------------------------------------------------------------------------
def _shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


@dataclass(frozen=True)
class Parsed:
    """A format-2 save read line by line, before its moves are replayed."""

    header: Header
    copy: ScenarioCopy
    moves: list[Any]
    ending: str | None
    notes: tuple[str, ...]


def _whole(value: Any, name: str, path: Path, low: int = 0, high: int = 2**64) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < high:
        raise SaveFormatError(
            tr(
                "{path}: the save's {name} must be a whole number from {low} to {high}",
                path=path,
                name=name,
                low=low,
                high=high - 1,
            )
        )
    return value


def _text(data: Mapping[str, Any], key: str, path: Path, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise SaveFormatError(tr("{path}: the save's '{key}' is missing or is not text", path=path, key=key))
    return value


def _names(value: Any, key: str, path: Path) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise SaveFormatError(tr("{path}: the save's '{key}' must map side ids to text", path=path, key=key))
    return {str(k): v for k, v in value.items()}


def _side_ids(value: Any, path: Path) -> tuple[str, str]:
    """A header's side ids: the slots in a save written before headers named them."""
    if value is None:
        return SLOTS
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v for v in value)) or (
        value[0] == value[1]
    ):
        raise SaveFormatError(
            tr("{path}: the save's '{key}' must be two different side ids", path=path, key="side_ids")
        )
    return value[0], value[1]


def header_from(data: Any, path: Path) -> Header:
    """The header of a format-2 save from its first line's object, its sides and players keyed by slot."""
    if not isinstance(data, dict) or data.get(MAGIC) != SAVE_FORMAT:
        raise SaveFormatError(tr("{path}: this is not a Cruise Control save", path=path))
    scenario = data.get("scenario")
    if not isinstance(scenario, dict):
        raise SaveFormatError(tr("{path}: the save's '{key}' is missing or malformed", path=path, key="scenario"))
    side_ids = _side_ids(data.get("side_ids"), path)
    return Header(
        scenario_id=_text(scenario, "id", path),
        scenario_hash=_text(scenario, "rules", path),
        scenario_file=_text(scenario, "file", path, ""),
        seed=_whole(data.get("seed"), "seed", path),
        players=by_slot(_names(data.get("players"), "players", path), side_ids),
        created=_text(data, "created", path, ""),
        program=_text(data, "program", path, ""),
        from_record=_whole(data.get("from_record", 0), "'from_record' (beats)", path, 0, 10_000),
        title=_text(scenario, "title", path, ""),
        sides=by_slot(_names(data.get("sides", {}), "sides", path), side_ids),
        side_ids=side_ids,
    )


def parse_line(raw: bytes) -> Any:
    """One line's object, or None if it is not a line of a save."""
    if not raw.startswith(PREFIX.encode()):
        return None
    try:
        return json.loads(raw[len(PREFIX) :].decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def records_of(data: bytes) -> tuple[list[Any], bool]:
    """The objects of a save's lines (comments skipped), and whether a last line was cut off."""
    lines = data.split(b"\n")
    # a last line without its newline is the move in flight, cut off by a kill, unless it is whole
    # (a file whose last newline an editor dropped)
    cut = lines[-1].strip() != b"" and not isinstance(parse_line(lines[-1]), dict)
    if cut:
        lines = lines[:-1]
    out = []
    for number, raw in enumerate(lines, start=1):
        if raw.startswith(b"#") or not raw.strip():
            continue
        obj = parse_line(raw)
        if not isinstance(obj, dict):
            raise SaveFormatError(tr("line {number} is damaged", number=number))
        out.append(obj)
    return out, cut


def parse(data: bytes, path: Path) -> Parsed:
    try:
        items, cut = records_of(data)
    except SaveFormatError as exc:
        raise SaveFormatError(tr("{path}: the save is damaged: {reason}", path=path, reason=exc)) from None
    if len(items) < 2:
        raise SaveFormatError(tr("{path}: the save is damaged or truncated (its header is incomplete)", path=path))
    header = header_from(items[0], path)
    body = items[1]
    copy = ScenarioCopy(_text(body, "scenario_copy", path), header.scenario_file, _text(body, "beats", path, ""))
    moves: list[Any] = []
    ending: str | None = None
    for item in items[2:]:
        if ending is not None:
            raise SaveFormatError(tr("{path}: the save is damaged: it goes on after the game's end", path=path))
        if "end" in item:
            ending = _text(item, "end", path)
            if item.get("moves") != len(moves):
                raise SaveFormatError(
                    tr(
                        "{path}: the save is truncated: its end names {named} moves, {count} are there",
                        path=path,
                        named=shown(item.get("moves")),
                        count=len(moves),
                    )
                )
            continue
        if item.get("n") != len(moves) + 1 or "move" not in item:
            raise SaveFormatError(
                tr(
                    "{path}: the save is damaged: move {number} is missing or out of order",
                    path=path,
                    number=len(moves) + 1,
                )
            )
        if len(moves) >= MAX_MOVES:
            raise SaveFormatError(
                tr("{path}: the save holds more than {limit} moves, more than any game", path=path, limit=MAX_MOVES)
            )
        moves.append(item["move"])
    notes = (f"The game was cut off while move {len(moves) + 1} was being saved: that move is lost.",) if cut else ()
    return Parsed(header, copy, moves, ending, notes)


def scenario_of(copy: ScenarioCopy, path: Path, scenario_id: str | None = None) -> Scenario:
    """The scenario a save carries, checked like any scenario file (and to be `scenario_id`, if given)."""
    if len(copy.text) + len(copy.beats) > MAX_SCENARIO_BYTES:
        raise SaveFormatError(
            tr(
                "{path}: the copy of its scenario is over {limit} characters, the limit",
                path=path,
                limit=f"{MAX_SCENARIO_BYTES:,}",
            )
        )
    scenario, diagnostics = check_text(
        copy.text, tr("{path} (its copy of {file})", path=path, file=copy.file or tr("the scenario"))
    )
    if scenario is None:
        first = "\n".join(str(d) for d in diagnostics[:5])
        raise SaveFormatError(tr("{path}: the copy of its scenario cannot be used:\n{first}", path=path, first=first))
    if scenario_id is not None and scenario.meta.id != scenario_id:
        raise SaveFormatError(
            tr(
                "{path}: its header names scenario {named} but it carries {carried}",
                path=path,
                named=shown(scenario_id),
                carried=repr(scenario.meta.id),
            )
        )
    return scenario


def personas_of(players: Mapping[str, str]) -> dict[Side, str]:
    """The persona playing each side, from a header's players (its `speaker` speaks for the side)."""
    return {s: spec.removeprefix("persona:") for s in Side if (spec := players.get(s.value, "")).startswith("persona:")}


def replay(
    rules: Rules, seed: int, raw_moves: Sequence[Any], path: Path, players: Mapping[str, str] | None = None
) -> tuple[tuple[Move, ...], GameState]:
    state = rules.initial(seed, personas_of(players or {}))
    moves: list[Move] = []
    for number, raw in enumerate(raw_moves, start=1):
        try:
            move = move_from_data(raw, rules.space)
            state = rules.apply(state, move)
        except CruiseControlError as exc:
            raise SaveFormatError(
                tr(
                    "{path}: move {number} cannot be replayed: {reason}",
                    path=path,
                    number=number,
                    reason=_shorten(str(exc)),
                )
            ) from exc
        except (TypeError, ValueError, KeyError, IndexError) as exc:  # a move built to trip the parser
            raise SaveFormatError(
                tr("{path}: move {number} is malformed: {reason}", path=path, number=number, reason=_shorten(str(exc)))
            ) from exc
        moves.append(move)
    return tuple(moves), state


def read_save_bytes(path: Path) -> bytes:
    try:
        return read_bytes(path, MAX_SAVE_BYTES, "save file")  # named in bounded_files.WHAT
    except FileRefused as exc:
        raise SaveFormatError(str(exc)) from None


def is_v2(data: bytes) -> bool:
    for raw in data[:4096].split(b"\n"):
        if raw.startswith(b"#") or not raw.strip():
            continue
        return raw.startswith(PREFIX.encode() + b"{")
    return False


def load(path: Path) -> tuple[Record, Rules, GameState]:
    """Load a save and replay it through the engine to the identical state, on the scenario it carries.

    Refuses, with a message saying why, anything that is not a regular file of a sane size, a save
    that is damaged or foreign, or whose moves are not legal. A last move cut off by a kill is
    dropped (and said so in `Record.notes`).
    """
    data = read_save_bytes(path)
    if not is_v2(data):
        from game.record.save_v1 import load_v1

        return load_v1(data, path)
    parsed = parse(data, path)
    scenario = scenario_of(parsed.copy, path, parsed.header.scenario_id)
    rules = Rules(scenario)
    digest = rules_digest(scenario)
    # The header keeps the digest of the rules the game was played under: a copy that no longer
    # matches it was edited since (to change what the game scores, say), and the reader is told.
    # (a save made in Russian before digests were taken in English holds the Russian one)
    altered = parsed.header.scenario_hash not in (digest, language_digest(scenario))
    if parsed.header.side_ids not in (SLOTS, scenario.side_ids):
        raise SaveFormatError(
            tr(
                "{path}: its header names the sides {named} but its scenario's sides are {ids}",
                path=path,
                named=shown(" and ".join(parsed.header.side_ids)),
                ids=" and ".join(scenario.side_ids),
            )
        )
    # its digest stays the one saved (a game played on keeps the flag); an older save learns its side ids
    header = replace(parsed.header, side_ids=scenario.side_ids)
    moves, state = replay(rules, header.seed, parsed.moves, path, header.players)
    if parsed.ending is not None and (state.ending is None or state.ending.value != parsed.ending):
        raise SaveFormatError(
            tr(
                "{path}: the save says the game ended ({ending}) but its moves do not end it",
                path=path,
                ending=parsed.ending,
            )
        )
    notes = (*parsed.notes, tr(ALTERED)) if altered else parsed.notes
    return Record(header, moves, parsed.copy, notes, altered), rules, state

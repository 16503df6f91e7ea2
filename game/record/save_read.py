"""Reading a format-2 save's lines into its header, its scenario copy and its raw moves (not yet replayed):
every field checked, a damaged or foreign file refused with a message saying where."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import SaveFormatError
from game.i18n import tr
from game.record.save_format import MAGIC, MAX_MOVES, PREFIX, SAVE_FORMAT, SLOTS, Header, ScenarioCopy, by_slot
from game.safe_text import shown


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


def is_v2(data: bytes) -> bool:
    for raw in data[:4096].split(b"\n"):
        if raw.startswith(b"#") or not raw.strip():
            continue
        return raw.startswith(PREFIX.encode() + b"{")
    return False

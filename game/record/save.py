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
from dataclasses import replace
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
from game.record.save_format import (
    COMMENT,
    MAGIC,
    MAX_SAVE_BYTES,
    PREFIX,
    SAVE_FORMAT,
    SLOTS,
    Header,
    Record,
    ScenarioCopy,
    by_side_id,
)
from game.record.save_read import is_v2, parse
from game.safe_text import shown
from game.scenario.bounds import MAX_BYTES as MAX_SCENARIO_BYTES
from game.scenario.loader import check_text
from game.scenario.preferences import Side, Space
from game.scenario.schema import Scenario

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


__all__ = [
    "ALTERED",
    "Header",
    "Record",
    "ScenarioCopy",
    "document",
    "end_line",
    "line",
    "load",
    "move_lines",
    "new_header",
    "parse",
    "personas_of",
    "read_save_bytes",
    "replay",
    "scenario_of",
    "to_text",
    "write",
]

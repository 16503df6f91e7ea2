"""Reading saves of format 1 (one YAML document naming its scenario file by a path), upgraded on load.

Such a save carries no copy of its scenario: it is replayed on the scenario of its id (or of its
file's name) in the game's own scenarios folder, never on a file elsewhere that it names. If that
scenario's text has changed since, the record says so; if its moves no longer replay, it is refused.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

import yaml

from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import SaveFormatError
from game.i18n import tr
from game.record.rules_digest import rules_digest
from game.record.save import replay
from game.record.save_format import MAGIC, MAX_MOVES, Header, Record
from game.record.scenario_copy import local_scenario
from game.safe_text import shown
from game.scenario.loader import content_hash

FORMAT = 1
MAX_V1_BYTES = 2_000_000
"""Format 1 is YAML, slow to parse: no game of that version came near this."""


def _parse(data: bytes, path: Path) -> dict[str, Any]:
    if len(data) > MAX_V1_BYTES:
        raise SaveFormatError(
            tr("{path}: a format-1 save over {limit} bytes is not read", path=path, limit=f"{MAX_V1_BYTES:,}")
        )
    try:
        loaded = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveFormatError(tr("{path}: this is not a Cruise Control save (not UTF-8 text)", path=path)) from None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        raise SaveFormatError(tr("{path}: the save is damaged or truncated (not valid YAML)", path=path)) from None
    if not isinstance(loaded, dict) or MAGIC not in loaded:
        raise SaveFormatError(tr("{path}: this is not a Cruise Control save", path=path))
    if loaded[MAGIC] != FORMAT:
        raise SaveFormatError(
            tr(
                "{path}: save format {format} is not one this version reads (1 or 2)",
                path=path,
                format=f"{loaded[MAGIC]!r:.40}",
            )
        )
    return loaded


def _get(data: Any, key: str, kind: type, path: Path) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SaveFormatError(tr("{path}: the save's '{key}' is missing or malformed", path=path, key=key))
    return value


def load_v1(data: bytes, path: Path) -> tuple[Record, Rules, GameState]:
    loaded = _parse(data, path)
    scenario_data = _get(loaded, "scenario", dict, path)
    scenario_id = str(_get(scenario_data, "id", str, path))
    moves = _get(loaded, "moves", list, path)
    if _get(loaded, "move_count", int, path) != len(moves) or len(moves) > MAX_MOVES:
        raise SaveFormatError(
            tr(
                "{path}: the save is truncated: {count} of its {total} moves are there",
                path=path,
                count=len(moves),
                total=loaded["move_count"],
            )
        )
    seed = _get(loaded, "seed", int, path)
    beats = loaded.get("from_record", 0)
    if not 0 <= seed < 2**64 or isinstance(beats, bool) or not isinstance(beats, int) or not 0 <= beats < 10_000:
        raise SaveFormatError(tr("{path}: the save's seed or 'from_record' is out of range", path=path))
    found = local_scenario(scenario_id, with_beats=beats > 0) or local_scenario(scenario_id)
    if found is None:
        raise SaveFormatError(
            tr(
                "{path}: its scenario {scenario} is not in this game's scenarios folder; this older save "
                "(format 1) carries no copy of it",
                path=path,
                scenario=shown(scenario_id),
            )
        )
    scenario, copy = found
    notes = [tr("This is an older save (format 1): it is replayed on this computer's file of its scenario.")]
    if content_hash(copy.text) != str(scenario_data.get("hash", "")):
        notes.append(tr("That file has changed since the game was saved (its comments, texts or rules)."))
    rules = Rules(scenario)
    try:
        played, state = replay(rules, seed, moves, path)
    except SaveFormatError as exc:
        raise SaveFormatError(
            f"{exc}\n"
            + tr("(the scenario {scenario} has changed since this older save was made)", scenario=shown(scenario_id))
        ) from exc
    header = Header(
        scenario_id,
        rules_digest(scenario),
        PurePath(str(scenario_data.get("file", ""))).name,
        seed,
        {str(k): str(v) for k, v in _get(loaded, "players", dict, path).items()},
        str(loaded.get("created", "")),
        str(loaded.get("program", "")),
        format=FORMAT,
        from_record=beats,
        title=scenario.meta.title,
        sides={"us": scenario.sides.us.short, "ussr": scenario.sides.ussr.short},
        side_ids=scenario.side_ids,
    )
    return Record(header, played, copy, tuple(notes)), rules, state

"""Game records: a header and the list of moves, written atomically, replayed through the engine."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game import __version__
from game.engine.moves import Move, move_from_data, move_to_data
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError, SaveFormatError
from game.paths import SCENARIO_DIR
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side

SAVE_FORMAT = 1
MAGIC = "cruise_control_save"


@dataclass(frozen=True)
class Header:
    scenario_id: str
    scenario_hash: str
    scenario_file: str
    seed: int
    players: Mapping[str, str]
    created: str
    program: str
    format: int = SAVE_FORMAT
    from_record: int = 0
    """How many of the scenario's historical beats the game opens with (a replay, or a game taken
    over after that beat); 0 for a game of its own. Its record then quotes the archive's words."""


@dataclass(frozen=True)
class Record:
    header: Header
    moves: tuple[Move, ...]


def new_header(
    scenario_id: str,
    scenario_hash: str,
    scenario_file: str,
    seed: int,
    players: Mapping[str, str],
    from_record: int = 0,
) -> Header:
    """A header for a new game; the scenario file is kept relative to the scenarios folder when inside it."""
    path = Path(scenario_file).resolve()
    shown = path.name if path.parent == SCENARIO_DIR else str(path)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    program = f"cruise-control {__version__}"
    return Header(scenario_id, scenario_hash, shown, seed, dict(players), created, program, from_record=from_record)


def to_text(record: Record, rules: Rules) -> str:
    h = record.header
    data = {
        MAGIC: h.format,
        "scenario": {"id": h.scenario_id, "hash": h.scenario_hash, "file": h.scenario_file},
        "seed": h.seed,
        "players": dict(h.players),
        "created": h.created,
        "program": h.program,
        **({"from_record": h.from_record} if h.from_record else {}),
        "move_count": len(record.moves),
        "moves": [move_to_data(m, rules.space) for m in record.moves],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write(path: Path, record: Record, rules: Rules) -> None:
    """Write a record atomically: a temporary file beside the target, then os.replace."""
    text = to_text(record, rules)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CruiseControlError(f"cannot save to {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a save is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CruiseControlError(f"cannot save to {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise SaveFormatError(f"{path}: the save's '{key}' is missing or malformed")
    return value


def _seed(data: Mapping[str, Any], path: Path) -> int:
    seed = _require(data, "seed", int, path)
    if not 0 <= seed < 2**64:
        raise SaveFormatError(f"{path}: the save's seed {seed} is not a whole number from 0 to 2**64 - 1")
    return int(seed)


def _from_record(data: Mapping[str, Any], path: Path) -> int:
    beats = data.get("from_record", 0)
    if isinstance(beats, bool) or not isinstance(beats, int) or beats < 0:
        raise SaveFormatError(f"{path}: 'from_record' must be a whole number of beats, 0 or more, not {beats!r}")
    return beats


MAX_SCENARIO_BYTES = 2_000_000


def scenario_file(header: Header, path: Path) -> Path:
    """The scenario file a save names: in the scenarios folder, or a YAML file of a sane size elsewhere."""
    file = SCENARIO_DIR / header.scenario_file  # an absolute file name stays as it is
    if file.suffix not in (".yaml", ".yml") or not file.is_file() or file.stat().st_size > MAX_SCENARIO_BYTES:
        raise SaveFormatError(
            f"{path}: its scenario {header.scenario_id!r} is not available as a scenario file "
            f"({header.scenario_file}); put the scenario in {SCENARIO_DIR}"
        )
    return file


def read_header(path: Path) -> tuple[Header, list[Any]]:
    """The header and raw moves of a save; raises SaveFormatError if it is not a readable save."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SaveFormatError(f"{path}: no such save file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveFormatError(f"{path}: cannot read the file ({exc})") from exc
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        raise SaveFormatError(f"{path}: the save is damaged or truncated (not valid YAML)") from exc
    if not isinstance(data, dict) or MAGIC not in data:
        raise SaveFormatError(f"{path}: this is not a Cruise Control save")
    version = data[MAGIC]
    if version != SAVE_FORMAT:
        raise SaveFormatError(f"{path}: save format {version!r} is not one this version reads ({SAVE_FORMAT})")
    scenario = _require(data, "scenario", dict, path)
    moves = _require(data, "moves", list, path)
    count = _require(data, "move_count", int, path)
    if len(moves) != count:
        raise SaveFormatError(f"{path}: the save is truncated: {len(moves)} of its {count} moves are there")
    header = Header(
        scenario_id=str(_require(scenario, "id", str, path)),
        scenario_hash=str(_require(scenario, "hash", str, path)),
        scenario_file=str(scenario.get("file") or f"{scenario['id']}.yaml"),
        seed=_seed(data, path),
        players={str(k): str(v) for k, v in _require(data, "players", dict, path).items()},
        created=str(data.get("created", "")),
        program=str(data.get("program", "")),
        format=version,
        from_record=_from_record(data, path),
    )
    return header, moves


def load(path: Path) -> tuple[Record, Rules, GameState]:
    """Load a save and replay it through the engine to the identical state.

    Refuses, with a message saying why, a save whose scenario is missing or has changed, that is
    truncated or damaged, or whose moves are not legal.
    """
    header, raw_moves = read_header(path)
    name = str(scenario_file(header, path))
    try:
        scenario, digest = load_scenario(name)
    except CruiseControlError as exc:
        raise SaveFormatError(f"{path}: its scenario {header.scenario_id!r} cannot be loaded:\n{exc}") from exc
    if digest != header.scenario_hash:
        raise SaveFormatError(
            f"{path}: the scenario {header.scenario_id!r} has changed since this game was saved, "
            "so its moves would not replay to the same game"
        )
    rules = Rules(scenario)
    personas = {s: spec[8:] for s in Side if (spec := header.players.get(s.value, "")).startswith("persona:")}
    state = rules.initial(header.seed, personas)
    moves: list[Move] = []
    for number, raw in enumerate(raw_moves, start=1):
        try:
            move = move_from_data(raw, rules.space)
            state = rules.apply(state, move)
        except CruiseControlError as exc:
            raise SaveFormatError(f"{path}: move {number} cannot be replayed: {exc}") from exc
        moves.append(move)
    return Record(header, tuple(moves)), rules, state

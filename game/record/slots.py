"""The saves folder as a player sees it: named saves, one autosave per game, the latest game.

Listing reads only the two ends of each file (its header and its last line), never the whole of it,
so a folder of large or hostile files lists at once; loading one is `save.load`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.bounded_files import FileRefused, read_ends
from game.errors import SaveFormatError
from game.i18n import tr
from game.record.journal import clean_temporaries
from game.record.save_format import MAX_SAVE_BYTES, PREFIX
from game.record.save_read import header_from, is_v2, parse_line

AUTOSAVE_PREFIX = "autosave"
HEAD_BYTES = 64_000
TAIL_BYTES = 8_000
LATEST_LOOKS_AT = 50


@dataclass(frozen=True)
class SaveSummary:
    """What a list of saves shows of one, from its header and last line; `problem` if it cannot be read."""

    path: Path
    scenario_id: str = ""
    title: str = ""
    sides: Mapping[str, str] = field(default_factory=dict)
    players: Mapping[str, str] = field(default_factory=dict)
    created: str = ""
    moves: int = 0
    ended: str | None = None
    problem: str = ""


def autosave_path(folder: Path, scenario_id: str, now: dt.datetime | None = None) -> Path:
    """A new game's own autosave file: autosave-SCENARIO-DATE-TIME.yaml, never one that exists."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = f"{AUTOSAVE_PREFIX}-{scenario_id[:60]}-{stamp}"
    path = folder / f"{base}.yaml"
    number = 2
    while path.exists():
        path = folder / f"{base}-{number}.yaml"
        number += 1
    return path


def is_autosave(path: Path) -> bool:
    return path.name.startswith(AUTOSAVE_PREFIX)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def list_saves(folder: Path) -> list[Path]:
    """The *.yaml files of a folder, newest first (only their dates are looked at)."""
    try:
        paths = list(folder.glob("*.yaml"))
    except OSError:
        return []
    return sorted(paths, key=lambda p: (-_modified(p), p.name))


def _last_line(tail: bytes, whole: bool) -> dict[str, Any] | None:
    lines = tail.split(b"\n")
    complete = lines[:-1] if whole else lines[1:-1]  # the first piece of a tail may start mid-line
    for raw in reversed(complete):
        item = parse_line(raw)
        if isinstance(item, dict):
            return item
    return None


def _summary_v2(path: Path, head: bytes, tail: bytes, size: int) -> SaveSummary:
    first = next((r for r in head.split(b"\n") if r.startswith(PREFIX.encode())), b"")
    h = header_from(parse_line(first), path)
    last = _last_line(tail, size <= TAIL_BYTES) or {}
    moves = last.get("moves") if "end" in last else last.get("n", 0)
    ended = last.get("end") if isinstance(last.get("end"), str) else None
    count = moves if isinstance(moves, int) and not isinstance(moves, bool) else 0
    return SaveSummary(path, h.scenario_id, h.title, h.sides, h.players, h.created, count, ended)


def _summary_v1(path: Path, head: bytes) -> SaveSummary:
    text = head.decode("utf-8", errors="replace").split("\nmoves:", 1)[0]
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, RecursionError):  # deep nesting is a RecursionError
        data = None
    if not isinstance(data, dict) or "cruise_control_save" not in data:
        raise SaveFormatError(tr("this is not a Cruise Control save"))
    scenario: dict[Any, Any] = data["scenario"] if isinstance(data.get("scenario"), dict) else {}
    players: dict[Any, Any] = data["players"] if isinstance(data.get("players"), dict) else {}
    count = data.get("move_count")
    return SaveSummary(
        path,
        str(scenario.get("id", "")),
        str(scenario.get("id", "")),
        {},
        {str(k): str(v) for k, v in players.items()},
        str(data.get("created", "")),
        count if isinstance(count, int) and not isinstance(count, bool) else 0,
    )


def summary(path: Path) -> SaveSummary:
    """A save's summary from its two ends; never raises (a problem is in `problem`)."""
    try:
        head, tail, size = read_ends(path, MAX_SAVE_BYTES, HEAD_BYTES, TAIL_BYTES, "save file")
        return _summary_v2(path, head, tail, size) if is_v2(head) else _summary_v1(path, head)
    except (FileRefused, SaveFormatError) as exc:
        return SaveSummary(path, problem=str(exc).removeprefix(f"{path}: "))


def latest(folder: Path) -> Path | None:
    """The game Continue resumes: the newest save that can be read and is not over (among the newest few);
    a finished game is reviewed from Load, not resumed.

    Asked once as the game starts, it also clears what killed games left: their temporary files."""
    clean_temporaries(folder)
    summaries = (summary(p) for p in list_saves(folder)[:LATEST_LOOKS_AT])
    return next((s.path for s in summaries if not s.problem and s.ended is None), None)

"""A scenario names its two sides as it likes (`eu` and `japan`); the model keeps them in two slots.

The engine, the agents and the saves know the sides as two slots, `us` (the side written first)
and `ussr` (the second), the names the format had when every scenario was the START talks. The
loader renames the file's side ids to the slots before validation and renames every location and
message back, so an author only ever sees the ids the file uses. A file whose sides are `us` and
`ussr` (in either order) is read as it is.
"""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

from game.errors import Diagnostic
from game.i18n import tr
from game.scenario.yamlmarks import Located, Path

SLOTS = ("us", "ussr")

Problem = tuple[Path, str]


def file_side_ids(data: Any) -> tuple[str, str]:
    """The side ids a scenario's data uses, first side first (the slots when it names fewer or more)."""
    sides = data.get("sides") if isinstance(data, dict) else None
    keys = [k for k in sides if isinstance(k, str)] if isinstance(sides, dict) else []
    if len(keys) != 2 or set(keys) == set(SLOTS):
        return SLOTS
    return keys[0], keys[1]


def _side_refs(data: dict[str, Any]) -> list[tuple[dict[str, Any], str, Path]]:
    """Every (mapping, key, path) whose value names a side."""
    refs: list[tuple[dict[str, Any], str, Path]] = []

    def add(node: Any, key: str, path: Path) -> None:
        if isinstance(node, dict) and key in node:
            refs.append((node, key, (*path, key)))

    add(data.get("calendar"), "first_to_move", ("calendar",))
    for i, argument in enumerate(_seq(data.get("arguments"))):
        add(argument, "side", ("arguments", i))
    for i, event in enumerate(_seq(data.get("events"))):
        trigger = event.get("trigger") if isinstance(event, dict) else None
        condition = trigger.get("condition") if isinstance(trigger, dict) else None
        base: Path = ("events", i, "trigger", "condition")
        for key in ("consulted", "red_line_declared", "trust_of"):
            add(condition, key, base)
        if isinstance(condition, dict):
            add(condition.get("offer"), "side", (*base, "offer"))
        for j, effect in enumerate(_seq(event.get("effects") if isinstance(event, dict) else None)):
            add(effect, "side", ("events", i, "effects", j))
    return refs


def _seq(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def side_problems(data: Any) -> list[Problem]:
    """A side count other than two, and references to a side the scenario does not have."""
    if not isinstance(data, dict):
        return []
    sides = data.get("sides")
    problems: list[Problem] = []
    if isinstance(sides, dict) and len(sides) != 2:
        problems.append(
            (
                ("sides",),
                tr(
                    "a scenario has exactly two sides, not {count} ({sides})",
                    count=len(sides),
                    sides=", ".join(map(str, sides)),
                ),
            )
        )
    if not isinstance(sides, dict) or len(sides) != 2:
        return problems
    ids = [str(k) for k in sides]
    for node, key, path in _side_refs(data):
        value = node[key]
        if value is None or value in ids:
            continue
        close = difflib.get_close_matches(str(value), ids, n=1, cutoff=0.5)
        hint = tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""
        problems.append(
            (
                path,
                tr(
                    "{value} is not a side of this scenario; its sides are {first} and {second}{hint}",
                    value=repr(value),
                    first=ids[0],
                    second=ids[1],
                    hint=hint,
                ),
            )
        )
    for key in (data.get("dialogue") or {}) if isinstance(data.get("dialogue"), dict) else {}:
        if key not in ids:
            close = difflib.get_close_matches(str(key), ids, n=1, cutoff=0.5)
            hint = tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""
            problems.append(
                (("dialogue", key), tr("{key} is not a side of this scenario{hint}", key=repr(key), hint=hint))
            )
    return problems


def to_slots(located: Located) -> Located:
    """The document with its side ids renamed to the slots, positions re-keyed to match.

    A reference to a side the scenario lacks becomes the first slot: `side_problems` reports it, and
    the model's own check would only repeat it with the slot names."""
    ids = file_side_ids(located.data)
    if ids == SLOTS:
        return located
    rename = dict(zip(ids, SLOTS, strict=True))
    data = copy.deepcopy(located.data)
    for parent in ("sides", "dialogue"):
        node = data.get(parent)
        if isinstance(node, dict):
            data[parent] = {rename.get(k, SLOTS[0]) if isinstance(k, str) else k: v for k, v in node.items()}
    for node, key, _ in _side_refs(data):
        if node[key] is not None:
            node[key] = rename.get(node[key], SLOTS[0])

    def rekey(table: dict[Path, tuple[int, int]]) -> dict[Path, tuple[int, int]]:
        return {to_slot_path(p, ids): pos for p, pos in table.items()}

    return Located(data, rekey(located.value_at), rekey(located.key_at), located.duplicate_keys)


def to_slot_path(path: Path, ids: tuple[str, str]) -> Path:
    if len(path) >= 2 and path[0] in ("sides", "dialogue") and path[1] in ids:
        return (path[0], SLOTS[ids.index(str(path[1]))], *path[2:])
    return path


def named_back(diagnostic: Diagnostic, ids: tuple[str, str]) -> Diagnostic:
    """A message about the slots, with the file's own side ids in its paths."""
    if ids == SLOTS:
        return diagnostic
    rename = dict(zip(SLOTS, ids, strict=True))
    message = re.sub(r"\b(sides|dialogue)\.(us|ussr)\b", lambda m: f"{m[1]}.{rename[m[2]]}", diagnostic.message)
    return Diagnostic(diagnostic.file, diagnostic.line, diagnostic.column, message, diagnostic.severity)

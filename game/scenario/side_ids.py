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
from game.scenario.look_alikes import is_id_like, latin_form, look_alike_message
from game.scenario.yamlmarks import Located, Path

SLOTS = ("us", "ussr")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Problem = tuple[Path, str]


def file_side_ids(data: Any) -> tuple[str, str]:
    """The side ids a scenario's data uses, first side first: the slots when it names none, its one side
    twice when it names one, its first two when it names more (the side count is an error of its own,
    and the sides it names are read as far as they go, without a word about the slots)."""
    sides = data.get("sides") if isinstance(data, dict) else None
    keys = [k for k in sides if isinstance(k, str)] if isinstance(sides, dict) else []
    if not keys or set(keys) == set(SLOTS):
        return SLOTS
    return (keys[0], keys[0]) if len(keys) == 1 else (keys[0], keys[1])


def _speakers(data: Any) -> list[tuple[dict[str, Any], Path]]:
    """Every meeting's `speakers` mapping (keyed by side id) and its path."""
    calendar = data.get("calendar") if isinstance(data, dict) else None
    meetings = calendar.get("meetings") if isinstance(calendar, dict) else None
    return [
        (meeting["speakers"], ("calendar", "meetings", i, "speakers"))
        for i, meeting in enumerate(_seq(meetings))
        if isinstance(meeting, dict) and isinstance(meeting.get("speakers"), dict)
    ]


def is_side_key(path: Path) -> bool:
    """Whether the last part of a path is a side's id written as a key (sides.ID, dialogue.ID, a meeting's
    speakers.ID) rather than as a value."""
    return (len(path) == 2 and path[0] in ("sides", "dialogue")) or (
        len(path) == 5 and path[:2] == ("calendar", "meetings") and path[3] == "speakers"
    )


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


def _hint(word: str, ids: list[str]) -> str:
    # `us` or `ussr` left from the template (or a START scenario) after its sides were renamed: the side
    # in the same place, not the id that happens to look alike (`us` is not `uk`)
    close = [ids[SLOTS.index(word)]] if word in SLOTS else difflib.get_close_matches(word, ids, n=1, cutoff=0.5)
    return tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""


def _key_problem(key: str) -> str | None:
    """What is wrong with a side's key as an id (a look-alike letter, a capital, a space), if anything."""
    if is_id_like(key):
        return look_alike_message(key, "key")
    if not _ID.match(key):
        return tr(
            "a side's id is lower-case Latin letters a-z, digits 0-9, _ and -, starting with a letter or digit, "
            "not {given}: it is written after --side on the command line",
            given=repr(key),
        )
    return None


def yes_no_read(value: bool) -> str:
    """What YAML made of an unquoted yes/no word, said for an author who meant the word."""
    if value:
        return tr("YAML reads an unquoted yes, on or true (in any case) as true")
    return tr("YAML reads an unquoted no, off or false (in any case) as false")


def side_problems(data: Any) -> list[Problem]:
    """A side count other than two, a side's id that is not an id, and references to a side the scenario
    does not have."""
    if not isinstance(data, dict):
        return []
    sides = data.get("sides")
    problems: list[Problem] = []
    if isinstance(sides, dict) and len(sides) != 2:
        problems.append(
            (
                ("sides", list(sides)[2]) if len(sides) > 2 else ("sides",),
                tr(
                    "a scenario has exactly two sides, not {count} ({sides})",
                    count=len(sides),
                    sides=", ".join(map(str, sides)),
                )
                if sides
                else tr("a scenario has exactly two sides, and this one has none"),
            )
        )
    if not isinstance(sides, dict) or len(sides) != 2:
        return problems
    for key in sides:
        if isinstance(key, bool):  # `no:` for Norway: YAML 1.1 reads it as false, and every reference too
            return [(("sides", key), tr("{read}; put the side's id in quotes here and wherever it is written "
                     "({example}), or choose another id", read=yes_no_read(key), example='side: "no"'))]  # fmt: skip
    ids = [str(k) for k in sides]
    # A reference written as the author meant the key (`lowmark` beside a key typed `lоwmark` or
    # `Lowmark`) is right: the key is what is wrong, and is said so once, where it is.
    meant: set[str] = set()
    for key in ids:
        wrong = _key_problem(key)
        if wrong is not None:
            problems.append((("sides", key), wrong))
            meant |= {latin_form(key).lower(), key.lower()}

    def unknown(value: object) -> str:
        if isinstance(value, bool) and any(k in ("yes", "no", "on", "off", "y", "n") for k in ids):
            return tr("{read}; put the side's id in quotes", read=yes_no_read(value))
        return tr(
            "{value} is not a side of this scenario; its sides are {first} and {second}{hint}",
            value=repr(value),
            first=ids[0],
            second=ids[1],
            hint=_hint(str(value), ids),
        )

    for node, key, path in _side_refs(data):
        value = node[key]
        if value is None or value in ids or value in meant:
            continue
        problems.append((path, unknown(value)))
    dialogue = data.get("dialogue")
    for key in dialogue if isinstance(dialogue, dict) else {}:
        if key not in ids and key not in meant:
            problems.append(
                (
                    ("dialogue", key),
                    tr("{key} is not a side of this scenario{hint}", key=repr(key), hint=_hint(str(key), ids)),
                )
            )
    for speakers, path in _speakers(data):
        for key in speakers:
            if key not in ids and key not in meant:
                problems.append(((*path, key), unknown(key)))
    return problems


def to_slots(located: Located) -> Located:
    """The document with its side ids renamed to the slots, positions re-keyed to match.

    A reference to a side the scenario lacks becomes the first slot, and a key naming one is left out:
    `side_problems` reports them, and the model's own check would only repeat it with the slot names.
    A file with one side has it in both slots (and a third side is left out), so that what is wrong
    inside it is reported once, and the side count once."""
    ids = file_side_ids(located.data)
    if not isinstance(located.data, dict):
        return located
    sides = located.data.get("sides")
    if ids == SLOTS and isinstance(sides, dict) and sides:
        return located
    # Without sides to read (`sides:` missing or not a mapping) the references are renamed as if the file
    # had named the slots: the missing sides are the one error, not every reference to them.
    rename = {ids[0]: SLOTS[0]} if ids[0] == ids[1] else dict(zip(ids, SLOTS, strict=True))
    for key in ids:
        if key in rename:
            rename[latin_form(key).lower()] = rename.get(latin_form(key).lower(), rename[key])
            rename[key.lower()] = rename.get(key.lower(), rename[key])
    data = copy.deepcopy(located.data)

    def renamed(node: dict[Any, Any]) -> dict[Any, Any]:
        return {rename[k]: v for k, v in node.items() if isinstance(k, str) and k in rename}

    for parent in ("sides", "dialogue"):
        node = data.get(parent)
        if isinstance(node, dict):
            data[parent] = renamed(node)
    if ids[0] == ids[1] and isinstance(data.get("sides"), dict) and SLOTS[0] in data["sides"]:
        data["sides"][SLOTS[1]] = data["sides"][SLOTS[0]]
    for speakers, path in _speakers(data):
        node = data["calendar"]["meetings"][path[2]]
        node["speakers"] = renamed(speakers)
    for node, key, _ in _side_refs(data):
        if node[key] is not None:
            node[key] = rename.get(node[key], SLOTS[0])

    def rekey(table: dict[Path, tuple[int, int]]) -> dict[Path, tuple[int, int]]:
        out = {to_slot_path(p, ids): pos for p, pos in table.items()}
        if ids[0] == ids[1]:
            out |= {_second(p): pos for p, pos in out.items() if _second(p) != p}
        return out

    return Located(data, rekey(located.value_at), rekey(located.key_at), located.duplicate_keys)


def _second(path: Path) -> Path:
    """The path in the second slot of what is in the first (a file with one side has it in both)."""
    if len(path) >= 2 and path[0] == "sides" and path[1] == SLOTS[0]:
        return (path[0], SLOTS[1], *path[2:])
    return path


def to_slot_path(path: Path, ids: tuple[str, str]) -> Path:
    if len(path) >= 2 and path[0] in ("sides", "dialogue") and path[1] in ids:
        return (path[0], SLOTS[ids.index(str(path[1]))], *path[2:])
    if len(path) >= 5 and path[:2] == ("calendar", "meetings") and path[3] == "speakers" and path[4] in ids:
        return (*path[:4], SLOTS[ids.index(str(path[4]))], *path[5:])
    return path


def named_back(diagnostic: Diagnostic, ids: tuple[str, str]) -> Diagnostic:
    """A message about the slots, with the file's own side ids in its paths."""
    if ids == SLOTS:
        return diagnostic
    rename = dict(zip(SLOTS, ids, strict=True))
    message = re.sub(
        r"\b(sides|dialogue|speakers)\.(us|ussr)\b", lambda m: f"{m[1]}.{rename[m[2]]}", diagnostic.message
    )
    return Diagnostic(diagnostic.file, diagnostic.line, diagnostic.column, message, diagnostic.severity)

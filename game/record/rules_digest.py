"""What of a scenario a game depends on: its rules without its prose, as a digest and as a list.

A save keeps the digest of the rules it was played under. Editing comments, layout, names or any
text of a scenario leaves the digest as it was; changing a number, an option, a meeting's exchanges,
a red line or an event's trigger changes it, and `changes` says which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from game.scenario.schema import Scenario

PROSE = frozenset(
    {
        "title",
        "summary",
        "sources",
        "source",
        "place",
        "name",
        "short",
        "description",
        "unit",
        "brief",
        "note",
        "notes",
        "role",
        "text",
        "news",
        "instructions",
        "confidence",
        "speaker",
        "dialogue",
        "epilogue",
        "day_by_day",
        "texts",
        "translations",
    }
)
"""Fields that are words for people, never read by the rules (a field a later format adds is counted
as a rule until it is named here: a save then reports a change that was not one, but still opens)."""


def _flat(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name not in PROSE:
                yield from _flat(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, dict):
        for key in sorted(node, key=str):
            yield from _flat(node[key], f"{path}.{key}")
    elif isinstance(node, tuple | list):
        for i, item in enumerate(node):
            yield from _flat(item, f"{path}[{_label(item, i)}]")
    elif isinstance(node, dt.date):
        yield path, node.isoformat()
    else:
        yield path, node


def _label(item: Any, index: int) -> str:
    """A list item named by its id where it has one, so that inserting an item shows as one change."""
    ident = getattr(item, "id", None)
    return str(ident) if isinstance(ident, str) else str(index)


def rules_of(scenario: Scenario) -> dict[str, Any]:
    """Every value the game's rules read, by its dotted path."""
    return dict(_flat(scenario, ""))


def rules_digest(scenario: Scenario) -> str:
    """The digest of the scenario's rules as its file reads in English, whatever the game's language:
    option labels and a few names are among the rules' values, in the language the file was read in."""
    own = language_digest(scenario)
    known = scenario.english_rules
    return known[1] if known is not None and known[0] == own else own


def language_digest(scenario: Scenario) -> str:
    """The digest of the rules as this model holds them (its texts in the language it was read in)."""
    text = json.dumps(sorted((k, repr(v)) for k, v in rules_of(scenario).items()), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]


def changes(before: Scenario, after: Scenario, limit: int = 8) -> list[str]:
    """What changed in the rules, one line each (at most `limit`, then how many more)."""
    old, new = rules_of(before), rules_of(after)
    lines = []
    for key in sorted(old.keys() | new.keys()):
        if key not in new:
            lines.append(f"{key}: {old[key]!r} was removed")
        elif key not in old:
            lines.append(f"{key}: {new[key]!r} was added")
        elif old[key] != new[key]:
            lines.append(f"{key}: {old[key]!r} is now {new[key]!r}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more"]
    return lines

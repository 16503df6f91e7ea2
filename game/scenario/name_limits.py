"""Limits on the length of names, short names, labels and titles in a scenario.

A name is drawn on buttons, labels and table rows every frame; one of 30,000 characters is no name,
and laying it out again and again would freeze the window. Every language's form is checked, not
only the one the game runs in, so a scenario valid in English is valid in Russian too.
scenarios/README.md ("Limits") lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.i18n import N_, tr

Path = tuple[str | int, ...]

MAX_NAME = 80
"""A name or option label: twice the longest shipped one, and about what a wide button shows."""
MAX_SHORT = 30
"""A short name for tables and columns: the shipped ones have at most 17 characters."""
MAX_TITLE = 120
"""A title shown in the log or on an argument button: about twice the longest shipped one."""


def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """The text at a path, or each language's form of a per-language text."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for language, text in value.items():
            if isinstance(text, str):
                yield (*path, str(language)), text


def _items(node: Any, key: str) -> Iterator[tuple[int, Any]]:
    value = node.get(key) if isinstance(node, dict) else None
    return enumerate(value) if isinstance(value, list) else iter(())


def _named(data: Any) -> Iterator[tuple[Path, Any, int, str]]:
    """Every place that holds a name, with its value, its limit and what it is called."""
    if not isinstance(data, dict):
        return
    sides = data.get("sides")
    for side_id, side in sides.items() if isinstance(sides, dict) else ():
        if not isinstance(side, dict):
            continue
        base = ("sides", str(side_id))
        yield (*base, "name"), side.get("name"), MAX_NAME, N_("a delegation's name")
        yield (*base, "short"), side.get("short"), MAX_SHORT, N_("a short name")
        for i, member in _items(side, "members"):
            if isinstance(member, dict):
                yield (*base, "members", i, "name"), member.get("name"), MAX_NAME, N_("a member's name")
        for i, persona in _items(side, "personas"):
            if isinstance(persona, dict):
                yield (*base, "personas", i, "name"), persona.get("name"), MAX_NAME, N_("a persona's name")
    for i, issue in _items(data, "issues"):
        if not isinstance(issue, dict):
            continue
        yield ("issues", i, "name"), issue.get("name"), MAX_NAME, N_("an issue's name")
        yield ("issues", i, "short"), issue.get("short"), MAX_SHORT, N_("a short name")
        yield ("issues", i, "max_label"), issue.get("max_label"), MAX_NAME, N_("a label")
        for j, option in _items(issue, "options"):
            yield ("issues", i, "options", j), option, MAX_NAME, N_("an option")
        labels = issue.get("labels")
        for option, label in labels.items() if isinstance(labels, dict) else ():
            yield ("issues", i, "labels", str(option)), label, MAX_NAME, N_("an option's label")
    meta = data.get("meta")
    if isinstance(meta, dict):
        yield ("meta", "title"), meta.get("title"), MAX_TITLE, N_("a title")
    calendar = data.get("calendar")
    for i, meeting in _items(calendar, "meetings"):
        if isinstance(meeting, dict):
            yield ("calendar", "meetings", i, "title"), meeting.get("title"), MAX_TITLE, N_("a title")
    for key in ("arguments", "events"):
        for i, item in _items(data, key):
            if isinstance(item, dict):
                yield (key, i, "title"), item.get("title"), MAX_TITLE, N_("a title")


def name_problems(data: Any) -> list[tuple[Path, str]]:
    """(path, message) for every name, label or title over its limit, in the scenario as written
    (before the game's language is picked)."""
    out = []
    for path, value, limit, what in _named(data):
        for where, text in _texts(value, path):
            if len(text) > limit:
                out.append(
                    (
                        where,
                        tr(
                            "{what} of at most {limit} characters, not {count}",
                            what=tr(what),
                            limit=limit,
                            count=f"{len(text):,}",
                        ),
                    )
                )
    return out

"""A scenario with hostile markup in every text field: the shipped April 1990 one, each text poisoned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from game.scenario.name_limits import MAX_NAME, MAX_SHORT, MAX_TITLE

from .conftest import ROOT

HOSTILE = '<img src="x"><img src="x.png" width=99999 height=99999><font size=999 face="x"><a href="x">&amp;<b><i>'
"""Markup pygame_gui would act on (a missing image crashed the debrief, a wide one froze it)."""
_IN_NAMES = '<img src="x"><b>&amp;<i>'
PAYLOADS = {
    "name": _IN_NAMES,
    "speaker": _IN_NAMES,  # a speaker names a member: poisoned alike, it still names one
    "speakers": _IN_NAMES,
    "short": "<img src=x>",
    "title": '<img src="x" width=99999><a href="x">&amp;<b>',
}
"""Shorter markup for names, short names and titles, which have length limits
(game/scenario/name_limits.py): each keeps the longest shipped text of its kind within its limit."""
assert len(_IN_NAMES) + 52 <= MAX_NAME and len(PAYLOADS["short"]) + 17 <= MAX_SHORT
assert len(PAYLOADS["title"]) + 63 <= MAX_TITLE

TEXT_KEYS = {
    "title", "name", "short", "brief", "text", "summary", "news", "description", "role", "place", "body",
    "note", "instructions", "ministerial", "summit", "treaty", "unit", "sources", "source", "speaker", "speakers",
}  # fmt: skip


def poison(node: Any, key: str = "", in_dialogue: bool = False) -> Any:
    if isinstance(node, dict):
        # a text per language is still its key's text; a meeting's speakers name members, poisoned alike
        same = key == "speakers" or (bool(node) and set(node) <= {"en", "ru"})
        return {k: poison(v, key if same else str(k), in_dialogue or k == "dialogue") for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key, in_dialogue) for v in node]
    if isinstance(node, str) and (key in TEXT_KEYS or in_dialogue):
        return PAYLOADS.get(key, HOSTILE) + node
    return node


def hostile_scenario(folder: Path) -> Path:
    data = yaml.safe_load((ROOT / "scenarios" / "april-1990.yaml").read_text(encoding="utf-8"))
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def hostile_beats(folder: Path) -> Path:
    """The April 1990 beats beside `hostile_scenario`'s file, their speakers and notes poisoned alike."""
    data = yaml.safe_load((ROOT / "scenarios" / "beats" / "april-1990.yaml").read_text(encoding="utf-8"))
    for beat in data["beats"]:
        for key in ("speaker", "note"):
            if key in beat:
                beat[key] = poison(beat[key], key)  # a note per language is poisoned in each language
    path = folder / "hostile.beats.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

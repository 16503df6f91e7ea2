"""The scenario as a seat may have it during the talks, and the whole scenario once they are over.

So that a class can play a scenario its students' computers lack, the server sends each seat, on seating,
the scenario's text with the other delegation's confidential parts replaced by neutral placeholders: its
brief (a line saying it is confidential), its positions (every issue: from its lowest value, the red line,
to its highest, weight 1, higher is better), its no-deal value and starting trust, its home front's numbers
and weights (its ratifying body keeps its name), its personas, and what the scenario's events do to it
(their news stays; new weights, red lines, trust, support and instructions for that side go). What is left
is what the public record and the seat's own brief say. The client uses it for its own side only (its
brief, the checks of its own moves, its utility and gauges); the game itself it is sent by the server,
each seat's view of it (`game.net.view`), so the placeholders never decide anything. Once the talks at
a table are over, the server sends the whole scenario, as a local game's debrief shows both sides.

On the client every text is untrusted: it is read like any scenario file from outside (`validate`'s checks,
within the loader's bounds), must be the scenario the server named (its id, and the rules digest the
server gives for that copy), and is kept in memory by its digest, never written over a scenario of the
student's own.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

import yaml

from game.engine.rules import Rules
from game.errors import CruiseControlError
from game.record.rules_digest import rules_digest
from game.record.save import ScenarioCopy
from game.record.scenario_copy import local_path, local_scenario
from game.scenario.bounds import MAX_BYTES
from game.scenario.loader import check_text, content_hash
from game.scenario.preferences import Side, Space
from game.scenario.schema import Scenario
from game.scenario.side_ids import file_side_ids

log = logging.getLogger("cruise_control.net")

HIDDEN = "(The other delegation's brief is confidential: the class server does not send it.)"
MAX_KEPT = 8
"""Scenarios a client keeps in memory by digest: a window plays one class at a time."""
_DIGEST = re.compile(r"[0-9a-f]{16}")


class SeatCopyError(CruiseControlError):
    """The scenario the server sent cannot be played: not the one it named, or not a valid scenario."""


@dataclass(frozen=True)
class SeatCopy:
    """A seat's copy of the scenario, as the server makes it: its text and the digest of its rules."""

    text: str
    digest: str


def seat_text(text: str, side: Side) -> SeatCopy | None:
    """The scenario's text with the other side's confidential parts replaced by placeholders, checked to
    load; None when it cannot be made so (the seat then needs the scenario on its own computer)."""
    try:
        scenario, _ = check_text(text, "scenario", "en")
        if scenario is None:
            raise ValueError("the scenario does not load")
        space = Space.of(scenario)
        data = yaml.safe_load(text)
        other = file_side_ids(data)[1 - side.index]
        _redact(data["sides"][other], space)
        for event in data.get("events") or []:
            effects = event.get("effects") or []
            event["effects"] = [
                {"side": other} if isinstance(e, dict) and e.get("side") == other else e for e in effects
            ]
        public = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    except (yaml.YAMLError, AttributeError, KeyError, TypeError, IndexError, ValueError) as exc:
        log.warning("cannot make the seats' copy of the scenario: %s", exc)
        return None
    copy, _ = check_text(public, "seat copy", "en")
    if copy is None or copy.meta.id != scenario.meta.id or Space.of(copy) != space or len(public.encode()) > MAX_BYTES:
        log.warning("the seats' copy of the scenario does not load as the scenario does; seats need their own copy")
        return None
    return SeatCopy(public, rules_digest(copy))


def _redact(side: dict[str, Any], space: Space) -> None:
    """A side's confidential parts as neutral placeholders, the same for every scenario of these issues."""
    side["brief"] = HIDDEN
    side["no_deal"] = 0.0
    side.pop("trust", None)
    side.pop("personas", None)
    side["positions"] = {
        issue: {
            "opening": d.levels[-1],
            "target": d.levels[-1],
            "red_line": d.levels[0],
            "weight": 1,
            "prefers": "higher",
        }
        for issue, d in zip(space.ids, space.domains, strict=True)
    }
    side["domestic"] = {
        "body": side["domestic"]["body"],
        "threshold": 0.5,
        "support_at_worst": 0.0,
        "support_at_best": 1.0,
    }


@dataclass(frozen=True)
class Found:
    """The scenario a seat plays on: its rules and text, and whether it is the whole scenario (this
    computer's own, or the server's once the talks are over) or the seat's copy."""

    rules: Rules
    copy: ScenarioCopy
    whole: bool


_KEPT: dict[tuple[str, str], Found] = {}
"""By the rules' digest and where the text came from: this computer's file, or the server's text for one side."""


def local_digest(scenario_id: str) -> str | None:
    """The rules digest of this computer's scenario of that id, None if it has none that loads: what the
    client tells the server it holds (`Holds`). Read again only when the file changes."""
    path = local_path(scenario_id)
    try:
        st = path.stat()
    except OSError:
        return None
    return _digest_of(scenario_id, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _digest_of(scenario_id: str, mtime_ns: int, size: int) -> str | None:
    here = local_scenario(scenario_id)
    return None if here is None else rules_digest(here[0])


def seat_scenario(info: Any, side: Side) -> Found:
    """The scenario `seated` or `moves` names for a seat on `side`; raises SeatCopyError saying why it cannot
    be played. During the talks it is the seat's copy (`{"id", "file", "text", "seat_hash"}`), checked
    against `seat_hash`. Once they are over (or when the server could not make a copy) it is the whole
    scenario (`{"id", "hash", "file"}` and maybe `text`): this computer's own copy if its rules are `hash`,
    else the text, checked against `hash`. The whole scenario's digest is not sent during the talks: the
    other side's numbers could be guessed against it."""
    if not isinstance(info, dict):
        raise SeatCopyError("the class server named no scenario")
    scenario_id, digest, text = info.get("id"), info.get("hash"), info.get("text")
    seat_digest = info.get("seat_hash")
    if not isinstance(scenario_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,99}", scenario_id):
        raise SeatCopyError(f"the server plays a scenario with an unusable id {str(scenario_id)[:40]!r}")
    expected = seat_digest if seat_digest is not None else digest
    if not isinstance(expected, str) or not _DIGEST.fullmatch(expected):
        raise SeatCopyError("the class server sent no usable digest of its scenario")
    text = text if isinstance(text, str) else ""
    whole = seat_digest is None
    keys = [(expected, "here")] if whole else []
    keys.append((expected, f"{side.value} {content_hash(text)}"))
    for key in keys:
        if key in _KEPT and _KEPT[key].rules.scenario.meta.id == scenario_id:
            return _KEPT[key]
    here = local_scenario(scenario_id) if whole else None
    if here is not None and rules_digest(here[0]) == expected:
        found, key = here, (expected, "here")
    elif text:
        found, key = _checked(text, scenario_id, expected), (expected, f"{side.value} {content_hash(text)}")
    elif here is not None:
        raise SeatCopyError(
            f"this computer's copy of the scenario {scenario_id!r} differs from the server's; update the game"
        )
    else:
        raise SeatCopyError(f"the class plays the scenario {scenario_id!r}, which this computer does not have")
    while len(_KEPT) >= MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = Found(Rules(found[0]), found[1], whole)
    return _KEPT[key]


def _checked(text: str, scenario_id: str, digest: str) -> tuple[Scenario, ScenarioCopy]:
    """The server's text read as an untrusted scenario file: bounded, `yaml.safe_load`, every check of
    `validate`, and the very scenario the server named."""
    name = f"{scenario_id}.yaml"
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise SeatCopyError(f"the class server's scenario is over the limit of {MAX_BYTES:,} bytes for a scenario")
    scenario, diagnostics = check_text(text, f"{name} (from the class server)")
    if scenario is None:
        first = diagnostics[0] if diagnostics else None
        raise SeatCopyError(f"the class server's scenario is not a valid scenario: {first}")
    if scenario.meta.id != scenario_id or rules_digest(scenario) != digest:
        raise SeatCopyError("the class server's scenario is not the one it says it plays (its id or digest differ)")
    return scenario, ScenarioCopy(text, name, "")

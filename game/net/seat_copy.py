"""The scenario as a seat may have it, so that a class can play a scenario its students' computers lack.

The server sends it on seating; the client replays the public moves through it with the same
`Rules.apply` and builds its own side's observation from it. It is the scenario's text with the other
delegation's confidential prose taken out: its brief, and the new instructions events bring it. What the
rules read stays (the rules digest must not change: both sides' positions, weights, red lines and home
fronts decide agreements, ratification and scores, which the client computes as the server does).

On the client the text is untrusted: it is read like any scenario file from outside (`validate`'s checks,
within the loader's bounds), must be the scenario the server named (id and rules digest), and is kept in
memory by its digest, never written over a scenario of the student's own.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import yaml

from game.engine.rules import Rules
from game.errors import CruiseControlError
from game.record.rules_digest import rules_digest
from game.record.save import ScenarioCopy
from game.record.scenario_copy import local_scenario
from game.scenario.bounds import MAX_BYTES, fast_safe_load
from game.scenario.loader import check_text, content_hash
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.scenario.side_ids import file_side_ids

log = logging.getLogger("cruise_control.net")

HIDDEN = "(The other delegation's brief is confidential: the class server does not send it.)"
MAX_KEPT = 8
"""Scenarios a client keeps in memory by digest: a window plays one class at a time."""


class SeatCopyError(CruiseControlError):
    """The scenario the server sent cannot be played: not the one it named, or not a valid scenario."""


def seat_text(text: str, side: Side, digest: str) -> str:
    """The scenario's text without the other side's confidential prose, checked to load with the same rules
    digest; "" when it cannot be made so (the seat then needs the scenario on its own computer)."""
    try:
        data = fast_safe_load(text)
        other = file_side_ids(data)[1 - side.index]
        data["sides"][other]["brief"] = HIDDEN
        for event in data.get("events") or []:
            for effect in event.get("effects") or []:
                if isinstance(effect, dict) and effect.get("side") == other:
                    effect.pop("instructions", None)
        public = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    except (yaml.YAMLError, AttributeError, KeyError, TypeError, IndexError) as exc:
        log.warning("cannot make the seats' copy of the scenario: %s", exc)
        return ""
    scenario, _ = check_text(public, "seat copy", "en")
    if scenario is None or rules_digest(scenario) != digest or len(public.encode()) > MAX_BYTES:
        log.warning("the seats' copy of the scenario does not load as the scenario does; seats need their own copy")
        return ""
    return public


_KEPT: dict[tuple[str, str], tuple[Rules, ScenarioCopy]] = {}
"""By the rules' digest and where the text came from: this computer's file, or the server's text for one side
(each side's copy holds its own brief, under the same digest)."""


def seat_scenario(info: Any, side: Side) -> tuple[Rules, ScenarioCopy]:
    """The scenario `seated` names (`{"id", "hash", "file", "text"}`) for a seat on `side`: this computer's own
    copy if its rules are the same, else the text the server sent, checked; raises SeatCopyError saying why
    it cannot be played."""
    if not isinstance(info, dict):
        raise SeatCopyError("the class server named no scenario")
    scenario_id, digest, text = info.get("id"), info.get("hash"), info.get("text")
    if not isinstance(scenario_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,99}", scenario_id):
        raise SeatCopyError(f"the server plays a scenario with an unusable id {str(scenario_id)[:40]!r}")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{16}", digest):
        raise SeatCopyError("the class server sent no usable digest of its scenario")
    text = text if isinstance(text, str) else ""
    for key in ((digest, "here"), (digest, f"{side.value} {content_hash(text)}")):
        if key in _KEPT and _KEPT[key][0].scenario.meta.id == scenario_id:
            return _KEPT[key]
    here = local_scenario(scenario_id)
    if here is not None and rules_digest(here[0]) == digest:
        found, key = here, (digest, "here")
    elif text:
        found = _checked(text, scenario_id, digest)
    elif here is not None:
        raise SeatCopyError(
            f"this computer's copy of the scenario {scenario_id!r} differs from the server's; update the game"
        )
    else:
        raise SeatCopyError(f"the class plays the scenario {scenario_id!r}, which this computer does not have")
    while len(_KEPT) >= MAX_KEPT:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = Rules(found[0]), found[1]
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

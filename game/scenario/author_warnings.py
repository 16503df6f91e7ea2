"""Warnings for what a scenario may say but probably does not mean (`validate` prints them and exits 0)."""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from game.errors import Diagnostic, Severity
from game.i18n import tr
from game.scenario.colours import colour_warnings
from game.scenario.look_alikes import did_you_mean
from game.scenario.schema import Scenario
from game.scenario.yamlmarks import Path, load_located


def _problems(scenario: Scenario) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    sides = (scenario.sides.us, scenario.sides.ussr)
    for side_id, side in zip(scenario.side_ids, sides, strict=True):
        base: Path = ("sides", side_id)
        leads = [m.name for m in side.members if m.lead]
        if not leads:
            out.append(
                (
                    (*base, "members"),
                    tr(
                        "no member has lead: true, so {member} speaks for {side}",
                        member=side.members[0].name,
                        side=side.name,
                    ),
                )
            )
        elif len(leads) > 1:
            out.append(
                (
                    (*base, "members"),
                    tr(
                        "{count} members have lead: true ({names}); the first speaks",
                        count=len(leads),
                        names=", ".join(leads),
                    ),
                )
            )
        for i, persona in enumerate(side.personas):
            where: Path = (*base, "personas", i)
            if persona.bluffs and not persona.firm:
                out.append(((*where, "bluffs"), tr("bluffs: true does nothing without firm lines to bluff about")))
    out += colour_warnings(dict(zip(scenario.side_ids, (sides[0].colour, sides[1].colour), strict=True)))
    for i, meeting in enumerate(scenario.calendar.meetings):
        if meeting.exchanges < 2:
            out.append(
                (("calendar", "meetings", i, "exchanges"), tr("one exchange: only one side speaks at this meeting"))
            )
    trust = {scenario.side_ids[0]: sides[0].trust, scenario.side_ids[1]: sides[1].trust}
    slots = dict(zip(("us", "ussr"), scenario.side_ids, strict=True))
    for i, event in enumerate(scenario.events):
        condition = event.trigger.condition
        if condition is None or condition.trust_below is None:
            continue
        whose = slots[condition.trust_of or "us"]
        if trust[whose] < condition.trust_below:
            out.append(
                (
                    ("events", i, "trigger", "condition", "trust_below"),
                    tr(
                        "{side}'s trust starts at {trust}, below {limit}: this holds from the first exchange",
                        side=whose,
                        trust=f"{trust[whose]:g}",
                        limit=f"{condition.trust_below:g}",
                    ),
                )
            )
    return out


_KEY = re.compile(r"\[([^\[\]]+)\]")


def _source_problems(data: Any) -> list[tuple[Path, str]]:
    """Source keys cited ('[F-126]', in a `source` or `sources`) that `meta.sources` does not list: the
    record of a game lists only the sources it knows, so a misspelt key is a citation silently lost."""
    meta = data.get("meta") if isinstance(data, dict) else None
    known = meta.get("sources") if isinstance(meta, dict) else None
    keys = {str(k) for k in known} if isinstance(known, dict) else set()
    out: list[tuple[Path, str]] = []

    def texts(value: Any) -> list[str]:  # a text, a list of them, or one per language
        if isinstance(value, dict):
            return [t for v in value.values() for t in texts(v)]
        if isinstance(value, list):
            return [t for v in value for t in texts(v)]
        return [value] if isinstance(value, str) else []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source", "sources") and path != ("meta",):
                    cited = {k for t in texts(value) for k in _KEY.findall(t)}
                    for unknown in sorted(cited - keys):
                        hint = did_you_mean(unknown, keys)
                        listed = ", ".join(sorted(keys)) if keys else tr("none")
                        out.append(
                            (
                                (*path, key),
                                tr(
                                    "the source key [{key}] is not in meta.sources{hint}, so the record cannot cite "
                                    "it; the keys there: {listed}",
                                    key=unknown,
                                    hint=hint,
                                    listed=listed,
                                ),
                            )
                        )
                else:
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(data, ())
    return out


located_once = functools.lru_cache(maxsize=4)(load_located)
"""`load_located`, remembered for the last few texts: `validate` locates one file's warnings from several
checks, and parsing YAML is most of its time. Callers must not change what it returns."""


def authoring_warnings(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    """Legal but probably wrong, located in the file."""
    try:
        located = located_once(text)
    except yaml.YAMLError:  # the text was validated already; this guards odd callers
        return []
    problems = _problems(scenario) + _source_problems(located.data)
    return [Diagnostic(filename, *located.where(p), m, Severity.WARNING) for p, m in problems]

"""Checks that a value the format accepts can do what its author meant.

A persona's firm line beyond its side's red line never binds; a speaker who is not in the
delegation never speaks; a condition that can never hold never fires an event; an event dated
after the last meeting never happens; domestic weights that are all zero make support blind to
the package; an id typed with a Cyrillic or Greek letter that looks Latin matches nothing. Each is
an error at the key that is wrong, in the words an author needs to fix it.

Like `game.scenario.checks`, they run defensively on the raw data (its sides renamed to the model's
slots), so that a file with other problems still gets these reported in the same run.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

from game.i18n import tr
from game.scenario.checks import domain_of
from game.scenario.domain import Domain, utility_vector
from game.scenario.look_alikes import is_id_like, look_alike_message
from game.scenario.yamlmarks import Path

Problem = tuple[Path, str]
SLOTS = ("us", "ussr")


def _map(x: Any) -> dict[Any, Any]:
    return x if isinstance(x, dict) else {}


def _seq(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def _hint(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""


class SenseChecker:
    def __init__(self, data: Any) -> None:
        self.data = _map(data)
        self.problems: list[Problem] = []
        self.domains: dict[str, Domain] = {}
        for raw in _seq(self.data.get("issues")):
            issue_id, domain = _map(raw).get("id"), domain_of(raw)
            if isinstance(issue_id, str) and domain is not None:
                self.domains[issue_id] = domain

    def error(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def run(self) -> list[Problem]:
        for check in (self.personas, self.conditions, self.event_dates, self.domestic_weights, self.look_alikes):
            try:
                check()
            except Exception:  # noqa: BLE001 - a malformed part already has a structural error
                continue
        return self.problems

    def side(self, slot: str) -> dict[Any, Any]:
        return _map(_map(self.data.get("sides")).get(slot))

    def utility(self, slot: str, issue_id: str) -> tuple[Domain, Any] | None:
        """The issue's domain and this side's utility per level, if its position is well formed."""
        domain = self.domains.get(issue_id)
        position = _map(_map(self.side(slot).get("positions")).get(issue_id))
        if domain is None or not position:
            return None
        table = position.get("values")
        return domain, utility_vector(domain, position.get("prefers"), table if isinstance(table, dict) else None)

    # ----- personas ------------------------------------------------------------------------------
    def personas(self) -> None:
        for slot in SLOTS:
            side = self.side(slot)
            names = [_map(m).get("name") for m in _seq(side.get("members"))]
            members = [str(n) for n in names] if all(isinstance(n, str) for n in names) else []  # else: its own error
            positions = _map(side.get("positions"))
            for i, persona in enumerate(_seq(side.get("personas"))):
                base: Path = ("sides", slot, "personas", i)
                speaker = _map(persona).get("speaker")
                # with no members to read (none, or not a list), that is the one error, not every speaker
                if isinstance(speaker, str) and speaker and members and speaker not in members:
                    self.error(
                        (*base, "speaker"),
                        tr(
                            "{speaker} is not a member of this delegation{hint}; its members: {members}",
                            speaker=repr(speaker),
                            hint=_hint(speaker, members),
                            members=", ".join(members),
                        ),
                    )
                for issue_id, value in _map(_map(persona).get("firm")).items():
                    self.firm_line((*base, "firm", issue_id), slot, issue_id, value, positions)

    def firm_line(self, path: Path, slot: str, issue_id: Any, value: Any, positions: dict[Any, Any]) -> None:
        found = self.utility(slot, issue_id)
        red = _map(positions.get(issue_id)).get("red_line")
        if found is None:
            return
        domain, util = found
        firm_level, red_level = domain.index(value), domain.index(red)
        if firm_level is None or red_level is None:
            return
        if util[firm_level] < util[red_level] - 1e-9:
            self.error(
                path,
                tr(
                    "firm value {firm} is beyond this side's red line {red_line}: it never binds, since the red line "
                    "stops the persona first (a firm line is a stricter red line)",
                    firm=domain.format(domain.levels[firm_level]),
                    red_line=domain.format(domain.levels[red_level]),
                ),
            )

    # ----- conditions ----------------------------------------------------------------------------
    def conditions(self) -> None:
        events = _seq(self.data.get("events"))
        waits = {
            _map(e).get("id"): _map(_map(_map(e).get("trigger")).get("condition")).get("after_event") for e in events
        }
        for i, event in enumerate(events):
            base: Path = ("events", i, "trigger", "condition")
            condition = _map(_map(_map(event).get("trigger")).get("condition"))
            trust = _number(condition.get("trust_below"))
            if trust is not None and trust <= 0:
                self.error(
                    (*base, "trust_below"),
                    tr("trust_below {trust} can never hold: trust is never below 0", trust=f"{trust:g}"),
                )
            if trust is not None and trust > 1:
                self.error(
                    (*base, "trust_below"),
                    tr("trust_below {trust} always holds: trust is at most 1", trust=f"{trust:g}"),
                )
            if condition.get("trust_of") is not None and condition.get("trust_below") is None:
                self.error(
                    (*base, "trust_of"), tr("trust_of says whose trust trust_below looks at: give trust_below too")
                )
            self.offer((*base, "offer"), _map(condition.get("offer")))
            self.circular((*base, "after_event"), _map(event).get("id"), waits)

    def circular(self, path: Path, event_id: Any, waits: dict[Any, Any]) -> None:
        """An event that waits, through others, for itself can never fire."""
        chain, current = [event_id], waits.get(event_id)
        while current is not None and current in waits and current not in chain:
            chain.append(current)
            current = waits.get(current)
        if current == event_id and len(chain) > 1:
            loop = " -> ".join(str(c) for c in (*chain, event_id))
            self.error(path, tr("these events wait for each other in a circle and can never fire: {loop}", loop=loop))

    def offer(self, path: Path, offer: dict[Any, Any]) -> None:
        domain = self.domains.get(offer.get("issue"))  # type: ignore[arg-type]
        if not offer or domain is None:
            return
        low, high = _number(offer.get("at_least")), _number(offer.get("at_most"))
        if domain.kind != "numeric":
            for key in ("at_least", "at_most"):
                if key in offer:
                    self.error(
                        (*path, key),
                        tr(
                            "{key} only applies to numeric issues; {issue} is {kind}: use equals",
                            key=key,
                            issue=offer["issue"],
                            kind=domain.kind,
                        ),
                    )
            return
        lo, hi = float(domain.levels[0]), float(domain.levels[-1])
        unit = f" {domain.unit}".rstrip()
        if low is not None and low > hi:
            self.error(
                (*path, "at_least"),
                tr(
                    "at_least {low} can never hold: the issue's maximum is {hi}{unit}",
                    low=f"{low:g}",
                    hi=f"{hi:g}",
                    unit=unit,
                ),
            )
        if high is not None and high < lo:
            self.error(
                (*path, "at_most"),
                tr(
                    "at_most {high} can never hold: the issue's minimum is {lo}{unit}",
                    high=f"{high:g}",
                    lo=f"{lo:g}",
                    unit=unit,
                ),
            )
        if low is not None and high is not None and low > high:
            self.error(
                (*path, "at_most"),
                tr("at_least {low} and at_most {high} contradict each other", low=f"{low:g}", high=f"{high:g}"),
            )
        equals = _number(offer.get("equals"))
        if equals is not None and ((low is not None and equals < low) or (high is not None and equals > high)):
            self.error(
                (*path, "equals"),
                tr("equals {equals} contradicts the at_least/at_most given with it", equals=f"{equals:g}"),
            )

    # ----- dates ---------------------------------------------------------------------------------
    def event_dates(self) -> None:
        meetings = [_map(m) for m in _seq(_map(self.data.get("calendar")).get("meetings"))]
        dates = [d for m in meetings if isinstance(d := m.get("date"), dt.date)]
        if not dates or len(dates) != len(meetings):
            return
        start, last = dates[0], max(dates)
        deadline = _map(_map(self.data.get("calendar")).get("deadline")).get("date")
        for i, event in enumerate(_seq(self.data.get("events"))):
            trigger = _map(_map(event).get("trigger"))
            date = trigger.get("date")
            if not isinstance(date, dt.date):
                continue
            path: Path = ("events", i, "trigger", "date")
            if isinstance(deadline, dt.date) and date > deadline:
                self.error(
                    path,
                    tr(
                        "{date} is after the deadline ({deadline}): the event can never fire",
                        date=date,
                        deadline=deadline,
                    ),
                )
            elif date > last:
                self.error(
                    path,
                    tr(
                        "{date} is after the last meeting opens ({last}): an event fires when a meeting opens on or "
                        "after its date, so this one never fires",
                        date=date,
                        last=last,
                    ),
                )
            elif date < start:
                self.error(
                    path,
                    tr(
                        "{date} is before the talks start ({start}): give the first meeting's date, or none",
                        date=date,
                        start=start,
                    ),
                )
            meeting_id = trigger.get("meeting")
            meeting = next((m for m in meetings if m.get("id") == meeting_id), None)
            if meeting is not None and isinstance(meeting.get("date"), dt.date) and meeting["date"] < date:
                self.error(
                    path,
                    tr(
                        "the meeting {meeting} opens on {opens}, before {date}: date and meeting "
                        "must both hold, so the event never fires",
                        meeting=repr(meeting_id),
                        opens=meeting["date"],
                        date=date,
                    ),
                )

    # ----- domestic weights ----------------------------------------------------------------------
    def domestic_weights(self) -> None:
        for slot in SLOTS:
            weights = _map(self.side(slot).get("domestic")).get("weights")
            numbers = [_number(w) for w in _map(weights).values()]
            if isinstance(weights, dict) and numbers and all(n == 0 for n in numbers):
                self.error(
                    ("sides", slot, "domestic", "weights"),
                    tr(
                        "every domestic weight is 0: support would not depend on the package; give at least one "
                        "issue a weight, or leave weights out to use the delegation's"
                    ),
                )

    # ----- look-alike letters --------------------------------------------------------------------
    def look_alikes(self) -> None:
        def visit(node: Any, path: Path) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(key, str):
                        self.look_alike((*path, key), key, "key")
                    visit(value, (*path, key))
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    visit(item, (*path, i))
            elif isinstance(node, str):
                self.look_alike(path, node, "value")

        visit(self.data, ())

    def look_alike(self, path: Path, text: str, what: str) -> None:
        """An id-like word with letters from another script that look Latin (Cyrillic а for a) among
        Latin ones: a word wholly in another script is text in that language ('км', 'Москва')."""
        if is_id_like(text):
            self.error(path, look_alike_message(text, what))


def iter_sense_problems(data: Any) -> Iterator[Problem]:
    yield from SenseChecker(data).run()

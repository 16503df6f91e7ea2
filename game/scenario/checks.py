"""Checks that span more than one key: ranges, steps, references, orders, duplicates.

They run on the raw parsed data, defensively, so that a file with structural problems still gets
every other problem reported in the same run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable, Iterator
from typing import Any

from game.i18n import N_, tr
from game.scenario.domain import Domain, utility_vector
from game.scenario.look_alikes import did_you_mean
from game.scenario.yamlmarks import Path

Problem = tuple[Path, str]
SIDES = ("us", "ussr")


def _map(x: Any) -> dict[Any, Any]:
    return x if isinstance(x, dict) else {}


def _seq(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def domain_of(raw: Any) -> Domain | None:
    """The domain of a raw issue mapping, or None if it is too malformed to have one."""
    issue = _map(raw)
    try:
        kind = issue.get("kind")
        if kind == "numeric":
            return Domain.numeric(
                float(issue["min"]), float(issue["max"]), float(issue["step"]), str(issue.get("unit", ""))
            )
        if kind == "options":
            options = issue["options"]
            if not isinstance(options, list) or len(options) < 2 or not all(isinstance(o, str) for o in options):
                return None  # (an option that is not text, 'a: b', no, 2040, is an error of its own)
            return Domain.options(tuple(options))
        if kind == "yesno":
            return Domain.yesno()
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None
    return None


class Checker:
    def __init__(self, data: Any) -> None:
        self.data = _map(data)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.domains: dict[str, Domain] = {}
        for raw in _seq(self.data.get("issues")):
            issue_id = _map(raw).get("id")
            domain = domain_of(raw)
            if isinstance(issue_id, str) and domain is not None:
                self.domains[issue_id] = domain
        ids = [_map(raw).get("id") for raw in _seq(self.data.get("issues"))]
        self.issue_ids = {i for i in ids if isinstance(i, str)}
        self.ids_read = all(isinstance(i, str) for i in ids)
        """Whether every issue's id could be read: a reference to one that cannot is not unknown."""

    def error(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def run(self) -> None:
        checks: list[Callable[[], None]] = [
            self.issues,
            self.duplicate_ids,
            self.calendar,
            self.positions,
            self.domestic,
            self.arguments,
            self.events,
            self.historical,
        ]
        for check in checks:
            try:
                check()
            except Exception:  # noqa: BLE001 - a malformed part already has a structural error
                continue

    def value(self, path: Path, issue_id: Any, value: Any) -> int | None:
        """Check that an issue may take a value; returns its level index."""
        domain = self.domains.get(issue_id)
        if domain is None or isinstance(value, list | dict):  # a list or mapping is no value: an error of its own
            return None
        index = domain.index(value)
        if index is None:
            self.error(path, f"{issue_id}: {domain.why_not(value)}")
        return index

    def issue_ref(self, path: Path, issue_id: Any) -> bool:
        if issue_id in self.issue_ids:
            return True
        if not self.issue_ids or not self.ids_read:  # issues that cannot be read: that is the one error
            return False
        known = ", ".join(sorted(str(i) for i in self.issue_ids if i))
        hint = did_you_mean(issue_id, self.issue_ids)
        self.error(
            path, tr("unknown issue {issue}{hint} (issues are: {known})", issue=repr(issue_id), hint=hint, known=known)
        )
        return False

    def issues(self) -> None:
        for i, raw in enumerate(_seq(self.data.get("issues"))):
            issue = _map(raw)
            if issue.get("kind") == "numeric":
                try:
                    lo, hi, step = (float(issue[k]) for k in ("min", "max", "step"))
                except (KeyError, TypeError, ValueError):
                    continue
                if hi <= lo:
                    self.error(
                        ("issues", i, "max"),
                        tr("max ({max}) must be greater than min ({min})", max=issue["max"], min=issue["min"]),
                    )
                elif step > 0:
                    try:
                        Domain.numeric(lo, hi, step)
                    except ValueError as exc:  # max is off the steps (named in the message), or too many values
                        off = not math.isclose((hi - lo) / step, round((hi - lo) / step), abs_tol=1e-9)
                        self.error(("issues", i, "max" if off else "step"), str(exc))
            if issue.get("kind") == "options":
                options = _seq(issue.get("options"))
                for j, option in enumerate(options):
                    if option in options[:j]:
                        self.error(
                            ("issues", i, "options", j), tr("option {option} is listed twice", option=repr(option))
                        )

    def duplicate_ids(self) -> None:
        groups: list[tuple[str, list[Any]]] = [
            ("issues", _seq(self.data.get("issues"))),
            ("arguments", _seq(self.data.get("arguments"))),
            ("events", _seq(self.data.get("events"))),
            ("calendar.meetings", _seq(_map(self.data.get("calendar")).get("meetings"))),
        ]
        for side in SIDES:
            personas = _seq(_map(_map(self.data.get("sides")).get(side)).get("personas"))
            groups.append((f"sides.{side}.personas", personas))
        for where, items in groups:
            seen: dict[Any, int] = {}
            for i, item in enumerate(items):
                item_id = _map(item).get("id")
                if item_id is None:
                    continue
                if item_id in seen:
                    path: Path = (*where.split("."), i, "id")
                    self.error(
                        path,
                        tr("duplicate id {id} (also {other})", id=repr(item_id), other=f"{where}[{seen[item_id]}]"),
                    )
                else:
                    seen[item_id] = i

    def calendar(self) -> None:
        calendar = _map(self.data.get("calendar"))
        meetings = _seq(calendar.get("meetings"))
        previous: dt.date | None = None
        start = _map(self.data.get("meta")).get("date")
        if isinstance(start, dt.date) and meetings and isinstance(_map(meetings[0]).get("date"), dt.date):
            if _map(meetings[0])["date"] < start:
                self.error(
                    ("calendar", "meetings", 0, "date"),
                    tr("the first meeting is before the scenario's date {date}", date=start),
                )
        for i, meeting in enumerate(meetings):
            date = _map(meeting).get("date")
            if not isinstance(date, dt.date):
                continue
            if previous is not None and date < previous:
                self.error(
                    ("calendar", "meetings", i, "date"),
                    tr("dates out of order: {date} comes after {previous}", date=date, previous=previous),
                )
            previous = date
        for i, issue in enumerate(_seq(self.data.get("issues"))):
            options = _seq(_map(issue).get("options"))
            for option in _map(_map(issue).get("labels")):
                if option not in options:
                    self.error(
                        ("issues", i, "labels", option),
                        tr("{option} is not one of the issue's options", option=repr(option)),
                    )
        for i, meeting in enumerate(meetings):
            for side, name in _map(_map(meeting).get("speakers")).items():
                members = _seq(_map(_map(self.data.get("sides")).get(side)).get("members"))
                named = [n.get("en") if isinstance(n, dict) else n for m in members if (n := _map(m).get("name"))]
                names = [str(n) for n in named] if all(isinstance(n, str) for n in named) else []  # else: its own error
                if names and name not in names:
                    close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
                    self.error(
                        ("calendar", "meetings", i, "speakers", side),
                        tr(
                            "{speaker} is not a member of this delegation{hint}; its members: {members}",
                            speaker=repr(name),
                            hint=tr(" (did you mean {word}?)", word=repr(close[0])) if close else "",
                            members=", ".join(names),
                        ),
                    )
        deadline = _map(calendar.get("deadline")).get("date")
        if isinstance(deadline, dt.date) and previous is not None and deadline < previous:
            late = [i for i, m in enumerate(meetings) if isinstance(d := _map(m).get("date"), dt.date) and d > deadline]
            # One meeting after the deadline is that meeting's date; most of them, the deadline's.
            where: Path = (
                ("calendar", "meetings", late[0], "date") if len(late) == 1 else ("calendar", "deadline", "date")
            )
            self.error(
                where,
                tr(
                    "the deadline {deadline} is before the last meeting ({previous})",
                    deadline=deadline,
                    previous=previous,
                ),
            )

    def positions(self) -> None:
        sides = _map(self.data.get("sides"))
        for side in SIDES:
            positions = _map(_map(sides.get(side)).get("positions"))
            base: Path = ("sides", side, "positions")
            written = _map(sides.get(side)).get("positions")
            for issue_id in self.issue_ids:  # (positions not written as a mapping are an error of their own)
                if (
                    issue_id is not None
                    and issue_id not in positions
                    and _map(sides.get(side))
                    and isinstance(written, dict)
                ):
                    self.error(base, tr("no position for issue {issue}", issue=repr(issue_id)))
            for issue_id, raw in positions.items():
                if self.issue_ref((*base, issue_id), issue_id):
                    self.position((*base, issue_id), issue_id, _map(raw))

    def position(self, path: Path, issue_id: str, pos: dict[Any, Any]) -> None:
        domain = self.domains.get(issue_id)
        if domain is None:
            return
        indices = {
            k: self.value((*path, k), issue_id, pos.get(k)) for k in ("opening", "target", "red_line") if k in pos
        }
        prefers, table = pos.get("prefers"), pos.get("values")
        if (prefers is None) == (table is None):
            # both: at the one written second, the one added to a position that had the other
            second = [k for k in pos if k in ("prefers", "values")][1:]
            self.error(
                (*path, *second), tr("give either 'prefers' (higher or lower) or a 'values' table, not both or neither")
            )
            return
        if isinstance(table, dict):
            if not self.table(path, issue_id, domain, table):
                return
        elif prefers not in ("higher", "lower"):
            return  # an error of the schema's; which way this side leans is unknown, so its order cannot be checked
        util = utility_vector(domain, prefers, table if isinstance(table, dict) else None)
        o, t, r = indices.get("opening"), indices.get("target"), indices.get("red_line")
        if o is not None and r is not None and util[r] > util[o] + 1e-9:
            self.error(
                (*path, "red_line"),
                tr(
                    "red line {red_line} is on the wrong side of the opening position {opening} (this side prefers "
                    "{direction})",
                    red_line=domain.format(domain.levels[r]),
                    opening=domain.format(domain.levels[o]),
                    direction=self.direction(prefers),
                ),
            )
        if t is not None and r is not None and util[r] > util[t] + 1e-9:
            self.error(
                (*path, "target"),
                tr(
                    "target {target} is worse for this side than its red line {red_line}",
                    target=domain.format(domain.levels[t]),
                    red_line=domain.format(domain.levels[r]),
                ),
            )

    @staticmethod
    def direction(prefers: Any) -> str:
        if prefers == "higher":
            return tr("higher values")
        return tr("lower values") if prefers == "lower" else tr("what its values table says")

    def table(self, path: Path, issue_id: str, domain: Domain, table: dict[Any, Any]) -> bool:
        ok = True
        for key, utility in table.items():
            if domain.index(key) is None:
                self.error((*path, "values", str(key)), f"{issue_id}: {domain.why_not(key)}")
                ok = False
            if not isinstance(utility, int | float) or isinstance(utility, bool) or not 0 <= utility <= 1:
                self.error(
                    (*path, "values", str(key)),
                    tr("utility {utility} must be a number from 0 to 1", utility=repr(utility)),
                )
                ok = False
        if domain.kind == "numeric" and len(table) < 2:
            self.error((*path, "values"), tr("a numeric values table needs at least two points"))
            ok = False
        if domain.kind != "numeric":
            missing = [domain.format(v) for v in domain.levels if v not in table]
            if missing:
                self.error((*path, "values"), tr("values table lacks: {missing}", missing=", ".join(missing)))
                ok = False
        return ok

    def domestic(self) -> None:
        for side in SIDES:
            domestic = _map(_map(_map(self.data.get("sides")).get(side)).get("domestic"))
            for issue_id in _map(domestic.get("weights")):
                path: Path = ("sides", side, "domestic", "weights", issue_id)
                self.issue_ref(path, issue_id)  # (a negative weight: the model's bound says so)
            worst, best = domestic.get("support_at_worst"), domestic.get("support_at_best")
            shares = [x for x in (worst, best) if isinstance(x, int | float) and 0 <= x <= 1]  # (others: their bounds)
            if len(shares) == 2 and shares[1] < shares[0]:
                self.error(
                    ("sides", side, "domestic", "support_at_best"), tr("support_at_best is below support_at_worst")
                )
            for i, persona in enumerate(_seq(_map(_map(self.data.get("sides")).get(side)).get("personas"))):
                for issue_id, value in _map(_map(persona).get("firm")).items():
                    path = ("sides", side, "personas", i, "firm", issue_id)
                    if self.issue_ref(path, issue_id):
                        self.value(path, issue_id, value)

    def arguments(self) -> None:
        for i, argument in enumerate(_seq(self.data.get("arguments"))):
            for j, issue_id in enumerate(_seq(_map(argument).get("targets"))):
                self.issue_ref(("arguments", i, "targets", j), issue_id)

    def events(self) -> None:
        events = _seq(self.data.get("events"))
        event_ids = {_map(e).get("id") for e in events}
        argument_ids = {_map(a).get("id") for a in _seq(self.data.get("arguments"))}
        meetings = _map(self.data.get("calendar")).get("meetings")
        meeting_ids = {_map(m).get("id") for m in _seq(meetings)}
        if isinstance(meetings, dict):  # meetings written as a mapping (an error of its own) keyed by their ids
            meeting_ids |= set(meetings)
        for i, event in enumerate(events):
            trigger = _map(_map(event).get("trigger"))
            base: Path = ("events", i, "trigger")
            written = isinstance(
                _map(event).get("trigger"), dict
            )  # (a trigger that is not a mapping is an error of its own)
            if written and not any(trigger.get(k) is not None for k in ("date", "meeting", "condition")):
                self.error(base, tr("a trigger needs a date, a meeting or a condition"))
            if trigger.get("meeting") is not None and trigger["meeting"] not in meeting_ids and any(meeting_ids):
                self.error(
                    (*base, "meeting"),
                    tr("unknown meeting {meeting}", meeting=repr(trigger["meeting"]))
                    + did_you_mean(trigger["meeting"], meeting_ids),
                )
            condition = _map(trigger.get("condition"))
            if "condition" in trigger and trigger["condition"] in (None, {}):
                self.error((*base, "condition"), tr("an empty condition: name at least one thing that must hold"))
            for key, known, what in (
                ("after_event", event_ids, N_("unknown event {ref}")),
                ("argument_tabled", argument_ids, N_("unknown argument {ref}")),
            ):
                ref = condition.get(key)
                if ref is not None and ref not in known:
                    self.error((*base, "condition", key), tr(what, ref=repr(ref)) + did_you_mean(ref, known))
            if condition.get("after_event") == _map(event).get("id") and condition.get("after_event") is not None:
                self.error((*base, "condition", "after_event"), tr("an event cannot wait for itself"))
            offer = _map(condition.get("offer"))
            if offer and self.issue_ref((*base, "condition", "offer", "issue"), offer.get("issue")):
                if "equals" in offer:
                    self.value((*base, "condition", "offer", "equals"), offer["issue"], offer["equals"])
            for j, effect in enumerate(_seq(_map(event).get("effects"))):
                epath: Path = ("events", i, "effects", j)
                for issue_id in _map(_map(effect).get("weights")):
                    self.issue_ref((*epath, "weights", issue_id), issue_id)
                for issue_id, value in _map(_map(effect).get("red_lines")).items():
                    if self.issue_ref((*epath, "red_lines", issue_id), issue_id):
                        self.value((*epath, "red_lines", issue_id), issue_id, value)

    def historical(self) -> None:
        historical = _map(self.data.get("historical"))
        package = historical.get("package")
        if package is None:
            return
        if not isinstance(package, dict):  # an error of its own
            return
        for issue_id, value in package.items():
            if self.issue_ref(("historical", "package", issue_id), issue_id):
                self.value(("historical", "package", issue_id), issue_id, value)
        for issue_id in self.issue_ids:
            if issue_id is not None and issue_id not in package:
                self.error(
                    ("historical", "package"),
                    tr("the historical package has no value for {issue}", issue=repr(issue_id)),
                )
        for issue_id in _map(historical.get("notes")):
            self.issue_ref(("historical", "notes", issue_id), issue_id)
        for i, entry in enumerate(_seq(historical.get("epilogue"))):
            if "issue" in _map(entry):
                self.issue_ref(("historical", "epilogue", i, "issue"), _map(entry)["issue"])


def iter_problems(data: Any) -> Iterator[Problem]:
    from game.scenario.colours import colour_problems
    from game.scenario.sense_checks import iter_sense_problems

    checker = Checker(data)
    checker.run()
    yield from checker.problems
    yield from iter_sense_problems(data)
    yield from colour_problems(data)

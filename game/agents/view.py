"""What a delegation can work out about itself and the clock from its own observation.

`SelfView` turns a side's brief into arrays: its utility per issue level, which levels it may
accept (its red lines, tightened by the lines it has declared and any extra lines a persona holds),
and how its own ratifying body would vote on a package. `Clock` reads the calendar: whose move
ends a meeting, and which moves are the last of the game.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from game.engine.observation import Observation
from game.scenario.preferences import Package, Preferences

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

RATIFICATION_SPREAD = 0.03
"""How far a ratification vote strays from the expected support (one standard deviation): the
published rule of the game, written here so that agents need nothing but the observation."""
TOL = 1e-9


def tighter_red_lines(prefs: Preferences, lines: Mapping[int, int]) -> tuple[int, ...]:
    """The side's red lines, each replaced by the given level where that level is stricter."""
    red = list(prefs.red_lines)
    for issue, level in lines.items():
        if prefs.issue_utility(issue, level) > prefs.issue_utility(issue, red[issue]) + 1e-12:
            red[issue] = level
    return tuple(red)


@dataclass(frozen=True, eq=False)
class SelfView:
    """A side's preferences as arrays, with everything that limits what it may agree to."""

    prefs: Preferences
    util: tuple[FloatArray, ...]
    """Per issue: weight * table, so a package's utility is the sum over issues."""
    allowed: tuple[BoolArray, ...]
    """Per issue: the levels within the red lines and every line this side has declared."""
    domestic: tuple[FloatArray, ...]
    """Per issue: the ratifying body's weight * table (its utility is the sum)."""
    support_low: float
    support_high: float
    threshold: float
    shift: float

    @staticmethod
    def of(obs: Observation, extra_lines: Mapping[int, int] | None = None, *, ceiling: bool = False) -> SelfView:
        """The view from an observation; `ceiling` also rules out levels better for this side than its
        opening position (an agent that does not harden beyond where it opened)."""
        prefs = obs.preferences
        lines = dict(obs.declared_mine)
        for issue, level in (extra_lines or {}).items():
            lines[issue] = _stricter(prefs, issue, level, lines.get(issue))
        red = tighter_red_lines(prefs, lines)
        tables = prefs.tables
        allowed = tuple(t >= t[r] - 1e-12 for t, r in zip(tables, red, strict=True))
        if ceiling:
            capped = []
            for t, ok, o in zip(tables, allowed, prefs.openings, strict=True):
                below = ok & (t <= t[o] + 1e-12)
                capped.append(below if below.any() else ok)
            allowed = tuple(capped)
        util = tuple(w * t for w, t in zip(prefs.weights, tables, strict=True))
        domestic = obs.brief.domestic
        weights = np.asarray(prefs.weights, dtype=float)
        if domestic.weights:
            chosen = np.array([domestic.weights.get(i, 0.0) for i in obs.space.ids], dtype=float)
            if chosen.sum() > 0:
                weights = chosen / chosen.sum()
        dom = tuple(w * t for w, t in zip(weights, tables, strict=True))
        return SelfView(
            prefs=prefs,
            util=util,
            allowed=allowed,
            domestic=dom,
            support_low=domestic.support_at_worst,
            support_high=domestic.support_at_best,
            threshold=domestic.threshold,
            shift=obs.support_shift,
        )

    @property
    def no_deal(self) -> float:
        return self.prefs.no_deal

    def utility(self, package: Package) -> float:
        return float(sum(u[k] for u, k in zip(self.util, package.levels, strict=True)))

    def utilities(self, packages: Sequence[Package]) -> FloatArray:
        """`utility` of each package at once: the agents read the other side's whole record every move."""
        rows = np.array([p.levels for p in packages], dtype=np.int64).reshape(len(packages), len(self.util))
        total = np.zeros(len(packages))
        for i, u in enumerate(self.util):
            total += np.asarray(u)[rows[:, i]]
        return total

    def allows(self, package: Package) -> bool:
        return all(bool(a[k]) for a, k in zip(self.allowed, package.levels, strict=True))

    def support(self, package: Package) -> float:
        d = float(sum(u[k] for u, k in zip(self.domestic, package.levels, strict=True)))
        s = self.support_low + (self.support_high - self.support_low) * d
        return min(1.0, max(0.0, s + self.shift))

    def ratification(self, package: Package) -> float:
        """The chance that this side's own ratifying body passes the package."""
        z = (self.support(package) - self.threshold) / RATIFICATION_SPREAD
        return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))

    def expected(self, package: Package) -> float:
        """Utility of a package weighed by the chance this side ratifies it (no deal otherwise)."""
        p = self.ratification(package)
        return p * self.utility(package) + (1.0 - p) * self.no_deal

    def within(self, ranges: Sequence[tuple[int, int]]) -> SelfView | None:
        """The view restricted, on every issue, to the levels from `lo` to `hi` (inclusive); None if
        on some issue none of those is within this side's lines."""
        allowed = []
        for ok, (lo, hi) in zip(self.allowed, ranges, strict=True):
            inside = np.zeros(len(ok), dtype=bool)
            inside[lo : hi + 1] = True
            inside &= ok
            if not inside.any():
                return None
            allowed.append(inside)
        return replace(self, allowed=tuple(allowed))

    def best(self) -> Package:
        """The best package within this side's lines."""
        return Package(
            tuple(int(np.argmax(np.where(a, u, -np.inf))) for u, a in zip(self.util, self.allowed, strict=True))
        )

    def clamp(self, package: Package) -> Package:
        """The package with every issue moved back to the nearest level within this side's lines."""
        levels = list(package.levels)
        for i, (level, ok) in enumerate(zip(levels, self.allowed, strict=True)):
            if not ok[level]:
                good = np.flatnonzero(ok)
                levels[i] = int(good[np.argmin(np.abs(good - level))])
        return Package(tuple(levels))

    def line(self, issue: int) -> int:
        """The least favourable level this side may accept on an issue: its effective red line."""
        ok = self.allowed[issue]
        table = self.prefs.tables[issue]
        return int(np.flatnonzero(ok)[np.argmin(table[ok])])


def _stricter(prefs: Preferences, issue: int, level: int, other: int | None) -> int:
    if other is None:
        return level
    return level if prefs.issue_utility(issue, level) > prefs.issue_utility(issue, other) else other


@dataclass(frozen=True)
class Clock:
    """Where a side stands in the calendar, from its observation."""

    meeting: int
    meetings: int
    exchanges_left: int
    relative_time: float
    total: int

    @staticmethod
    def of(obs: Observation) -> Clock:
        return Clock(
            meeting=obs.meeting,
            meetings=len(obs.public.meetings),
            exchanges_left=obs.exchanges_left,
            relative_time=obs.relative_time,
            total=sum(m.exchanges for m in obs.public.meetings),
        )

    @property
    def final_meeting(self) -> bool:
        return self.meeting == self.meetings - 1

    @property
    def last_move(self) -> bool:
        """This move ends the game: nothing proposed now can be accepted."""
        return self.final_meeting and self.exchanges_left <= 1

    @property
    def their_last_move_next(self) -> bool:
        """The other side's next move is its last (what is proposed now is the final offer it sees)."""
        return self.final_meeting and self.exchanges_left in (2, 3)

    @property
    def closing(self) -> bool:
        """This move closes the current meeting."""
        return self.exchanges_left <= 1

    def after(self, exchanges: int) -> float:
        """The relative time after this many more exchanges."""
        return min(1.0, self.relative_time + exchanges / self.total)

    @property
    def next_time(self) -> float:
        """The relative time at this side's next move."""
        return self.after(2)


def levels_between(a: int, b: int) -> range:
    lo, hi = min(a, b), max(a, b)
    return range(lo, hi + 1)


def mean(values: Sequence[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0


def home_need(obs: Observation) -> float:
    """The utility at which this side's own ratifying body expects to reach its threshold (support rises
    from its worst to its best with the utility, as the body weighs the issues): below it an agreement
    more likely than not fails at home, and scores as no deal."""
    d = obs.brief.domestic
    span = d.support_at_best - d.support_at_worst
    return (d.threshold - d.support_at_worst - obs.support_shift) / span if span > 0 else 0.0

"""Where the other side stands on each issue, read from its proposals and this side's own position.

On every issue the other side's levels and this side's pull in opposite directions (or, rarely, the
same one). `Stance` keeps, per issue, the direction from the other side's position towards this
side's and the range of levels the other side has proposed itself. From these it estimates

- `values`: how much the other side likes each level, on its own 0-1 scale: half a line that is
  best at the level it has proposed furthest from this side and falls to nothing at this side's end
  of the scale (an estimate that does not assume its opening is its best), half a straight line
  over the whole scale; where both sides opened at the same level, a peak there;
- `acceptance`: the chance the other side can accept a level at all (its red line): certain within
  what it has proposed itself or beyond it away from this side; towards this side, lower the
  further the level lies towards the end of the range (the red line lies somewhere there), and
  lower where the other side has moved and then stopped (where a side stops is often its red line)
  than where it has not moved at all; next to nothing beyond a red line it has declared and is
  trusted to hold. The numbers are calibrated on the built-in strategies' games over the shipped
  scenarios and generated ones: levels beyond what a side has proposed by the end of the talks are
  more often than not past its red line. The chance just beyond an issue a side has held all along
  is set on the literature benchmark (`bench/bench_literature.py`): lower, the agent gives away
  issues the other side never needed to move on, and loses the most against firm opponents.

Nothing here needs more than the public record and this side's own opening.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from game.scenario.preferences import Package

FloatArray = npt.NDArray[np.float64]

HELD = (0.95, 0.7)
"""On an issue where the other side has never moved from its opening: the chance it can accept a
level just beyond, and how much of it is lost by the far end of the range (a side that has not
moved at all may have room it has not shown, often all of it on a yes/no issue)."""
MOVED = (0.4, 1.5)
"""On an issue where it has moved and then stopped: the chance it can accept a level just beyond the
furthest it has gone, and the power of the fall-off to the far end (where a side stops is, more
often than not, its red line)."""
DECLARED = 0.02
"""The chance the other side accepts a level beyond a red line it has declared (and is trusted to hold)."""
WHOLE_SCALE = 0.5
"""How much of the estimated value is a straight line over the whole scale (from nothing at this
side's end to everything at the other's) rather than a line from the furthest level the other side
has proposed: the first alone overrates how much a side gives up on an issue it opened near the
middle of; the second alone, on an issue it opened at the end of."""


class Stance:
    """The other side's proposals, issue by issue, as seen from this side's position."""

    def __init__(self, sizes: Sequence[int]) -> None:
        self.sizes = tuple(sizes)
        n = len(self.sizes)
        self.direction = np.zeros(n, dtype=np.int64)
        self.low = np.zeros(n, dtype=np.int64)
        self.high = np.zeros(n, dtype=np.int64)
        self.opening: tuple[int, ...] | None = None
        self.seen = 0
        self._acceptance: tuple[object, tuple[FloatArray, ...]] | None = None
        self._values: tuple[int, tuple[FloatArray, ...]] | None = None

    def update(self, mine: Package, offers: Sequence[Package]) -> None:
        """Take in the other side's proposals not yet seen (its offer history, oldest first); `mine`
        is this side's opening, its position."""
        new = offers[self.seen :]
        self.seen = len(offers)
        if not new:
            return
        if self.opening is None:
            first = new[0].levels
            self.opening = first
            self.low = np.array(first, dtype=np.int64)
            self.high = np.array(first, dtype=np.int64)
            self.direction = np.sign(np.array(mine.levels) - np.array(first)).astype(np.int64)
        for package in new:
            levels = np.array(package.levels, dtype=np.int64)
            self.low = np.minimum(self.low, levels)
            self.high = np.maximum(self.high, levels)

    def pull_back(self, packages: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The packages with every level beyond what the other side has proposed (towards this side)
        moved back to the furthest it has gone: roughly what a side that answers a proposal from
        within its own lines would make of it."""
        if self.opening is None:
            return packages
        out = packages.copy()
        toward = self.direction > 0
        away = self.direction < 0
        out[:, toward] = np.minimum(out[:, toward], self.high[toward])
        out[:, away] = np.maximum(out[:, away], self.low[away])
        return out

    def values(self) -> tuple[FloatArray, ...]:
        """Per issue, the other side's estimated value of each level (0-1)."""
        if self._values is None or self._values[0] != self.seen:
            self._values = (self.seen, self._value_tables())
        return self._values[1]

    def _value_tables(self) -> tuple[FloatArray, ...]:
        out = []
        for size, s, lo, hi in zip(self.sizes, self.direction, self.low, self.high, strict=True):
            idx = np.arange(size, dtype=float)
            if self.opening is None:
                out.append(np.full(size, 0.5))
            elif s == 0:
                # Both sides opened at the same level: the other side's value is taken to peak
                # there and to fall off linearly away from it.
                away = np.maximum(np.maximum(0.0, lo - idx), np.maximum(0.0, idx - hi))
                out.append(np.clip(1.0 - away / max(1, int(lo), int(size - 1 - hi)), 0.0, 1.0))
            else:
                towards_me = idx if s > 0 else size - 1 - idx
                peak = lo if s > 0 else hi
                from_peak = np.clip(
                    1.0 - np.maximum(0.0, (idx - peak) * s) / max(1, abs(size - 1 - peak) if s > 0 else peak), 0.0, 1.0
                )
                whole = 1.0 - towards_me / max(1, size - 1)
                out.append((1.0 - WHOLE_SCALE) * from_peak + WHOLE_SCALE * whole)
        return tuple(out)

    def acceptance(self, declared: Mapping[int, int], trust_declared: bool) -> tuple[FloatArray, ...]:
        """Per issue, the chance the other side can accept each level, given the red lines it has
        declared (issue -> level) and whether they are trusted."""
        key = (self.seen, tuple(sorted(declared.items())), trust_declared)
        if self._acceptance is not None and self._acceptance[0] == key:
            return self._acceptance[1]
        out = self._accept(declared, trust_declared)
        self._acceptance = (key, out)
        return out

    def _accept(self, declared: Mapping[int, int], trust_declared: bool) -> tuple[FloatArray, ...]:
        out = []
        for i, (size, s, lo, hi) in enumerate(zip(self.sizes, self.direction, self.low, self.high, strict=True)):
            idx = np.arange(size)
            if self.opening is None:
                out.append(np.ones(size))
                continue
            edge = hi if s >= 0 else lo
            end = size - 1 if s >= 0 else 0
            beyond = np.maximum(0, (idx - edge) * (s if s else 1))
            if s == 0:
                beyond = np.maximum(np.maximum(0, idx - hi), np.maximum(0, lo - idx))
            room = abs(end - edge) + 1.0 if s else float(size)
            x = beyond / room
            held = hi == lo  # it has not moved on this issue at all
            acc = HELD[0] * (1.0 - HELD[1] * x) if held else MOVED[0] * (1.0 - x) ** MOVED[1]
            acc = np.where(beyond > 0, acc, 1.0)
            if i in declared and trust_declared:
                line = declared[i]
                past = (idx - line) * s > 0 if s else idx != line
                acc = np.where(past, DECLARED, acc)
            out.append(np.asarray(acc, dtype=float))
        return tuple(out)

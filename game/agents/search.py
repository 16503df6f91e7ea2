"""The trade-off search: among packages worth at least an aspiration to this side, the one the
other side (as modelled) likes best, without enumerating the outcome space.

Utilities are additive over issues, so a dynamic programme over issues on a grid of this side's
utility finds it exactly up to the grid: for every grid value b, the most the other side can get
from a package worth at least b to this side. Each issue's contribution is rounded down onto the
grid, so a package the search returns is worth at least the aspiration. One search costs a few
numpy operations per issue level (well under a millisecond for the April 1990 scenario's two
million packages).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from game.scenario.preferences import Package

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

GRID = 800
"""Grid steps of this side's utility over [0, 1]."""


_GRIDS: dict[tuple[bytes, bytes], tuple[IntArray, IntArray, IntArray, FloatArray]] = {}


def _issue_grid(u: FloatArray, ok: BoolArray) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """For one issue: the allowed levels, each one's own utility in grid steps, and for every level
    and grid value b the grid value b - step it builds on (clipped at 0) and -inf where that is
    below 0 (0 elsewhere).
    These depend only on the own utilities and allowed levels, fixed through most of a game, so they
    are kept (a few hundred small entries at most)."""
    key = (np.asarray(u, dtype=float).tobytes(), np.asarray(ok, dtype=bool).tobytes())
    found = _GRIDS.get(key)
    if found is None:
        levels = np.flatnonzero(ok)
        step = np.floor(np.asarray(u)[levels] * GRID + 1e-9).astype(np.int64)
        source = np.arange(GRID + 1)[None, :] - step[:, None]
        invalid = np.where(source < 0, -np.inf, 0.0)
        found = (levels, step, np.maximum(source, 0), invalid)
        if len(_GRIDS) > 4096:
            _GRIDS.clear()
        _GRIDS[key] = found
    return found


class TradeOffTable:
    """For every grid value of own utility, the best package for the other side worth at least that.

    `own`: per issue, this side's utility of each level (weight * table); `allowed`: which levels it
    may offer; `gain`: per issue, what each level is worth in the objective (the other side's
    estimated utility, plus anything else the caller wants maximised).
    """

    def __init__(self, own: Sequence[FloatArray], allowed: Sequence[BoolArray], gain: Sequence[FloatArray]) -> None:
        size = GRID + 1
        self.own = own
        best = np.full(size, -np.inf)
        best[0] = 0.0
        self.steps: list[IntArray] = []
        self.choices: list[IntArray] = []
        for u, ok, g in zip(own, allowed, gain, strict=True):
            levels, step, source, invalid = _issue_grid(u, ok)
            # cand[row, b]: the best objective with own utility b whose level on this issue is levels[row]
            cand = best[source]
            cand += invalid
            cand += np.asarray(g)[levels][:, None]
            pick = np.argmax(cand, axis=0)
            best = cand[pick, np.arange(size)]
            self.steps.append(step[pick])
            self.choices.append(levels[pick])
        self.best = best
        # For each b: the grid value >= b with the highest objective (ties: the higher own utility).
        rev = best[::-1]
        running = np.maximum.accumulate(rev)
        before = np.concatenate(([-np.inf], running[:-1]))
        where = np.maximum.accumulate(np.where(rev > before, np.arange(size), 0))
        self.suffix: IntArray = (size - 1 - where)[::-1].astype(np.int64)

    @property
    def feasible_max(self) -> float:
        """The highest own utility (on the grid) any allowed package reaches."""
        finite = np.flatnonzero(np.isfinite(self.best))
        return float(finite[-1]) / GRID if len(finite) else 0.0

    def package(self, aspiration: float) -> Package | None:
        """The best package for the objective worth at least `aspiration` to this side (None if none is)."""
        b = int(np.ceil(aspiration * GRID - 1e-9))
        b = min(max(b, 0), GRID)
        b = int(self.suffix[b])
        if not np.isfinite(self.best[b]):
            return None
        levels = []
        for steps, choices in zip(reversed(self.steps), reversed(self.choices), strict=True):
            levels.append(int(choices[b]))
            b -= int(steps[b])
        return Package(tuple(reversed(levels)))

    def packages(self, low: float, high: float, count: int) -> IntArray:
        """Up to `count` distinct packages along the trade-off curve, for aspirations spread evenly
        from `low` to `high` (each the best for the objective worth at least its aspiration), as an
        array of level indices, one row per package."""
        lo = min(max(int(np.ceil(low * GRID - 1e-9)), 0), GRID)
        hi = min(max(int(np.ceil(high * GRID - 1e-9)), lo), GRID)
        b = np.unique(self.suffix[np.unique(np.linspace(lo, hi, max(1, count)).round().astype(np.int64))])
        b = b[np.isfinite(self.best[b])]
        out = np.empty((len(b), len(self.steps)), dtype=np.int64)
        for i in range(len(self.steps) - 1, -1, -1):
            out[:, i] = self.choices[i][b]
            b = b - self.steps[i][b]
        return out

    def objective(self, aspiration: float) -> float:
        b = int(self.suffix[min(max(int(np.ceil(aspiration * GRID - 1e-9)), 0), GRID)])
        return float(self.best[b])

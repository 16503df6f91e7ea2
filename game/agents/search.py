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
            levels = np.flatnonzero(ok)
            step = np.floor(np.asarray(u)[levels] * GRID + 1e-9).astype(np.int64)
            cand = np.full((len(levels), size), -np.inf)
            for row, (s, k) in enumerate(zip(step, levels, strict=True)):
                cand[row, s:] = best[: size - s] + g[k]
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

    def objective(self, aspiration: float) -> float:
        b = int(self.suffix[min(max(int(np.ceil(aspiration * GRID - 1e-9)), 0), GRID)])
        return float(self.best[b])

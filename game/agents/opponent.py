"""What the other side wants, learnt from what it proposes (a frequency model, after HardHeaded and
Smith-Wang, with the direction of its concessions).

Per issue the model keeps the other side's opening level (its likely best), the furthest it has
moved from it (the levels it has shown it can accept), how often it has held the issue while
changing others, and any red line it has declared. From these:

- values: single-peaked at its opening and falling off linearly towards the far end; levels it
  offers again and again are worth a little more; levels beyond anything it has offered fall off
  twice as fast (they may lie past its red line), and levels beyond a declared red line are worth
  almost nothing;
- weights: an issue it rarely changes weighs more, an issue it has conceded far on weighs less.

The model sees only proposals and declarations: the public record.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from game.scenario.preferences import Package

FloatArray = npt.NDArray[np.float64]

BEYOND_SLOPE = 1.0
"""Extra fall-off of the estimated value for levels beyond anything the other side has offered."""
DECLARED_PENALTY = 3.0
"""Value lost for a level beyond a red line the other side has declared (and still trust)."""
FREQUENCY_SHARE = 0.2
"""How much of the estimated value comes from how often a level has been offered."""
HOLD_BONUS = 1.0
"""Weight bonus of an issue held through every change of the other side's offer."""
CONCESSION_DECAY = 3.0
"""How fast an issue's estimated weight falls with the share of its range conceded."""


class OpponentModel:
    """An estimate of the other side's weights and values, updated from its proposals."""

    def __init__(self, sizes: Sequence[int]) -> None:
        self.sizes = tuple(sizes)
        n = len(self.sizes)
        self.seen = 0
        self.opening: list[int] | None = None
        self.last: list[int] = []
        self.furthest: list[int] = [0] * n
        self.held = np.zeros(n)
        self.changes = 0
        self.counts = [np.zeros(s) for s in self.sizes]
        self.declared: dict[int, int] = {}
        self.trust_declared = True
        self._cache: tuple[FloatArray, tuple[FloatArray, ...]] | None = None
        self._weights_cache: FloatArray | None = None

    def update(self, offers: Sequence[Package], declared: Sequence[tuple[int, int]], trust: float = 0.5) -> None:
        """Take in any offers not yet seen (the other side's offer history, oldest first)."""
        for package in offers[self.seen :]:
            self._observe(package)
        self.seen = max(self.seen, len(offers))
        self.declared = dict(declared)
        self.trust_declared = trust >= 0.3
        self._cache = None
        self._weights_cache = None

    def _observe(self, package: Package) -> None:
        levels = package.levels
        if self.opening is None:
            self.opening = list(levels)
            self.furthest = list(levels)
            self.last = list(levels)
        else:
            if list(levels) != self.last:
                self.changes += 1
                self.held += np.array([a == b for a, b in zip(levels, self.last, strict=True)], dtype=float)
            for i, k in enumerate(levels):
                if abs(k - self.opening[i]) > abs(self.furthest[i] - self.opening[i]):
                    self.furthest[i] = k
            self.last = list(levels)
        for i, k in enumerate(levels):
            self.counts[i][k] += 1.0

    @property
    def ready(self) -> bool:
        return self.opening is not None

    def conceded(self) -> FloatArray:
        """Per issue, the share of the range the other side has moved away from its opening."""
        if self.opening is None:
            return np.zeros(len(self.sizes))
        return np.array(
            [abs(f - o) / max(1, s - 1) for f, o, s in zip(self.furthest, self.opening, self.sizes, strict=True)]
        )

    def weights(self) -> FloatArray:
        if self._weights_cache is None:
            self._weights_cache = self._cache[0] if self._cache is not None else self._weights()
        return self._weights_cache

    def values(self) -> tuple[FloatArray, ...]:
        return self._estimate()[1]

    def utility(self, package: Package) -> float:
        w, v = self._estimate()
        return float(sum(w[i] * v[i][k] for i, k in enumerate(package.levels)))

    def _estimate(self) -> tuple[FloatArray, tuple[FloatArray, ...]]:
        if self._cache is None:
            self._cache = (self.weights(), self._values())
        return self._cache

    def _weights(self) -> FloatArray:
        n = len(self.sizes)
        if self.opening is None:
            return np.full(n, 1.0 / n)
        hold = self.held / self.changes if self.changes else np.ones(n)
        raw = (0.25 + HOLD_BONUS * hold) * np.exp(-CONCESSION_DECAY * self.conceded())
        for issue in self.declared:
            raw[issue] *= 1.25
        return np.asarray(raw / raw.sum(), dtype=float)

    def _values(self) -> tuple[FloatArray, ...]:
        out = []
        for i, size in enumerate(self.sizes):
            idx = np.arange(size, dtype=float)
            if self.opening is None or size < 2:
                out.append(np.full(size, 0.5))
                continue
            o, f = self.opening[i], self.furthest[i]
            span = max(o, size - 1 - o, 1)
            v = 1.0 - np.abs(idx - o) / span
            # Beyond the furthest level offered, on the far side of the opening: steeper.
            beyond = (idx - f) * np.sign(f - o) > 0 if f != o else idx != o
            v = v - BEYOND_SLOPE * np.where(beyond, np.abs(idx - f) / span, 0.0)
            counts = self.counts[i]
            if counts.sum() > 0:
                v = (1.0 - FREQUENCY_SHARE) * v + FREQUENCY_SHARE * counts / counts.max()
            if i in self.declared and self.trust_declared:
                d = self.declared[i]
                past = (idx - d) * np.sign(d - o) > 0 if d != o else idx != o
                v = v - DECLARED_PENALTY * past
            out.append(v)
        return tuple(out)

    def likely_acceptable(self, issue: int, level: int) -> bool:
        """Whether the other side has shown it can live with a level (between its opening and the
        furthest it has moved)."""
        if self.opening is None:
            return False
        o, f = self.opening[issue], self.furthest[issue]
        return min(o, f) <= level <= max(o, f)

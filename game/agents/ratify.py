"""Will both ratifying bodies pass a package? This side's from its own brief; the other side's estimated.

The rule of the game is public: after an agreement each side's ratifying body votes with its support
for the package plus a normal error (sd `RATIFICATION_SPREAD`), and passes it when the vote reaches
its threshold; support rises linearly with how good the package is for that side (as its body
weighs the issues). An agreement either body rejects scores as no deal for both, so a package the
other side's Senate or Supreme Soviet will throw out is worth nothing, however good it looks.

This side knows its own body exactly. The other side's body (its threshold, its range of support,
the weights it gives the issues) is in the other side's confidential brief, so the agent estimates:

- the other side's utility of a package: the estimated value of each level (`stance.py`), weighted
  by issue weights pulled most of the way from the opponent model's towards equal weights (the
  frequency model is a poor guide to how much a side gains overall);
- the chance its body passes the package: a normal curve in that utility around the share of its
  utility a body typically needs (`Belief.typical_need`), as wide as the agent's uncertainty
  (`Belief.spread`), averaged over a fixed set of hypotheses of the weights the body gives the
  issues (`Belief.concentration`): a package that leaves the other side nothing on some issue is
  then riskier than one that leaves it something on every issue, whatever its body cares about.

The numbers are calibrated on the built-in strategies' games: on the shipped scenarios, perturbed
copies of them and generated scenarios, the utility estimates err by about 0.15 and the packages
actually agreed pass the other body about nine times in ten. All of it is plain numpy over arrays of
packages (one row per package), so the agent can weigh dozens of candidates per move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.agents.view import RATIFICATION_SPREAD, SelfView

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Belief:
    """What the agent assumes about the other side's ratifying body before the talks tell it anything."""

    typical_need: float = 0.3
    """The share of its utility a ratifying body typically needs to pass a package (threshold less
    support at worst, over the range of support)."""
    spread: float = 0.2
    """The uncertainty of the other side's chance, in its utility, for given weights: of its body's
    need and of the estimated values (sd)."""
    concentration: float | None = 0.5
    """Per issue, the concentration of the weight hypotheses around the central weights (a symmetric
    Dirichlet scatter; low: the body may weigh the issues very differently). None: central weights only."""
    shrink: float = 0.8
    """How far the other side's weights are pulled from the opponent model's towards equal weights."""


SAMPLES = 32
"""Weight hypotheses the other side's chance is averaged over."""
SAMPLE_SEED = 1990
"""The hypotheses are the same every game: a fixed scatter of guesses, not a random move."""

_SCATTERS: dict[tuple[int, float], FloatArray] = {}


def _scatter(n: int, concentration: float) -> FloatArray:
    """A fixed multiplicative scatter of n weights, one column per hypothesis: a symmetric Dirichlet
    with this concentration per issue, times n (every issue's factor has mean 1)."""
    key = (n, concentration)
    if key not in _SCATTERS:
        gen = np.random.default_rng(SAMPLE_SEED + n)
        scatter = n * gen.dirichlet(np.full(n, concentration), size=SAMPLES).T
        scatter.flags.writeable = False
        _SCATTERS[key] = scatter
    return _SCATTERS[key]


def normal_cdf(z: FloatArray) -> FloatArray:
    """The standard normal distribution function, elementwise (the tanh approximation; |error| < 2e-4)."""
    z = np.asarray(z, dtype=float)
    return np.asarray(0.5 * (1.0 + np.tanh(0.7978845608 * (z + 0.044715 * z * z * z))), dtype=float)


class Ratification:
    """Both bodies' chances of passing packages, as this side sees them."""

    def __init__(
        self,
        view: SelfView,
        values: tuple[FloatArray, ...],
        weights: FloatArray,
        belief: Belief = Belief(),
        *,
        ratified: bool = True,
    ) -> None:
        """`values`: per issue, the other side's estimated value of each level (0-1); `weights`: the
        opponent model's estimate of its issue weights; `ratified`: whether a body must ratify the
        other side's agreements at all (the public record names it; outside our scenarios, as in
        NegMAS, none does)."""
        self.view = view
        self.ratified = ratified
        self.belief = belief
        self.need = belief.typical_need
        self.levels = values
        n = len(values)
        self.mean_weights = (1.0 - belief.shrink) * np.asarray(weights, dtype=float) + belief.shrink / n
        self.hypotheses: FloatArray | None = None
        if belief.concentration is not None:
            raw = self.mean_weights[:, None] * _scatter(n, belief.concentration)
            self.hypotheses = raw / raw.sum(axis=0, keepdims=True)
        # The issue tables laid end to end, so that a package's levels index them all at once.
        sizes = [len(v) for v in values]
        self.offsets = np.concatenate(([0], np.cumsum(sizes[:-1]))).astype(np.int64)
        self._values = np.concatenate(values)
        self._util = np.concatenate(view.util)
        self._domestic = np.concatenate(view.domestic)

    def utility(self, packages: IntArray) -> FloatArray:
        """This side's utility of each package."""
        return np.asarray(self._util[packages + self.offsets].sum(axis=1), dtype=float)

    def mine(self, packages: IntArray) -> FloatArray:
        """The chance this side's own body passes each package (its brief knows its body exactly)."""
        v = self.view
        d = self._domestic[packages + self.offsets].sum(axis=1)
        support = np.clip(v.support_low + (v.support_high - v.support_low) * d + v.shift, 0.0, 1.0)
        return normal_cdf((support - v.threshold) / RATIFICATION_SPREAD)

    def their_values(self, packages: IntArray) -> FloatArray:
        """Per package (row) and issue (column), the other side's estimated value of the package's level."""
        return np.asarray(self._values[packages + self.offsets], dtype=float)

    def their_utility(self, packages: IntArray) -> FloatArray:
        """The other side's utility of each package with the central weights (0 to 1)."""
        return np.asarray(self.their_values(packages) @ self.mean_weights, dtype=float)

    def theirs_passes(self, packages: IntArray) -> FloatArray:
        """The estimated chance the other side's body passes each package."""
        if not self.ratified:
            return np.ones(len(packages))
        if self.hypotheses is None:
            return normal_cdf((self.their_utility(packages) - self.need) / self.belief.spread)
        u = self.their_values(packages) @ self.hypotheses
        return np.asarray(normal_cdf((u - self.need) / self.belief.spread).mean(axis=1), dtype=float)

    def evaluate(self, packages: IntArray) -> tuple[FloatArray, FloatArray]:
        """Per package: this side's utility, and its expected gain over no deal (utility minus the
        no-deal value, times the chance that both bodies pass it)."""
        u = self.utility(packages)
        return u, (u - self.view.no_deal) * self.mine(packages) * self.theirs_passes(packages)

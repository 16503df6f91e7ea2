"""Bargaining solutions on a frontier: the Nash point and the Kalai-Smorodinsky point.

Both take the frontier to choose from; pass the zone frontier (packages within both sides' red
lines) to keep the solutions within the red lines. The disagreement point is the two no-deal values.
A side "gains" when its utility exceeds its no-deal value by more than TOL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analysis.frontier import TOL, Frontier
from game.scenario.preferences import Package, Preferences, Side


@dataclass(frozen=True)
class Outcome:
    """A package and what it is worth to each side."""

    package: Package
    us: float
    ussr: float

    def utility(self, side: Side) -> float:
        return self.us if side is Side.US else self.ussr

    @staticmethod
    def of(package: Package, us: Preferences, ussr: Preferences) -> Outcome:
        return Outcome(package, us.utility(package), ussr.utility(package))


def ideal_point(frontier: Frontier) -> tuple[float, float] | None:
    """The best utility each side can get on the frontier's domain (None if it is empty)."""
    if frontier.empty:
        return None
    return float(frontier.us.max()), float(frontier.ussr.max())


def nash_point(frontier: Frontier, us: Preferences, ussr: Preferences) -> Outcome | None:
    """The frontier point maximising (u_us - nd_us) * (u_ussr - nd_ussr) with both gains positive.

    None when no point gives both sides a gain. Exact ties go to the point with the lowest u_us.
    """
    gain_us = frontier.us - us.no_deal
    gain_ussr = frontier.ussr - ussr.no_deal
    both = (gain_us > TOL) & (gain_ussr > TOL)
    if not both.any():
        return None
    product = np.where(both, gain_us * gain_ussr, -np.inf)
    return Outcome.of(frontier.package(int(np.argmax(product))), us, ussr)


def kalai_smorodinsky_point(frontier: Frontier, us: Preferences, ussr: Preferences) -> Outcome | None:
    """The frontier point nearest the line from the disagreement point to the ideal point.

    Chosen as the point maximising min(gain_us / span_us, gain_ussr / span_ussr), where span is the
    ideal utility minus the no-deal value; ties (within TOL) go to the larger sum of normalised gains.
    None when no point gives both sides a gain.
    """
    ideal = ideal_point(frontier)
    if ideal is None:
        return None
    gain_us = frontier.us - us.no_deal
    gain_ussr = frontier.ussr - ussr.no_deal
    both = (gain_us > TOL) & (gain_ussr > TOL)
    if not both.any():
        return None  # also covers an ideal point no better than no deal for a side
    norm_us = gain_us / (ideal[0] - us.no_deal)
    norm_ussr = gain_ussr / (ideal[1] - ussr.no_deal)
    worst = np.where(both, np.minimum(norm_us, norm_ussr), -np.inf)
    near = worst >= worst.max() - TOL
    index = int(np.argmax(np.where(near, norm_us + norm_ussr, -np.inf)))
    return Outcome.of(frontier.package(index), us, ussr)

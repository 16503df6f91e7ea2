"""The hard agent's estimate of the chance that the other side can accept a package."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from game.agents.ratify import Ratification
from game.scenario.preferences import Package

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

SHORTFALL = 0.1
"""How fast the estimated chance that the other side accepts a package falls with the package's
shortfall (in its estimated utility) below the least it has asked for."""


def pick(packages: IntArray, k: int) -> Package:
    return Package(tuple(int(x) for x in packages[k]))


def product(tables: tuple[FloatArray, ...], packages: IntArray) -> FloatArray:
    """Per package (row), the product over issues of each issue's table at the package's level."""
    total = np.ones(packages.shape[0])
    for i, table in enumerate(tables):
        total *= table[packages[:, i]]
    return total


class Chance:
    """The estimated chance that the other side can accept each package: per issue from the levels it
    has proposed (`Stance.acceptance`), and falling as the package's estimated utility to it drops
    below the least it has asked for in any of its proposals (levels it has proposed issue by issue
    it may not take all together)."""

    def __init__(self, tables: tuple[FloatArray, ...], rat: Ratification, asked: IntArray) -> None:
        self.tables = tables
        self.rat = rat
        self.bar = float(np.min(rat.their_utility(asked))) if len(asked) else 0.0

    def of(self, packages: IntArray) -> FloatArray:
        short = np.maximum(0.0, self.bar - self.rat.their_utility(packages))
        return product(self.tables, packages) * np.exp(-short / SHORTFALL)

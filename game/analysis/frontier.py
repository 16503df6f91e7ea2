"""The exact Pareto frontier of the joint utility space (u_us, u_ussr), without enumerating packages.

Utilities are additive, U(p) = sum_i w_i * t_i[p_i] for each side, so the joint utility points of all
packages form the Minkowski sum of the per-issue point sets {(w_us_i * t_us_i[k], w_ussr_i * t_ussr_i[k])}.
If a + b is non-dominated in A + B then a is non-dominated in A (else a' + b would dominate a + b) and
likewise b, so the frontier is built issue by issue: add the next issue's points to every point of
the frontier so far, drop the dominated sums, and keep a back-pointer (parent point, level) for each
survivor to recover a package. The same argument shows every prefix of a Pareto-optimal package is
on its prefix frontier, so carrying multiplicities through the merges counts Pareto-optimal packages
exactly, not only distinct frontier points.

Tolerance: points within TOL of each other in both coordinates are one point (the same numbers summed
in a different order differ by ~1e-16); q dominates p when q >= p - TOL in both coordinates and
q > p + TOL in at least one. Utilities are in [0, 1], so TOL is an absolute tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from game.errors import CruiseControlError
from game.scenario.preferences import Package, Preferences

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
CountArray = npt.NDArray[Any]  # int64, or Python ints (dtype object) when counts could overflow int64

TOL = 1e-12
_INT64_SAFE = 2**62
MAX_CANDIDATES = 1_000_000
"""The most packages compared in one step of building a frontier (about 50 MB and a fraction of a
second); the largest shipped scenario compares 1,290. Beyond it the scenario is refused: a few issues
of thousands of finely stepped values that all trade off would take gigabytes and minutes."""


class FrontierTooLarge(CruiseControlError):
    """Building the frontier would compare more than MAX_CANDIDATES packages, at issue `issue`."""

    def __init__(self, issue: int, candidates: int) -> None:
        super().__init__(f"the Pareto frontier would compare {candidates:,} packages at issue {issue}")
        self.issue, self.candidates = issue, candidates


@dataclass(frozen=True, eq=False)
class Frontier:
    """The distinct non-dominated utility points, sorted by u_us ascending (so u_ussr descending).

    `counts[j]` is the number of packages whose utility point is point j (exact); `levels[j]` is one
    such package, as level indices per issue. An empty frontier (no admissible package) has no points.
    """

    us: FloatArray
    ussr: FloatArray
    counts: tuple[int, ...]
    levels: IntArray
    exact: bool = True

    def __len__(self) -> int:
        return int(self.us.shape[0])

    @property
    def empty(self) -> bool:
        return len(self) == 0

    @property
    def points(self) -> FloatArray:
        """The points as an (n, 2) array of (u_us, u_ussr)."""
        return np.column_stack((self.us, self.ussr))

    @property
    def pareto_packages(self) -> int:
        """The exact number of packages on the frontier (each point counted with its multiplicity)."""
        return sum(self.counts)

    def package(self, index: int) -> Package:
        """One package whose utility point is frontier point `index`."""
        return Package(tuple(int(k) for k in self.levels[index]))

    @property
    def packages(self) -> tuple[Package, ...]:
        return tuple(self.package(j) for j in range(len(self)))


def empty_frontier(n_issues: int) -> Frontier:
    return Frontier(
        us=np.zeros(0, dtype=np.float64),
        ussr=np.zeros(0, dtype=np.float64),
        counts=(),
        levels=np.zeros((0, n_issues), dtype=np.int64),
    )


def non_dominated(
    x: FloatArray, y: FloatArray, counts: CountArray | None = None, tol: float = TOL
) -> tuple[IntArray, CountArray]:
    """The non-dominated points among (x, y), one representative per group of equal points.

    Returns the representatives' indices into x and y, sorted by x ascending, and the total count
    of each group (each input point counting `counts[i]`, or 1). O(n log n): sort, then sweep.
    """
    n = int(x.shape[0])
    if counts is None:
        counts = np.ones(n, dtype=np.int64)
    if n == 0:
        return np.zeros(0, dtype=np.int64), counts[:0]
    order = np.lexsort((-y, -x))  # x descending, then y descending
    xs, ys = x[order], y[order]
    best_y = np.maximum.accumulate(ys)  # best_y[j]: the highest y among the first j + 1 points
    neg_x = -xs  # ascending
    # q.x > p.x + tol and q.y >= p.y - tol: the points with x > p.x + tol are a prefix of the order.
    above = np.searchsorted(neg_x, -(xs + tol), side="left")
    dominated = (above > 0) & (best_y[np.maximum(above - 1, 0)] >= ys - tol)
    # q.x >= p.x - tol and q.y > p.y + tol: the points with x >= p.x - tol are a prefix too.
    near = np.searchsorted(neg_x, -(xs - tol), side="right")  # >= 1: p itself is in its prefix
    dominated |= best_y[near - 1] > ys + tol
    kept = np.flatnonzero(~dominated)
    kx, ky = xs[kept], ys[kept]
    # Equal kept points are adjacent (a point between two equal ones would dominate or be dominated).
    starts = np.flatnonzero(np.concatenate(([True], (kx[:-1] - kx[1:] > tol) | (np.abs(ky[1:] - ky[:-1]) > tol))))
    merged = np.add.reduceat(counts[order][kept], starts)
    return order[kept][starts][::-1].astype(np.int64), merged[::-1]


def issue_points(us: Preferences, ussr: Preferences, issue: int, levels: IntArray) -> tuple[FloatArray, FloatArray]:
    """Each level's weighted contribution to each side's utility on one issue."""
    return us.weights[issue] * us.tables[issue][levels], ussr.weights[issue] * ussr.tables[issue][levels]


def pareto_frontier(
    us: Preferences, ussr: Preferences, allowed: Sequence[Sequence[int]] | None = None, tol: float = TOL
) -> Frontier:
    """The exact Pareto frontier over all packages, or over packages using only `allowed[i]` levels.

    The cost is about sum_i |frontier_i| * |levels_i| * log, where frontier_i is the frontier of the
    first i issues, never the product of the issues' sizes (though the frontier itself can be large
    when many issues trade off at exactly the same rate). Raises FrontierTooLarge past MAX_CANDIDATES.
    """
    n = len(us.tables)
    if len(ussr.tables) != n:
        raise ValueError("the two sides' preferences cover different numbers of issues")
    if allowed is None:
        allowed = [range(len(t)) for t in us.tables]
    level_sets = [np.asarray(sorted(set(a)), dtype=np.int64) for a in allowed]
    if len(level_sets) != n:
        raise ValueError("allowed levels must be given for every issue")
    if any(s.size == 0 for s in level_sets):
        return empty_frontier(n)
    total = math.prod(int(s.size) for s in level_sets)
    dtype: Any = np.int64 if total < _INT64_SAFE else object
    fx = np.zeros(1, dtype=np.float64)
    fy = np.zeros(1, dtype=np.float64)
    fc: CountArray = np.ones(1, dtype=dtype)
    parents: list[IntArray] = []
    chosen: list[IntArray] = []
    for i, levels in enumerate(level_sets):
        px, py = issue_points(us, ussr, i, levels)
        rep, ic = non_dominated(px, py, np.ones(levels.size, dtype=dtype), tol)
        levels, px, py = levels[rep], px[rep], py[rep]
        width = int(levels.size)
        if fx.size * width > MAX_CANDIDATES:
            raise FrontierTooLarge(i, fx.size * width)
        cx = (fx[:, None] + px[None, :]).ravel()
        cy = (fy[:, None] + py[None, :]).ravel()
        cc = (fc[:, None] * ic[None, :]).ravel()
        rep, fc = non_dominated(cx, cy, cc, tol)
        fx, fy = cx[rep], cy[rep]
        parents.append(rep // width)
        chosen.append(levels[rep % width])
    size = int(fx.shape[0])
    packages = np.empty((size, n), dtype=np.int64)
    index = np.arange(size, dtype=np.int64)
    for i in reversed(range(n)):
        packages[:, i] = chosen[i][index]
        index = parents[i][index]
    return Frontier(us=fx, ussr=fy, counts=tuple(int(c) for c in fc), levels=packages)


def distance_to_frontier(frontier: Frontier, u_us: float, u_ussr: float, tol: float = TOL) -> float:
    """How far a utility point must move up and right to reach the frontier: min_f ||max(f - p, 0)||.

    That is the Euclidean distance from p to the region weakly dominating some frontier point (the
    staircase and everything above and right of it); 0 for a point on the frontier (within 2 * TOL)
    or beyond it. Raises ValueError for an empty frontier.
    """
    if frontier.empty:
        raise ValueError("the frontier is empty: no package is admissible")
    dx = np.maximum(frontier.us - u_us, 0.0)
    dy = np.maximum(frontier.ussr - u_ussr, 0.0)
    d = float(np.min(np.hypot(dx, dy)))
    return 0.0 if d <= 2 * tol else d

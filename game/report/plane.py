"""The utility plane of a scenario as a PNG: packages as a cloud, the Pareto frontier, the bargaining
points, the no-deal point and the historical outcome.

Drawn with matplotlib, an optional extra (`pip install -e '.[plot]'`), imported only when a plot is
asked for. Colours are the Okabe-Ito palette (safe for colour-blind readers) and every series also has
its own marker shape and line style, so the plot reads in greyscale too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from game.errors import CruiseControlError
from game.report.scenario import ScenarioReport
from game.scenario.preferences import Preferences

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FloatArray = npt.NDArray[np.float64]

CLOUD_SAMPLE = 20_000
CLOUD_SEED = 1990

# Okabe & Ito (2008), "Color Universal Design".
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"


class PlotError(CruiseControlError):
    """A plot that cannot be drawn or written."""


@dataclass(frozen=True)
class Cloud:
    us: FloatArray
    ussr: FloatArray
    sampled: bool
    total: int

    @property
    def label(self) -> str:
        if self.sampled:
            return f"packages (random sample of {len(self.us):,} of {self.total:,})"
        return f"packages (all {self.total:,})"


def cloud(us: Preferences, ussr: Preferences, sample: int = CLOUD_SAMPLE, seed: int = CLOUD_SEED) -> Cloud:
    """Each side's utility of every package, or of a seeded uniform sample of them when there are more."""
    sizes = [len(t) for t in us.tables]
    total = math.prod(sizes)
    if total <= sample:
        grids = np.indices(sizes).reshape(len(sizes), -1)
        levels = [grids[i] for i in range(len(sizes))]
    else:
        rng = np.random.default_rng(seed)
        levels = [rng.integers(0, n, size=sample) for n in sizes]
    u_us = np.zeros(len(levels[0]))
    u_ussr = np.zeros(len(levels[0]))
    for i, k in enumerate(levels):
        u_us += us.weights[i] * us.tables[i][k]
        u_ussr += ussr.weights[i] * ussr.tables[i][k]
    return Cloud(u_us, u_ussr, total > sample, total)


def write_plane(report: ScenarioReport, path: Path, sample: int = CLOUD_SAMPLE) -> None:
    """Write the utility plane of a scenario to a PNG file; raises PlotError saying what is wrong."""
    fig = plane_figure(report, sample)
    try:
        fig.savefig(path, format="png")
    except OSError as exc:
        raise PlotError(f"cannot write the plot to {path}: {exc.strerror or exc}") from exc


def plane_figure(report: ScenarioReport, sample: int = CLOUD_SAMPLE) -> Figure:
    """The utility plane of a scenario as a matplotlib Figure (one Axes), for callers that draw more on it.

    Raises PlotError if matplotlib is not installed.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise PlotError(
            "--plot needs matplotlib, which is optional: install it with  .venv/bin/pip install -e '.[plot]'"
        ) from exc
    a = report.analysis
    points = cloud(report.us, report.ussr, sample)
    fig = Figure(figsize=(8, 7), dpi=120, layout="constrained")
    ax = fig.add_subplot()
    few = len(points.us) <= 2_000  # a small cloud gets bigger, darker dots
    ax.scatter(
        points.us,
        points.ussr,
        s=30 if few else 4,
        c=GREY,
        alpha=0.8 if few else 0.4,
        marker=".",
        linewidths=0,
        label=points.label,
        rasterized=True,
    )
    nd_us, nd_ussr = a.no_deal
    ax.axvline(nd_us, color=BLACK, linewidth=0.8, linestyle=":", zorder=1)
    ax.axhline(nd_ussr, color=BLACK, linewidth=0.8, linestyle=":", zorder=1)
    if not a.frontier.empty:
        ax.plot(
            a.frontier.us,
            a.frontier.ussr,
            color=BLUE,
            linestyle="-",
            linewidth=1.5,
            marker="o",
            markersize=3,
            label=f"Pareto frontier ({a.pareto_packages:,} packages)",
            zorder=3,
        )
    if not a.zone_frontier.empty:
        ax.plot(
            a.zone_frontier.us,
            a.zone_frontier.ussr,
            color=ORANGE,
            linestyle="--",
            linewidth=1.5,
            marker="^",
            markersize=5,
            label="frontier within both red lines",
            zorder=4,
        )
    ax.plot([nd_us], [nd_ussr], linestyle="none", marker="X", markersize=10, color=BLACK, label="no deal", zorder=6)
    ax.annotate("no deal", (nd_us, nd_ussr), xytext=(6, -12), textcoords="offset points", fontsize=9)
    # The three points are often close together, even on top of each other: the historical outcome is an
    # open square drawn under the filled markers, and each label sits well off in its own direction.
    specials = [
        (a.nash, "Nash point", "*", 15, VERMILLION, True, 8, (-30, 55)),
        (a.kalai_smorodinsky, "Kalai-Smorodinsky point", "D", 7, REDDISH_PURPLE, True, 7, (85, -85)),
        (a.historical, "historical outcome", "s", 13, BLUISH_GREEN, False, 6, (-60, -60)),
    ]
    for outcome, label, marker, size, colour, filled, z, offset in specials:
        if outcome is None:
            continue
        ax.plot(
            [outcome.us],
            [outcome.ussr],
            linestyle="none",
            marker=marker,
            markersize=size,
            markerfacecolor=colour if filled else "none",
            markeredgecolor=BLACK if filled else colour,
            markeredgewidth=0.8 if filled else 2.2,
            label=f"{label} ({outcome.us:.3f}, {outcome.ussr:.3f})",
            zorder=z,
        )
        ax.annotate(
            label,
            (outcome.us, outcome.ussr),
            xytext=offset,
            textcoords="offset points",
            fontsize=9,
            ha="center",
            arrowprops={"arrowstyle": "-", "color": BLACK, "linewidth": 0.6, "shrinkB": 6},
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour, "alpha": 0.9},
        )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel(f"{report.scenario.sides.us.name}: utility")
    ax.set_ylabel(f"{report.scenario.sides.ussr.name}: utility")
    ax.set_title(f"{report.scenario.meta.title}\nThe utility plane: each package's utility to each side", fontsize=11)
    ax.grid(True, color="#dddddd", linewidth=0.5)
    draw_legend(ax)
    return fig


def draw_legend(ax: Axes) -> None:
    """The legend of the plane (again, after more series are drawn on it)."""
    from matplotlib.collections import PathCollection

    legend = ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
        # the cloud's dots are too faint to see in the legend as drawn
        if isinstance(handle, PathCollection) and text.get_text().startswith("packages"):
            handle.set_sizes([30.0])
            handle.set_alpha(1.0)

"""Building packages from one's own preferences: the search every strategy shares."""

from __future__ import annotations

from collections.abc import Sequence

from game.scenario.preferences import Package, Preferences


def within_red_lines(prefs: Preferences, package: Package) -> Package:
    """The package with every issue moved back to the nearest level this side can accept."""
    levels = list(package.levels)
    for i, level in enumerate(levels):
        if not prefs.acceptable_level(i, level):
            ok = [k for k in range(len(prefs.tables[i])) if prefs.acceptable_level(i, k)]
            levels[i] = min(ok, key=lambda k: abs(k - level))
    return Package(tuple(levels))


def toward(prefs: Preferences, anchor: Package, target: float, ease: Sequence[float] | None = None) -> Package:
    """Starting from an anchor (typically the other side's offer), the package with the fewest steps
    that reaches a target utility: each step moves one issue one level toward this side's best,
    choosing the step that gains most utility (issues it is told to be flexible on last)."""
    package = within_red_lines(prefs, anchor)
    u = prefs.utility(package)
    best = prefs.best.levels
    while u < target - 1e-12:
        choice: tuple[float, int, int] | None = None
        for i, level in enumerate(package.levels):
            if level == best[i]:
                continue
            step = level + (1 if best[i] > level else -1)
            gain = prefs.weights[i] * (prefs.tables[i][step] - prefs.tables[i][level])
            if ease is not None:
                gain *= 1.0 - 0.5 * ease[i]
            if choice is None or gain > choice[0]:
                choice = (float(gain), i, step)
        if choice is None:
            break
        package = package.with_level(choice[1], choice[2])
        u = prefs.utility(package)
    return package


def concede(
    prefs: Preferences, own: Package, theirs: Package, target: float, ease: Sequence[float] | None = None
) -> Package:
    """Starting from this side's own standing offer, one-level steps toward the other side's offer, each
    the one that costs least utility (issues it is told to be flexible on first), as long as the package
    stays worth the target: the package nearest its own position that reaches the target. A side that
    concedes this way gives ground a little at a time where it costs least, never a whole issue at once
    and never beyond its red lines. Below the target already, it moves toward its own best instead."""
    package = within_red_lines(prefs, own)
    u = prefs.utility(package)
    if u < target - 1e-12:
        return toward(prefs, package, target, ease)
    while True:
        choice: tuple[float, int, int] | None = None
        for i, (level, goal) in enumerate(zip(package.levels, theirs.levels, strict=True)):
            if level == goal:
                continue
            step = level + (1 if goal > level else -1)
            if not prefs.acceptable_level(i, step):
                continue
            loss = prefs.weights[i] * (prefs.tables[i][level] - prefs.tables[i][step])
            if ease is not None:
                loss *= 1.0 - 0.5 * ease[i]
            if u - loss >= target - 1e-12 and (choice is None or loss < choice[0]):
                choice = (float(loss), i, step)
        if choice is None:
            return package
        package = package.with_level(choice[1], choice[2])
        u = prefs.utility(package)

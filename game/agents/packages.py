"""Building packages from one's own preferences: the search every strategy shares."""

from __future__ import annotations

from collections.abc import Sequence

from game.agents.view import SelfView
from game.scenario.preferences import Package, Preferences

SAFE_AT_HOME = 0.9
"""The chance of its own ratifying body passing it that a package built here is pushed up to (as far
as this side's best allows): a deal the home body throws out scores as no deal."""


def safe_at_home(home: SelfView | None, package: Package) -> bool:
    return home is None or home.ratification(package) >= SAFE_AT_HOME


def within_red_lines(prefs: Preferences, package: Package) -> Package:
    """The package with every issue moved back to the nearest level this side can accept."""
    levels = list(package.levels)
    for i, level in enumerate(levels):
        if not prefs.acceptable_level(i, level):
            ok = [k for k in range(len(prefs.tables[i])) if prefs.acceptable_level(i, k)]
            levels[i] = min(ok, key=lambda k: abs(k - level))
    return Package(tuple(levels))


def toward(
    prefs: Preferences,
    anchor: Package,
    target: float,
    ease: Sequence[float] | None = None,
    home: SelfView | None = None,
) -> Package:
    """Starting from an anchor (typically the other side's offer), the package with the fewest steps
    that reaches a target utility: each step moves one issue one level toward this side's best,
    choosing the step that gains most utility (issues it is told to be flexible on last). With `home`
    (this side's view of its own ratifying body, which may weigh the issues otherwise), a step's gain
    is what it adds for the delegation and for the body together, so that of two steps worth about the
    same to the delegation the one its body weighs more is asked for (gen-107: a conceder whose Senate
    weighs Issue 0 most gave it up to its red line in its first proposal, for a level more on Issue 2;
    the other side then held it to that, and no package its Senate would pass was left on the table).
    It goes on from the target with the steps that win its body's support most, until the body is
    safe to pass the package (`SAFE_AT_HOME`) or there is nothing left to ask for."""
    package = within_red_lines(prefs, anchor)
    u = prefs.utility(package)
    best = prefs.best.levels
    while True:
        short = u < target - 1e-12
        if not short and safe_at_home(home, package):
            break
        choice: tuple[float, int, int] | None = None
        for i, level in enumerate(package.levels):
            if level == best[i]:
                continue
            step = level + (1 if best[i] > level else -1)
            if short or home is None:
                gain = prefs.weights[i] * (prefs.tables[i][step] - prefs.tables[i][level])
                if home is not None:
                    gain += float(home.domestic[i][step] - home.domestic[i][level])
                if ease is not None:
                    gain *= 1.0 - 0.5 * ease[i]
            else:
                gain = float(home.domestic[i][step] - home.domestic[i][level])
                if gain <= 1e-12:
                    continue
            if choice is None or gain > choice[0]:
                choice = (float(gain), i, step)
        if choice is None:
            break
        package = package.with_level(choice[1], choice[2])
        u = prefs.utility(package)
    return package


def trade(
    prefs: Preferences,
    anchor: Package,
    target: float,
    theirs: Package | None,
    ease: Sequence[float] | None = None,
    home: SelfView | None = None,
) -> Package:
    """`toward` from the other side's offer (`anchor`), and then a trade: where the package had to be
    moved back within this side's red lines, or pushed up for its own ratifying body, beyond what the
    target alone asks, this side gives the other side something back for it: one-level steps toward
    the other side's position (`theirs`, its opening) where they cost this side least (`concede`), down
    to the target or to what the other side's offer itself was worth to this side, whichever is more.
    Without this, a side whose offer keeps crossing the other's red line on one issue is answered
    with its own offer moved back on that issue and nothing else, and two such sides repeat themselves
    until the deadline while a deal both prefer to none lies elsewhere (one side's red line on an
    issue the other weighs most, gen-107 in `bench/generated.py`)."""
    package = toward(prefs, anchor, target, ease, home)
    if theirs is None:
        return package
    lifted = toward(prefs, anchor, target, ease)
    if package == lifted and prefs.within_red_lines(anchor):
        return package
    floor = max(target, prefs.utility(anchor))
    if prefs.utility(package) <= floor + 1e-12:
        return package
    return concede(prefs, package, theirs, floor, ease, home)


def concede(
    prefs: Preferences,
    own: Package,
    theirs: Package,
    target: float,
    ease: Sequence[float] | None = None,
    home: SelfView | None = None,
) -> Package:
    """Starting from this side's own standing offer, one-level steps toward the other side's offer, each
    the one that costs least utility (issues it is told to be flexible on first), as long as the package
    stays worth the target: the package nearest its own position that reaches the target. A side that
    concedes this way gives ground a little at a time where it costs least, never a whole issue at once
    and never beyond its red lines. Below the target already, it moves toward its own best instead.
    With `home`, no step makes the package unsafe for its own ratifying body (`toward`)."""
    package = within_red_lines(prefs, own)
    u = prefs.utility(package)
    if u < target - 1e-12 or not safe_at_home(home, package):
        return toward(prefs, package, target, ease, home)
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
            if u - loss < target - 1e-12 or (choice is not None and loss >= choice[0]):
                continue
            if safe_at_home(home, package.with_level(i, step)):
                choice = (float(loss), i, step)
        if choice is None:
            return package
        package = package.with_level(choice[1], choice[2])
        u = prefs.utility(package)

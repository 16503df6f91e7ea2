"""Why two sides cannot agree, in an instructor's words: where their red lines do not meet, where the
best they can share falls short of no deal, and on which issue they stand furthest apart.

`analyze` prints these beside "no zone of agreement", and `--simulate` beside a pairing whose games run
out of time, so that an instructor knows which line of the scenario to change.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.frontier import TOL, Frontier
from game.analysis.zopa import acceptable_levels
from game.i18n import tr, trn
from game.scenario.preferences import Preferences, Space


@dataclass(frozen=True)
class Gap:
    """One issue on which the sides stand apart: each side's value and the steps between them."""

    issue: int
    name: str
    first: str
    second: str
    steps: int
    share: float
    """The steps apart as a share of the issue's whole range (0 to 1)."""

    def words(self, shorts: tuple[str, str], what: str) -> str:
        """`what`: "red line" or "aims at", the word put between each side and its value."""
        word = tr("red line") if what == "red line" else tr("aims at")
        apart = trn("{n} step apart", "{n} steps apart", self.steps)
        return f"{self.name} ({shorts[0]} {word} {self.first}, {shorts[1]} {word} {self.second}; {apart})"


def _gap(space: Space, issue: int, first: int, second: int) -> Gap:
    domain = space.domains[issue]
    steps = abs(first - second)
    return Gap(
        issue,
        space.names[issue],
        domain.format(domain.levels[first]),
        domain.format(domain.levels[second]),
        steps,
        steps / max(1, len(domain) - 1),
    )


def red_line_gaps(space: Space, us: Preferences, ussr: Preferences) -> list[Gap]:
    """The issues on which no value is within both sides' red lines, the widest gap first."""
    gaps = []
    for i in range(len(space.ids)):
        mine, theirs = acceptable_levels(us, i), acceptable_levels(ussr, i)
        if set(mine) & set(theirs) or not mine or not theirs:
            continue
        # the two acceptable values nearest each other: how far the red lines must move to meet
        a, b = min(((x, y) for x in mine for y in theirs), key=lambda p: abs(p[0] - p[1]))
        gaps.append(_gap(space, i, a, b))
    return sorted(gaps, key=lambda g: -g.share)


def furthest_apart(space: Space, us: Preferences, ussr: Preferences) -> Gap | None:
    """The issue on which the sides' targets are furthest apart (as a share of its range; the one both
    weigh more on a tie); None when their targets agree on every issue."""
    gaps = [_gap(space, i, us.targets[i], ussr.targets[i]) for i in range(len(space.ids))]
    gaps = [g for g in gaps if g.steps]
    if not gaps:
        return None
    return max(gaps, key=lambda g: (round(g.share, 9), float(us.weights[g.issue] + ussr.weights[g.issue])))


def short_of_no_deal(zone: Frontier, us: Preferences, ussr: Preferences, called: tuple[str, str]) -> str:
    """Why packages within both red lines are no deal: the most the first side can get while the second
    gains anything over no deal, against the first side's no-deal value; `called`: the sides as a
    sentence names them (`game.scenario.side_words.the_sides`)."""
    second_gains = zone.ussr - ussr.no_deal > TOL
    if not second_gains.any():
        best = float(zone.ussr.max())
        return tr(
            "no package within both red lines gives {side} more than its no-deal value "
            "({best} at best, no deal {no_deal})",
            side=called[1],
            best=f"{best:.3f}",
            no_deal=f"{ussr.no_deal:.3f}",
        )
    best = float(zone.us[second_gains].max())
    return tr(
        "while {other} gains anything over no deal, {side} gets {best} at most, "
        "no more than its no-deal value {no_deal}",
        other=called[1],
        side=called[0],
        best=f"{best:.3f}",
        no_deal=f"{us.no_deal:.3f}",
    )


def no_deal_reason(
    space: Space, us: Preferences, ussr: Preferences, zone: Frontier, shorts: tuple[str, str], called: tuple[str, str]
) -> str:
    """Why a scenario (or a persona's lines) leaves no deal, naming the issues and values; `shorts`: the
    sides' short names, `called`: the sides as a sentence names them ('the US', 'Japan')."""
    gaps = red_line_gaps(space, us, ussr)
    if gaps:
        lines = "; ".join(g.words(shorts, "red line") for g in gaps)
        return tr("the red lines do not meet on {issues}", issues=lines)
    return short_of_no_deal(zone, us, ussr, called)

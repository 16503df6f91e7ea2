"""Which way a proposal moved, read from the numbers: per issue toward the other side or away.

What a delegation says about a move (a concession, a retraction, no move) and how the log labels it
come from this one reading, so the words never contradict the table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from game.scenario.preferences import Package, Preferences


class Shift(Enum):
    OPENING = "opening"
    HOLD = "hold"
    CONCESSION = "concession"
    RETRACTION = "retraction"
    TRADE = "trade"


@dataclass(frozen=True)
class Movement:
    """A proposal against the side's previous one: the issues it moved toward the other side and away."""

    shift: Shift
    toward: tuple[int, ...] = ()
    away: tuple[int, ...] = ()


def movement(
    prefs: Preferences, previous: Package | None, package: Package, own: Package | None, other: Package | None
) -> Movement:
    """How `package` moved from `previous`. On each issue the other side lies in the direction from the
    mover's opening (`own`) to the other side's opening (`other`): a step that way is toward it, even
    past the other side's current value (sides that have crossed still give by moving on), and a step
    back is away. Where the openings agree, or the other side has not opened, the mover's own utility
    tells: giving up value is moving toward the other side."""
    if previous is None:
        return Movement(Shift.OPENING)
    toward: list[int] = []
    away: list[int] = []
    for i, (old, new) in enumerate(zip(previous.levels, package.levels, strict=True)):
        if old == new:
            continue
        way = (other.levels[i] - own.levels[i]) if own is not None and other is not None else 0
        closer = (new - old) * way > 0 if way else prefs.issue_utility(i, new) < prefs.issue_utility(i, old)
        (toward if closer else away).append(i)
    if toward and away:
        shift = Shift.TRADE
    elif toward:
        shift = Shift.CONCESSION
    elif away:
        shift = Shift.RETRACTION
    else:
        shift = Shift.HOLD
    return Movement(shift, tuple(toward), tuple(away))

"""Which way a proposal moved, read from the numbers: per issue toward the other side's offer or away.

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


def movement(prefs: Preferences, previous: Package | None, package: Package, other: Package | None) -> Movement:
    """How `package` moved from `previous`, measured on each issue against `other` (the other side's
    standing offer). An issue that jumps over the other side's value to the same distance, or a side
    with no offer to measure against, is read from the mover's own utility: giving up value is moving
    toward the other side."""
    if previous is None:
        return Movement(Shift.OPENING)
    toward: list[int] = []
    away: list[int] = []
    for i, (old, new) in enumerate(zip(previous.levels, package.levels, strict=True)):
        if old == new:
            continue
        target = other.levels[i] if other is not None else None
        if target is not None and abs(new - target) != abs(old - target):
            closer = abs(new - target) < abs(old - target)
        else:
            closer = prefs.issue_utility(i, new) < prefs.issue_utility(i, old)
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

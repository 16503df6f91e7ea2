"""What one delegation sees: its own brief, the public record, and the time. Never the other brief."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.engine.state import LogEntry
from game.scenario.preferences import Package, Preferences, Side, Space
from game.scenario.schema import Argument, Domestic, Meeting, Member, Persona


@dataclass(frozen=True)
class Delegation:
    """What anyone may know about a delegation: its name, its members, who must ratify its agreements."""

    name: str
    short: str
    members: tuple[Member, ...]
    ratifier: str = ""
    id: str = ""
    """The side's id in the scenario file (`eu`, `japan`): its flag and its name in records."""
    colour: str | None = None
    """The scenario's '#RRGGBB' for the side, if it gives one."""


@dataclass(frozen=True)
class PublicInfo:
    """The public part of a scenario, the same for both sides."""

    title: str
    space: Space
    meetings: tuple[Meeting, ...]
    deadline: str
    deadline_date: dt.date
    arguments: tuple[Argument, ...]
    delegations: tuple[Delegation, Delegation]


@dataclass(frozen=True)
class Brief:
    """A delegation's confidential instructions: never shown to the other side."""

    text: str
    preferences: Preferences
    domestic: Domestic
    personas: tuple[Persona, ...]
    instructions: tuple[str, ...]


@dataclass(frozen=True)
class Observation:
    side: Side
    public: PublicInfo
    brief: Brief
    history: tuple[LogEntry, ...]
    turn: int
    relative_time: float
    meeting: int
    exchanges_left: int
    my_offer: Package | None
    their_offer: Package | None
    my_offers: tuple[Package, ...]
    their_offers: tuple[Package, ...]
    trust: float
    """How far this side trusts the other (0-1)."""
    support_shift: float
    """How events and backed-off red lines have moved this side's domestic support."""
    flexibility: tuple[float, ...]
    """Per issue, how far the other side's arguments have moved this side (0-1)."""
    declared_mine: tuple[tuple[int, int], ...]
    declared_theirs: tuple[tuple[int, int], ...]
    my_arguments: tuple[str, ...]
    tabled: tuple[str, ...]

    @property
    def space(self) -> Space:
        return self.public.space

    @property
    def preferences(self) -> Preferences:
        return self.brief.preferences

    def utility(self, package: Package) -> float:
        return self.brief.preferences.utility(package)

    def support(self, package: Package) -> float:
        """This side's domestic support for a package, as its ratifying body would see it now."""
        return domestic_support(
            self.brief.domestic, self.brief.preferences, self.public.space, self.support_shift, package
        )

    @property
    def can_accept(self) -> bool:
        """Whether Accept is legal now: an offer stands and it is within this side's red lines."""
        return self.their_offer is not None and self.brief.preferences.within_red_lines(self.their_offer)


def domestic_support(domestic: Domestic, prefs: Preferences, space: Space, shift: float, package: Package) -> float:
    """Support at home for a package: the constituency's weights (or the delegation's) on its utilities."""
    if domestic.weights and sum(domestic.weights.values()) > 0:
        prefs = prefs.with_weights([domestic.weights.get(i, 0.0) for i in space.ids])
    s = domestic.support_at_worst + (domestic.support_at_best - domestic.support_at_worst) * prefs.utility(package)
    return min(1.0, max(0.0, s + shift))

"""The negotiating table as one seat sees it, and the small helpers every panel draws with."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.moves import Accept, Propose
from game.engine.observation import Observation
from game.engine.state import LogEntry
from game.i18n import tr
from game.scenario.preferences import Package, Side, Space
from game.scenario.schema import Member
from game.ui.palette import Colour, Palette

Text = list[tuple[pygame.Rect, pygame.Rect]]
"""Where texts were drawn and the area that should hold each (for the layout tests)."""


def priority_words(weight: float, weights: list[float]) -> str:
    rank = sorted(weights, reverse=True).index(weight)
    share = weight / max(weights)
    if rank == 0 or share > 0.9:
        return tr("top priority")
    if share > 0.6:
        return tr("high priority")
    if share > 0.35:
        return tr("medium priority")
    return tr("low priority")


@dataclass(frozen=True)
class TableView:
    """The table as one seat sees it (`watch`: both sides, nobody's 'you'); left is that seat, or the US."""

    left: Observation
    right: Observation | None
    """The other side's own view: only when watching (a player never sees the other brief)."""
    watch: bool
    draft: Package | None
    palette: Palette
    speakers: tuple[str, str] = ("", "")
    """Who speaks for each side at this meeting (English names): the card shows them, not always the lead."""
    ids: tuple[str, str] = ("us", "ussr")
    """The scenario's own ids for its sides: the flags are found by them (no US flag for the EC)."""

    def member(self, side: Side) -> Member:
        """The member on a side's card: the one speaking now, else its lead."""
        members = self.left.public.delegations[side.index].members
        lead = next((m for m in members if m.lead), members[0])
        return next((m for m in members if m.name == self.speakers[side.index]), lead)

    @property
    def me(self) -> Side:
        return self.left.side

    def colour(self, side: Side) -> Colour:
        return self.palette.rgb("us" if side is Side.US else "ussr")

    def short(self, side: Side) -> str:
        return self.left.public.delegations[side.index].short

    def offer(self, side: Side) -> Package | None:
        return self.left.my_offer if side is self.me else self.left.their_offer

    @property
    def blocked(self) -> int | None:
        """The first issue on which their standing offer crosses the player's own red line (what keeps
        Accept closed); None when watching, with no offer, or with one within every red line."""
        offer = self.left.their_offer
        if self.watch or offer is None:
            return None
        prefs = self.left.preferences
        return next((i for i, level in enumerate(offer.levels) if not prefs.acceptable_level(i, level)), None)

    def blocked_words(self) -> list[str]:
        """Why Accept is closed, longest first (the footer shows the first that fits its one line)."""
        issue = self.blocked
        offer = self.left.their_offer
        if issue is None or offer is None:
            return []
        space = self.left.space
        domain = space.domains[issue]
        value = domain.format(domain.levels[offer.levels[issue]])
        line = domain.format(domain.levels[self.left.preferences.red_lines[issue]])
        return [
            *(
                tr(
                    "Cannot accept: their {issue}, {value}, crosses your red line of {line}",
                    issue=name,
                    value=value,
                    line=line,
                )
                for name in (space.names[issue], space.shorts[issue])
            ),
            *(
                tr("Cannot accept: {issue} crosses your red line", issue=n)
                for n in (space.names[issue], space.shorts[issue])
            ),
        ]

    def declared(self, side: Side) -> tuple[tuple[int, int], ...]:
        return self.left.declared_mine if side is self.me else self.left.declared_theirs

    def issue_value(self, side: Side, issue: int, level: int) -> float | None:
        """What a level of an issue is worth to a side: known for your own side (and both, watching);
        estimated for the other side from how far it lies from their opening offer."""
        if side is self.me:
            return self.left.preferences.issue_utility(issue, level)
        if self.right is not None:
            return self.right.preferences.issue_utility(issue, level)
        offers = self.left.their_offers
        if not offers:
            return None
        opening = offers[0].levels[issue]
        span = max(opening, len(self.left.space.domains[issue]) - 1 - opening, 1)
        return 1.0 - min(1.0, abs(level - opening) / span)


def spelled_out(space: Space, entry: LogEntry) -> tuple[str, str]:
    """A proposal's or an acceptance's label and words with the issues' full names (the record writes the
    short ones, which a window with room need not abbreviate); any other entry as the record has it."""
    if isinstance(entry.move, Propose | Accept):
        return space.spelled_out(entry.label), space.spelled_out(entry.text)
    return entry.label, entry.text


def blit(texts: Text, surface: pygame.Surface, image: pygame.Surface, rect: pygame.Rect, area: pygame.Rect) -> None:
    texts.append((surface.blit(image, rect), area))


def level_of(package: Package | None, issue: int) -> int | None:
    return None if package is None else package.levels[issue]


def value_text(domain, level: int | None) -> str:  # noqa: ANN001
    return "—" if level is None else domain.format(domain.levels[level])

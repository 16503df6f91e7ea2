"""Behaviour-dependent tactics (Faratin, Sierra and Jennings 1998; Baarslag et al.): tit for tat.

The agent mirrors the other side's last concession, measured in its own utility (what the other
side's new offer gives it over its previous one):

- absolute: it concedes the same amount of utility;
- relative: it concedes the same share: its surplus over its floor shrinks by the ratio by which
  the other side's (estimated, as the complement of its own) utility of its offers shrank.

If the other side hardens, so does it (never above its opening). It opens with a small concession
of goodwill so that two tit-for-tat agents do not stare at each other, never goes below its
reservation value, and has a time-dependent safety net: a very Boulware-like curve that it never
stays above, so that it does not deadlock against an agent that never moves. It answers an argument
with one of its own (tit for tat in words too), each at most once.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from game.agents.base import Agent, AgentInfo
from game.agents.packages import trade
from game.agents.view import Clock, SelfView, home_need
from game.engine.moves import Accept, MoveKind, Propose, TableArgument
from game.engine.moves import Move as EngineMove
from game.engine.observation import Observation
from game.engine.state import EntryKind
from game.scenario.preferences import Side

GOODWILL = 0.03
"""The opening concession (own utility) made before the other side has moved."""


class TitForTat(Agent):
    info = AgentInfo(
        "tft-relative",
        "Tit for tat: concedes in proportion to the other side's last concession.",
        "behaviour-dependent",
    )
    relative: ClassVar[bool] = True
    margin: ClassVar[float] = 0.02
    net_exponent: ClassVar[float] = 0.15
    """The safety net: aspiration never above a Boulware curve with this exponent."""

    def __init__(self) -> None:
        super().__init__()
        self.target: float | None = None
        self.seen = 0
        self.answered: set[str] = set()

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        super().reset(side, rng)
        self.target = None
        self.seen = 0
        self.answered = set()

    def _mirror(self, obs: Observation, top: float, floor: float) -> float:
        prefs = obs.preferences
        target = top if self.target is None else self.target
        offers = obs.their_offers
        new = len(offers) > self.seen
        self.seen = len(offers)
        if not new:
            pass
        elif len(offers) >= 2:
            before, now = prefs.utility(offers[-2]), prefs.utility(offers[-1])
            if self.relative:
                ratio = (1.0 - now) / max(1e-6, 1.0 - before)
                target = floor + (target - floor) * min(1.2, max(0.5, ratio))
            else:
                target -= now - before
        elif len(offers) == 1 and obs.my_offer is not None and self.target is not None and self.target >= top:
            target -= GOODWILL
        return min(top, max(floor, target))

    def act(self, obs: Observation) -> EngineMove:
        prefs = obs.preferences
        clock = Clock.of(obs)
        high = prefs.utility(prefs.opening)
        floor = min(high, max(prefs.no_deal + self.margin, home_need(obs)))  # see TimeDependent
        mirrored = self._mirror(obs, high, floor) if obs.my_offer is not None else high
        net = high - (high - floor) * float(clock.next_time ** (1.0 / self.net_exponent))
        self.target = min(mirrored, net)
        home = SelfView.of(obs)  # its own ratifying body: see TimeDependent
        offer = obs.their_offer
        if offer is not None and prefs.within_red_lines(offer):
            u = home.expected(offer)
            last_chance = clock.final_meeting and clock.exchanges_left <= 2
            if u >= self.target or (last_chance and u > prefs.no_deal + 1e-9):
                return Accept()
        answer = self._answer(obs)
        if answer is not None:
            return answer
        anchor = offer if offer is not None else prefs.opening
        theirs = obs.their_offers[0] if obs.their_offers else None
        return Propose(trade(prefs, anchor, self.target, theirs, obs.flexibility, home))

    def _answer(self, obs: Observation) -> TableArgument | None:
        """If the other side's last move was an argument, one of this side's own, each at most once."""
        last = next((e for e in reversed(obs.history) if e.kind is EntryKind.MOVE), None)
        if last is None or last.side is obs.side or last.move is None or last.move.kind is not MoveKind.ARGUMENT:
            return None
        fresh = [a for a in obs.my_arguments if a not in self.answered and a not in obs.tabled]
        if not fresh:
            return None
        self.answered.add(fresh[0])
        return TableArgument(fresh[0])


class RelativeTitForTat(TitForTat):
    pass


class AbsoluteTitForTat(TitForTat):
    info = AgentInfo(
        "tft-absolute",
        "Tit for tat: concedes as much utility as the other side's last concession gave it.",
        "behaviour-dependent",
    )
    relative = False

"""The opponent-modelling trade-off agent (after Faratin, Sierra and Jennings 2002's trade-offs and the
HardHeaded / CUHKAgent family): Boulware aspiration, frequency opponent model, offers on the frontier.

Each move it
1. updates its model of the other side from the other side's proposals and declared red lines;
2. sets an aspiration that falls Boulware-fashion from its opening to a floor, sooner when the other
   side's arguments have moved it (flexibility) and, by `reciprocity` (0 by default: in round robins
   it cost score), when the other side concedes. The floor is just above its no-deal value, raised
   to the best proposal the other side has itself made (`hold_out`);
3. proposes, among the packages within its lines worth at least the aspiration, the one the other
   side likes best by the model (a search over issues, see `search.py`), keeping its own
   ratifying body on board;
4. accepts the standing offer when it is worth at least what it would propose next (weighed by the
   chance its own ratifying body passes it), near the end one as good as the best the other side
   has offered, and at its last move anything better than no deal.
   The last offer the other side will see keeps to levels it has itself offered (on an issue where
   all of those lie beyond this side's lines, to the nearest within them) and, where a ratifying
   body weighs the deal for the other side, is the best it has proposed itself unless this side's
   own plan is worth much more (`GAMBLE`).

`hard.py` builds the hard opponent on it: the same search, with every package weighed by the chance
that both ratifying bodies pass it, and the tactics of `tactics.py`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

import numpy as np

from game.agents.base import Agent, AgentInfo
from game.agents.opponent import OpponentModel
from game.agents.search import TradeOffTable
from game.agents.tactics import Tactics
from game.agents.view import Clock, SelfView
from game.engine.moves import Accept, Move, Propose
from game.engine.observation import Observation
from game.scenario.preferences import Package, Side

SAFE_RATIFICATION = 0.9
"""The chance of its own ratification the agent wants for anything it proposes."""
STEADY = 0.01
"""Objective bonus for keeping an issue where its standing offer has it (steadier proposals)."""
GAMBLE = 0.5
"""At the other side's last look, where a ratifying body weighs the deal for it, the share of its surplus
over no deal that a package the other side has not proposed itself is counted at against the best it
has proposed: its body may throw out what it has not proposed (the agent does not model that body)."""
END = 0.95
"""From this relative time on, the agent takes an offer as good as the best the other side has made
(it is not going to see a better one in time)."""


class TradeOff(Agent):
    info = AgentInfo(
        "tradeoff",
        "Learns the other side's priorities from its proposals and offers packages on the Pareto "
        "frontier, conceding slowly.",
        "opponent-modelling",
        models_opponent=True,
    )
    exponent: ClassVar[float] = 0.2
    """Aspiration curve exponent: below 1 holds firm until late (Boulware)."""
    margin: ClassVar[float] = 0.03
    """The least surplus over no deal it concedes down to."""
    reciprocity: ClassVar[float] = 0.0
    """How much the other side's concessions speed up its own."""
    hold_out: ClassVar[float] = 1.0
    """How far its floor rises from just above no deal towards the best proposal the other side has
    itself made (1: all the way)."""
    use_tactics: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__()
        self.model: OpponentModel | None = None
        self.tactics = Tactics()
        self.moves = 0

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        super().reset(side, rng)
        self.model = None
        self.tactics.reset()
        self.moves = 0

    # ----- the parts ---------------------------------------------------------------------
    @staticmethod
    def within_hull(view: SelfView, model: OpponentModel) -> SelfView | None:
        """The view restricted, on every issue, to levels the other side has itself offered (what it
        has shown it can accept). On an issue where none of those is within this side's lines, the
        levels of its lines nearest to them: the other side's own red line is likely there, and the
        rest of the package still keeps to what it has offered (gen-107: its most-weighed option lay
        beyond this side's red line, and a last offer made without that issue's bound went below the
        other side's red line on another issue). None before it has proposed."""
        if model.opening is None:
            return None
        allowed = []
        for ok, a, b in zip(view.allowed, model.opening, model.furthest, strict=True):
            lo, hi = min(a, b), max(a, b)
            inside = np.zeros(len(ok), dtype=bool)
            inside[lo : hi + 1] = True
            inside &= ok
            if not inside.any():
                good = np.flatnonzero(ok)
                gap = np.maximum(lo - good, good - hi)
                inside[good[gap == gap.min()]] = True
            allowed.append(inside)
        return replace(view, allowed=tuple(allowed))

    @staticmethod
    def offered_best(obs: Observation, view: SelfView) -> float:
        """The most this side gets from a proposal the other side has made itself, within this side's
        lines and safe to ratify; 0 if none is. (Levels it offered on different issues in different
        proposals make no package it has shown it can accept.)"""
        return max(
            (
                view.utility(p)
                for p in set(obs.their_offers)
                if view.allows(p) and view.ratification(p) >= SAFE_RATIFICATION
            ),
            default=0.0,
        )

    @staticmethod
    def offered_package(obs: Observation, view: SelfView) -> Package | None:
        """The other side's own proposal worth most to this side, within its lines and safe to ratify."""
        fit = [p for p in set(obs.their_offers) if view.allows(p) and view.ratification(p) >= SAFE_RATIFICATION]
        return max(fit, key=lambda p: (view.utility(p), p.levels), default=None)

    def aspiration(self, obs: Observation, view: SelfView, clock: Clock, top: float) -> float:
        prefs = obs.preferences
        floor = view.no_deal + self.margin
        floor += self.hold_out * max(0.0, self.offered_best(obs, view) - floor)
        floor = min(top, floor)
        pressure = float(np.dot(prefs.weights, obs.flexibility))
        t = clock.next_time * (1.0 + 0.5 * pressure)
        if obs.their_offers:
            seen = view.utilities(obs.their_offers)
            first, best = float(seen[0]), float(seen.max())
            if top - first > 1e-6:
                t += self.reciprocity * max(0.0, best - first) / (top - first) * t
        t = min(1.0, t)
        return top - (top - floor) * float(t ** (1.0 / self.exponent))

    def search(
        self, obs: Observation, view: SelfView, model: OpponentModel, aspiration: float, *, steady: bool = True
    ) -> Package:
        """The package worth at least the aspiration that the other side likes best (by the model),
        with as much of its own ratifying body on board as that needs. It keeps to levels no better
        for itself than its opening (it never hardens beyond where it opened) and, other things
        equal (`steady`), to the levels of its standing offer."""
        weights, values = model.weights(), model.values()
        flex = obs.flexibility
        gain = [weights[i] * (1.0 + flex[i]) * values[i] for i in range(len(values))]
        if steady and obs.my_offer is not None:
            for i, k in enumerate(obs.my_offer.levels):
                gain[i] = gain[i].copy()
                gain[i][k] += STEADY
        fallback: tuple[float, Package] | None = None
        for mu in (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0):
            objective = [g + mu * d for g, d in zip(gain, view.domestic, strict=True)] if mu else gain
            table = TradeOffTable(view.util, view.allowed, objective)
            package = table.package(min(aspiration, table.feasible_max))
            if package is None:
                break
            p = view.ratification(package)
            if p >= SAFE_RATIFICATION:
                return package
            if fallback is None or p > fallback[0]:
                fallback = (p, package)
        return fallback[1] if fallback is not None else view.best()

    def accepts(self, obs: Observation, view: SelfView, clock: Clock, offer: Package, plan: Package) -> bool:
        if not view.allows(offer):
            return False
        got = view.expected(offer)
        if clock.last_move:
            return got > view.no_deal + 1e-9
        planned = view.expected(plan)
        if got >= planned - 1e-9:
            return True
        if clock.relative_time >= END and got >= max(view.expected(p) for p in obs.their_offers) - 1e-9:
            # Near the end: the best the other side has offered; it will not offer better in time.
            return got > view.no_deal + 1e-9
        if clock.final_meeting and clock.exchanges_left == 2:
            # Our proposal now is our last; the other side may not take it.
            return got >= view.no_deal + 0.6 * (planned - view.no_deal)
        return False

    def stuck(self, obs: Observation, view: SelfView) -> bool:
        """The other side has not moved (for this side) in its last three proposals and is far off."""
        offers = obs.their_offers
        if len(offers) < 3:
            return False
        recent = [view.utility(p) for p in offers[-3:]]
        return max(recent) - min(recent) < 1e-6 and recent[-1] < view.no_deal + self.margin

    # ----- the move ------------------------------------------------------------------------
    def prepare(self, obs: Observation) -> tuple[SelfView, Clock, OpponentModel, Package]:
        """What every move starts from: this side's view, the clock, the opponent model brought up to
        date, and this side's opening within its lines."""
        view = SelfView.of(obs, ceiling=True)
        if self.model is None:
            self.model = OpponentModel(obs.space.sizes)
        self.model.update(obs.their_offers, obs.declared_theirs, obs.trust)
        self.moves += 1
        return view, Clock.of(obs), self.model, view.clamp(obs.preferences.opening)

    def act(self, obs: Observation) -> Move:
        view, clock, model, opening = self.prepare(obs)
        offer = obs.their_offer
        if obs.my_offer is None or not model.ready or offer is None:
            if offer is not None and self.accepts(obs, view, clock, offer, opening):
                return Accept()
            return self.finish(obs, clock, view, model, opening)
        return self.decide(obs, view, clock, model, opening, offer)

    def decide(
        self, obs: Observation, view: SelfView, clock: Clock, model: OpponentModel, opening: Package, offer: Package
    ) -> Move:
        """The move once both sides have proposed: this side's plan, or accepting the standing offer."""
        top = max(view.utility(opening), view.no_deal + self.margin)
        aspiration = self.aspiration(obs, view, clock, top)
        plan = self.search(obs, view, model, aspiration)
        if clock.their_last_move_next:
            # The other side's last look at an offer: keep to what it has shown it can accept.
            # Nothing is gained by keeping to its standing offer now: on an issue the other side has
            # conceded far on (the model weighs it little) the steadiness bonus would outweigh what
            # the other side asked for there (gen-107: a conceder whose Senate wants Issue 0 high,
            # offered Issue 0 low at the last look, and no deal).
            hull = self.within_hull(view, model)
            if hull is not None:
                final = self.search(obs, hull, model, aspiration, steady=False)
                if hull.allows(final) and view.expected(final) >= view.no_deal + self.margin:
                    plan = final
            if obs.public.delegations[obs.side.other.index].ratifier:
                # Its own proposal the other side can take, and its body has most likely passed it
                # before it was made; anything else is a gamble on both (gen-110: tft-absolute took
                # a last offer that its body then threw out, in place of its own it had offered).
                sure = self.offered_package(obs, view)
                if (
                    sure is not None
                    and GAMBLE * (view.expected(plan) - view.no_deal) < view.expected(sure) - view.no_deal
                ):
                    plan = sure
        if self.accepts(obs, view, clock, offer, plan):
            return Accept()
        return self.finish(obs, clock, view, model, plan)

    def finish(self, obs: Observation, clock: Clock, view: SelfView, model: OpponentModel, plan: Package) -> Move:
        """The plan, or a tactic in place of repeating it."""
        if self.use_tactics:
            move = self.tactics.choose(
                obs, clock, view, model, plan, move_number=self.moves, stuck=self.stuck(obs, view)
            )
            if move is not None:
                return move
        return Propose(plan)

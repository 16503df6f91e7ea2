"""Time-dependent concession (Faratin, Sierra and Jennings 1998): Boulware, linear, conceder.

The aspiration falls from the utility of the opening package to the reservation value as
u(t) = max - (max - min) * t ** (1 / e): e < 1 holds firm until late (Boulware), e = 1 is
linear, e > 1 concedes early (conceder). Arguments the other side tables make it concede more
on their issues and slightly sooner overall. The reservation value is a margin over no deal, and no
less than its own ratifying body needs (`home_need`): in a two-level game an agreement the home body
throws out scores as no deal, so conceding below that line buys nothing. As that body may weigh the
issues otherwise than the delegation does, each proposal is also pushed up until the body is safe to
pass it (`packages.SAFE_AT_HOME`), and an offer is weighed at its expected utility (no deal if the
body throws it out).
"""

from __future__ import annotations

from game.agents.base import Agent, AgentInfo
from game.agents.packages import concede, trade
from game.agents.view import SelfView, home_need
from game.engine.moves import Accept, Move, Propose
from game.engine.observation import Observation

TAKE_AT_HOME = 0.75
"""Before its last chance, the least chance of its own ratifying body passing an offer that the agent
takes (weighed at its expected utility, it may reach the aspiration with a body that throws it out one
time in three). What it proposes itself it pushes up to `packages.SAFE_AT_HOME`; an offer not far below
that is worth taking, one that is a gamble on its body is not while there is time to propose a safer
one (gen-104: linear and conceder US took such offers from tradeoff and the Senate threw them out)."""


class TimeDependent(Agent):
    info = AgentInfo("linear", "Concedes at a steady pace from its opening to its reservation value.", "time-dependent")
    exponent = 1.0
    margin = 0.02
    """The least surplus over no deal worth agreeing to."""
    from_own: bool = False
    """Build each proposal from its own standing offer, conceding a level at a time toward the other
    side's (as a persona does), rather than from the other side's offer toward its own best."""

    def aspiration(self, obs: Observation, t: float) -> float:
        prefs = obs.preferences
        high = prefs.utility(prefs.opening)
        low = min(high, max(prefs.no_deal + self.margin, home_need(obs)))
        pressure = float(sum(w * f for w, f in zip(prefs.weights, obs.flexibility, strict=True)))
        t = min(1.0, t * (1.0 + 0.5 * pressure))
        return high - (high - low) * float(t ** (1.0 / self.exponent))

    def next_time(self, obs: Observation) -> float:
        total = sum(m.exchanges for m in obs.public.meetings)
        return min(1.0, obs.relative_time + 2.0 / total)

    def act(self, obs: Observation) -> Move:
        prefs = obs.preferences
        target = self.aspiration(obs, self.next_time(obs))
        home = SelfView.of(obs)
        offer = obs.their_offer
        if offer is not None and prefs.within_red_lines(offer):
            u = home.expected(offer)
            last_chance = obs.exchanges_left <= 2 and obs.meeting == len(obs.public.meetings) - 1
            safe = home.ratification(offer) >= TAKE_AT_HOME
            if (u >= target and safe) or (last_chance and u > prefs.no_deal + 1e-9):
                return Accept()
        if self.from_own and offer is not None:
            return Propose(concede(prefs, obs.my_offer or prefs.opening, offer, target, obs.flexibility, home))
        anchor = offer if offer is not None else prefs.opening
        theirs = obs.their_offers[0] if obs.their_offers else None
        return Propose(trade(prefs, anchor, target, theirs, obs.flexibility, home))


class Boulware(TimeDependent):
    info = AgentInfo("boulware", "Holds firm and concedes only as the deadline nears.", "time-dependent")
    exponent = 0.2


class Linear(TimeDependent):
    pass


class Conceder(TimeDependent):
    info = AgentInfo("conceder", "Concedes early to reach agreement quickly.", "time-dependent")
    exponent = 3.0

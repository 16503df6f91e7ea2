"""The hard opponent: the trade-off agent that weighs every package by the chance both sides ratify it.

An agreement that either ratifying body rejects scores as no deal for both, so the hard agent values
a package at its expected gain: (own utility - no deal) x P(own body passes) x P(other body passes),
the other side's chance estimated from the public record (`ratify.py`), and it weighs a proposal by
the chance the other side can accept it at all (its red lines, estimated in `stance.py`). Each move it

1. lists candidates: along the estimated trade-off curve (for each aspiration, the package the other
   side likes best as estimated), within the levels the other side has itself proposed, and a local
   search from the other side's latest proposal (moved within this side's lines);
2. sets its aspiration: a Boulware curve (very firm; less so in short talks, where both sides need
   to see each other move to find the trades), held up late in the talks by the best the other
   side has shown it will give, and brought down towards the candidate with the best expected gain
   as far as the other side has come towards it (once the other side has come all the way it asks
   for no more than that candidate: a conceding opponent is not pushed to its red lines, where its
   own legislature would throw the agreement out);
3. proposes the candidate just above its aspiration with the best expected gain; at the other side's
   last look at a proposal, the one worth most counting the chance the other side can accept it
   (one move earlier, also what it is likely to answer, which this side can still take);
4. accepts a standing offer worth at least what it would propose next; near the end, one as good as
   the best the other side has proposed (it will not see a better one in time); from an opponent
   that bids about, one above a bar of its own that falls from its opening with time (`temper.py`
   reads how the other side bids).

It plays the whole move set through `tactics.py` (red lines it will hold, arguments, consulting,
adjourning, walking out only when no zone is left). Its words follow its plan: the red lines it
declares are ones it keeps.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import numpy.typing as npt

from game.agents.base import AgentInfo
from game.agents.chance import Chance, pick
from game.agents.opponent import OpponentModel
from game.agents.ratify import Belief, Ratification
from game.agents.search import GRID, TradeOffTable
from game.agents.stance import Stance
from game.agents.temper import erratic, erratic_bar, towards, unmoved
from game.agents.tradeoff import SAFE_RATIFICATION, STEADY, TradeOff
from game.agents.view import Clock, SelfView
from game.engine.moves import Accept, Move
from game.engine.observation import Observation
from game.scenario.preferences import Package, Side

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MUS = (0.0, 0.3, 1.0, 3.0, 10.0, 100.0)
"""How much the own ratifying body's view is added to the search objective, tried in turn while the
best candidate is not safe to ratify at home."""
CANDIDATES = 40
"""Aspirations tried along each trade-off curve."""
WINDOW = 0.02
"""Among candidates this close above the aspiration, the agent proposes the one with the best expected gain."""
SLACK = 0.5 / GRID
"""Per issue, how far the search's grid may round a package's utility (half a grid step)."""
EFFICIENCY = 0.1
"""How much the other side's estimated utility adds to the worth of a proposal, relatively (a
tie-break towards the Pareto frontier)."""
LATE = 0.6
"""From this relative time on (when the aspiration starts to fall and the end is near) the agent also
searches within what the other side has proposed and around its latest proposal."""
UNPROPOSED = 0.3
"""At the other side's last looks, where no body weighs the deal for it, the estimated chance that it
accepts a package it has not proposed itself counts at this share (the estimate comes from the levels
it has proposed issue by issue, which it may not take all together); what this side gets if it does
not (its answer, when this side still has the last move) counts in full."""
LIKELY = 0.6
"""The same share for a package the opponent model rates at least as high for the other side as its
latest proposal: a side that conceded to where it stands now takes what is worth as much to it (the
ANAC agents accept an offer worth what they would propose next); at 0.3 the agent took the other
side's own offers, worth far more to it than to this side, at its last looks (arena: h2h against
HardHeaded -0.057 at 100 rounds, -0.151 at 14)."""
END = 0.99
"""From this relative time on, the agent takes an offer as good as the best the other side has made
(it is not going to see a better one in time)."""
HOME_PASSES = 0.5
"""The least chance that its own body passes a package the agent proposes, while any package at or
above its aspiration has it."""
ANSWERS_SEEN = 8
"""The other side's latest proposals that tell how often its answer is one this side may take."""


class Hard(TradeOff):
    info = AgentInfo(
        "hard",
        "Trades on the Pareto frontier and weighs every package by the chance that both sides' "
        "legislatures ratify it; uses the whole move set: red lines it will hold, arguments, "
        "consulting the capital, adjourning.",
        "difficulty",
        models_opponent=True,
    )
    use_tactics = True
    exponent = 0.1
    belief: ClassVar[Belief] = Belief()
    """What it assumes about the other side's ratifying body."""
    short_talks: ClassVar[int] = 60
    """Talks with fewer exchanges than this are short: the agent concedes sooner (`short_exponent`),
    so that both sides see enough of each other's moves to find the trades."""
    short_exponent: ClassVar[float] = 0.2
    """The share of the way from just above no deal to its opening that the aspiration never gives up
    (its last offers may: the other side's own proposals, or what it can still take)."""
    firm: ClassVar[float] = 0.35
    """Where no body ratifies the other side's agreements, the share of the way from just above no
    deal to its opening that the aspiration keeps (its last offers may give more: the other side's
    own proposals, or what it can still take)."""
    firm_unmoved: ClassVar[float] = 0.65
    """`firm` against an opponent whose proposals have come no way towards this side: a hard-liner
    that does not move is shown a firmer last offer (it often takes one at the end)."""
    search_shrink: ClassVar[float] = 0.8
    """How far the weights the trade-off search credits the other side with are pulled from the
    opponent model's towards equal weights."""

    def __init__(self) -> None:
        super().__init__()
        self.stance: Stance | None = None

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        super().reset(side, rng)
        self.stance = None

    # ----- candidates --------------------------------------------------------------------------------
    def curve(
        self, view: SelfView, gain: list[FloatArray], rat: Ratification, low: float
    ) -> tuple[IntArray, FloatArray, FloatArray]:
        """Packages along the estimated trade-off curve from `low` up, with this side's utility and
        expected gain; curves that keep more of the own ratifying body on board are added while the
        best of them is not safe to ratify at home."""
        rows, us, evs = [], [], []
        for mu in MUS:
            objective = [g + mu * d for g, d in zip(gain, view.domestic, strict=True)] if mu else gain
            table = TradeOffTable(view.util, view.allowed, objective)
            packages = table.packages(low - SLACK * len(gain), table.feasible_max, CANDIDATES)
            if len(packages) == 0:
                break
            u, ev = rat.evaluate(packages)
            rows.append(packages)
            us.append(u)
            evs.append(ev)
            best = int(np.argmax(ev))
            if rat.mine(packages[best : best + 1])[0] >= SAFE_RATIFICATION:
                break
        if not rows:
            return np.zeros((0, len(gain)), dtype=np.int64), np.zeros(0), np.zeros(0)
        return np.concatenate(rows), np.concatenate(us), np.concatenate(evs)

    def gains(self, obs: Observation, rat: Ratification, model: OpponentModel) -> list[FloatArray]:
        """Per issue and level, what the search maximises at a given own utility: the other side's
        estimated utility, more on issues its arguments have made this side flexible on, and a little
        for keeping this side's standing offer (steadier proposals)."""
        flex = obs.flexibility
        n = len(rat.levels)
        weights = (1.0 - self.search_shrink) * model.weights() + self.search_shrink / n
        gain = [weights[i] * (1.0 + flex[i]) * rat.levels[i] for i in range(n)]
        if obs.my_offer is not None:
            for i, k in enumerate(obs.my_offer.levels):
                gain[i] = gain[i].copy()
                gain[i][k] += STEADY
        return gain

    @staticmethod
    def within(view: SelfView, stance: Stance) -> SelfView | None:
        """The view restricted, on every issue, to levels the other side has itself proposed (what it
        has shown it can accept); None if on some issue none of those is within this side's lines."""
        return view.within([(int(lo), int(hi)) for lo, hi in zip(stance.low, stance.high, strict=True)])

    def local_search(
        self,
        view: SelfView,
        rat: Ratification,
        acc: Chance,
        start: Package,
        fallback: float,
        answered: Stance | None,
        kept: float = 1.0,
    ) -> IntArray:
        """Packages from `start` on, each the best change of one issue to any level within this side's
        lines (best by what proposing it is worth), until no change improves: a local search around
        the other side's own proposal."""
        current = np.array(start.levels, dtype=np.int64)
        out = [current.copy()]
        issue = np.concatenate([np.full(int(ok.sum()), i) for i, ok in enumerate(view.allowed)])
        level = np.concatenate([np.flatnonzero(ok) for ok in view.allowed])
        rows = np.arange(len(issue))
        value = float(self.worth(rat, acc, current[None, :], fallback, answered, kept)[0])
        for _ in range(len(view.allowed)):
            neighbours = np.repeat(current[None, :], len(issue), axis=0)
            neighbours[rows, issue] = level
            scores = self.worth(rat, acc, neighbours, fallback, answered, kept)
            k = int(np.argmax(scores))
            if scores[k] <= value + 1e-12:
                break
            value = float(scores[k])
            current = neighbours[k]
            out.append(current.copy())
        return np.array(out, dtype=np.int64)

    @staticmethod
    def worth(
        rat: Ratification,
        acc: Chance,
        packages: IntArray,
        fallback: float,
        answered: Stance | None = None,
        kept: float = 1.0,
        odds: FloatArray | float = 1.0,
    ) -> FloatArray:
        """What proposing each package is worth: its expected gain if the other side can accept it,
        `fallback` if not; with `answered`, at least what the other side's answer is likely to be
        (the package pulled back within what it has proposed), which this side can still take with
        the chance `kept` (its answer may as well cross this side's lines). `odds` scales the chance
        that the other side accepts a package (not what this side gets if it does not)."""
        _, ev = rat.evaluate(packages)
        chance = acc.of(packages) * odds
        if answered is not None:
            answer = np.maximum(fallback, rat.evaluate(answered.pull_back(packages))[1])
            value = chance * ev + (1.0 - chance) * kept * answer
        else:
            value = chance * ev + (1.0 - chance) * fallback
        # A little more for what the other side gets: among proposals worth about the same to this
        # side, the one nearer the frontier.
        return np.asarray(value * (1.0 + EFFICIENCY * rat.their_utility(packages)), dtype=float)

    # ----- the aspiration and the other side's temper --------------------------------------------
    def aspiration_with(self, obs: Observation, clock: Clock, top: float, floor: float) -> float:
        floor = min(top, floor)
        pressure = float(np.dot(obs.preferences.weights, obs.flexibility))
        t = min(1.0, clock.next_time * (1.0 + 0.5 * pressure))
        exponent = self.exponent if clock.total >= self.short_talks else self.short_exponent
        return top - (top - floor) * float(t ** (1.0 / exponent))

    @staticmethod
    def may_accept(obs: Observation, offer: Package) -> bool:
        """Whether the offer is within this side's red lines and the lines it has declared."""
        prefs = obs.preferences
        if not prefs.within_red_lines(offer):
            return False
        return all(
            prefs.issue_utility(i, offer.levels[i]) >= prefs.issue_utility(i, level) - 1e-12
            for i, level in obs.declared_mine
        )

    @staticmethod
    def asked(obs: Observation) -> IntArray:
        """The other side's distinct proposals, one row each."""
        rows = [p.levels for p in dict.fromkeys(obs.their_offers)]
        return np.array(rows, dtype=np.int64).reshape(len(rows), len(obs.space.sizes))

    def offered(self, obs: Observation) -> IntArray:
        """The other side's distinct proposals that this side may accept, one row each."""
        rows = [p.levels for p in dict.fromkeys(obs.their_offers) if self.may_accept(obs, p)]
        return np.array(rows, dtype=np.int64).reshape(len(rows), len(obs.space.sizes))

    def kept(self, obs: Observation) -> float:
        """The share of the other side's latest proposals that this side may accept: the chance that
        its answer to a proposal is one this side can still take (an answer is not its standing offer,
        nor this side's proposal pulled back within what it has proposed: it may go back to levels
        beyond this side's lines)."""
        recent = obs.their_offers[-ANSWERS_SEEN:]
        if not recent:
            return 1.0
        return sum(self.may_accept(obs, p) for p in recent) / len(recent)

    def best_offered(self, rat: Ratification, obs: Observation) -> float:
        """The best expected gain among the other side's proposals this side may accept (-1 if none)."""
        offered = self.offered(obs)
        return float(np.max(rat.evaluate(offered)[1])) if len(offered) else -1.0

    # ----- the move ----------------------------------------------------------------------------------
    def prepare(self, obs: Observation) -> tuple[SelfView, Clock, OpponentModel, Package]:
        view, clock, model, opening = super().prepare(obs)
        if self.stance is None:
            self.stance = Stance(obs.space.sizes)
        self.stance.update(opening, obs.their_offers)
        return view, clock, model, opening

    def decide(
        self, obs: Observation, view: SelfView, clock: Clock, model: OpponentModel, opening: Package, offer: Package
    ) -> Move:
        stance = self.stance
        assert stance is not None
        ratified = bool(obs.public.delegations[obs.side.other.index].ratifier)
        rat = Ratification(view, stance.values(), model.weights(), self.belief, ratified=ratified)
        gain = self.gains(obs, rat, model)
        low = view.no_deal + self.margin
        packages, u, ev = self.curve(view, gain, rat, low)
        if len(packages) == 0:
            return self.finish(obs, clock, view, model, view.best())
        chance = Chance(stance.acceptance(model.declared, model.trust_declared), rat, self.asked(obs))
        floor = low
        late = clock.relative_time >= LATE
        certain = np.zeros(len(u), dtype=bool)
        if late:
            # What the other side has proposed itself (it can accept that) and, within the levels it
            # has proposed, the trade-off curve; the floor rises to the best of its own proposals.
            offered = self.offered(obs)
            if len(offered):
                ou, oev = rat.evaluate(offered)
                k = int(np.argmax(oev))
                if oev[k] > 0:
                    floor += self.hold_out * max(0.0, float(ou[k]) - floor)
                packages, u, ev = (
                    np.concatenate([packages, offered]),
                    np.concatenate([u, ou]),
                    np.concatenate([ev, oev]),
                )
                certain = np.concatenate(
                    [np.zeros(len(u) - len(offered), dtype=bool), np.ones(len(offered), dtype=bool)]
                )
            hull = self.within(view, stance)
            if hull is not None:
                hp, hu, hev = self.curve(hull, gain, rat, low)
                packages, u, ev = np.concatenate([packages, hp]), np.concatenate([u, hu]), np.concatenate([ev, hev])
                certain = np.concatenate([certain, np.zeros(len(hp), dtype=bool)])

        # The standing offer, if this side may take it, and what this side gets if the other side
        # cannot take its proposal: at its last proposal, nothing; one move earlier, the other side's
        # answer (at least as good as its standing offer, or this proposal pulled back within what
        # the other side has proposed).
        now = -1.0
        if self.may_accept(obs, offer):
            now = float(rat.evaluate(np.array([offer.levels], dtype=np.int64))[1][0])
        answering = clock.final_meeting and clock.exchanges_left == 3
        fallback = max(0.0, now) if answering else 0.0
        answered = stance if answering else None
        kept = self.kept(obs) if answering else 1.0
        start = view.clamp(offer)
        if late:
            near = self.local_search(view, rat, chance, start, fallback, answered, kept)
        else:
            near = np.array([start.levels], dtype=np.int64)
        nu, nev = rat.evaluate(near)
        packages, u, ev = np.concatenate([packages, near]), np.concatenate([u, nu]), np.concatenate([ev, nev])
        certain = np.concatenate([certain, np.zeros(len(near), dtype=bool)])

        top = max(view.utility(opening), low)
        if not ratified:
            # Nobody weighs the package for the other side: nothing but the aspiration stops this
            # side from following a firm opponent down to its own no-deal value.
            firm = self.firm_unmoved if unmoved(view, obs, top - low) else self.firm
            floor = max(floor, low + firm * (top - low))
        aspiration = self.aspiration_with(obs, clock, top, floor)
        target = towards(view, obs, aspiration, float(u[int(np.argmax(ev))]))
        eligible = u >= target - SLACK * len(gain)
        passes = rat.mine(packages) >= HOME_PASSES
        if (eligible & passes).any():
            # Just above the aspiration may lie packages this side's own body throws out (worth
            # nothing): propose among those it passes.
            eligible &= passes
        if eligible.any():
            close = eligible & (u <= float(u[eligible].min()) + WINDOW)
            plan_k = int(np.argmax(np.where(close, ev, -np.inf)))
        else:
            plan_k = int(np.argmax(u))
        if clock.their_last_move_next:
            # What it has proposed itself the other side can take; anything else is a gamble.
            odds: FloatArray | float = 1.0
            if not ratified:
                # With no body to weigh it, the other side's estimated chance to accept is all the
                # agent has to go on: a package it has not proposed itself is a gamble, a better one
                # where the model rates it at least as high for the other side as its latest proposal.
                latest = float(rat.their_utility(np.array([offer.levels], dtype=np.int64))[0])
                odds = np.where(rat.their_utility(packages) >= latest - 1e-9, LIKELY, UNPROPOSED)
            worth = self.worth(rat, chance, packages, fallback, answered, kept, odds)
            worth[certain] = ev[certain] * (1.0 + EFFICIENCY * rat.their_utility(packages[certain]))
            if unmoved(view, obs, top - low):
                # Nothing below the aspiration but what the other side has proposed itself: a last
                # offer that gives up more than that rewards an opponent that never moved.
                worth[~certain & ~eligible] = -np.inf
            plan_k = int(np.argmax(worth))
        plan = pick(packages, plan_k)

        if now >= 0.0:
            if clock.last_move:
                if now > 1e-12:
                    return Accept()
            elif clock.their_last_move_next:
                # The proposal now is the last (or, one move earlier, the last but one) the other
                # side sees: worth what it is likely to take.
                theirs = float(rat.their_utility(np.array([offer.levels], dtype=np.int64))[0])
                if now * (1.0 + EFFICIENCY * theirs) >= float(worth[plan_k]) - 1e-12:
                    return Accept()
            else:
                # Worth at least what this side asks now, and what it can expect to get later (the
                # other side's chance to accept weighing more as the time to learn it runs out).
                # Worth at least what this side would propose next: holding out for more would
                # refuse what it is about to ask for itself.
                if now >= float(ev[plan_k]) - 1e-12:
                    return Accept()
                if clock.relative_time >= END and now >= self.best_offered(rat, obs) - 1e-12:
                    return Accept()
                if erratic(view, obs) and now >= erratic_bar(clock.relative_time) * (top - view.no_deal):
                    # An opponent whose proposals jump about follows no concession curve to wait
                    # for: take an offer above a bar of this side's own that falls with time.
                    return Accept()
        return self.finish(obs, clock, view, model, plan)

"""Stand-ins for well-known agents of the automated-negotiation literature, as plug-in agents.

These are our own re-implementations after the published descriptions of the agents, simplified and
fitted to this game; they are not the original code (which was written for Genius, against another
protocol) and will not reproduce the original agents' results. They serve as unseen opponents for
`ai:hard` in `bench/bench_literature.py`, and they play through the plug-in path exactly as a student's
agent does: `py:bench/literature.py:HardHeaded`. Each treats its red lines as hard constraints and its
utility as the brief's utility (the literature knows nothing of ratification). Their parameters were
calibrated against the built-ins: change them and the benchmark's numbers change with them. They are
softer than the published agents: `bench/bench_arena.py` plays ours against the Python ports of the
originals in NegMAS (the `[arena]` extra), which is the measure of strength; these stay as opponents
that play through our own game and the plug-in path.

- HardHeaded (van Krimpen, Looije, Hajizadeh; ANAC 2011 winner): Boulware e=0.05 to max(0.585, no deal),
  frequency opponent model (unchanged issues gain weight 0.2, offered values gain count), bids in a utility
  window chosen best for the opponent model; accepts an offer at least as good as its next bid.
- Atlas3 (Mori & Ito; ANAC 2015 winner): compromising threshold from the statistics of the opponent's bids,
  bids found by local search around the opponent's last bid, and in the final phase offers the best of
  the opponent's own bids (its "CList").
- NiceTitForTat (Baarslag, Hindriks, Jonker 2011; ANAC 2011): Bayesian opponent model; mirrors the
  opponent's concession (in the modelled opponent utility) as a share of the way to the estimated Nash
  point; near the deadline accepts when unlikely to see better.
- AgentK (Kawaguchi, Fujita, Ito; ANAC 2010 winner): target 1-(1-emax)t^a with emax from mean and variance
  of the received utilities; probabilistic acceptance; random bids above the target (the best received
  above target preferred).
- Bayesian (Hindriks & Tykhonov 2008): Bayesian learning of the opponent's issue weights and value shapes,
  assuming it concedes linearly in time; time-dependent own target; bids best for the modelled opponent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from game.agents.search import TradeOffTable
from game.engine.moves import Accept, Move, Propose
from game.engine.observation import Observation
from game.scenario.preferences import Package, Side

FloatArray = npt.NDArray[np.float64]

__all__ = ["AGENTS", "AgentK", "Atlas3", "Bayesian", "HardHeaded", "NiceTitForTat", "make"]


class LiteratureAgent:
    """What the stand-ins share: the brief's utilities, red lines as hard limits, and the clock."""

    name = "literature"

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        self.side, self.rng = side, rng
        self.init = False

    def setup(self, obs: Observation) -> None:
        prefs = obs.preferences
        self.prefs = prefs
        self.sizes = obs.space.sizes
        self.n = len(self.sizes)
        self.own = [w * t for w, t in zip(prefs.weights, prefs.tables, strict=True)]
        self.allowed = [t >= t[r] - 1e-12 for t, r in zip(prefs.tables, prefs.red_lines, strict=True)]
        self.umax = float(sum(np.max(np.where(a, u, -np.inf)) for u, a in zip(self.own, self.allowed, strict=True)))
        self.nd = prefs.no_deal
        self.total = sum(m.exchanges for m in obs.public.meetings)
        self.init = True

    def u(self, p: Package) -> float:
        return self.prefs.utility(p)

    def ok(self, p: Package) -> bool:
        return self.prefs.within_red_lines(p)

    def last(self, obs: Observation) -> bool:
        """This is the last exchange of the last meeting."""
        return obs.meeting == len(obs.public.meetings) - 1 and obs.exchanges_left <= 1

    def t_next(self, obs: Observation) -> float:
        """The relative time of this side's next turn."""
        return min(1.0, obs.relative_time + 2.0 / self.total)

    def best_for(self, gain: Sequence[FloatArray], target: float) -> Package | None:
        """The package worth at least `target` to this side (or its best) that is best for `gain`."""
        table = TradeOffTable(self.own, self.allowed, gain)
        return table.package(min(target, table.feasible_max))

    def act(self, obs: Observation) -> Move:
        if not self.init:
            self.setup(obs)
        return self.decide(obs)

    def decide(self, obs: Observation) -> Move:
        raise NotImplementedError


class FrequencyModel:
    """The frequency opponent model: issues the opponent leaves unchanged gain weight, values it offers
    gain count."""

    def __init__(self, sizes: Sequence[int], learn: float = 0.2) -> None:
        self.sizes = sizes
        self.w = np.full(len(sizes), 1.0 / len(sizes))
        self.counts = [np.ones(s) for s in sizes]
        self.seen = 0
        self.prev: Package | None = None
        self.learn = learn

    def update(self, offers: Sequence[Package]) -> None:
        for p in offers[self.seen :]:
            if self.prev is not None:
                same = np.array([a == b for a, b in zip(p.levels, self.prev.levels, strict=True)], float)
                if same.sum() < len(same):
                    self.w = self.w + self.learn * same
                    self.w /= self.w.sum()
            for i, k in enumerate(p.levels):
                self.counts[i][k] += 1
            self.prev = p
        self.seen = len(offers)

    def gain(self) -> list[FloatArray]:
        return [self.w[i] * c / c.max() for i, c in enumerate(self.counts)]

    def utility(self, p: Package) -> float:
        return float(
            sum(self.w[i] * c[k] / c.max() for i, (c, k) in enumerate(zip(self.counts, p.levels, strict=True)))
        )


class HardHeaded(LiteratureAgent):
    name = "hardheaded"
    e = 0.05

    def setup(self, obs: Observation) -> None:
        super().setup(obs)
        self.model = FrequencyModel(self.sizes)
        self.pmin = max(0.585, self.nd)

    def target(self, t: float) -> float:
        return self.umax - (self.umax - min(self.umax, self.pmin)) * t ** (1 / self.e)

    def decide(self, obs: Observation) -> Move:
        self.model.update(obs.their_offers)
        target = self.target(self.t_next(obs))
        bid = self.best_for(self.model.gain(), target) if obs.their_offers else None
        if bid is None:
            bid = self.best_for([np.zeros(s) for s in self.sizes], self.umax)
        offer = obs.their_offer
        if (
            offer is not None
            and self.ok(offer)
            and self.u(offer) >= min(self.u(bid), target) - 1e-9
            and self.u(offer) > self.nd
        ):
            return Accept()
        return Propose(bid)


class AgentK(LiteratureAgent):
    name = "agentk"
    alpha = 3.0

    def setup(self, obs: Observation) -> None:
        super().setup(obs)
        self.received: list[float] = []
        self.seen = 0
        self.model = FrequencyModel(self.sizes)

    def decide(self, obs: Observation) -> Move:
        for p in obs.their_offers[self.seen :]:
            self.received.append(self.u(p))
        self.seen = len(obs.their_offers)
        self.model.update(obs.their_offers)
        t = self.t_next(obs)
        if self.received:
            mu = float(np.mean(self.received))
            sd = float(np.std(self.received))
            d = min(1.0, math.sqrt(3) * sd)
            emax = mu + (1 - mu) * d
        else:
            emax = self.umax
        emax = max(emax, self.nd)
        target = self.umax - (self.umax - emax) * t**self.alpha
        target = max(target, self.nd + 0.01)
        offer = obs.their_offer
        if offer is not None and self.ok(offer):
            uo = self.u(offer)
            if uo >= target:
                return Accept()
            if uo > self.nd:
                p = max(0.0, min(1.0, t**5 / 5 + max(0.0, uo - emax)))
                if self.last(obs):
                    p = 1.0
                if self.rng.random() < p:
                    return Accept()
        # the best received bid above the target, else a random bid above the target
        best_received = None
        for q in obs.their_offers:
            if self.ok(q) and self.u(q) >= target and (best_received is None or self.u(q) > self.u(best_received)):
                best_received = q
        if best_received is not None:
            return Propose(best_received)
        noise = [self.rng.random(s) * 0.5 + g for s, g in zip(self.sizes, self.model.gain(), strict=True)]
        return Propose(self.best_for(noise, target))


class Atlas3(LiteratureAgent):
    name = "atlas3"

    def setup(self, obs: Observation) -> None:
        super().setup(obs)
        self.received: list[Package] = []
        self.seen = 0

    def decide(self, obs: Observation) -> Move:
        for p in obs.their_offers[self.seen :]:
            self.received.append(p)
        self.seen = len(obs.their_offers)
        t = self.t_next(obs)
        us = [self.u(p) for p in self.received if self.ok(p)]
        # compromise threshold: from the top towards the estimated compromise point, the mean of the
        # opponent's bids plus a share of their spread (how far it has been willing to move)
        if us:
            mu, sd, best = float(np.mean(us)), float(np.std(us)), max(us)
            compromise = max(best, mu + (self.umax - mu) * min(1.0, 2 * sd / max(1e-6, self.umax - mu)) * 0.5)
        else:
            compromise = self.umax
        low = max(self.nd + 0.02, min(self.umax, compromise))
        target = self.umax - (self.umax - low) * t**2
        offer = obs.their_offer
        final = t >= 0.9
        if offer is not None and self.ok(offer) and self.u(offer) > self.nd:
            if self.u(offer) >= target or self.last(obs):
                return Accept()
        if final and us:
            # CList: the opponent's bids, best for us first
            good = sorted({p for p in self.received if self.ok(p) and self.u(p) > self.nd}, key=self.u, reverse=True)
            if good:
                k = min(len(good) - 1, int(self.rng.integers(0, 2)))
                return Propose(good[k])
        # local search: start from the opponent's last bid, improve for ourselves until the target
        if obs.their_offer is not None:
            anchor = obs.their_offer
        else:
            anchor = Package(
                tuple(int(np.argmax(np.where(a, u, -np.inf))) for u, a in zip(self.own, self.allowed, strict=True))
            )
        p = list(anchor.levels)
        for i in range(self.n):
            if not self.allowed[i][p[i]]:
                levels = np.flatnonzero(self.allowed[i])
                p[i] = int(levels[np.argmin(np.abs(levels - p[i]))])
        while self.u(Package(tuple(p))) < target - 1e-9:
            step: tuple[float, int, int] | None = None
            for i in range(self.n):
                for k in (p[i] - 1, p[i] + 1):
                    if 0 <= k < self.sizes[i] and self.allowed[i][k]:
                        g = self.own[i][k] - self.own[i][p[i]]
                        if g > 1e-12 and (step is None or g > step[0]):
                            step = (g, i, k)
            if step is None:
                break
            p[step[1]] = step[2]
        return Propose(Package(tuple(p)))


class BayesModel:
    """Per issue: hypotheses of value shape (downhill, uphill, triangular peaked at each level); per
    package: weights from a particle set. Updated on each opponent bid assuming its utility is near a
    linearly falling target (1 - 0.4 t), Gaussian with sd 0.15 (Hindriks & Tykhonov 2008)."""

    def __init__(self, sizes: Sequence[int], rng: np.random.Generator, particles: int = 40) -> None:
        self.sizes = sizes
        self.shapes = []
        for s in sizes:
            x = np.arange(s, dtype=float)
            hs = [x / max(1, s - 1), 1 - x / max(1, s - 1)]
            for k in range(1, s - 1):
                hs.append(1 - np.abs(x - k) / max(k, s - 1 - k))
            self.shapes.append(np.array(hs))
        self.post = [np.full(len(h), 1.0 / len(h)) for h in self.shapes]
        self.W = rng.dirichlet(np.ones(len(sizes)), size=particles)
        self.wpost = np.full(particles, 1.0 / particles)
        self.seen = 0

    def values(self) -> list[FloatArray]:
        return [p @ h for p, h in zip(self.post, self.shapes, strict=True)]

    def weights(self) -> FloatArray:
        return self.wpost @ self.W

    def update(self, offers: Sequence[Package], times: Sequence[float]) -> None:
        for p, t in zip(offers[self.seen :], times[self.seen :], strict=True):
            target = 1 - 0.4 * t
            vals = self.values()
            w = self.weights()
            contrib = np.array([w[i] * vals[i][k] for i, k in enumerate(p.levels)])
            total = contrib.sum()
            for i, k in enumerate(p.levels):
                rest = total - contrib[i]
                u = rest + w[i] * self.shapes[i][:, k]
                like = np.exp(-((u - target) ** 2) / (2 * 0.15**2))
                post = self.post[i] * like
                self.post[i] = post / post.sum()
            vals = self.values()
            v = np.array([[vals[i][k] for i, k in enumerate(p.levels)]])
            uw = (self.W * v).sum(axis=1)
            like = np.exp(-((uw - target) ** 2) / (2 * 0.15**2))
            wp = self.wpost * like
            self.wpost = wp / wp.sum()
        self.seen = len(offers)

    def gain(self) -> list[FloatArray]:
        w = self.weights()
        v = self.values()
        return [w[i] * v[i] for i in range(len(v))]

    def utility(self, p: Package) -> float:
        w = self.weights()
        v = self.values()
        return float(sum(w[i] * v[i][k] for i, k in enumerate(p.levels)))


class Bayesian(LiteratureAgent):
    name = "bayesian"
    e = 0.5

    def setup(self, obs: Observation) -> None:
        super().setup(obs)
        self.model = BayesModel(self.sizes, self.rng)
        self.times: list[float] = []

    def observe(self, obs: Observation) -> None:
        while len(self.times) < len(obs.their_offers):
            self.times.append(obs.relative_time)
        self.model.update(obs.their_offers, self.times)

    def decide(self, obs: Observation) -> Move:
        self.observe(obs)
        t = self.t_next(obs)
        low = self.nd + 0.05
        target = self.umax - (self.umax - low) * t ** (1 / self.e)
        offer = obs.their_offer
        if offer is not None and self.ok(offer) and self.u(offer) > self.nd:
            if self.u(offer) >= target or self.last(obs):
                return Accept()
        return Propose(self.best_for(self.model.gain(), target))


class NiceTitForTat(Bayesian):
    name = "nicetft"

    def nash(self) -> Package | None:
        """The best product over the trade-off curve (own utility grid vs modelled opponent utility)."""
        table = TradeOffTable(self.own, self.allowed, self.model.gain())
        best, arg = -1.0, None
        for a in np.linspace(self.nd, self.umax, 25):
            p = table.package(a)
            if p is None:
                continue
            prod = (self.u(p) - self.nd) * max(0.0, self.model.utility(p))
            if prod > best:
                best, arg = prod, p
        return arg

    def decide(self, obs: Observation) -> Move:
        self.observe(obs)
        offer = obs.their_offer
        theirs = obs.their_offers
        if not theirs or obs.my_offer is None:
            return Propose(self.best_for([np.zeros(s) for s in self.sizes], self.umax))
        nash = self.nash()
        un = self.u(nash) if nash is not None else self.nd
        first_opp = self.model.utility(theirs[0])
        last_opp = self.model.utility(theirs[-1])
        nash_opp = self.model.utility(nash) if nash is not None else 0.0
        # the opponent's concession as a share of the way from its first bid to the Nash point
        if first_opp - nash_opp <= 1e-6:
            share = 0.0
        else:
            share = max(0.0, min(1.0, (first_opp - min(last_opp, first_opp)) / (first_opp - nash_opp)))
        target = self.umax - share * (self.umax - un)
        t = self.t_next(obs)
        target = max(target, self.nd + 0.02)
        if offer is not None and self.ok(offer) and self.u(offer) > self.nd:
            u = self.u(offer)
            if u >= target:
                return Accept()
            if t > 0.95:
                # accept if unlikely to see better: the offer is at least as good as the best received so far
                acceptable = [self.u(p) for p in theirs if self.ok(p)]
                best_received = max(acceptable) if acceptable else 0
                if u >= best_received - 1e-9 or self.last(obs):
                    return Accept()
        return Propose(self.best_for(self.model.gain(), target))


AGENTS: dict[str, type[LiteratureAgent]] = {c.name: c for c in (HardHeaded, Atlas3, NiceTitForTat, AgentK, Bayesian)}
"""The stand-ins by their short names."""


def make(name: str) -> LiteratureAgent:
    return AGENTS[name]()

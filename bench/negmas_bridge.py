"""Our agents as NegMAS negotiators, and negotiation domains for the arena (`bench/bench_arena.py`).

Needs the `[arena]` extra (`pip install -e '.[arena]'`); the game never imports this module.

`GameNegotiator` plays any of our agents (a built-in 'ai:NAME', a 'persona:ID', a plug-in
'py:FILE.py:CLASS') through NegMAS's stacked alternating offers protocol. Like an ANAC agent it is
given only its own utility function and reservation value: it reads its preferences from the linear
additive utility function NegMAS hands it (rescaled to 0-1), and builds each turn the observation
our agents expect from the protocol's state: one meeting of two exchanges per round, the offers made
so far, no red lines beyond the reservation value, a ratifying body that passes anything (there is
none in NegMAS), no arguments. A move that is not a proposal or an acceptance (a red line, an
argument, consulting the capital, adjourning) means nothing here and repeats the standing offer; a
walk-out ends the negotiation.

`ArenaDomain` is a two-sided domain of discrete issues: `generated(seed)` a random one (3-6 issues of
2-10 values, random weights, value tables and reservation values), `from_scenario(path)` one of our
scenarios' issues and utilities (red lines and ratification left out: NegMAS has neither).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from negmas import make_issue
from negmas.preferences import LinearAdditiveUtilityFunction
from negmas.preferences.value_fun import TableFun
from negmas.sao import ResponseType, SAONegotiator, SAOState

from game.agents import registry
from game.agents.base import AgentProtocol
from game.engine.moves import Accept, Propose, WalkOut
from game.engine.observation import Brief, Delegation, Observation, PublicInfo
from game.scenario.domain import Domain
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package, Preferences, Side, Space
from game.scenario.schema import Domestic, Meeting, Member

FloatArray = npt.NDArray[np.float64]

# ----- domains ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArenaDomain:
    """Issues of `sizes` values each; per side, issue weights and 0-1 value tables, and a reservation value."""

    name: str
    sizes: tuple[int, ...]
    weights: tuple[FloatArray, FloatArray]
    tables: tuple[tuple[FloatArray, ...], tuple[FloatArray, ...]]
    reservation: tuple[float, float]

    @property
    def outcomes(self) -> int:
        return math.prod(self.sizes)

    def issues(self) -> list[Any]:
        return [make_issue(values=s, name=f"i{k}") for k, s in enumerate(self.sizes)]

    def ufun(self, side: int, issues: list[Any]) -> LinearAdditiveUtilityFunction:
        values = [TableFun({v: float(t[v]) for v in range(len(t))}) for t in self.tables[side]]
        return LinearAdditiveUtilityFunction(
            values=values,
            weights=list(map(float, self.weights[side])),
            issues=issues,
            reserved_value=self.reservation[side],
        )

    def utilities(self) -> tuple[FloatArray, FloatArray]:
        """Both sides' utility of every outcome (in itertools.product order of the levels)."""
        out = []
        for side in (0, 1):
            total = np.zeros(1)
            for w, t in zip(self.weights[side], self.tables[side], strict=True):
                total = (total[:, None] + w * t[None, :]).ravel()
            out.append(total)
        return out[0], out[1]


def _table(rng: np.random.Generator, size: int, direction: int) -> FloatArray:
    """A 0-1 value table: monotone in `direction` (a numeric issue, concave or convex), or a random
    categorical one (direction 0)."""
    if direction == 0:
        t = rng.random(size)
    else:
        x = np.linspace(0.0, 1.0, size)
        t = x ** float(rng.choice([0.5, 1.0, 2.0]))
        t = t if direction > 0 else t[::-1]
    t = t - t.min()
    return np.asarray(t / t.max() if t.max() > 0 else np.ones(size), dtype=float)


def generated(seed: int, issues: tuple[int, int] = (3, 6), values: tuple[int, int] = (2, 10)) -> ArenaDomain:
    """A random domain: `issues` and `values` are inclusive ranges; most numeric issues are opposed
    (each side wants the other end), some shared, categorical ones random for both."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(issues[0], issues[1] + 1))
    sizes = tuple(int(rng.integers(values[0], values[1] + 1)) for _ in range(n))
    tables: list[list[FloatArray]] = [[], []]
    for size in sizes:
        kind = rng.choice(["opposed", "shared", "categorical"], p=[0.6, 0.1, 0.3])
        a = int(rng.choice([-1, 1]))
        if kind == "categorical":
            tables[0].append(_table(rng, size, 0))
            tables[1].append(_table(rng, size, 0))
        else:
            tables[0].append(_table(rng, size, a))
            tables[1].append(_table(rng, size, a if kind == "shared" else -a))
    weights = tuple(np.asarray(rng.dirichlet(np.ones(n)), dtype=float) for _ in range(2))
    reservation = tuple(round(float(rng.uniform(0.0, 0.6)), 3) for _ in range(2))
    return ArenaDomain(
        f"gen{seed}",
        sizes,
        (weights[0], weights[1]),
        (tuple(tables[0]), tuple(tables[1])),
        (reservation[0], reservation[1]),
    )


def from_scenario(path: str) -> ArenaDomain:
    """One of our scenarios as a domain: its issues, each side's weights, tables and no-deal value
    (US first)."""
    scenario = load_scenario(path)[0]
    space = Space.of(scenario)
    prefs = [Preferences.of(space, s) for s in (scenario.sides.us, scenario.sides.ussr)]
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return ArenaDomain(
        name,
        space.sizes,
        (np.array(prefs[0].weights), np.array(prefs[1].weights)),
        (tuple(np.array(t) for t in prefs[0].tables), tuple(np.array(t) for t in prefs[1].tables)),
        (prefs[0].no_deal, prefs[1].no_deal),
    )


def horizon(path: str) -> int:
    """A scenario's length in rounds (one proposal each): half its exchanges."""
    scenario = load_scenario(path)[0]
    return sum(m.exchanges for m in scenario.calendar.meetings) // 2


# ----- the negotiator --------------------------------------------------------------------------------


def preferences_of(ufun: LinearAdditiveUtilityFunction, sizes: tuple[int, ...]) -> Preferences:
    """Our preferences from a linear additive utility function over issues valued 0..k-1: weights and
    tables rescaled so the worst outcome is worth 0 and the best 1; the reservation value with them;
    red lines at each issue's worst level (only the reservation value limits a deal)."""
    raw = [np.array([float(f(v)) for v in range(k)]) for f, k in zip(ufun.values, sizes, strict=True)]
    weights = np.asarray(ufun.weights, dtype=float)
    low = float(sum(w * t.min() for w, t in zip(weights, raw, strict=True)))
    high = float(sum(w * t.max() for w, t in zip(weights, raw, strict=True)))
    span = high - low if high > low else 1.0
    tables, scaled = [], []
    for w, t in zip(weights, raw, strict=True):
        width = float(t.max() - t.min())
        tables.append((t - t.min()) / width if width > 0 else np.ones(len(t)))
        scaled.append(w * width / span)
    w = np.asarray(scaled, dtype=float)
    if w.sum() <= 0:
        w = np.full(len(w), 1.0 / len(w))
    reserved = ufun.reserved_value
    no_deal = 0.0 if reserved is None or not math.isfinite(reserved) else (float(reserved) - low) / span
    no_deal = min(1.0, max(0.0, no_deal))
    best = tuple(int(np.argmax(t)) for t in tables)
    worst = tuple(int(np.argmin(t)) for t in tables)
    return Preferences(w / w.sum(), tuple(tables), worst, no_deal, best, best)


_DOMESTIC = Domestic.model_construct(
    body="", threshold=0.5, support_at_worst=1.0, support_at_best=1.0, weights=None, note="", confidence="estimate"
)
_MEMBERS = (Member.model_construct(name="Delegate", role="Delegate", lead=True),)
_DATE = dt.date(1990, 4, 20)


def public_info(sizes: tuple[int, ...], rounds: int) -> PublicInfo:
    """The public record's frame for a NegMAS negotiation: one meeting of two exchanges per round."""
    space = Space(
        ids=tuple(f"i{k}" for k in range(len(sizes))),
        names=tuple(f"Issue {k}" for k in range(len(sizes))),
        shorts=tuple(f"i{k}" for k in range(len(sizes))),
        descriptions=tuple("" for _ in sizes),
        domains=tuple(Domain.options([f"v{v}" for v in range(s)]) for s in sizes),
    )
    meeting = Meeting.model_construct(
        id="m", title="Negotiation", date=_DATE, place="", exchanges=2 * rounds, source=""
    )
    delegation = Delegation("Delegation", "D", _MEMBERS)
    return PublicInfo("NegMAS", space, (meeting,), "Deadline", _DATE, (), (delegation, delegation))


class GameNegotiator(SAONegotiator):  # type: ignore[misc]
    """One of our agents (`spec`) as a NegMAS negotiator."""

    def __init__(self, spec: str, seed: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("name", spec)
        super().__init__(**kwargs)
        self.spec = spec
        self.seed = seed
        self.agent: AgentProtocol | None = None
        self.pending: Package | None = None
        self.mine: list[Package] = []
        self.theirs: list[Package] = []
        self.first = True
        self.acted_at = -1

    # -- the frame, built once the utility function and the length are known
    def on_negotiation_start(self, state: SAOState) -> None:
        super().on_negotiation_start(state)
        issues = self.nmi.outcome_space.issues
        self.sizes = tuple(int(i.cardinality) for i in issues)
        self.rounds = int(self.nmi.n_steps)
        self.prefs = preferences_of(self.ufun, self.sizes)
        self.public = public_info(self.sizes, self.rounds)
        self.brief = Brief("", self.prefs, _DOMESTIC, (), ())
        self.agent = registry.make(self.spec)
        self.agent.reset(Side.US, np.random.default_rng(self.seed))

    def on_negotiation_end(self, state: SAOState) -> None:
        super().on_negotiation_end(state)
        if self.agent is not None:
            registry.close([self.agent])

    def observation(self, state: SAOState) -> Observation:
        total = 2 * self.rounds
        index = min(total - 1, 2 * state.step + (0 if self.first else 1))
        n = len(self.sizes)
        return Observation(
            side=Side.US,
            public=self.public,
            brief=self.brief,
            history=(),
            turn=index,
            relative_time=index / total,
            meeting=0,
            exchanges_left=total - index,
            my_offer=self.mine[-1] if self.mine else None,
            their_offer=self.theirs[-1] if self.theirs else None,
            my_offers=tuple(self.mine),
            their_offers=tuple(self.theirs),
            trust=0.5,
            support_shift=0.0,
            flexibility=(0.0,) * n,
            declared_mine=(),
            declared_theirs=(),
            my_arguments=(),
            tabled=(),
        )

    def act(self, state: SAOState) -> ResponseType:
        """Our agent's move at this turn: its proposal is kept for `propose`."""
        assert self.agent is not None
        move = self.agent.act(self.observation(state))
        self.acted_at = state.step
        if isinstance(move, Accept) and self.theirs:
            return ResponseType.ACCEPT_OFFER
        if isinstance(move, WalkOut):
            return ResponseType.END_NEGOTIATION
        if isinstance(move, Propose):
            self.pending = move.package
        else:
            self.pending = self.mine[-1] if self.mine else self.prefs.opening
        return ResponseType.REJECT_OFFER

    def respond(self, state: SAOState, source: str | None = None) -> ResponseType:
        offer = state.current_offer
        if offer is None:
            return ResponseType.REJECT_OFFER
        if state.step == 0 and not self.mine:
            self.first = False
        self.theirs.append(Package(tuple(int(x) for x in offer)))
        return self.act(state)

    def propose(self, state: SAOState, dest: str | None = None) -> tuple[int, ...] | None:
        if self.pending is None or self.acted_at != state.step:
            if self.act(state) is not ResponseType.REJECT_OFFER:
                return None
        assert self.pending is not None
        package, self.pending = self.pending, None
        self.mine.append(package)
        return package.levels

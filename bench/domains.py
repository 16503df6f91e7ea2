"""Two-sided negotiation domains and a plain alternating-offers loop for our agents, without NegMAS.

`ArenaDomain` is a domain of discrete issues: per side, issue weights, 0-1 value tables and a
reservation value. `generated(seed)` makes a random one (3-6 issues of 2-10 values by default, random
weights, value tables and reservation values); `from_scenario(path)` takes one of our scenarios'
issues and utilities (red lines and ratification left out: the arena knows neither).

`Seat` is what one of our agents sees of such a negotiation: it builds, each turn, the observation our
agents expect (one meeting of two exchanges per round, the offers so far, no red lines beyond the
reservation value, a ratifying body that passes anything, no arguments). The NegMAS adapter
(`negmas_bridge.py`) and `alternate` (two of our agents against each other, for the tests) both
play through it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.agents import registry
from game.agents.base import AgentProtocol
from game.engine.moves import Accept, Move, Propose, WalkOut
from game.engine.observation import Brief, Delegation, Observation, PublicInfo
from game.scenario.domain import Domain
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package, Preferences, Side, Space
from game.scenario.schema import Domestic, Meeting, Member

FloatArray = npt.NDArray[np.float64]


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

    def preferences(self, side: int) -> Preferences:
        """One side's preferences as our agents read them: no red lines, the reservation as no deal."""
        tables = self.tables[side]
        best = tuple(int(np.argmax(t)) for t in tables)
        worst = tuple(int(np.argmin(t)) for t in tables)
        return Preferences(self.weights[side], tables, worst, self.reservation[side], best, best)

    def utilities(self) -> tuple[FloatArray, FloatArray]:
        """Both sides' utility of every outcome (in itertools.product order of the levels)."""
        out = []
        for side in (0, 1):
            total = np.zeros(1)
            for w, t in zip(self.weights[side], self.tables[side], strict=True):
                total = (total[:, None] + w * t[None, :]).ravel()
            out.append(total)
        return out[0], out[1]

    def zone(self) -> bool:
        """Whether some outcome is better than no deal for both sides."""
        ua, ub = self.utilities()
        return bool(((ua > self.reservation[0] + 1e-9) & (ub > self.reservation[1] + 1e-9)).any())


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
    weights = [np.asarray(rng.dirichlet(np.ones(n)), dtype=float) for _ in range(2)]
    reservation = [round(float(rng.uniform(0.0, 0.6)), 3) for _ in range(2)]
    return ArenaDomain(
        f"gen{seed}",
        sizes,
        (weights[0], weights[1]),
        (tuple(tables[0]), tuple(tables[1])),
        (reservation[0], reservation[1]),
    )


def from_scenario(path: str) -> ArenaDomain:
    """One of our scenarios as a domain: its issues, each side's weights, tables and no-deal value (US first)."""
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


# ----- one side's seat -------------------------------------------------------------------------------

_DOMESTIC = Domestic.model_construct(
    body="", threshold=0.5, support_at_worst=1.0, support_at_best=1.0, weights=None, note="", confidence="estimate"
)
_MEMBERS = (Member.model_construct(name="Delegate", role="Delegate", lead=True),)
_DATE = dt.date(1990, 4, 20)


def public_info(sizes: tuple[int, ...], rounds: int) -> PublicInfo:
    """The public record's frame: one meeting of two exchanges per round (built without validation,
    since a meeting in our scenarios has at most 200 exchanges)."""
    space = Space(
        ids=tuple(f"i{k}" for k in range(len(sizes))),
        names=tuple(f"Issue {k}" for k in range(len(sizes))),
        shorts=tuple(f"i{k}" for k in range(len(sizes))),
        descriptions=tuple("" for _ in sizes),
        domains=tuple(Domain.options(tuple(f"v{v}" for v in range(s))) for s in sizes),
    )
    meeting = Meeting.model_construct(
        id="m", title="Negotiation", date=_DATE, place="", exchanges=2 * rounds, source=""
    )
    delegation = Delegation("Delegation", "D", _MEMBERS)
    return PublicInfo("Arena", space, (meeting,), "Deadline", _DATE, (), (delegation, delegation))


class Seat:
    """One of our agents (`spec`) at a negotiation of `rounds` rounds over issues of `sizes` values,
    with `prefs`; `first` if it makes the first proposal."""

    def __init__(self, spec: str, prefs: Preferences, sizes: tuple[int, ...], rounds: int, first: bool, seed: int):
        self.prefs = prefs
        self.sizes = sizes
        self.rounds = rounds
        self.first = first
        self.public = public_info(sizes, rounds)
        self.brief = Brief("", prefs, _DOMESTIC, (), ())
        self.mine: list[Package] = []
        self.theirs: list[Package] = []
        self.agent: AgentProtocol = registry.make(spec)
        self.agent.reset(Side.US, np.random.default_rng(seed))

    def close(self) -> None:
        registry.close([self.agent])

    def observation(self, step: int) -> Observation:
        """What the agent sees at its turn in round `step` (from 0)."""
        total = 2 * self.rounds
        index = min(total - 1, 2 * step + (0 if self.first else 1))
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
            flexibility=(0.0,) * len(self.sizes),
            declared_mine=(),
            declared_theirs=(),
            my_arguments=(),
            tabled=(),
        )

    def move(self, step: int) -> Accept | Propose | WalkOut:
        """The agent's move in round `step`: accepting the standing offer, a proposal (a move that
        means nothing outside our game, such as an argument, repeats its standing offer), or walking out."""
        move: Move = self.agent.act(self.observation(step))
        if isinstance(move, Accept) and self.theirs:
            return move
        if isinstance(move, WalkOut | Propose):
            return move
        return Propose(self.mine[-1] if self.mine else self.prefs.opening)


@dataclass(frozen=True)
class Outcome:
    agreement: Package | None
    step: int
    accepted_by: int | None
    """Which seat (0: the first) accepted."""


def alternate(domain: ArenaDomain, a: str, b: str, rounds: int, seed: int = 0) -> Outcome:
    """Two of our agents in alternating offers, `a` (side 0 of the domain) first."""
    seats = [Seat(spec, domain.preferences(k), domain.sizes, rounds, k == 0, seed + k) for k, spec in enumerate((a, b))]
    try:
        for step in range(rounds):
            for k, seat in enumerate(seats):
                move = seat.move(step)
                if isinstance(move, Accept):
                    return Outcome(seat.theirs[-1], step, k)
                if isinstance(move, WalkOut):
                    return Outcome(None, step, None)
                seat.mine.append(move.package)
                seats[1 - k].theirs.append(move.package)
        return Outcome(None, rounds, None)
    finally:
        for seat in seats:
            seat.close()

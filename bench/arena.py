"""The arena's games and tables: a round robin of our agents against the ANAC ports of
`negmas-genius-agents` and NegMAS's own agents, each given only its utility function and reservation
value (see `negmas_bridge.py`). `bench/bench_arena.py` is the command; the tests run a tiny one.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from negmas.sao import SAOMechanism
from negmas_bridge import ArenaDomain, GameNegotiator

FloatArray = npt.NDArray[np.float64]

ANAC = (
    "HardHeaded",
    "AgentK",
    "Caduceus",
    "ParsAgent",
    "NiceTitForTat",
    "Atlas3",
    "CUHKAgent",
    "PonPokoAgent",
    "IAMhaggler2011",
)
NEGMAS = {
    "Aspiration": "AspirationNegotiator",
    "BoulwareTB": "BoulwareTBNegotiator",
    "ConcederTB": "ConcederTBNegotiator",
}
OURS = ("ai:hard", "ai:tradeoff", "ai:normal")
FIELD = (*OURS, *ANAC, *NEGMAS)


def negotiator(name: str, seed: int) -> Any:
    """A negotiator by arena name: one of ours by its spec, an ANAC port or NegMAS agent by its name."""
    if ":" in name:
        return GameNegotiator(name, seed=seed, name=name)
    if name in NEGMAS:
        import negmas.sao

        return getattr(negmas.sao, NEGMAS[name])(name=name)
    import negmas_genius_agents

    return getattr(negmas_genius_agents, name)(name=name)


def short(name: str) -> str:
    return name.removeprefix("ai:")


# ----- one game ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Game:
    domain: str
    rounds: int
    a: str
    b: str
    ua: float
    ub: float
    agreed: bool
    time: float
    """Relative time of the agreement (1 without one)."""
    seconds: float
    """Processor time of the game (not wall time: the machine may be busy)."""
    pareto: float
    """Distance of the outcome (in both utilities) to the Pareto frontier."""
    nash: float
    """Distance of the outcome to the Nash point."""
    error: str = ""


@dataclass
class Geometry:
    """What the tables need of a domain: its Pareto frontier, Nash point and whether a zone of agreement exists."""

    frontier: FloatArray
    nash: FloatArray
    zone: bool

    @staticmethod
    def of(domain: ArenaDomain) -> Geometry:
        ua, ub = domain.utilities()
        ra, rb = domain.reservation
        order = np.lexsort((-ub, -ua))
        best_b = np.maximum.accumulate(ub[order])
        keep = np.concatenate(([True], best_b[1:] > best_b[:-1]))
        frontier = np.stack([ua[order][keep], ub[order][keep]], axis=1)
        inside = (ua >= ra) & (ub >= rb)
        if inside.any():
            k = int(np.argmax(np.where(inside, (ua - ra) * (ub - rb), -1.0)))
            nash = np.array([ua[k], ub[k]])
        else:
            nash = np.array([ra, rb])
        zone = bool(((ua > ra + 1e-9) & (ub > rb + 1e-9)).any())
        return Geometry(frontier, nash, zone)

    def distances(self, point: FloatArray) -> tuple[float, float]:
        pareto = float(np.min(np.linalg.norm(self.frontier - point, axis=1)))
        return pareto, float(np.linalg.norm(self.nash - point))


def play(domain: ArenaDomain, geometry: Geometry, a: str, b: str, rounds: int, seed: int = 0) -> Game:
    """One negotiation, `a` opening; utilities are each side's own (reservation value without a deal)."""
    issues = domain.issues()
    mechanism = SAOMechanism(issues=issues, n_steps=rounds, time_limit=None)
    ufa, ufb = domain.ufun(0, issues), domain.ufun(1, issues)
    mechanism.add(negotiator(a, seed), ufun=ufa)
    mechanism.add(negotiator(b, seed + 1), ufun=ufb)
    start = time.process_time()
    error = ""
    try:
        state = mechanism.run()
        agreement = state.agreement
        if state.has_error:
            error = f"{state.erred_negotiator}: {state.error_details[:80]}"
    except Exception as exc:  # a port's bug must not stop the round robin; it is counted and shown
        agreement, state, error = None, None, f"{type(exc).__name__}: {exc}"[:120]
    seconds = time.process_time() - start
    if agreement is not None:
        ua, ub = float(ufa(agreement)), float(ufb(agreement))
        when = (state.step + 1) / rounds if state is not None else 1.0
    else:
        ua, ub = domain.reservation
        when = 1.0
    pareto, nash = geometry.distances(np.array([ua, ub]))
    return Game(domain.name, rounds, a, b, ua, ub, agreement is not None, when, seconds, pareto, nash, error)


# ----- the round robin --------------------------------------------------------------------------------


def pairings(agents: Sequence[str], focus: Sequence[str] | None) -> list[tuple[str, str]]:
    """Every ordered pair of different agents (or only those with an agent of `focus`), and self-play."""
    pairs = [(a, b) for a, b in itertools.permutations(agents, 2) if focus is None or a in focus or b in focus]
    return pairs + [(a, a) for a in agents]


def run(
    domains: Sequence[ArenaDomain],
    agents: Sequence[str],
    rounds: Iterable[int],
    focus: Sequence[str] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Game]:
    tasks = [(d, a, b, r) for d in domains for r in rounds for a, b in pairings(agents, focus)]
    geometries = {d.name: Geometry.of(d) for d in domains}
    out: list[Game] = []
    if jobs <= 1:
        for k, (d, a, b, r) in enumerate(tasks):
            out.append(play(d, geometries[d.name], a, b, r))
            if progress:
                progress(k + 1, len(tasks))
        return out
    from multiprocessing import Pool

    with Pool(jobs) as pool:
        for k, game in enumerate(
            pool.imap_unordered(_play_task, [(d, geometries[d.name], a, b, r) for d, a, b, r in tasks])
        ):
            out.append(game)
            if progress:
                progress(k + 1, len(tasks))
    return out


def _play_task(task: tuple[ArenaDomain, Geometry, str, str, int]) -> Game:
    return play(*task)


# ----- the tables -------------------------------------------------------------------------------------


def scores(games: Iterable[Game]) -> dict[str, list[float]]:
    """Per agent, its utility in every game against another agent (self-play left out)."""
    out: dict[str, list[float]] = defaultdict(list)
    for g in games:
        if g.a != g.b:
            out[g.a].append(g.ua)
            out[g.b].append(g.ub)
    return out


def ranking(games: Sequence[Game]) -> list[tuple[str, float, float, float, float, int]]:
    """Agents by mean utility: (agent, mean utility, agreement rate, mean distance to Pareto and to
    Nash over its games, games)."""
    per: dict[str, list[Game]] = defaultdict(list)
    for g in games:
        if g.a != g.b:
            per[g.a].append(g)
            per[g.b].append(g)
    s = scores(games)
    rows = []
    for agent, gs in per.items():
        rows.append(
            (
                agent,
                float(np.mean(s[agent])),
                float(np.mean([g.agreed for g in gs])),
                float(np.mean([g.pareto for g in gs])),
                float(np.mean([g.nash for g in gs])),
                len(gs),
            )
        )
    return sorted(rows, key=lambda r: -r[1])


def head_to_head(games: Iterable[Game], row: str) -> dict[str, tuple[float, float, int]]:
    """For `row` against each other agent, over their games on either side: row's mean utility, the
    other's, and the number of games."""
    acc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for g in games:
        if g.a == g.b:
            continue
        if g.a == row:
            acc[g.b].append((g.ua, g.ub))
        elif g.b == row:
            acc[g.a].append((g.ub, g.ua))
    return {k: (float(np.mean([x for x, _ in v])), float(np.mean([y for _, y in v])), len(v)) for k, v in acc.items()}


def self_play(games: Iterable[Game], zones: dict[str, bool]) -> dict[str, tuple[float, int]]:
    """Per agent, the share of its self-play games that agree, on domains with a zone of agreement."""
    acc: dict[str, list[bool]] = defaultdict(list)
    for g in games:
        if g.a == g.b and zones.get(g.domain, True):
            acc[g.a].append(g.agreed)
    return {k: (float(np.mean(v)), len(v)) for k, v in acc.items()}


def bad_acceptances(
    games: Iterable[Game], reservations: dict[str, tuple[float, float]], agents: Sequence[str]
) -> list[str]:
    """Agreements of `agents` below their reservation value, or early (first tenth of the time) and
    near-worthless (within 0.1 of it while the other side gets 0.5 more)."""
    out = []
    for g in games:
        ra, rb = reservations[g.domain]
        for name, u, r, other in ((g.a, g.ua, ra, g.ub), (g.b, g.ub, rb, g.ua)):
            if name not in agents or not g.agreed:
                continue
            if u < r - 1e-9:
                out.append(
                    f"{short(name)} below reservation: {u:.3f} < {r:.3f} ({g.domain}, {g.a} v {g.b}, {g.rounds} rounds)"
                )
            elif g.time <= 0.1 and u < r + 0.1 and other > u + 0.5:
                out.append(f"{short(name)} early near-worthless: {u:.3f} at {g.time:.2f} ({g.domain}, {g.a} v {g.b})")
    return out

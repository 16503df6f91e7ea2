"""Round-robin tournaments: every ordered pairing of agents, each over the same seeds, on K processes.

Every agent plays every agent (itself included, unless `self_play=False`) on both sides (a scenario's
persona only on its own side), once per
seed `seed, seed + 1, ..., seed + games - 1`; every pairing meets the same seeds. Games are split into
chunks and played by a pool of worker processes, each of which loads the scenario from its file
(Rules are rebuilt in the worker, never pickled); results are put back in job order before anything
is summed, so the summary is identical whatever the number of processes.

Where an outcome lies: each game's outcome is a point in the scenario's utility plane (u_first, u_second),
with the utilities of the scenario's briefs (as `game.analysis` uses), not those that events may have
reweighted during the game. A ratified agreement sits at its package's point; every other ending
(deadline, walk-out, forfeit, failed ratification) sits at the no-deal point. The distance to the
Pareto frontier is `game.analysis.frontier.distance_to_frontier` (how far the point must move up and
right to reach the frontier) and is averaged over all games, no-deal outcomes included, so failing to
agree counts as the inefficiency it is; the mean over ratified agreements only is reported too. The
distance to the Nash point is Euclidean in the same plane.

Plain Python and numpy: no pygame here; the command line is a thin client (`python main.py tournament`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from game.agents.registry import close, make
from game.analysis.frontier import distance_to_frontier
from game.analysis.outcomes import Analysis, analyze
from game.engine.rules import Rules
from game.scenario.loader import load_scenario, resolve
from game.scenario.preferences import Side
from game.tournament_play import GameResult, Job, Seats, TournamentError, play_game, play_parallel

DEFAULT_SEED = 1990


@dataclass(frozen=True)
class Summary:
    """What a set of games came to. For an agent, `as_us`/`as_ussr` count its games on each side and
    the scores are its own; for a pairing both are the pairing's games and the scores are each side's."""

    games: int
    as_us: int
    as_ussr: int
    agreements: int
    ratified: int
    forfeits: int
    mean_score_us: float | None
    mean_score_ussr: float | None
    mean_distance_frontier: float
    mean_distance_frontier_deals: float | None
    mean_distance_nash: float | None
    mean_moves: float

    @property
    def deal_rate(self) -> float:
        """Ratified agreements per game."""
        return self.ratified / self.games if self.games else 0.0

    @property
    def ratification_rate(self) -> float | None:
        """Ratified agreements per agreement reached; None when no agreement was reached."""
        return self.ratified / self.agreements if self.agreements else None

    def to_json(self, ids: tuple[str, str] = ("us", "ussr")) -> dict[str, Any]:
        """Per-side figures keyed by the scenario's side ids (`ids`)."""
        a, b = ids
        return {
            "games": self.games,
            f"games_as_{a}": self.as_us,
            f"games_as_{b}": self.as_ussr,
            "agreements": self.agreements,
            "ratified": self.ratified,
            "deal_rate": _round(self.deal_rate),
            "ratification_rate": _round(self.ratification_rate),
            "forfeits": self.forfeits,
            f"mean_score_{a}": _round(self.mean_score_us),
            f"mean_score_{b}": _round(self.mean_score_ussr),
            "mean_distance_to_frontier": _round(self.mean_distance_frontier),
            "mean_distance_to_frontier_ratified_only": _round(self.mean_distance_frontier_deals),
            "mean_distance_to_nash": _round(self.mean_distance_nash),
            "mean_moves": _round(self.mean_moves),
        }


@dataclass(frozen=True)
class Tournament:
    scenario_id: str
    title: str
    file: str
    agents: tuple[str, ...]
    games_per_pairing: int
    seed: int
    self_play: bool
    no_deal: tuple[float, float]
    nash: tuple[float, float] | None
    results: tuple[GameResult, ...]
    per_agent: dict[str, Summary]
    per_pairing: dict[tuple[str, str], Summary]
    side_ids: tuple[str, str] = ("us", "ussr")
    """The scenario's ids for its two sides: the keys of per-side figures in the JSON."""
    side_names: tuple[str, str] = ("US", "USSR")
    """The sides' short names, for the tables."""

    @property
    def pairings(self) -> list[tuple[str, str]]:
        return list(self.per_pairing)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": {"id": self.scenario_id, "title": self.title, "file": self.file},
            "agents": list(self.agents),
            "games_per_pairing": self.games_per_pairing,
            "seeds": [self.seed, self.seed + self.games_per_pairing - 1],
            "self_play": self.self_play,
            "games": len(self.results),
            "sides": [{"id": i, "short": n} for i, n in zip(self.side_ids, self.side_names, strict=True)],
            "no_deal_point": dict(zip(self.side_ids, self.no_deal, strict=True)),
            "nash_point": None if self.nash is None else dict(zip(self.side_ids, map(_round, self.nash), strict=True)),
            "distances": (
                "outcomes in the utility plane of the scenario's briefs; a game without a ratified agreement "
                "is at the no-deal point; mean_distance_to_frontier covers every game, "
                "mean_distance_to_frontier_ratified_only the ratified agreements; distance to the Nash point "
                "is Euclidean"
            ),
            "per_agent": [{"agent": a, **s.to_json(self.side_ids)} for a, s in self.per_agent.items()],
            "per_pairing": [
                {self.side_ids[0]: us, self.side_ids[1]: ussr, **s.to_json(self.side_ids)}
                for (us, ussr), s in self.per_pairing.items()
            ],
        }


def _round(x: float | None, digits: int = 6) -> float | None:
    return None if x is None else round(x, digits)


def _mean(xs: Sequence[float]) -> float | None:
    return math.fsum(xs) / len(xs) if xs else None


def run_tournament(
    scenario: str,
    agents: Sequence[str],
    games: int,
    *,
    jobs: int = 1,
    seed: int = DEFAULT_SEED,
    time_budget: float | None = None,
    self_play: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Tournament:
    """Play the tournament and summarise it. `progress(n)` is called as each n more games finish.

    Raises ScenarioError for a bad scenario, AgentError for an agent that cannot be built, and
    TournamentError for bad options or a game that broke.
    """
    agents = tuple(agents)
    if not agents:
        raise TournamentError("a tournament needs at least one agent")
    twice = sorted({a for a in agents if agents.count(a) > 1})
    if twice:
        raise TournamentError(f"agent(s) listed more than once: {', '.join(twice)}")
    if games < 1:
        raise TournamentError(f"--games must be at least 1, not {games}")
    if jobs < 1:
        raise TournamentError(f"--jobs must be at least 1, not {jobs}")
    file = str(resolve(scenario).resolve())
    model, digest = load_scenario(file)
    rules = Rules(model)
    # A persona plays only for the side whose brief has it (elsewhere it would be a Boulware without its lines).
    own = {f"persona:{p.id}": side for side in Side for p in rules.side_model(side).personas}
    for spec in agents:
        if spec.startswith("persona:") and spec not in own:
            raise TournamentError(
                f"{spec}: the scenario has no such persona (its personas: {', '.join(own) or 'none'})"
            )
    pairings = [
        (us, ussr)
        for us in agents
        for ussr in agents
        if (self_play or us != ussr) and own.get(us, Side.US) is Side.US and own.get(ussr, Side.USSR) is Side.USSR
    ]
    if not pairings:
        raise TournamentError("without self-play a tournament needs at least two agents")
    for spec in agents:  # every agent is built once here, so a bad spec is an error before any game
        close([make(spec)])
    schedule = [
        Job(i, us, ussr, seed + k)
        for i, (us, ussr, k) in enumerate((us, ussr, k) for us, ussr in pairings for k in range(games))
    ]
    if jobs == 1 or len(schedule) == 1:
        played: list[tuple[int, GameResult]] = []
        seats = Seats()
        try:
            for job in schedule:
                played.append((job.index, play_game(rules, job.us, job.ussr, job.seed, time_budget, seats)))
                if progress is not None:
                    progress(1)
        finally:
            seats.close()
    else:
        played = play_parallel(file, digest, schedule, jobs, time_budget, progress)
    played.sort(key=lambda pair: pair[0])
    results = tuple(result for _, result in played)
    return summarise(rules, analyze(model), file, agents, pairings, results, games, seed, self_play)


# ----- summing up ------------------------------------------------------------------------------

_Row = tuple[GameResult, float, float, Side | None]
"""A game, its distances to the frontier and to the Nash point, and (for an agent's row) the side it played."""


def summarise(
    rules: Rules,
    analysis: Analysis,
    file: str,
    agents: Sequence[str],
    pairings: Sequence[tuple[str, str]],
    results: Sequence[GameResult],
    games: int,
    seed: int,
    self_play: bool,
) -> Tournament:
    nash = None if analysis.nash is None else (analysis.nash.us, analysis.nash.ussr)
    to_frontier = [distance_to_frontier(analysis.frontier, *r.point) for r in results]
    to_nash = [math.dist(r.point, nash) if nash is not None else math.nan for r in results]
    rows: list[_Row] = [(r, f, d, None) for r, f, d in zip(results, to_frontier, to_nash, strict=True)]

    def summary(subset: list[_Row]) -> Summary:
        """Rows with a role are one agent's games on that side; rows without one, a pairing's games."""
        as_us = [r for r, _, _, role in subset if role is not Side.USSR]
        as_ussr = [r for r, _, _, role in subset if role is not Side.US]
        forfeits = sum(r.forfeited_by is not None and role in (None, r.forfeited_by) for r, _, _, role in subset)
        mean_frontier = _mean([f for _, f, _, _ in subset])
        return Summary(
            games=len(subset),
            as_us=len(as_us),
            as_ussr=len(as_ussr),
            agreements=sum(r.agreed for r, _, _, _ in subset),
            ratified=sum(r.ratified for r, _, _, _ in subset),
            forfeits=forfeits,
            mean_score_us=_mean([r.scores[0] for r in as_us]),
            mean_score_ussr=_mean([r.scores[1] for r in as_ussr]),
            mean_distance_frontier=mean_frontier if mean_frontier is not None else 0.0,
            mean_distance_frontier_deals=_mean([f for r, f, _, _ in subset if r.ratified]),
            mean_distance_nash=None if nash is None else _mean([d for _, _, d, _ in subset]),
            mean_moves=_mean([float(r.moves) for r, _, _, _ in subset]) or 0.0,
        )

    # An agent's games on each side (a self-play game counts once for each side it played), and each
    # pairing's games, gathered in one pass in the order the games were scheduled.
    as_us: dict[str, list[_Row]] = {agent: [] for agent in agents}
    as_ussr: dict[str, list[_Row]] = {agent: [] for agent in agents}
    by_pairing: dict[tuple[str, str], list[_Row]] = {pairing: [] for pairing in pairings}
    for r, f, d, _ in rows:
        as_us[r.us].append((r, f, d, Side.US))
        as_ussr[r.ussr].append((r, f, d, Side.USSR))
        by_pairing[(r.us, r.ussr)].append((r, f, d, None))
    per_agent = {agent: summary(as_us[agent] + as_ussr[agent]) for agent in agents}
    per_pairing = {pairing: summary(by_pairing[pairing]) for pairing in pairings}
    return Tournament(
        scenario_id=rules.scenario.meta.id,
        title=rules.scenario.meta.title,
        file=file,
        agents=tuple(agents),
        games_per_pairing=games,
        seed=seed,
        self_play=self_play,
        no_deal=analysis.no_deal,
        nash=nash,
        results=tuple(results),
        per_agent=per_agent,
        per_pairing=per_pairing,
        side_ids=rules.scenario.side_ids,
        side_names=(rules.scenario.sides.us.short, rules.scenario.sides.ussr.short),
    )

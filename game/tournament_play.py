"""Playing a tournament's games: one game between two agents, and a pool of worker processes that plays
chunks of them (each worker loads the scenario from its file; Rules are never pickled)."""

from __future__ import annotations

import math
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from game.agents.base import AgentProtocol
from game.agents.registry import close, make
from game.agents.sandbox import SandboxedAgent
from game.engine.rules import Rules
from game.engine.state import Ending
from game.errors import CruiseControlError
from game.match import Match
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package, Side

CHUNKS_PER_WORKER = 8
"""Jobs are split into about this many chunks per worker: small enough to balance, big enough to amortise."""
MAX_CHUNK = 64


class TournamentError(CruiseControlError):
    """A tournament that cannot be run or could not finish (bad options, a game that broke)."""


@dataclass(frozen=True)
class Job:
    index: int
    us: str
    ussr: str
    seed: int


@dataclass(frozen=True)
class GameResult:
    """One game: who played, how it ended, and where its outcome lies in the utility plane."""

    us: str
    ussr: str
    seed: int
    ending: Ending
    agreed: bool
    """An agreement ad referendum was reached (ratified or not)."""
    agreement: Package | None
    """The package agreed ad referendum, ratified or not (None without an agreement)."""
    forfeited_by: Side | None
    scores: tuple[float, float]
    point: tuple[float, float]
    """(u_first side, u_second side) of the outcome with the briefs' utilities: the package if ratified, else no deal."""
    moves: int
    fired: tuple[str, ...] = ()
    """The events that fired during the game, in order."""
    rejected_by: tuple[str, ...] = ()
    """The ratifying bodies that voted an agreement down ('' for none)."""

    @property
    def ratified(self) -> bool:
        return self.ending is Ending.RATIFIED


class Seats:
    """The plug-in agents of one process, kept from game to game: each game gets its agent renewed (the
    plug-in's file run again, its class built again) in the process already running it, which costs far
    less than a new process per game. Every other agent is made anew for each game."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Side], SandboxedAgent] = {}

    def take(self, spec: str, side: Side) -> AgentProtocol:
        kept = self._kept.get((spec, side))
        if kept is not None:
            kept.renew()
            return kept
        agent = make(spec)
        if isinstance(agent, SandboxedAgent):
            self._kept[(spec, side)] = agent
        return agent

    def give_back(self, agents: Iterable[AgentProtocol]) -> None:
        """The agents of a game that is over: close those that are not kept."""
        kept = {id(agent) for agent in self._kept.values()}
        close(agent for agent in agents if id(agent) not in kept)

    def close(self) -> None:
        close(self._kept.values())
        self._kept.clear()


def play_game(
    rules: Rules, us: str, ussr: str, seed: int, time_budget: float | None = None, seats: Seats | None = None
) -> GameResult:
    """Play one game to its end; a game the engine cannot finish is a TournamentError saying which.
    With `seats`, plug-in agents are taken from (and kept in) them; else they are made for this game."""
    agents: dict[Side, AgentProtocol] = {}
    a, b = rules.scenario.sides.us.short, rules.scenario.sides.ussr.short
    try:
        for side, spec in ((Side.US, us), (Side.USSR, ussr)):
            agents[side] = seats.take(spec, side) if seats is not None else make(spec)
        state = Match(rules, agents, seed, time_budget=time_budget).play(close=False)
    except CruiseControlError:
        raise
    except Exception as exc:  # noqa: BLE001 - a plug-in can break a game in ways the match does not catch
        raise TournamentError(
            f"{us} ({a}) v {ussr} ({b}), seed {seed}: the game broke: {type(exc).__name__}: {exc}"
        ) from None
    finally:
        if seats is not None:
            seats.give_back(agents.values())
        else:
            close(agents.values())  # a plug-in's process ends with its game
    if state.ending is None:
        raise TournamentError(f"{us} ({a}) v {ussr} ({b}), seed {seed}: the game did not end")
    us_prefs, ussr_prefs = rules.base[Side.US], rules.base[Side.USSR]
    if state.ending is Ending.RATIFIED and state.agreement is not None:
        point = (us_prefs.utility(state.agreement), ussr_prefs.utility(state.agreement))
    else:
        point = (us_prefs.no_deal, ussr_prefs.no_deal)
    return GameResult(
        us=us,
        ussr=ussr,
        seed=seed,
        ending=state.ending,
        agreed=state.agreement is not None,
        agreement=state.agreement,
        forfeited_by=state.ended_by if state.ending is Ending.FORFEIT else None,
        scores=state.scores,
        point=point,
        moves=len(state.moves),
        fired=state.fired,
        rejected_by=tuple(v.body for v in state.ratification if not v.passed),
    )


_worker_rules: Rules | None = None
_worker_seats = Seats()


def _init_worker(scenario_file: str, digest: str) -> None:
    global _worker_rules
    # Ctrl-C reaches every process of the terminal's group: only the parent handles it (it stops the
    # pool), so the workers print no tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    scenario, found = load_scenario(scenario_file)
    if found != digest:
        raise TournamentError(f"{scenario_file} changed while the tournament was starting")
    _worker_rules = Rules(scenario)


def _play_chunk(jobs: Sequence[Job], time_budget: float | None) -> list[tuple[int, GameResult]]:
    rules = _worker_rules
    if rules is None:  # pragma: no cover - the initializer always runs first
        raise TournamentError("a worker started without its scenario")
    return [(job.index, play_game(rules, job.us, job.ussr, job.seed, time_budget, _worker_seats)) for job in jobs]


def _chunks(jobs: Sequence[Job], size: int) -> Iterator[list[Job]]:
    for start in range(0, len(jobs), size):
        yield list(jobs[start : start + size])


def play_parallel(
    file: str,
    digest: str,
    jobs: Sequence[Job],
    workers: int,
    time_budget: float | None,
    progress: Callable[[int], None] | None,
) -> list[tuple[int, GameResult]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(jobs) / (workers * CHUNKS_PER_WORKER))))
    out: list[tuple[int, GameResult]] = []
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(file, digest))
    try:
        pending: set[Future[list[tuple[int, GameResult]]]] = {
            pool.submit(_play_chunk, chunk, time_budget) for chunk in _chunks(jobs, size)
        }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                part = future.result()
                out.extend(part)
                if progress is not None:
                    progress(len(part))
    except BrokenProcessPool as exc:
        _stop(pool)
        raise TournamentError(
            "a worker process died (a plug-in agent may have exited or crashed Python); "
            "run with --jobs 1 to see which game"
        ) from exc
    except BaseException:  # Ctrl-C, or a game that broke: stop now rather than finish the queued games
        _stop(pool)
        raise
    pool.shutdown()
    return out


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers at once (Python 3.14 has this as terminate_workers)."""
    terminate = getattr(pool, "terminate_workers", None)
    if callable(terminate):
        terminate()
        return
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        if process.is_alive():
            process.terminate()

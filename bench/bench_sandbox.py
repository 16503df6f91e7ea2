"""What running a plug-in agent in its own process (`game.agents.sandbox`) costs: startup, per move, per tournament.

Run: PYTHONPATH=. .venv/bin/python bench/bench_sandbox.py [--scenario S] [--starts N] [--rounds N] [--games N] [--jobs K]

The plug-in is the example agent, `py:examples/my_agent.py:MyAgent`.
1. Startup: building the first plug-in agent of this process (`registry.make`: its supervisor, and the
   confined worker below it), which also starts multiprocessing's fork server, then `--starts` more,
   each closed before the next is built.
   Prints the first one's time, and the median, min and max of the others.
2. Per move: the observations of a real game (ai:boulware v ai:conceder, seed 3, both sides' turns, in
   order) are given `--rounds` times to the plug-in loaded in-process (`sandbox.load_plugin`) and to
   the plug-in sandboxed (`timed_act`, as the match calls it: continuing its process group, the
   observation out, a JSON answer back, stopping its processes and counting their processor time).
   Prints the mean time per move of each, the time `act` itself took in the child, and the overhead.
3. Tournament: a round robin of the plug-in, ai:boulware and ai:conceder (self-play included),
   `--games` games per pairing, with the plug-in sandboxed and with the same plug-in in-process, on
   1 and on `--jobs` processes. Prints games and games/s.
Not a test: it prints numbers. A sandbox's process first imports this script (as `__mp_main__`), so
all the work is under `if __name__ == "__main__":`, and the top imports only what the fork server has
loaded already (numpy, `game.agents.sandbox` and what it imports); the rest is imported where it is
used, as `game/cli.py` does, or every plug-in's startup would include importing it.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from game.agents import sandbox
from game.agents.base import AgentProtocol
from game.engine.observation import Observation
from game.scenario.preferences import Side

if TYPE_CHECKING:
    from game.engine.rules import Rules

FILE, CLASS = "examples/my_agent.py", "MyAgent"
SPEC = f"py:{FILE}:{CLASS}"
OTHERS = ("ai:boulware", "ai:conceder")
TIME_BUDGET = 2.0
"""Seconds per move in the tournaments, as the command line's default."""


def startup(starts: int) -> tuple[float, list[float]]:
    """Seconds to build the first plug-in agent of this process, and each of `starts` more."""
    from game.agents import registry

    start = time.perf_counter()
    first = registry.make(SPEC)
    first_s = time.perf_counter() - start
    times = []
    try:
        for _ in range(starts):
            start = time.perf_counter()
            agent = registry.make(SPEC)
            times.append(time.perf_counter() - start)
            registry.close([agent])
    finally:
        registry.close([first])
    return first_s, times


def observations(rules: Rules, seed: int = 3) -> list[Observation]:
    """What the side to move saw at each turn of one game between built-in strategies."""
    from game.agents import registry
    from game.match import Match

    match = Match(rules, {Side.US: registry.make(OTHERS[0]), Side.USSR: registry.make(OTHERS[1])}, seed)
    seen = []
    while not match.state.over:
        seen.append(rules.observe(match.state, match.state.to_move))
        match.step()
    return seen


def per_move(seen: list[Observation], rounds: int) -> tuple[float, float, float]:
    """Mean seconds per move in-process, sandboxed, and in the sandbox's child (its `act` alone)."""
    from game.agents import registry

    local = sandbox.load_plugin(FILE, CLASS)
    boxed = registry.make(SPEC)
    assert isinstance(boxed, sandbox.SandboxedAgent)
    try:
        for agent in (local, boxed):
            agent.reset(Side.US, np.random.default_rng(1))
        moves = rounds * len(seen)
        start = time.perf_counter()
        for _ in range(rounds):
            for obs in seen:
                local.act(obs)
        local_s = (time.perf_counter() - start) / moves
        child_s = 0.0
        start = time.perf_counter()
        for _ in range(rounds):
            for obs in seen:
                child_s += boxed.timed_act(obs, TIME_BUDGET)[1]
        boxed_s = (time.perf_counter() - start) / moves
    finally:
        boxed.close()
    return local_s, boxed_s, child_s / moves


def in_process(spec: str) -> AgentProtocol:
    """`registry.make`, but a plug-in is loaded in this process, as it was before the sandbox."""
    from game.agents import registry

    kind, _, rest = spec.partition(":")
    if kind == "py":
        file, _, class_name = rest.rpartition(":")
        return sandbox.load_plugin(file, class_name)
    return registry.make(spec)


@contextlib.contextmanager
def plugins_in_process() -> Iterator[None]:
    """The tournament makes its agents with `in_process` (its forked workers too)."""
    from game import tournament

    original = tournament.make
    tournament.make = in_process
    try:
        yield
    finally:
        tournament.make = original


def play(scenario: str, games: int, jobs: int) -> tuple[int, float]:
    """Games played and seconds spent by one tournament."""
    from game.tournament import run_tournament

    start = time.perf_counter()
    result = run_tournament(scenario, [SPEC, *OTHERS], games, jobs=jobs, time_budget=TIME_BUDGET)
    return len(result.results), time.perf_counter() - start


def main() -> None:
    import statistics

    from game.engine.rules import Rules
    from game.scenario.loader import load_scenario

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="april-1990")
    parser.add_argument("--starts", type=int, default=20, help="plug-ins built after the first (default 20)")
    parser.add_argument("--rounds", type=int, default=10, help="times the game's observations are given (default 10)")
    parser.add_argument("--games", type=int, default=10, help="games per pairing in the tournaments (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel tournaments (default 2)")
    args = parser.parse_args()
    rules = Rules(load_scenario(args.scenario)[0])

    from game.agents.landlock import abi_version

    abi = abi_version()
    print(f"Confinement: {f'Landlock ABI {abi}' if abi else 'no Landlock'}, running as uid {os.getuid()}")
    first, starts = startup(args.starts)
    print(f"Startup of a plug-in agent ({SPEC})")
    print(f"  first in a process (starts the fork server): {1000 * first:.1f} ms")
    print(
        f"  each further one ({len(starts)}): median {1000 * statistics.median(starts):.1f} ms"
        f" (min {1000 * min(starts):.1f}, max {1000 * max(starts):.1f})"
    )

    seen = observations(rules)
    local, boxed, child = per_move(seen, args.rounds)
    print()
    print(f"Per move: {len(seen)} observations of one {args.scenario} game, {args.rounds} times")
    print(f"  in-process act:   {1000 * local:.3f} ms")
    print(f"  sandboxed:        {1000 * boxed:.3f} ms (act in the child {1000 * child:.3f} ms)")
    print(f"  overhead:         {1000 * (boxed - local):.3f} ms")

    print()
    print(f"Tournament on {args.scenario}: {SPEC}, {', '.join(OTHERS)}; {args.games} games per pairing")
    print(f"{'jobs':>6}  {'plug-in':<12}{'games':>8}{'seconds':>10}{'games/s':>10}")
    forks = multiprocessing.get_start_method() == "fork"  # else the workers would not see the in-process make
    for jobs in sorted({1, args.jobs}):
        for label in ("sandboxed", "in-process"):
            if label == "in-process" and jobs > 1 and not forks:
                print(f"{jobs:>6}  {label:<12}  (skipped: the tournament's workers are not forked)")
                continue
            with plugins_in_process() if label == "in-process" else contextlib.nullcontext():
                games, spent = play(args.scenario, args.games, jobs)
            print(f"{jobs:>6}  {label:<12}{games:>8}{spent:>10.2f}{games / spent:>10.1f}")


if __name__ == "__main__":
    main()

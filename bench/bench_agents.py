"""How fast the AI delegations decide, and how many whole AI-vs-AI games one core plays per second.

Run: PYTHONPATH=. .venv/bin/python bench/bench_agents.py [--scenario april-1990] [--seeds 5] [--seconds 2]

1. Decision latency: every built-in strategy (`game.agents.registry.names()`) plays every built-in on
   both sides over a few seeds, and each call of its `act(observation)` is timed in place (the
   observations are the real ones of those games, in order, so stateful strategies see what they
   would in play). Prints median, p99 and max per strategy.
2. Throughput: whole games (building the match and agents, playing to the end) on one core, for a few
   pairings, for about `--seconds` each. Prints games/s and moves/s.
Not a test: it prints numbers. Unset OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE only for this command if you
compare against a current numpy (see the machine notes); the agents do little linear algebra.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

import numpy as np

from game.agents.base import AgentProtocol
from game.agents.registry import make, names
from game.engine.moves import Move
from game.engine.observation import Observation
from game.engine.rules import Rules
from game.match import Match
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side

PAIRINGS = (
    ("ai:boulware", "ai:conceder"),
    ("ai:linear", "ai:linear"),
    ("ai:random", "ai:random"),
    ("ai:tradeoff", "ai:tft-relative"),
    ("ai:hard", "ai:normal"),
)


class Timed:
    """An agent whose every `act` is timed (perf_counter_ns), and nothing else changed."""

    def __init__(self, inner: AgentProtocol, sink: list[int]) -> None:
        self.inner = inner
        self.sink = sink

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        self.inner.reset(side, rng)

    def act(self, obs: Observation) -> Move:
        start = time.perf_counter_ns()
        move = self.inner.act(obs)
        self.sink.append(time.perf_counter_ns() - start)
        return move


def latencies(rules: Rules, agents: Sequence[str], seeds: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for agent in agents:
        sink: list[int] = []
        for other in agents:
            for seed in range(seeds):
                Match(rules, {Side.US: Timed(make(agent), sink), Side.USSR: make(other)}, seed).play()
                Match(rules, {Side.US: make(other), Side.USSR: Timed(make(agent), sink)}, seed).play()
        out[agent] = sink
    return out


def throughput(rules: Rules, us: str, ussr: str, seconds: float) -> tuple[int, int, float]:
    games = moves = 0
    start = time.perf_counter()
    while True:
        state = Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, games).play()
        games += 1
        moves += len(state.moves)
        spent = time.perf_counter() - start
        if spent >= seconds and games >= 5:
            return games, moves, spent


def percentile(xs: Sequence[int], q: float) -> float:
    return float(np.percentile(np.asarray(xs, dtype=float), q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="april-1990")
    parser.add_argument("--seeds", type=int, default=5, help="seeds per pairing for the latencies (default 5)")
    parser.add_argument("--seconds", type=float, default=2.0, help="time per pairing for throughput (default 2)")
    args = parser.parse_args()
    rules = Rules(load_scenario(args.scenario)[0])
    agents = names()

    print(f"Decision latency of act(observation) on {args.scenario}: each strategy against every built-in,")
    print(f"both sides, {args.seeds} seeds ({len(agents)} strategies)")
    print(f"{'strategy':<18}{'calls':>8}{'median':>12}{'p99':>12}{'max':>12}")
    for agent, times in latencies(rules, agents, args.seeds).items():
        micros = [t / 1000 for t in times]
        print(
            f"{agent:<18}{len(micros):>8}{statistics.median(micros):>10.1f}us"
            f"{percentile(times, 99) / 1000:>10.1f}us{max(micros):>10.1f}us"
        )

    print()
    print(f"Whole games on one core, {args.scenario}, about {args.seconds:g} s per pairing")
    print(f"{'US':<18}{'USSR':<18}{'games':>8}{'games/s':>10}{'moves/game':>12}{'moves/s':>10}")
    known = set(agents)
    for us, ussr in PAIRINGS:
        if us not in known or ussr not in known:
            continue
        games, moves, spent = throughput(rules, us, ussr, args.seconds)
        print(f"{us:<18}{ussr:<18}{games:>8}{games / spent:>10.0f}{moves / games:>12.1f}{moves / spent:>10.0f}")


if __name__ == "__main__":
    main()

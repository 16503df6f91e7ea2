"""`ai:hard` against stand-ins for agents of the automated-negotiation literature, on unseen scenarios.

Run: PYTHONPATH=. .venv/bin/python bench/bench_literature.py [--games 4] [--jobs 2] [--seeds 100-113]
     [--agents ai:hard,HardHeaded,...]

Generates random scenarios (`bench/generated.py`; seeds 100-113 give 12, seeds 102 and 106 make no
acceptable scenario) into a temporary directory, and on each plays the round robin (every ordered
pairing, self-play included, `--games` seeds each from the tournament's default seed) of `ai:hard`,
the five stand-ins of `bench/literature.py` (HardHeaded, Atlas3, NiceTitForTat, AgentK, Bayesian: our
simplified re-implementations, not the original agents), `ai:tradeoff` and `ai:tft-relative`. The
stand-ins are plug-ins (`py:bench/literature.py:HardHeaded`), so they run as a student's agent does,
each in a process of its own. `--agents` replaces the list: specs, or a stand-in's class name alone.
Prints
(a) per scenario, the agents ranked by mean score (the mean of their mean scores as US and as USSR);
(b) per agent, over the scenarios: mean score, deal rate (ratified agreements per game), forfeits;
(c) head to head, the first agent (ai:hard) against each other one, over the games between the two
    on either side: the first agent's mean score, the other's, and the share ratified;
and the wall time. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from generated import DEFAULT_SEEDS, parse_seeds, write_scenarios
from literature import AGENTS

from game.tournament import Tournament, run_tournament

LITERATURE = Path(__file__).resolve().with_name("literature.py")
STAND_INS = [cls.__name__ for cls in AGENTS.values()]
DEFAULT_AGENTS = ["ai:hard", *STAND_INS, "ai:tradeoff", "ai:tft-relative"]


def spec(agent: str) -> str:
    """A stand-in's class name as its plug-in spec (the file relative to the working directory if it
    is below it); any other spec as it is."""
    if agent not in STAND_INS:
        return agent
    file = os.path.relpath(LITERATURE)
    return f"py:{LITERATURE if file.startswith('..') else file}:{agent}"


def short(agent: str) -> str:
    return agent.rsplit(":", 1)[-1]


def mean_score(t: Tournament, agent: str) -> float:
    s = t.per_agent[agent]
    return ((s.mean_score_us or 0.0) + (s.mean_score_ussr or 0.0)) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=4, help="seeds per pairing (default 4)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--seeds", type=parse_seeds, default=list(DEFAULT_SEEDS), help="generator seeds, e.g. 100-113 or 100,105"
    )
    parser.add_argument(
        "--agents",
        type=lambda text: [spec(a.strip()) for a in text.split(",") if a.strip()],
        default=[spec(a) for a in DEFAULT_AGENTS],
        help="comma-separated specs or stand-in class names; the first is compared head to head (default: "
        + ",".join(DEFAULT_AGENTS)
        + ")",
    )
    args = parser.parse_args()
    agents: list[str] = args.agents
    ref = agents[0]

    start = time.perf_counter()
    # per agent: sum of mean scores, scenarios, sum of deal rates, forfeits
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0.0, 0])
    # per other agent, its games against ref: ref's score sum, the other's, games, ratified
    h2h: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    with tempfile.TemporaryDirectory(prefix="cc-literature-") as directory:
        dropped: list[str] = []
        files = write_scenarios(
            directory, args.seeds, report=lambda seed, kept, why: None if kept else dropped.append(f"{seed} ({why})")
        )
        print(
            f"{len(agents)} agents, every ordered pairing, {args.games} seeds each, on {len(files)} generated "
            f"scenarios ({args.jobs} job{'s' * (args.jobs != 1)})"
        )
        print("agents: " + ", ".join(agents))
        if dropped:
            print("seeds without a scenario: " + ", ".join(dropped))
        print(f"scenarios written in {time.perf_counter() - start:.1f} s")
        print()
        print("(a) ranking per scenario, by mean score")
        for file in files:
            began = time.perf_counter()
            t = run_tournament(str(file), agents, args.games, jobs=args.jobs)
            means = {agent: mean_score(t, agent) for agent in agents}
            for agent, s in t.per_agent.items():
                total = totals[agent]
                total[0] += means[agent]
                total[1] += 1
                total[2] += s.deal_rate
                total[3] += s.forfeits
            for r in t.results:
                for me, other in ((0, 1), (1, 0)):
                    players = (r.us, r.ussr)
                    if players[me] == ref and players[other] != ref:
                        h = h2h[players[other]]
                        h[0] += r.scores[me]
                        h[1] += r.scores[other]
                        h[2] += 1
                        h[3] += r.ratified
            ranking = sorted(agents, key=lambda agent: -means[agent])
            cells = "  ".join(f"{short(agent)}:{means[agent]:.1f}" for agent in ranking)
            print(f"{t.scenario_id:<10}{cells}  ({time.perf_counter() - began:.1f} s)", flush=True)

    print()
    print("(b) over the scenarios, per agent")
    print(f"  {'agent':<16}{'score':>7}{'deals':>8}{'forfeits':>10}")
    for agent, (score, n, deals, forfeits) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        print(f"  {short(agent):<16}{score / n:>7.1f}{deals / n:>8.0%}{int(forfeits):>10}")
    print()
    print(f"(c) head to head, {short(ref)} vs each other agent, either side")
    print(f"  {'other':<16}{short(ref):>10}{'other':>8}{'ratified':>10}{'games':>7}")
    for agent in agents:
        if agent in h2h:
            mine, theirs, n, ratified = h2h[agent]
            print(f"  {short(agent):<16}{mine / n:>10.1f}{theirs / n:>8.1f}{ratified / n:>10.0%}{int(n):>7}")
    print()
    print(
        "score: mean of the mean scores as US and as USSR (0-100); deals: ratified agreements per game, averaged "
        "over the scenarios;\nforfeits: games the agent forfeited (a plug-in that raised, broke or gave an "
        "illegal move)."
    )
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

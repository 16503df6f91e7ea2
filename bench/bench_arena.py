"""Our agents against the published ones: a NegMAS round robin with the ANAC ports.

Run (needs `pip install -e '.[arena]'`):
    PYTHONPATH=bench nice .venv/bin/python bench/bench_arena.py [--seeds 1-12] [--rounds 100,14]
        [--scenarios warm-up,stray-missile] [--agents ai:hard,...] [--focus ai:hard] [--jobs 2]
        [--issues 3-6] [--values 2-10]

Plays every ordered pair of the agents (ours: 'ai:NAME', 'persona:ID' or 'py:FILE.py:CLASS'; the
ANAC ports of negmas-genius-agents by class name; NegMAS's Aspiration, BoulwareTB and ConcederTB),
and each agent against itself, on generated domains (`negmas_bridge.generated`, one per seed) and on
our scenarios (issues and utilities only), at each number of rounds. `--focus` keeps only the games
of the named agents (and self-play): quicker, but the ranking is then over their opponents' games
with them only. Prints
(a) the ranking by mean utility per horizon, with agreement rate and mean distance of the outcomes
    to the Pareto frontier and to the Nash point;
(b) head to head, each of our agents against every other agent: its mean utility minus the other's;
(c) self-play agreement on domains with a zone of agreement;
(d) acceptances below the reservation value, or early and near-worthless, by our agents;
(e) mean seconds per game of each of our agents against Aspiration, and Aspiration against itself;
and any errors the ports raised. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

import numpy as np
from arena import ANAC, FIELD, NEGMAS, Game, Geometry, bad_acceptances, head_to_head, ranking, run, self_play, short
from negmas_bridge import ArenaDomain, from_scenario, generated, horizon


def numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def span(text: str) -> tuple[int, int]:
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=numbers, default=numbers("1-12"), help="generated domains (default 1-12)")
    parser.add_argument("--issues", type=span, default=(3, 6), help="issues per generated domain (default 3-6)")
    parser.add_argument("--values", type=span, default=(2, 10), help="values per issue (default 2-10)")
    parser.add_argument("--scenarios", default="warm-up,stray-missile", help="our scenarios ('' for none)")
    parser.add_argument("--rounds", default="100,H", help="horizons in rounds; H: our scenarios' (default 100,H)")
    parser.add_argument("--agents", default=",".join(FIELD), help="comma-separated (default: the whole field)")
    parser.add_argument("--focus", default="", help="play only games of these agents (comma-separated)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    ours_h = horizon("scenarios/april-1990.yaml")
    rounds = [ours_h if r == "H" else int(r) for r in args.rounds.split(",")]
    agents = [a for a in args.agents.split(",") if a]
    focus = [a for a in args.focus.split(",") if a] or None
    domains: list[ArenaDomain] = [generated(s, args.issues, args.values) for s in args.seeds]
    domains += [from_scenario(f"scenarios/{name}.yaml") for name in args.scenarios.split(",") if name]
    zones = {d.name: Geometry.of(d).zone for d in domains}
    ours = [a for a in agents if a not in ANAC and a not in NEGMAS]

    print(f"{len(agents)} agents on {len(domains)} domains at {rounds} rounds; both orders and self-play")
    print(
        "domains: " + ", ".join(f"{d.name} {d.sizes} r={d.reservation[0]:.2f}/{d.reservation[1]:.2f}" for d in domains)
    )
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"  {done}/{total} games, {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)

    games = run(domains, agents, rounds, focus, args.jobs, progress)
    for r in rounds:
        at = [g for g in games if g.rounds == r]
        print()
        print(f"=== {r} rounds ===")
        print("(a) ranking by mean utility (games against others, both orders)")
        print(f"  {'#':>2} {'agent':<16}{'utility':>8}{'agreed':>8}{'pareto':>8}{'nash':>8}{'games':>7}")
        for k, (agent, u, agreed, pareto, nash, n) in enumerate(ranking(at), 1):
            print(f"  {k:>2} {short(agent):<16}{u:>8.3f}{agreed:>8.0%}{pareto:>8.3f}{nash:>8.3f}{n:>7}")
        print("(b) head to head: our agent's mean utility minus the other's (games between the two)")
        others = [a for a in agents]
        print("  " + f"{'':<10}" + "".join(f"{short(o)[:9]:>10}" for o in others))
        for mine in ours:
            h = head_to_head(at, mine)
            cells = "".join(f"{h[o][0] - h[o][1]:>+10.3f}" if o in h else f"{'':>10}" for o in others)
            print(f"  {short(mine):<10}" + cells)
        print("(c) self-play agreement on domains with a zone of agreement")
        print("  " + "  ".join(f"{short(a)}:{share:.0%}/{n}" for a, (share, n) in self_play(at, zones).items()))
    print()
    bad = bad_acceptances(games, {d.name: d.reservation for d in domains}, ours)
    print(f"(d) acceptances below reservation or early near-worthless by our agents: {len(bad)}")
    for line in bad[:20]:
        print("  " + line)
    print("(e) mean seconds per game against Aspiration (either order) and Aspiration against itself")
    times: dict[tuple[str, int], list[float]] = defaultdict(list)
    for g in games:
        if "Aspiration" in (g.a, g.b):
            other = g.b if g.a == "Aspiration" else g.a
            times[(other, g.rounds)].append(g.seconds)
    for (agent, r), secs in sorted(times.items()):
        if agent in ours or agent == "Aspiration":
            print(f"  {short(agent):<16}{r:>4} rounds {np.mean(secs):>8.3f} s")
    errors: list[Game] = [g for g in games if g.error]
    if errors:
        print(f"errors in {len(errors)} games, e.g.: " + "; ".join(sorted({g.error for g in errors})[:5]))
    print(f"total {time.perf_counter() - start:.0f} s, {len(games)} games")


if __name__ == "__main__":
    main()

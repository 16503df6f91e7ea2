"""Does every pairing of the built-in AIs reach a ratified agreement where a deal exists?

For each scenario (the shipped ones, and with --generated DIR the generated ones: bench/generated.py),
every ordered pairing of the agents plays --seeds games (`game.report.instructor.simulate`, the same
games `analyze --simulate` plays). Prints per scenario the share of pairings that ratify in most of
their games, then each pairing that does not, with analyze's reason.

Run: PYTHONPATH=. .venv/bin/python bench/bench_deadlock.py [--seeds 3] [--agents ai:easy,ai:hard]
     [--jobs 2] [--generated DIR] [SCENARIO ...]
Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from game.agents.registry import names
from game.analysis.outcomes import analyze
from game.paths import SCENARIO_DIR
from game.report.instructor import LOW_AGREEMENT, simulate
from game.scenario.json_schema import scenario_files
from game.scenario.loader import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenario files (default: every shipped scenario)")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--agents", help="comma-separated agents (default: every built-in but ai:random)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--generated", metavar="DIR", help="also every gen-*.yaml in DIR")
    args = parser.parse_args()
    agents = args.agents.split(",") if args.agents else [a for a in names() if a != "ai:random"]
    files = [Path(f) for f in args.scenarios] or scenario_files(SCENARIO_DIR)
    if args.generated:
        files += sorted(Path(args.generated).glob("gen-*.yaml"))
    print(f"{len(agents)} agents ({', '.join(agents)}), {args.seeds} seeds per ordered pairing")
    for file in files:
        scenario, _ = load_scenario(str(file))
        if not analyze(scenario).zopa:
            print(f"\n{file.name}: no zone of agreement; skipped")
            continue
        started = time.perf_counter()
        sim = simulate(str(file), agents, args.seeds, jobs=args.jobs)
        spent = time.perf_counter() - started
        good = [p for p in sim.pairings if p.ratified >= LOW_AGREEMENT]
        print(
            f"\n{file.name}: {len(good)}/{len(sim.pairings)} pairings ratify in most games; "
            f"{sim.agreement_rate:.0%} of {sim.games} games ratified ({spent:.0f} s)"
        )
        for p in sim.pairings:
            if p.ratified < LOW_AGREEMENT:
                print(f"  {p.first} v {p.second}: ratified {p.ratified:.0%}, agreed {p.agreed:.0%}: {p.why}")


if __name__ == "__main__":
    main()

"""Time analyze(): the tiny fixture, the shipped April 1990 scenario, and generated 10-issue spaces.

Run: PYTHONPATH=. .venv/bin/python bench/bench_analysis.py [runs]
Prints the median wall time over `runs` runs (default 5) after one warm-up run, with the sizes found.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from game.analysis.outcomes import Analysis, analyze, analyze_preferences
from game.scenario.loader import load_scenario
from game.scenario.preferences import Preferences

ROOT = Path(__file__).resolve().parents[1]


def median_time(run: Callable[[], Analysis], runs: int) -> tuple[float, Analysis]:
    result = run()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def generated(issues: int, levels: int, seed: int, opposed: bool) -> tuple[Preferences, Preferences]:
    """Random weights, and random tables or (`opposed`) linear tables pulling opposite ways."""
    rng = np.random.default_rng(seed)
    sides = []
    for side in range(2):
        weights = rng.uniform(0.1, 1.0, issues)
        if opposed:
            up = np.linspace(0.0, 1.0, levels)
            tables = tuple((up if side == 0 else up[::-1].copy()) for _ in range(issues))
        else:
            tables = tuple(rng.uniform(0.0, 1.0, levels) for _ in range(issues))
        # Each side accepts all but its levels // 4 worst levels, so the red lines leave a zone on each issue.
        red_lines = tuple(int(np.argsort(t, kind="stable")[levels // 4]) for t in tables)
        zeros = tuple(0 for _ in range(issues))
        sides.append(Preferences(weights / weights.sum(), tables, red_lines, 0.3, zeros, zeros))
    return sides[0], sides[1]


def report(name: str, seconds: float, a: Analysis) -> None:
    print(
        f"{name:<34} {seconds * 1000:9.2f} ms   packages {a.total_packages:.3g}, "
        f"frontier {len(a.frontier)} points / {a.pareto_packages} packages, "
        f"zone {a.zone_packages:.3g} packages / frontier {len(a.zone_frontier)}, zopa {a.zopa}"
    )


def main(runs: int = 5) -> None:
    print(f"analyze(): median of {runs} runs")
    for path in (ROOT / "tests" / "fixtures" / "tiny.yaml", ROOT / "scenarios" / "april-1990.yaml"):
        if not path.exists():
            print(f"{path.name:<34} (not found, skipped)")
            continue
        scenario = load_scenario(str(path))[0]
        seconds, a = median_time(partial(analyze, scenario), runs)
        report(path.name, seconds, a)
    for opposed in (False, True):
        us, ussr = generated(10, 10, seed=1990, opposed=opposed)
        seconds, a = median_time(partial(analyze_preferences, us, ussr), runs)
        report(f"10 issues x 10 levels ({'opposed' if opposed else 'random'})", seconds, a)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)

"""Random scenarios for benchmarks: unseen negotiations with a zone of agreement both legislatures ratify.

`scenario(seed)` builds the data of one scenario (3-8 issues of every kind, random weights, value
tables, red lines that overlap on each issue, 1-4 meetings, domestic constituencies, a few arguments
and sometimes an event); the same seed always gives the same file. `write_scenarios(directory, seeds)`
writes `gen-SEED.yaml` for each seed and keeps it only if its zone of agreement holds a point on the
zone's Pareto frontier that both sides prefer to no deal by 0.05 and that both legislatures support by
0.06 over their thresholds (`ratifiable_zone`); the others are deleted, as the seeds that made no
such scenario. Seeds 100-113 give 12 scenarios (102 has no zone of agreement, 106 no ratifiable point).

Run: PYTHONPATH=. .venv/bin/python bench/generated.py DIR [--seeds 100-113]
writes the scenarios into DIR (which must exist) and says which seeds were kept; then
`python main.py validate DIR/*.yaml` checks them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from game.analysis.outcomes import analyze
from game.engine.rules import Rules
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side

DEFAULT_SEEDS = range(100, 114)

Data = dict[str, Any]


def make_issue(rng: np.random.Generator, i: int) -> tuple[Data, list[Any]]:
    """An issue of a random kind, and its levels."""
    kind = rng.choice(["numeric", "numeric", "options", "yesno"], p=[0.45, 0.15, 0.3, 0.1])
    if kind == "numeric":
        n = int(rng.integers(3, 13))
        step = int(rng.choice([5, 10, 50, 100]))
        lo = int(rng.integers(0, 10)) * step
        issue = {"id": f"i{i}", "kind": "numeric", "name": f"Issue {i}", "description": "d"}
        issue |= {"min": lo, "max": lo + step * (n - 1), "step": step, "unit": "u"}
        return issue, [lo + step * k for k in range(n)]
    if kind == "options":
        n = int(rng.integers(3, 6))
        opts = [f"opt{k}" for k in range(n)]
        return {"id": f"i{i}", "kind": "options", "name": f"Issue {i}", "description": "d", "options": opts}, opts
    return {"id": f"i{i}", "kind": "yesno", "name": f"Issue {i}", "description": "d"}, [False, True]


def position(
    rng: np.random.Generator, levels: list[Any], kind: str, direction: str, table_mode: bool
) -> tuple[Data, np.ndarray]:
    """One side's position on an issue (a value table or a direction, and an opening at its best
    level), and its utility per level."""
    n = len(levels)
    pos: Data = {}
    if table_mode and kind == "options":
        # a random shape, peaked somewhere
        peak = int(rng.integers(n))
        vals = np.array([1.0 - abs(k - peak) / max(peak, n - 1 - peak) for k in range(n)])
        vals = np.clip(vals + rng.normal(0, 0.1, n), 0, 1)
        vals = vals / vals.max()
        util = vals
        pos["values"] = {levels[k]: round(float(util[k]), 3) for k in range(n)}
    elif table_mode and kind == "numeric":
        # concave or convex, interpolated through the middle level
        mid = round(float(rng.uniform(0.2, 0.8)), 2)
        ends = (0.0, 1.0) if direction == "higher" else (1.0, 0.0)
        pos["values"] = {levels[0]: ends[0], levels[n // 2]: mid, levels[-1]: ends[1]}
        xs = [float(x) for x in levels]
        util = np.interp(xs, [float(levels[0]), float(levels[n // 2]), float(levels[-1])], [ends[0], mid, ends[1]])
    else:
        pos["prefers"] = direction
        up = np.linspace(0, 1, n)
        util = up if direction == "higher" else up[::-1]
    order = np.argsort(-util, kind="stable")
    pos["opening"] = levels[int(order[0])]
    return pos, util


def scenario(seed: int) -> Data:
    """The data of the scenario `gen-SEED`, ready for `yaml.safe_dump`."""
    rng = np.random.default_rng(seed)
    n_issues = int(rng.integers(3, 9))
    issues, levels = [], []
    for i in range(n_issues):
        issue, lv = make_issue(rng, i)
        issues.append(issue)
        levels.append(lv)
    utils: dict[str, list[np.ndarray]] = {"us": [], "ussr": []}
    positions: dict[str, Data] = {"us": {}, "ussr": {}}
    for i, issue in enumerate(issues):
        integrative = rng.random() < 0.15
        dir_us = "higher" if rng.random() < 0.5 else "lower"
        dir_ussr = dir_us if integrative else ("lower" if dir_us == "higher" else "higher")
        for s, d in (("us", dir_us), ("ussr", dir_ussr)):
            table_mode = rng.random() < 0.3
            pos, util = position(rng, levels[i], issue["kind"], d, table_mode)
            pos["weight"] = round(float(rng.uniform(0.5, 4.0)), 2)
            utils[s].append(util)
            positions[s][issue["id"]] = pos
    # Red lines overlap on every issue: pick a level both accept, then each side's red line at a level no
    # better for it than that one (sometimes its very worst: no constraint), never better than its opening.
    for i, issue in enumerate(issues):
        n = len(levels[i])
        common = int(rng.integers(n))
        for s in ("us", "ussr"):
            u = utils[s][i]
            pos = positions[s][issue["id"]]
            o = levels[i].index(pos["opening"])
            candidates = [k for k in range(n) if u[k] <= u[common] + 1e-9]
            r = int(np.argmin(u)) if rng.random() < 0.25 else int(rng.choice(candidates))
            if u[r] > u[o]:
                r = o
            pos["red_line"] = levels[i][r]
            between = [k for k in range(n) if u[r] - 1e-9 <= u[k] <= u[o] + 1e-9]
            pos["target"] = levels[i][int(rng.choice(between))]
    meetings = []
    n_meetings = int(rng.integers(1, 5))
    for m in range(n_meetings):
        meetings.append(
            {
                "id": f"m{m}",
                "title": f"Meeting {m}",
                "date": f"1990-0{m + 4}-0{m + 1}",
                "exchanges": int(rng.integers(4, 17)),
            }
        )
    sides = {}
    for s in ("us", "ussr"):
        domestic: Data = {
            "body": "Body " + s,
            "threshold": round(float(rng.uniform(0.5, 0.67)), 2),
            "support_at_worst": round(float(rng.uniform(0.15, 0.55)), 2),
            "support_at_best": round(float(rng.uniform(0.8, 1.0)), 2),
        }
        if rng.random() < 0.5:
            domestic["weights"] = {issue["id"]: round(float(rng.uniform(0, 3)), 2) for issue in issues}
            if sum(domestic["weights"].values()) == 0:
                domestic["weights"][issues[0]["id"]] = 1.0
        sides[s] = {
            "name": s.upper(),
            "short": s.upper(),
            "members": [{"name": f"Lead {s}", "role": "r", "lead": True}],
            "brief": "b",
            "no_deal": round(float(rng.uniform(0.05, 0.5)), 2),
            "trust": round(float(rng.uniform(0.3, 0.7)), 2),
            "positions": positions[s],
            "domestic": domestic,
        }
    arguments = []
    for s in ("us", "ussr"):
        for k in range(int(rng.integers(0, 3))):
            targets = [issues[int(rng.integers(n_issues))]["id"]]
            effect = round(float(rng.uniform(0.05, 0.3)), 2)
            arguments.append(
                {"id": f"a-{s}-{k}", "side": s, "title": "t", "text": "x", "targets": targets, "effect": effect}
            )
    events = []
    if n_meetings > 1 and rng.random() < 0.6:
        side = str(rng.choice(["us", "ussr"]))
        support = round(float(rng.uniform(-0.05, 0.05)), 3)
        events.append(
            {
                "id": "e1",
                "title": "News",
                "news": "Something happens.",
                "trigger": {"meeting": f"m{n_meetings - 1}"},
                "effects": [{"side": side, "support": support, "trust": 0.05}],
            }
        )
    return {
        "format_version": 1,
        "meta": {"id": f"gen-{seed}", "title": f"Generated {seed}", "date": "1990-04-01", "summary": "s"},
        "calendar": {
            "first_to_move": str(rng.choice(["us", "ussr"])),
            "meetings": meetings,
            "deadline": {"title": "Summit", "date": "1990-12-01"},
        },
        "issues": issues,
        "sides": sides,
        "arguments": arguments,
        "events": events,
    }


def ratifiable_zone(path: str | Path) -> tuple[bool, str]:
    """Whether the scenario's zone of agreement holds a point on its Pareto frontier that both sides
    prefer to no deal by 0.05 and both legislatures support by 0.06 over their thresholds; and why."""
    sc, _ = load_scenario(str(path))
    a = analyze(sc)
    if not a.zopa:
        return False, "no zone of agreement"
    rules = Rules(sc)
    state = rules.initial(0)
    good = 0
    for j in range(len(a.zone_frontier)):
        p = a.zone_frontier.package(j)
        good += all(
            rules.support(state, side, p) >= rules.side_model(side).domestic.threshold + 0.06
            and rules.base[side].utility(p) >= rules.base[side].no_deal + 0.05
            for side in Side
        )
    return good > 0, f"{good} ratifiable frontier points of {len(a.zone_frontier)}"


def write_scenarios(
    directory: str | Path,
    seeds: Iterable[int] = DEFAULT_SEEDS,
    *,
    count: int | None = None,
    report: Callable[[int, bool, str], None] | None = None,
) -> list[Path]:
    """Write `gen-SEED.yaml` into `directory` for each seed in turn, keep those `ratifiable_zone` accepts
    (delete the others), stop after `count` kept if given, and return the paths kept.
    `report(seed, kept, why)` is called for every seed tried."""
    out: list[Path] = []
    for seed in seeds:
        if count is not None and len(out) >= count:
            break
        path = Path(directory) / f"gen-{seed}.yaml"
        path.write_text(yaml.safe_dump(scenario(seed), sort_keys=False, allow_unicode=True))
        try:
            kept, why = ratifiable_zone(path)
        except Exception as exc:  # a scenario the generator got wrong is a seed without a scenario
            kept, why = False, f"error {type(exc).__name__}: {exc}"
        if kept:
            out.append(path)
        else:
            path.unlink()
        if report is not None:
            report(seed, kept, why)
    return out


def parse_seeds(text: str) -> list[int]:
    """'100-113' or '100,104,110-112' as a list of seeds."""
    seeds: list[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        seeds += range(int(first), int(last) + 1) if dash else [int(first)]
    return seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seeds", type=parse_seeds, default=list(DEFAULT_SEEDS), help="default 100-113")
    args = parser.parse_args()

    def report(seed: int, kept: bool, why: str) -> None:
        print(f"{'kept' if kept else 'drop'} gen-{seed}: {why}")

    paths = write_scenarios(args.directory, args.seeds, report=report)
    print(f"{len(paths)} scenarios in {args.directory}")


if __name__ == "__main__":
    main()

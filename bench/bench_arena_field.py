"""The arena's full round robin for one agent under test, with the rest of the field's games kept.

`bench_arena.py --focus` plays only the focused agents' games, so its ranking compares our agent's
mean over all its opponents with each opponent's mean over its games against ours only. This command
ranks over the whole round robin (every pair of the field, both orders) at a fraction of its cost:
the games of the field without the agent under test are played once per domain set and kept in a
file (`--cache`, default under /tmp), and only the agent's own games (both orders against each, and
self-play) are played on each run. Change the agent, run again: the same field games, fresh games of
the agent. The ANAC ports draw at random unseeded, so run twice to see the noise.

Run (needs `pip install -e '.[arena]'`):
    PYTHONPATH=bench:. nice .venv/bin/python bench/bench_arena_field.py [--agent ai:hard]
        [--seeds 1-8] [--issues 3-5] [--values 2-8] [--scenarios warm-up,stray-missile]
        [--rounds 100,H] [--save games.pkl]

Prints per horizon the ranking by mean utility, the agent's head-to-head row (its mean utility minus
the other's, worst first), its agreement rate and self-play agreement where a zone exists, and its
acceptances below reservation or early and near-worthless. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from arena import FIELD, Game, Geometry, bad_acceptances, head_to_head, play, ranking, short
from bench_arena import numbers, span
from domains import ArenaDomain, from_scenario, generated, horizon


def field_games(domains: list[ArenaDomain], field: list[str], rounds: list[int], cache: Path) -> list[Game]:
    """Every game between two agents of `field` (both orders; no self-play), from `cache` if kept."""
    if cache.exists():
        games: list[Game] = pickle.loads(cache.read_bytes())
        return games
    start = time.perf_counter()
    out = []
    for d in domains:
        geometry = Geometry.of(d)
        for r in rounds:
            out += [play(d, geometry, a, b, r) for a in field for b in field if a != b]
        print(f"  field on {d.name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agent", default="ai:hard", help="the agent under test (default ai:hard)")
    parser.add_argument("--seeds", type=numbers, default=numbers("1-8"), help="generated domains (default 1-8)")
    parser.add_argument("--issues", type=span, default=(3, 5), help="issues per generated domain (default 3-5)")
    parser.add_argument("--values", type=span, default=(2, 8), help="values per issue (default 2-8)")
    parser.add_argument("--scenarios", default="warm-up,stray-missile", help="our scenarios ('' for none)")
    parser.add_argument("--rounds", default="100,H", help="horizons in rounds; H: our scenarios' (default 100,H)")
    parser.add_argument("--cache", default="", help="file of the field's games (default: one per domain set in /tmp)")
    parser.add_argument("--save", default="", help="write the agent's games to this pickle file")
    args = parser.parse_args()

    rounds = [horizon("scenarios/april-1990.yaml") if r == "H" else int(r) for r in args.rounds.split(",")]
    domains = [generated(s, args.issues, args.values) for s in args.seeds]
    domains += [from_scenario(f"scenarios/{name}.yaml") for name in args.scenarios.split(",") if name]
    me = args.agent
    field = [a for a in FIELD if a != me]
    key = repr((args.seeds, args.issues, args.values, args.scenarios, rounds, field)).encode()
    cache = Path(args.cache or Path(tempfile.gettempdir()) / f"arena-field-{hashlib.sha1(key).hexdigest()[:12]}.pkl")
    others = field_games(domains, field, rounds, cache)

    start = time.perf_counter()
    mine = []
    for d in domains:
        geometry = Geometry.of(d)
        for r in rounds:
            for o in field:
                mine += [play(d, geometry, me, o, r), play(d, geometry, o, me, r)]
            mine.append(play(d, geometry, me, me, r))
    print(f"{me}: {len(mine)} games in {time.perf_counter() - start:.0f} s; field games from {cache}")
    if args.save:
        Path(args.save).write_bytes(pickle.dumps(mine))
    zones = {d.name: d.zone() for d in domains}
    for r in rounds:
        at = [g for g in others + mine if g.rounds == r]
        rows = ranking(at)
        print(f"=== {r} rounds ===")
        print("  " + "  ".join(f"{k}.{short(a)[:12]} {u:.3f}" for k, (a, u, *_) in enumerate(rows, 1)))
        agreed = next(row[2] for row in rows if row[0] == me)
        h = sorted(head_to_head(at, me).items(), key=lambda kv: kv[1][0] - kv[1][1])
        print(f"  {short(me)} head to head: " + " ".join(f"{short(o)[:10]} {x - y:+.3f}" for o, (x, y, _) in h))
        sp = [g.agreed for g in mine if g.rounds == r and g.a == g.b and zones[g.domain]]
        print(f"  agreed {agreed:.0%}; self-play {np.mean(sp):.0%} of {len(sp)}")
    bad = bad_acceptances(mine, {d.name: d.reservation for d in domains}, [me])
    print(f"acceptances below reservation or early near-worthless: {len(bad)}")
    for line in bad[:10]:
        print("  " + line)


if __name__ == "__main__":
    main()

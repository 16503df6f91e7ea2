"""What a request to a plug-in's process costs to write and to read: `act` with the observation, and
`reset` with the generator, as JSON (`game.agents.plugin_codec`, what the game sends) and as the
pickle the game sent before (measured here only, for comparison: the game never pickles a request).

Run: python bench/bench_plugin_wire.py [--scenario ID ...] [--rounds N]

For each scenario (default: every shipped one), the observations of one game (ai:boulware v
ai:conceder, seed 3, the side to move at each turn, in order), each written and read `--rounds`
times. Prints, per scenario, the mean and the largest request in bytes and the mean microseconds
per request of writing and reading (and both), for JSON and for pickle. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.agents.plugin_codec import Reset, act_request, read_request, reset_request  # noqa: E402
from game.agents.registry import make  # noqa: E402
from game.engine.observation import Observation  # noqa: E402
from game.engine.rules import Rules  # noqa: E402
from game.match import Match  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.scenario.preferences import Side  # noqa: E402


def observations(rules: Rules, seed: int = 3) -> list[Observation]:
    """What the side to move saw at each turn of one game between built-in strategies."""
    match = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, seed)
    seen = []
    while not match.state.over:
        seen.append(rules.observe(match.state, match.state.to_move))
        match.step()
    return seen


def per_request(
    items: list[Any], write: Callable[[Any], bytes], read: Callable[[bytes], object], rounds: int
) -> tuple[float, float]:
    """Mean seconds to write one request, and to read one back."""
    written = [write(item) for item in items]
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            write(item)
    write_s = (time.perf_counter() - start) / (rounds * len(items))
    start = time.perf_counter()
    for _ in range(rounds):
        for data in written:
            read(data)
    read_s = (time.perf_counter() - start) / (rounds * len(items))
    return write_s, read_s


def _pickled(request: object) -> bytes:
    return pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)


def _json_generator(data: bytes) -> np.random.Generator:
    """As the worker reads a reset: the request, then the generator rebuilt from its state."""
    request = read_request(data)
    assert isinstance(request, Reset)
    return request.rng.generator()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shipped = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    parser.add_argument("--scenario", nargs="*", default=shipped, help="scenario ids (default: every shipped one)")
    parser.add_argument("--rounds", type=int, default=20, help="times each observation is written and read")
    args = parser.parse_args()

    print(f"act: one request per observation of a game, {args.rounds} times; microseconds per request")
    print(f"{'scenario':<24}{'obs':>5}{'format':>8}{'bytes':>8}{'max':>8}{'write':>8}{'read':>8}{'both':>8}")
    for scenario in args.scenario:
        seen = observations(Rules(load_scenario(scenario)[0]))
        formats: list[tuple[str, Callable[[Any], bytes], Callable[[bytes], object]]] = [
            ("json", act_request, read_request),
            ("pickle", lambda obs: _pickled(("act", obs)), pickle.loads),
        ]
        for name, write, read in formats:
            sizes = [len(write(obs)) for obs in seen]
            write_s, read_s = per_request(seen, write, read, args.rounds)
            print(
                f"{scenario:<24}{len(seen):>5}{name:>8}{sum(sizes) // len(sizes):>8}{max(sizes):>8}"
                f"{1e6 * write_s:>8.0f}{1e6 * read_s:>8.0f}{1e6 * (write_s + read_s):>8.0f}"
            )

    generators = [np.random.default_rng(seed) for seed in range(100)]
    print()
    print("reset: one request per generator (PCG64, as the match makes them); microseconds per request")
    for name, write, read in (
        ("json", lambda rng: reset_request(Side.US, rng), _json_generator),
        ("pickle", lambda rng: _pickled(("reset", Side.US, rng)), pickle.loads),
    ):
        write_s, read_s = per_request(generators, write, read, args.rounds)
        print(f"  {name:<8} write {1e6 * write_s:.0f}, read {1e6 * read_s:.0f}, both {1e6 * (write_s + read_s):.0f}")


if __name__ == "__main__":
    main()

"""What saving costs: a move appended to a game's journal, a whole game written and loaded, a folder of
saves listed for the Load screen, and how fast hostile files are refused.

Run: python bench/bench_saves.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.agents.registry import make  # noqa: E402
from game.engine.rules import Rules  # noqa: E402
from game.errors import SaveFormatError  # noqa: E402
from game.match import Match  # noqa: E402
from game.record import save, slots  # noqa: E402
from game.record.journal import Journal  # noqa: E402
from game.record.scenario_copy import scenario_source  # noqa: E402
from game.scenario.preferences import Side  # noqa: E402


def timed(run: object, repeat: int = 5) -> float:
    """Median seconds of `run()`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-saves-"))
    scenario, copy = scenario_source("april-1990")
    rules = Rules(scenario)
    match = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:linear")}, 3)
    journal = Journal(folder / "game.yaml", save.new_header(scenario, copy, 3, {}), copy, rules.space)
    journal.follow(match.state)
    appends = []
    while not match.state.over:
        state = match.step()
        started = time.perf_counter()
        journal.follow(state)
        appends.append(time.perf_counter() - started)
    moves = len(match.state.moves)
    size = journal.path.stat().st_size
    print(f"april-1990 game: {moves} moves, save {size / 1000:.0f} kB (its scenario copy included)")
    print(
        f"  journal: median {1000 * statistics.median(appends):.2f} ms per move (append + fsync), "
        f"max {1000 * max(appends):.2f} ms, first {1000 * appends[0]:.2f} ms, last {1000 * appends[-1]:.2f} ms"
    )
    rewrite = timed(lambda: journal.rewrite(match.state))
    print(f"  a whole rewrite (what each move cost before): {1000 * rewrite:.2f} ms")
    print(
        f"  load (parse, check the copy, replay {moves} moves): {1000 * timed(lambda: save.load(journal.path)):.0f} ms"
    )

    for n in (20, 200):
        many = folder / f"many{n}"
        many.mkdir()
        for i in range(n):
            (many / f"g{i}.yaml").write_bytes(journal.path.read_bytes())
        listing = timed(lambda: [slots.summary(p) for p in slots.list_saves(many)], 3)  # noqa: B023
        print(f"list {n} saves from their headers: {1000 * listing:.0f} ms")

    huge = folder / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(100_000_000)
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (huge, fifo, Path("/dev/zero")):

        def refuse(p: Path = path) -> None:
            try:
                save.load(p)
            except SaveFormatError:
                return
            raise AssertionError(p)

        print(f"refuse {path.name}: {1e6 * timed(refuse):.0f} us")


if __name__ == "__main__":
    main()

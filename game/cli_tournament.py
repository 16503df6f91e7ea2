"""`python main.py tournament`: a round robin on the command line, with a progress bar on a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from game.cli_plugins import note_confinement
from game.i18n import tr, trn


def agent_list(text: str) -> list[str]:
    return [a.strip() for a in text.split(",") if a.strip()]


def cmd_tournament(args: argparse.Namespace) -> int:
    import json
    import time

    from game.agents.registry import names
    from game.tournament import run_tournament
    from game.tournament_text import format_text

    agents = agent_list(args.agents) if args.agents is not None else names()
    note_confinement(agents)
    jobs = args.jobs if args.jobs is not None else max(1, os.cpu_count() or 1)
    pairings = len(agents) ** 2 - (0 if args.self_play else len(agents))
    total = max(0, pairings) * args.games
    bar = progress_bar(total)
    started = time.perf_counter()
    try:
        result = run_tournament(
            args.scenario,
            agents,
            args.games,
            jobs=jobs,
            seed=args.seed,
            time_budget=args.time_budget,
            self_play=args.self_play,
            progress=bar.update if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.close()
    spent = time.perf_counter() - started
    played = trn("Played {n} game", "Played {n} games", len(result.results))
    print(
        played + trn(" on {n} process", " on {n} processes", jobs) + tr(" in {seconds} s", seconds=f"{spent:.1f}"),
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_text(result, pairings=args.pairings))
    return 0


def progress_bar(total: int) -> Any:
    """A progress bar on stderr when it is a terminal (tqdm); None otherwise, or without tqdm."""
    if total <= 0 or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after the bar exists
    return tqdm(total=total, unit="game", file=sys.stderr, dynamic_ncols=True, leave=False)

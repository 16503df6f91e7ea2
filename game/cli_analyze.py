"""`analyze`'s answers to an instructor's questions (ratification odds, personas' lines, --simulate N)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from game.cli_numbers import games_type, jobs_type
from game.i18n import tr, trn
from game.report.scenario import ScenarioReport

DEFAULT_AGENTS = ("ai:easy", "ai:normal", "ai:hard")


def add_simulate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--simulate",
        type=games_type,
        metavar="N",
        help=tr(
            "also play N games per ordered pairing of the built-in agents (easy, normal, hard; see --agents): "
            "how often each ending happens and each event fires, agreement rate and distance to the frontier"
        ),
    )
    parser.add_argument(
        "--agents",
        metavar="LIST",
        help=tr("comma-separated agents for --simulate (default: {agents})", agents=",".join(DEFAULT_AGENTS)),
    )
    parser.add_argument("--jobs", type=jobs_type, metavar="K", help=tr("worker processes for --simulate"))


def instructor_findings(result: ScenarioReport, args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    """The instructor's section as text and as data; plays the simulated games if asked."""
    from game.cli_tournament import agent_list, progress_bar
    from game.engine.rules import Rules
    from game.report.instructor import instructor_json, instructor_text, simulate
    from game.scenario.loader import resolve

    rules = Rules(result.scenario)
    nash = None if result.analysis.nash is None else result.analysis.nash.package
    sim = None
    if args.simulate:
        agents = agent_list(args.agents) if args.agents else list(DEFAULT_AGENTS)
        jobs = args.jobs if args.jobs is not None else max(1, os.cpu_count() or 1)
        bar = progress_bar(len(agents) ** 2 * args.simulate)
        try:
            sim = simulate(
                str(resolve(args.scenario)), agents, args.simulate, jobs=jobs, progress=bar.update if bar else None
            )
        finally:
            if bar is not None:
                bar.close()
        print(trn("Simulated {n} game", "Simulated {n} games", sim.games), file=sys.stderr)
    zone = result.analysis.zone_frontier.packages
    return instructor_text(rules, nash, zone, sim), instructor_json(rules, nash, zone, sim)

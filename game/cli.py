"""Cruise Control: a negotiation game about the 1990 START talks on cruise missiles.

The command line is the headless client of the engine, and the launcher of the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.errors import CruiseControlError, Severity

if TYPE_CHECKING:
    from game.engine.rules import Rules


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import check_text, read_text, resolve
    from game.scenario.zopa_warnings import zopa_warnings

    failed = False
    for name in args.files:
        path = resolve(name)
        try:
            text = read_text(path)
        except CruiseControlError as exc:
            print(exc)
            failed = True
            continue
        scenario, diagnostics = check_text(text, str(path))
        if scenario is not None:
            diagnostics = zopa_warnings(scenario, str(path), text)
        for d in diagnostics:
            print(d)
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        failed = failed or bool(errors)
        if not errors:
            warn = len(diagnostics)
            print(f"{path}: ok" + (f" ({warn} warning{'s' * (warn != 1)})" if warn else ""))
    return 1 if failed else 0


def _rules(name: str) -> tuple[Rules, str, str]:
    """The rules of a scenario given by id or file, the hash of its text, and its file."""
    from game.engine.rules import Rules
    from game.scenario.loader import load_scenario, resolve

    scenario, digest = load_scenario(name)
    return Rules(scenario), digest, str(resolve(name))


def cmd_run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.agents.registry import make
    from game.match import Match
    from game.record import save
    from game.record.transcript import transcript
    from game.scenario.preferences import Side

    rules, digest, file = _rules(args.scenario)
    specs = {Side.US: args.us, Side.USSR: args.ussr}
    match = Match(rules, {side: make(spec) for side, spec in specs.items()}, args.seed, time_budget=args.time_budget)
    state = match.play()
    sys.stdout.write(transcript(rules, state))
    if args.save:
        players = {side.value: spec for side, spec in specs.items()}
        header = save.new_header(rules.scenario.meta.id, digest, file, args.seed, players)
        save.write(Path(args.save), save.Record(header, state.moves), rules)
        print(f"Saved to {args.save}", file=sys.stderr)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.record import save
    from game.record.transcript import transcript

    _, rules, state = save.load(Path(args.save))
    sys.stdout.write(transcript(rules, state))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    print(
        "The game window (title screen, briefing, negotiating table, debrief) is not built yet.\n"
        "Play headless meanwhile:  python main.py run --scenario april-1990 --us ai:boulware --ussr ai:conceder\n"
        "See every command:        python main.py --help"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cruise-control", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check scenario files; errors as file:line:column")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("play", help="open the game window (the default when no command is given)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("run", help="play a whole game headless and print the transcript")
    p.add_argument("--scenario", default="april-1990", help="scenario id or file (default: april-1990)")
    p.add_argument("--us", default="ai:boulware", metavar="AGENT", help="ai:NAME or py:FILE.py:CLASS")
    p.add_argument("--ussr", default="ai:boulware", metavar="AGENT", help="ai:NAME or py:FILE.py:CLASS")
    p.add_argument("--seed", type=int, default=1990)
    p.add_argument("--save", metavar="PATH", help="write the game record here")
    p.add_argument("--time-budget", type=float, default=2.0, metavar="SECONDS", help="per move, for each agent")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("replay", help="print the transcript of a saved game")
    p.add_argument("save", metavar="SAVE")
    p.set_defaults(func=cmd_replay)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play"])
    try:
        return int(args.func(args))
    except CruiseControlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

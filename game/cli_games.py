"""`run`, `replay` and `export`: a headless game, a saved or historical game played back, a record written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.cli_plugins import note_confinement
from game.errors import CruiseControlError
from game.i18n import tr

if TYPE_CHECKING:
    from game.engine.rules import Rules
    from game.record.save import ScenarioCopy


def _rules(name: str, with_beats: bool = False) -> tuple[Rules, ScenarioCopy]:
    """The rules of a scenario given by id or file, and the copy of it a save carries."""
    from game.engine.rules import Rules
    from game.record.scenario_copy import scenario_source

    scenario, copy = scenario_source(name, with_beats)
    return Rules(scenario), copy


def cmd_run(args: argparse.Namespace) -> int:
    from game.agents.registry import make
    from game.cli_saves import open_save, play_saved
    from game.cli_sides import side_agents
    from game.match import Match
    from game.record.transcript import transcript

    rules, copy = _rules(args.scenario)
    specs = side_agents(rules.scenario, args)
    note_confinement(specs.values())
    saved = open_save(Path(args.save), rules, copy, args.seed, specs) if args.save else None
    agents = {side: make(spec) for side, spec in specs.items()}
    try:
        if saved is None:
            state = Match(rules, agents, args.seed, time_budget=args.time_budget).play()
        else:
            match = Match(saved.rules, agents, args.seed, state=saved.state, time_budget=args.time_budget)
            state = play_saved(match, saved.journal)
    except CruiseControlError:
        raise
    except Exception as exc:
        plugins = [spec for spec in specs.values() if spec.startswith("py:")]
        if not plugins:
            raise
        # The match makes an agent that raises or misbehaves forfeit; this is what it cannot catch yet.
        raise CruiseControlError(
            tr(
                "the game stopped: a plug-in agent ({agents}) broke it: {error}",
                agents=", ".join(plugins),
                error=f"{type(exc).__name__}: {exc}",
            )
        ) from None
    sys.stdout.write(transcript(saved.rules if saved else rules, state))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from game.cli_saves import say_notes
    from game.record import save
    from game.record.transcript import transcript

    if args.historical:
        return _replay_historical(args)
    if args.save_to:
        raise CruiseControlError(
            tr("--save writes a historical replay (--historical SCENARIO); a SAVE file is saved already")
        )
    if not args.save:
        raise CruiseControlError(tr("replay needs a SAVE file, or --historical SCENARIO"))
    record, rules, state = save.load(Path(args.save))
    say_notes(record, rules)
    sys.stdout.write(transcript(rules, state))
    return 0


def _replay_historical(args: argparse.Namespace) -> int:
    import time

    from game.agents.registry import make
    from game.cli_saves import open_save, play_saved
    from game.cli_sides import check_spec, side_of
    from game.match import Match
    from game.record.historical import historical_opponent, load_beats, replay_states, replay_text, take_over
    from game.record.transcript import transcript
    from game.scenario.preferences import Side

    rules, copy = _rules(args.historical, with_beats=bool(args.save_to))
    beats = load_beats(args.historical, rules.scenario)
    if args.take_over is None:
        for chunk in replay_text(rules, beats, args.seed).split("\n\n"):
            print(chunk, end="\n\n", flush=True)
            time.sleep(args.delay)
        if args.save_to:
            # Saved as history left it, each side with its historical negotiator to play on.
            players = {side: historical_opponent(rules.scenario, beats, side) for side in Side}
            state = replay_states(rules, beats, args.seed)[-1]
            saved = open_save(Path(args.save_to), rules, copy, args.seed, players, state, len(beats))
            print(tr("Saved to {path}", path=saved.journal.path), file=sys.stderr)
        return 0
    side = side_of(rules.scenario, args.side or rules.scenario.side_ids[0])
    check_spec(rules.scenario, side, args.player)
    start = take_over(rules, beats, args.take_over, args.seed, side)
    agents = {side: make(args.player), side.other: make(start.opponent)}
    print(
        tr(
            "Taking over after beat {beat} as the {side} delegation ({player}), against {opponent}.",
            beat=args.take_over,
            side=rules.side_model(side).name,
            player=args.player,
            opponent=start.opponent,
        )
        + "\n",
        file=sys.stderr,
    )
    if args.save_to:
        players = start.players(args.player)
        saved = open_save(Path(args.save_to), rules, copy, start.seed, players, start.state, start.beat)
        match = Match(saved.rules, agents, start.seed, state=saved.state, time_budget=args.time_budget)
        state = play_saved(match, saved.journal)
    else:
        state = Match(rules, agents, start.seed, state=start.state, time_budget=args.time_budget).play()
    sys.stdout.write(transcript(rules, state))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from game.cli_saves import say_notes
    from game.record import save
    from game.record.export import export_record

    record, rules, state = save.load(Path(args.save))
    say_notes(record, rules)  # a move lost in flight, rules changed since: before the record, on stderr
    text = export_record(record, rules, state, args.format)
    if args.out:
        write_text(Path(args.out), text)
        print(tr("Wrote {path}", path=args.out), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CruiseControlError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None

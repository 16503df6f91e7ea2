"""The command line: the headless client of the engine, and the launcher of the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.cli_games import cmd_export, cmd_replay, cmd_run, write_text
from game.cli_numbers import beat_type, budget_type, games_type, jobs_type, seconds_type, seed_type
from game.cli_serve import add_serve
from game.cli_tournament import cmd_tournament
from game.errors import CruiseControlError, Severity
from game.i18n import LANGUAGES, N_, set_language, tr, trn
from game.safe_text import for_terminal, terminal_stdout

DESCRIPTION = N_(
    "Cruise Control: a negotiation game about the 1990 START talks on cruise missiles. The command line "
    "is the headless client of the engine, and the launcher of the window."
)

if TYPE_CHECKING:
    pass


def cmd_validate(args: argparse.Namespace) -> int:
    if args.watch:
        from game.cli_watch import watch

        return watch(args.files, lambda: validate_files(args.files))
    return 1 if validate_files(args.files) else 0


def validate_files(files: Sequence[str]) -> bool:
    """Check each file and print what is wrong; whether any has an error."""
    from game.persona_checks import persona_problems
    from game.report.instructor import persona_warnings, ratification_warnings
    from game.scenario.author_warnings import authoring_warnings
    from game.scenario.loader import check_text, read_text, resolve
    from game.scenario.zopa_warnings import zopa_warnings

    failed = False
    for name in files:
        path = resolve(name)
        try:
            text = read_text(path)
        except CruiseControlError as exc:
            print(exc)
            failed = True
            continue
        scenario, diagnostics = check_text(text, str(path))
        if scenario is not None:
            diagnostics = persona_problems(scenario, str(path), text) + zopa_warnings(scenario, str(path), text)
            diagnostics += authoring_warnings(scenario, str(path), text) + ratification_warnings(
                scenario, str(path), text
            )
            diagnostics += persona_warnings(scenario, str(path), text)
        for d in diagnostics:
            print(d)
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        failed = failed or bool(errors)
        if not errors:
            warn = len(diagnostics)
            note = trn(" ({n} warning)", " ({n} warnings)", warn) if warn else ""
            print(tr("{path}: ok", path=path) + note)
    return failed


def cmd_analyze(args: argparse.Namespace) -> int:
    import json

    from game.cli_analyze import instructor_findings
    from game.report.scenario import report
    from game.scenario.loader import load_scenario, resolve

    scenario, _ = load_scenario(args.scenario)
    result = report(scenario, _shown(resolve(args.scenario)))
    text, data = instructor_findings(result, args)
    if args.json:
        print(json.dumps({**result.to_json(), "instructor": data}, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(result.text() + "\n" + text.rstrip("\n") + "\n")
    if args.plot:
        from game.report.plane import write_plane

        write_plane(result, Path(args.plot))
        print(tr("Wrote the utility plane to {path}", path=args.plot), file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    """A file name as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_new_scenario(args: argparse.Namespace) -> int:
    from game.scenario.starter import create

    made = create(args.name, source=args.source, title=args.title)
    shown = _shown(made.path)
    origin = tr("the commented template") if made.source is None else _shown(Path(made.source))
    print(
        tr(
            "Wrote {path}: scenario {id}, {title}, from {origin}; it validates.",
            path=shown,
            id=repr(made.scenario_id),
            title=repr(made.title),
            origin=origin,
        )
    )
    print(tr("Next: edit it, then"))
    print(f"  python main.py validate {shown}")
    print(f"  python main.py analyze {shown}")
    first, second = made.side_ids
    print(f"  python main.py run --scenario {shown} --side {first}=ai:hard --side {second}=ai:normal")
    print(tr("The guide to every key is scenarios/README.md."))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario import json_schema

    return json_schema.main(["--check"] if args.check else [])


def cmd_report(args: argparse.Namespace) -> int:
    from game.report import class_report, class_report_html, class_report_text

    result = class_report.read_games(args.saves)
    sys.stdout.write(class_report_text.format_text(result))
    if not result.rows:
        raise CruiseControlError(tr("no game could be read from the files given"))
    if args.out:
        images, note = class_report_html.plots(result)
        write_text(Path(args.out), class_report_html.format_html(result, images, note))
        print(tr("Wrote the report to {path}", path=args.out) + (f" ({note})" if note else ""), file=sys.stderr)
    if args.csv:
        try:
            class_report_text.write_csv(result, Path(args.csv))
        except OSError as exc:
            raise CruiseControlError(
                tr("cannot write {path}: {reason}", path=args.csv, reason=exc.strerror or exc)
            ) from None
        print(
            trn("Wrote {n} row to {path}", "Wrote {n} rows to {path}", len(result.rows), path=args.csv), file=sys.stderr
        )
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import main as open_window

    return open_window(args.lang)


def build_parser() -> argparse.ArgumentParser:
    from game.cli_analyze import add_simulate_options
    from game.cli_sides import add_side_options

    parser = argparse.ArgumentParser(prog="cruise-control", description=tr(DESCRIPTION))
    parser.add_argument(
        "--lang", choices=list(LANGUAGES), help=tr("the language of the window, messages, exports and reports (en, ru)")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=tr("commands"))
    p = sub.add_parser("validate", help=tr("check scenario files; errors as file:line:column"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--watch", action="store_true", help=tr("check again every time a file is saved (Ctrl-C stops)"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("play", help=tr("open the game window (the default when no command is given)"))
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("run", help=tr("play a whole game headless and print the transcript"))
    p.add_argument("--scenario", default="april-1990", help=tr("scenario id or file (default: april-1990)"))
    add_side_options(p)
    p.add_argument("--seed", type=seed_type, default=1990)
    p.add_argument(
        "--save",
        metavar="PATH",
        help=tr("write the game here as it is played; run the same command again to resume it if it was cut off"),
    )
    p.add_argument(
        "--time-budget", type=budget_type, default=2.0, metavar="SECONDS", help=tr("per move, for each agent")
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "replay",
        help=tr("print the transcript of a saved game, or replay a historical meeting (--historical april-1990)"),
    )
    p.add_argument("save", metavar="SAVE", nargs="?")
    p.add_argument("--historical", metavar="SCENARIO", help=tr("replay the meeting as it happened, beat by beat"))
    p.add_argument("--delay", type=seconds_type, default=0.0, metavar="SECONDS", help=tr("pause between beats"))
    p.add_argument("--seed", type=seed_type, default=1990)
    p.add_argument(
        "--take-over", type=beat_type, metavar="BEAT", help=tr("play on from after this beat (0: the start)")
    )
    p.add_argument(
        "--as", dest="side", metavar="SIDE", help=tr("the id of the side you take over (default: the first)")
    )
    p.add_argument("--player", default="ai:hard", metavar="AGENT", help=tr("who plays the side taken over"))
    p.add_argument(
        "--save",
        dest="save_to",
        metavar="PATH",
        help=tr("with --historical, write the game record here (to export, or to load and play on in the window)"),
    )
    p.add_argument("--time-budget", type=budget_type, default=2.0, metavar="SECONDS")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("export", help=tr("the record of conversation of a saved game, as Markdown or HTML"))
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--format", choices=("md", "html"), default="md")
    p.add_argument("--out", metavar="FILE", help=tr("write here instead of to the screen"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "analyze",
        help=tr("the outcome space of a scenario: zone of agreement, Pareto frontier, Nash point, history"),
        description=tr(
            "What an instructor needs to know about a scenario: the zone of agreement per issue, how "
            "many packages are Pareto-optimal, the Nash and Kalai-Smorodinsky points, where the historical "
            "outcome lies, and warnings (no zone of agreement, a side favoured)."
        ),
    )
    p.add_argument(
        "scenario", nargs="?", default="april-1990", metavar="SCENARIO", help=tr("id or file (default: april-1990)")
    )
    p.add_argument("--json", action="store_true", help=tr("print machine-readable JSON instead of text"))
    p.add_argument(
        "--plot", metavar="FILE.png", help=tr("also draw the utility plane to a PNG (needs matplotlib: '.[plot]')")
    )
    add_simulate_options(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "tournament",
        help=tr("play every ordered pairing of agents over N seeds and tabulate the results"),
        description=tr(
            "Every agent plays every agent (itself included) on both sides, once per seed; the table "
            "gives per agent its games, the share ending in a ratified agreement, ratifications per agreement, its "
            "mean score on each side (a column for each, headed by the side's short name), and the mean distance of "
            "the outcomes to the Pareto frontier and to the Nash point (a game without a ratified agreement counts "
            "at the no-deal point). The results do not depend on --jobs."
        ),
    )
    p.add_argument(
        "scenario", nargs="?", default="april-1990", metavar="SCENARIO", help=tr("id or file (default: april-1990)")
    )
    p.add_argument(
        "--agents",
        metavar="LIST",
        help=tr(
            "comma-separated agents, e.g. ai:boulware,ai:conceder,py:my_agent.py:MyAgent (default: every built-in)"
        ),
    )
    p.add_argument("--games", type=games_type, default=10, metavar="N", help=tr("seeds per pairing (default: 10)"))
    p.add_argument("--jobs", type=jobs_type, metavar="K", help=tr("worker processes (default: one per CPU)"))
    p.add_argument("--seed", type=seed_type, default=1990, help=tr("the first seed (default: 1990)"))
    p.add_argument(
        "--time-budget", type=budget_type, default=2.0, metavar="SECONDS", help=tr("per move, for each agent")
    )
    p.add_argument(
        "--no-self-play", dest="self_play", action="store_false", help=tr("leave out an agent against itself")
    )
    p.add_argument("--pairings", action="store_true", help=tr("also print the table per pairing (always in --json)"))
    p.add_argument("--json", action="store_true", help=tr("print machine-readable JSON instead of tables"))
    p.set_defaults(func=cmd_tournament)

    p = sub.add_parser(
        "new-scenario",
        help=tr("write a new scenario file to start from: a commented template, or a copy of a scenario"),
        description=tr(
            "Writes scenarios/NAME.yaml (or NAME itself, if it ends in .yaml): a small, complete, "
            "commented scenario that validates as it is, or with --from a copy of an existing scenario with a new "
            "id and title. Never overwrites a file."
        ),
    )
    p.add_argument("name", metavar="NAME", help=tr("the new scenario's id (my-crisis), or a file name ending in .yaml"))
    p.add_argument("--from", dest="source", metavar="SCENARIO", help=tr("copy this scenario (id or file) instead"))
    p.add_argument("--title", help=tr("its title (default: from NAME)"))
    p.set_defaults(func=cmd_new_scenario)

    p = sub.add_parser(
        "schema",
        help=tr("regenerate scenarios/scenario.schema.json and the guide's field reference from the code"),
        description=tr(
            "The JSON Schema editors use to complete and check scenario files, and the field reference "
            "in scenarios/README.md, both generated from game/scenario/schema.py."
        ),
    )
    p.add_argument("--check", action="store_true", help=tr("change nothing; exit 1 if either is out of date"))
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "report",
        help=tr("a class report over saved games: a row per game, summaries, the utility plane"),
        description=tr(
            "Replays every save given (files or folders) and reports one row per game (players, "
            "scenario, ending, scores, ratification, distance to the Pareto frontier, to the Nash point and to the "
            "historical outcome), summaries per scenario and per side, and with --out a self-contained HTML page "
            "with each scenario's utility plane. Files that are not readable saves are listed with the reason "
            "and skipped. Exit 0 if at least one game was read."
        ),
    )
    p.add_argument("saves", nargs="+", metavar="SAVE", help=tr("save files, or folders of them (saves/*.yaml)"))
    p.add_argument("--out", metavar="FILE.html", help=tr("also write the report as one HTML page"))
    p.add_argument("--csv", metavar="FILE.csv", help=tr("also write one CSV row per game"))
    p.set_defaults(func=cmd_report)
    add_serve(sub)
    return parser


def _language_asked(argv: Sequence[str] | None) -> str:
    """The --lang given, read before the parser is built: its help texts are in that language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    return known.lang if known.lang in LANGUAGES else "en"  # an unknown one: the full parser says so


def main(argv: Sequence[str] | None = None) -> int:
    set_language(_language_asked(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func = cmd_play
    try:
        with terminal_stdout():  # scenario, save and plug-in text is printed as text, never as escape codes
            return int(args.func(args))
    except CruiseControlError as exc:
        print(tr("error: {message}", message=for_terminal(exc)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

"""Command line: the headless client of the engine (and the launcher of the window)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game.errors import CruiseControlError, Severity


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cruise-control", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check scenario files; errors as file:line:column")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except CruiseControlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

"""`python main.py serve`: the class server, with what the teacher needs printed at the start."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import re
import signal
import sys
from pathlib import Path

from game.cli_numbers import ranged
from game.i18n import N_, tr, trn
from game.net.limits import MAX_OPEN

DEFAULT_PORT = 8765


def class_db(name: str) -> Path:
    from game.paths import saves_dir

    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:60] or "class"
    return saves_dir() / "classes" / f"{slug}.sqlite"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("a port is a whole number, not {text}", text=repr(text))) from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(tr("a port is from 0 to 65535 (0: any free port), not {port}", port=port))
    return port


def add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help=tr("run a class server: students join from their windows, the teacher watches a dashboard"),
        description=tr(
            "One process serves the game to every student (WebSocket) and the teacher's dashboard "
            "(a web page) on one port. Every move is kept in a database: stopped or killed, the server restarted "
            "with the same --class resumes every table, and students rejoin with their name and the class code."
        ),
    )
    p.add_argument(
        "--host",
        metavar="ADDRESS",
        help=tr("listen here only (default: this computer's LAN address; 127.0.0.1 for one machine)"),
    )
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=tr("default: {port}; 0 picks a free one", port=DEFAULT_PORT)
    )
    p.add_argument(
        "--class", dest="class_name", default="class", metavar="NAME", help=tr("the class; the same name resumes it")
    )
    p.add_argument(
        "--scenario", default="april-1990", help=tr("scenario id or file for a new class (default: april-1990)")
    )
    p.add_argument(
        "--ai", default="ai:hard", metavar="AGENT", help=tr("who plays against an odd student (ai:NAME, persona:ID)")
    )
    p.add_argument("--db", metavar="FILE", help=tr("the class's database (default: saves/classes/NAME.sqlite)"))
    p.add_argument(
        "--max-connections",
        type=ranged(int, 1, 100_000, N_("a whole number")),
        default=MAX_OPEN,
        metavar="N",
        help=tr("open connections at once, students and dashboards (default: {n})", n=MAX_OPEN),
    )
    p.add_argument(
        "--start", action="store_true", help=tr("start the talks as soon as a table is seated (no briefing wait)")
    )
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from game.agents.registry import close, make
    from game.net.classroom import Classroom
    from game.net.server import lan_address, serve
    from game.net.store import ClassStore
    from game.net.table import scenario

    close([make(args.ai)])  # a bad spec is reported now, not when the first odd student sits down
    scenario(args.scenario)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    path = Path(args.db) if args.db else class_db(args.class_name)
    store = ClassStore(path)
    if store.get("name") is None:
        store.put("name", args.class_name)
    room = Classroom(store, args.scenario, args.ai, open_play=args.start)
    host = args.host or lan_address()

    def ready(host: str, port: int) -> None:
        # everything loaded so far (the scenario, the tables replayed, the libraries) lives as long as the
        # server: kept out of the collector's full passes, which would otherwise stall every table for
        # tens of milliseconds each time
        gc.collect()
        gc.freeze()
        typed = lan_address() if host in ("0.0.0.0", "::") else host  # every address: the one others reach
        shown = f"[{typed}]" if ":" in typed else typed
        tables = len(room.tables)
        lines = [
            trn("Cruise Control class server: class {name}, {n} table so far",
                "Cruise Control class server: class {name}, {n} tables so far", tables, name=repr(room.name)),
            "  " + tr("listening on {url}", url=f"http://{shown}:{port}"),
            "  " + tr("Students: choose '{join}' and type", join=tr("Join a class")),
            "    " + tr("address     {address}", address=f"{shown}:{port}"),
            "    " + tr("class code  {code}", code=room.code),
            "  " + tr("Teacher's dashboard: {url}", url=f"http://{shown}:{port}/#t={room.teacher_token}"),
            "  " + tr("Teacher token: {token}", token=room.teacher_token),
            "  " + tr("Every move is kept in {path}; restart with --class {name} to resume.",
                      path=path, name=repr(args.class_name)),
        ]  # fmt: skip
        print("\n".join(lines), flush=True)

    async def main() -> None:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            await serve(room, host, args.port, ready, args.max_connections)

    try:
        asyncio.run(main())
    finally:
        room.write_saves()
        room.close()
        print(tr("Stopped; the saves are in {folder}", folder=room.saves_dir), flush=True)
    return 0

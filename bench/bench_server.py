"""The class server under a class: N tables of two scripted clients on loopback.

Run: PYTHONPATH=. .venv/bin/python bench/bench_server.py [--tables 60] [--think 0.05] [--games 1] [--dashboard]

Starts `python main.py serve --host 127.0.0.1 --port 0 --start` on a fresh database, joins 2N clients
(`game.net.client.Client`, the one the window uses), and each plays its side with scripted proposals
(a package a little different each time) until the deadline, then the next game at a new table if
--games > 1. A client waits about --think seconds once it is its turn (between half and one and a half
times, seeded per client: a class neither answers in a microsecond nor in step; 0 is a stress test
with every table in lockstep). Prints:
- move round trip: from a client sending its move to the server's confirmation of that move arriving
  (the server applied it through Rules.apply, committed it to SQLite and broadcast it), p50/p99/max, and
  p99 over the first four moves of a game, the middle and the last four (the end: the whole scenario to
  each seat, which replays the game on it for the debrief). Every client joins before any plays, as a
  class joins while the brief is read;
- server CPU per move: the serve process's user+system CPU time over the run, divided by the moves;
- the clients' CPU per move (each client reads its view of the game after every move of its table, and
  replays the game through Rules.apply once it is over);
- moves per second over the whole class.
Everything runs on this machine, clients included: on a shared, loaded 2-core box the numbers include
the clients' own CPU and the other programs', and say so in the note you put them in.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.moves import Accept, Move, Propose  # noqa: E402
from game.net.client import Client  # noqa: E402
from game.net.seat_copy import seat_scenario  # noqa: E402
from game.record.rules_digest import rules_digest  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.scenario.preferences import Package, Side  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


class Timed(Client):
    """A client that times each of its moves until the server's confirmation comes back."""

    sent: dict[int, float]
    trips: list[tuple[int, float]]
    """(the move's number in its game, its round trip)"""

    def _moves(self, msg: dict[str, Any]) -> None:
        start = int(msg["start"])
        now = time.perf_counter()
        for i in range(start, start + len(msg["moves"])):
            sent = self.sent.pop(i, None)
            if sent is not None:
                self.trips.append((i, now - sent))
        super()._moves(msg)


def scripted(client: Timed, n: int) -> Move:
    """Propose a package within our red lines that moves one issue each time; accept an acceptable offer late on."""
    assert client.rules is not None and client.state is not None
    state, space = client.state, client.rules.space
    if len(state.moves) > 20 and client.rules.legal(state, Accept()):  # their offer is within our red lines
        return Accept()
    prefs = client.observe().brief.preferences
    allowed = [[lv for lv in range(len(d)) if prefs.acceptable_level(i, lv)] for i, d in enumerate(space.domains)]
    levels = [a[len(a) // 2] for a in allowed]  # within our red lines, as the rules require
    issue = n % len(levels)
    levels[issue] = allowed[issue][(len(allowed[issue]) // 2 + n) % len(allowed[issue])]
    return Propose(Package(tuple(levels)))


async def player(address: str, code: str, name: str, think: float, seated: asyncio.Barrier) -> Timed:
    client = await Timed.join(address, code, name, timeout=60)
    pace = random.Random(name)
    client.sent, client.trips = {}, []
    await client.wait(lambda: client.state is not None, 120)
    await seated.wait()  # a class joins while the brief is read, not while the first tables play
    n = 0
    while True:
        await client.wait(lambda: client.my_turn or client.state.over, 300)  # type: ignore[union-attr]
        assert client.state is not None
        if client.state.over:
            break
        if think:  # people do not answer in step: between half and one and a half times --think
            await asyncio.sleep(think * (0.5 + pace.random()))
        client.sent[len(client.state.moves)] = time.perf_counter()
        await client.play(scripted(client, n))
        n += 1
    return client


async def dashboard(address: str, token: str) -> None:
    async with aiohttp.ClientSession() as http, http.ws_connect(f"ws://{address}/dashboard/feed") as ws:
        await ws.send_str(json.dumps({"token": token}))
        async for _ in ws:
            pass


def p99(seconds: list[float]) -> float:
    ms = sorted(t * 1000 for t in seconds)
    return ms[int(0.99 * (len(ms) - 1))] if ms else float("nan")


def cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    cmd = [sys.executable, str(ROOT / "main.py"), "serve", "--host", "127.0.0.1", "--port", "0", "--start"]
    cmd += ["--db", str(folder / "class.sqlite")]
    err = (folder / "server.log").open("w")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
    assert proc.stdout is not None
    address = code = token = ""
    while not token:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"the server did not start; see {folder / 'server.log'}")
        if m := re.search(r"address\s+(\S+)", line):
            address = m.group(1)
        if m := re.search(r"class code\s+(\w+)", line):
            code = m.group(1)
        if m := re.search(r"Teacher token: (\S+)", line):
            token = m.group(1)
    watcher = None
    try:
        digest = rules_digest(load_scenario("april-1990")[0])
        seat_scenario({"id": "april-1990", "hash": digest}, Side.US)  # the clients' copy, before the clock runs
        trips: list[tuple[int, float]] = []
        moves = 0
        if args.dashboard:  # the teacher's page open: a full snapshot of the class twice a second
            watcher = asyncio.create_task(dashboard(address, token))
        cpu0, t0, mine0 = cpu(proc.pid), time.perf_counter(), time.process_time()
        for game in range(args.games):
            names = [f"g{game}-s{i:03d}" for i in range(2 * args.tables)]
            seated = asyncio.Barrier(len(names))
            clients = await asyncio.gather(*(player(address, code, n, args.think, seated) for n in names))
            for c in clients:
                trips += c.trips
                moves += len(c.trips)
                await c.close()
        cpu1, t1, mine1 = cpu(proc.pid), time.perf_counter(), time.process_time()
    finally:
        if watcher is not None:
            watcher.cancel()
        proc.terminate()
        proc.wait(timeout=30)
    shutil.rmtree(folder, ignore_errors=True)
    last = max(i for i, _ in trips)
    ms = sorted(t * 1000 for _, t in trips)
    print(
        f"{args.tables} tables, {2 * args.tables} clients, {args.games} game(s) each, think {args.think:.3f} s"
        + (", dashboard open" if args.dashboard else "")
    )
    print(f"moves: {moves} in {t1 - t0:.1f} s ({moves / (t1 - t0):.0f} moves/s)")
    print(
        f"move round trip: p50 {statistics.median(ms):.1f} ms, p99 {p99([t for _, t in trips]):.1f} ms, "
        f"max {ms[-1]:.1f} ms"
    )
    phases = {"first 4": range(4), "middle": range(4, last - 3), "last 4": range(last - 3, last + 1)}
    print(
        "p99 by when in the game (all tables start and end together here, a class does not): "
        + ", ".join(f"{name} moves {p99([t for i, t in trips if i in span]):.1f} ms" for name, span in phases.items())
    )
    print(f"server CPU: {cpu1 - cpu0:.2f} s, {1000 * (cpu1 - cpu0) / moves:.2f} ms per move")
    print(
        f"clients' CPU (this process, all {2 * args.tables}): {mine1 - mine0:.2f} s, {1000 * (mine1 - mine0) / moves:.2f} ms per move"
    )
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=60)
    parser.add_argument("--think", type=float, default=0.05, help="seconds a client waits before its move")
    parser.add_argument("--games", type=int, default=1)
    parser.add_argument("--dashboard", action="store_true", help="with the teacher's dashboard open throughout")
    asyncio.run(main(parser.parse_args()))

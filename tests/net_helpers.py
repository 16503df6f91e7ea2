"""A real class server in a child process on 127.0.0.1, and scripted players for it (tests and bench)."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.agents.registry import make
from game.net.client import Client

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Server:
    """`python main.py serve` on 127.0.0.1: start, kill (any signal), start again on the same class."""

    folder: Path
    extra: tuple[str, ...] = ()
    port: int = 0
    proc: subprocess.Popen[str] | None = None
    code: str = ""
    token: str = ""
    output: list[str] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def http(self) -> str:
        return f"http://{self.address}"

    @property
    def log(self) -> str:
        return (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")

    def start(self) -> Server:
        env = {**os.environ, "CRUISE_CONTROL_SAVES": str(self.folder / "saves")}
        cmd = [sys.executable, str(ROOT / "main.py"), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--db", str(self.folder / "class.sqlite"), *self.extra]
        err = (self.folder / "server.log").open("a")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env, cwd=ROOT)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda out=self.proc.stdout: [lines.put(x) for x in out], daemon=True).start()
        deadline = time.monotonic() + 30
        while not self.token:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"the server did not start: {self.log}") from None
            self.output.append(line)
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)", line):
                self.port = int(m.group(1))
            elif m := re.search(r"class code\s+(\w+)", line):
                self.code = m.group(1)
            elif m := re.search(r"Teacher token: (\S+)", line):
                self.token = m.group(1)
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)
        self.proc.wait(timeout=20)
        self.token = ""

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


async def play(client: Client, agent: str = "ai:linear", max_moves: int | None = None, seed: int = 1) -> Client:
    """Play our seat with a built-in agent until the game is over (or we have made `max_moves`)."""
    await client.wait(lambda: client.seat is not None, 20)
    assert client.side is not None
    bot = make(agent)
    bot.reset(client.side, np.random.default_rng(seed))
    made = 0
    while max_moves is None or made < max_moves:
        await client.wait(lambda: client.my_turn or (client.state is not None and client.state.over), 60)
        assert client.state is not None
        if client.state.over:
            break
        await client.play(bot.act(client.observe()))
        made += 1
    return client


async def pair(server: Server, name: str) -> tuple[Client, Client]:
    """Two students at one table: the one to move first, then the other."""
    a = await Client.join(server.address, server.code, name + "-a")
    b = await Client.join(server.address, server.code, name + "-b")
    await a.wait(lambda: a.state is not None)
    await b.wait(lambda: b.state is not None)
    return (a, b) if a.my_turn else (b, a)

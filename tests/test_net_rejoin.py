"""A student whose laptop slept: the WebSocket died without a close frame, and the student joins again. On a
real server on 127.0.0.1; the sleeping laptop is a connection that stops answering pings and reading."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from game.net.client import Client, ClientError
from game.net.protocol import PROTOCOL_VERSION
from tests.net_helpers import Server

TIMES: dict[str, float] = {}
"""Seconds each rejoin took, for the report (`pytest -s` prints them)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(Path(tmp_path_factory.mktemp("rejoin")), ("--start",)).start()
    yield s
    s.kill()
    print("rejoin times (s):", {k: round(v, 2) for k, v in TIMES.items()})


class Laptop:
    """A student's connection that goes to sleep: it joined and was seated, then neither reads nor answers
    a ping (its pings are answered by hand, and sleeping means not answering), and never sends a close frame."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse, welcome: dict[str, Any]):
        self.http, self.ws, self.token = http, ws, str(welcome["token"])

    @classmethod
    async def join(cls, server: Server, name: str) -> Laptop:
        http = aiohttp.ClientSession()
        ws = await http.ws_connect(f"ws://{server.address}/play", autoping=False, heartbeat=None)
        await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "join", "code": server.code, "name": name}))
        while (msg := json.loads((await ws.receive(timeout=10)).data))["type"] != "welcome":
            pass
        return cls(http, ws, msg)

    async def wake(self) -> None:
        await self.http.close()


async def seated_against(server: Server, name: str) -> tuple[Laptop, Client]:
    laptop = await Laptop.join(server, name)
    other = await Client.join(server.address, server.code, name + "'s partner")
    await other.wait(lambda: other.seat is not None)
    return laptop, other


async def timed(label: str, coro: Any) -> Any:
    began = time.monotonic()
    result = await coro
    TIMES[label] = time.monotonic() - began
    return result


def test_a_rejoin_by_name_takes_over_a_seat_whose_connection_went_silent(server: Server) -> None:
    async def run() -> None:
        laptop, other = await seated_against(server, "Sleepy")
        assert other.seat is not None
        back = await timed("by name, old socket silent", Client.join(server.address, server.code, "sleepy"))
        await back.wait(lambda: back.seat is not None)
        assert TIMES["by name, old socket silent"] < 5.0
        assert back.seat.table == other.seat.table and back.side is other.side.other  # type: ignore[union-attr]
        await other.wait(lambda: other.presence.get(back.side) == "connected")  # type: ignore[arg-type]
        for c in (back, other):
            await c.close()
        await laptop.wake()

    asyncio.run(run())


def test_a_rejoin_with_the_token_takes_over_at_once_dead_or_alive(server: Server) -> None:
    async def run() -> None:
        laptop, other = await seated_against(server, "Token")
        back = await timed("token, old socket silent", Client.join(server.address, server.code, "Token", laptop.token))
        await back.wait(lambda: back.seat is not None)
        assert TIMES["token, old socket silent"] < 1.5
        # a second window of a student whose first window still answers: the token takes the seat over too
        again = await timed("token, old socket alive", Client.join(server.address, server.code, "Token", back.token))
        await again.wait(lambda: again.seat is not None)
        assert TIMES["token, old socket alive"] < 1.5 and again.seat == back.seat
        await back.wait(lambda: back.closed is not None)
        for c in (again, other):
            await c.close()
        await laptop.wake()

    asyncio.run(run())


def test_a_live_connection_keeps_its_name_against_a_rejoin_without_the_token(server: Server) -> None:
    async def run() -> None:
        first = await Client.join(server.address, server.code, "Awake")
        with pytest.raises(ClientError) as taken:
            await Client.join(server.address, server.code, "AWAKE")
        assert taken.value.code == "name_taken" and first.closed is None
        await first.close()

    asyncio.run(run())


def test_a_silent_connection_shows_as_dropped_within_seconds(server: Server) -> None:
    async def run() -> None:
        laptop, other = await seated_against(server, "Quiet")
        assert other.side is not None
        began = time.monotonic()
        await other.wait(lambda: other.presence.get(other.side.other) == "dropped", timeout=12)  # type: ignore[union-attr]
        TIMES["silent socket found by the heartbeat"] = time.monotonic() - began
        await other.close()
        await laptop.wake()

    asyncio.run(run())


class Proxy:
    """A forwarder on 127.0.0.1 to the server whose open connections can be frozen: no byte passes either way
    and nothing is closed, as when a laptop sleeps; a connection made after that passes (the laptop woke)."""

    def __init__(self, target: int) -> None:
        self.target, self.port = target, 0
        self.gates: list[asyncio.Event] = []
        self.writers: list[asyncio.StreamWriter] = []

    async def start(self) -> Proxy:
        self.listener = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self.listener.sockets[0].getsockname()[1]
        return self

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        gate = asyncio.Event()
        gate.set()
        self.gates.append(gate)
        self.writers += [writer, up_writer]

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            while data := await source.read(65536):
                await gate.wait()  # frozen: the bytes are held for ever
                sink.write(data)
                await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer), return_exceptions=True)

    def freeze(self) -> None:
        for gate in self.gates:
            gate.clear()
        self.gates = []

    def close(self) -> None:
        self.listener.close()
        for writer in self.writers:
            writer.transport.abort()


async def until(predicate: Any, timeout: float) -> None:
    """Polls what the window's own thread changes."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.05)


def test_the_window_joining_again_sends_its_token_and_takes_the_seat_from_its_old_connection(server: Server) -> None:
    from game.net.remote import RemoteSession

    async def run() -> None:
        first = RemoteSession(server.address, server.code, "Wanda")
        other = await Client.join(server.address, server.code, "Wanda's partner")
        await until(lambda: first.seated, 10)
        # the old connection still answers pings: only the token can take the seat from it
        second = RemoteSession(server.address, server.code, " wanda ")
        await until(lambda: second.seated or bool(second.error), 10)
        assert second.error == "" and second.client is not None and second.client.seat == first.client.seat  # type: ignore[union-attr]
        await until(lambda: first.client.closed is not None, 5)  # type: ignore[union-attr]
        await asyncio.sleep(2 * 1.0 + 0.5)  # dropped on purpose: the first window does not fight to rejoin
        assert second.client.closed is None and first.client.closed is not None  # type: ignore[union-attr]
        first.close()
        second.close()
        await other.close()

    asyncio.run(run())


def test_the_window_rejoins_by_itself_when_its_connection_goes_silent(server: Server) -> None:
    from game.net.remote import RemoteSession

    async def run() -> None:
        proxy = await Proxy(server.port).start()
        session = RemoteSession(f"127.0.0.1:{proxy.port}", server.code, "Sam")
        other = await Client.join(server.address, server.code, "Sam's partner")
        await until(lambda: session.seated, 10)
        old = session.client
        assert old is not None and other.side is not None
        began = time.monotonic()
        proxy.freeze()  # the lid closes: no close frame, no reset, nothing
        await until(lambda: session.client is not old and session.seated, 20)
        TIMES["window: silence to seated again"] = time.monotonic() - began
        c = session.client
        assert c is not None and c.seat == old.seat and c.closed is None
        await other.wait(lambda: other.presence.get(other.side.other) == "connected")  # type: ignore[union-attr]
        assert c.state is not None and other.state is not None and c.state.moves == other.state.moves
        session.close()
        await other.close()
        proxy.close()

    asyncio.run(run())

"""A headless client of the class server: join, follow one's table, send moves.

The server sends a seat its side, the public moves and who sits where, and the scenario's text without the
other side's brief and private instructions (`game.net.seat_copy`); the client replays those moves through
its own copy of the scenario when it has the same rules, else through the text sent (checked as untrusted,
against the server's digest), with the same `Rules.apply`, so it holds the same game as the server and
builds its own observation from it. No brief or private instruction of the other side crosses the wire.

Used by the tests, the benchmark and the window (`game.net.remote`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp

from game.engine.moves import Move, move_from_data, move_to_data
from game.engine.observation import Observation
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError
from game.net.protocol import PROTOCOL_VERSION
from game.net.seat_copy import seat_scenario
from game.record.save import ScenarioCopy
from game.scenario.preferences import Side

HEARTBEAT = 5.0
"""Seconds of silence before the client pings the server (which must answer within half as long): a connection
that died without a close frame (the laptop slept, the Wi-Fi changed) is noticed, and rejoined, within seconds."""


MAX_SERVER_MESSAGE = 4 * 1024 * 1024
"""The largest frame the client reads: `seated` carries the scenario's text (at most `bounds.MAX_BYTES`, 500 KB,
which JSON may escape to twice as much); a server sending more is cut off (close code 1009)."""


class ClientError(CruiseControlError):
    """The server refused us, went away, or plays a scenario this computer does not have."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


def url_of(address: str) -> str:
    """'192.168.1.5:8765', 'localhost' or 'http://host:port/' as the game's WebSocket address."""
    address = address.strip().rstrip("/")
    address = re.sub(r"^(https?|wss?)://", "", address)
    if not re.fullmatch(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:]+\](:\d{1,5})?", address):
        raise ClientError(
            f"{address!r} is not an address: type what the teacher's screen shows, such as 192.168.1.5:8765"
        )
    if not re.search(r":\d+$", address):
        address += ":8765"
    return f"ws://{address}/play"


def _with_speakers(rules: Rules, state: GameState, speakers: object) -> GameState:
    """The state with who speaks for each side at the server's table (a persona's `speaker`), as far as
    each name is a member of that side's delegation: a name from the network is shown only if the
    scenario has it."""
    if not isinstance(speakers, list) or len(speakers) != 2:
        return state
    members = [{m.name for m in rules.side_model(side).members} for side in Side]
    named = tuple(name if isinstance(name, str) and name in members[i] else "" for i, name in enumerate(speakers))
    return replace(state, speakers=(named[0], named[1]))


@dataclass(frozen=True)
class Seat:
    table: int
    side: Side
    seed: int
    players: dict[str, str]
    """Per side, the student's name or 'AI'."""


class Client:
    """Connect with `await Client.join(address, code, name)`; then `state`, `observe()`, `play(move)`."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, http: aiohttp.ClientSession, code: str) -> None:
        self.ws, self.http, self.code = ws, http, code
        self.name = ""
        self.token = ""
        self.seat: Seat | None = None
        self.rules: Rules | None = None
        self.copy: ScenarioCopy | None = None
        """The scenario's text the game is played on (this computer's file, or what the server sent): saves carry it."""
        self.confirmed: GameState | None = None
        """The game as the server has it."""
        self.state: GameState | None = None
        """The game as this client shows it: the server's, and a move of ours on its way there."""
        self.phase = ""
        self.status: dict[str, bool] = {"started": False, "paused": False, "ended": False}
        self.presence: dict[Side, str] = {}
        self.waiting = 0
        self.errors: list[tuple[str, str]] = []
        self.closed: str | None = None
        self.changed = asyncio.Event()
        self.on_change: Callable[[], None] | None = None
        self._reader: asyncio.Task[None] | None = None

    @classmethod
    async def join(cls, address: str, code: str, name: str, token: str | None = None, timeout: float = 10.0) -> Client:
        """Join the class (or rejoin one's seat with its token); raises ClientError saying why not."""
        http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, connect=timeout))
        try:
            ws = await http.ws_connect(url_of(address), max_msg_size=MAX_SERVER_MESSAGE, heartbeat=HEARTBEAT)
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            await http.close()
            raise ClientError(f"cannot reach a class server at {address}: {exc}") from exc
        client = cls(ws, http, code)
        client._reader = asyncio.create_task(client._read())
        await client.send("join", code=code, name=name, **({"token": token} if token else {}))
        try:
            await client.wait(lambda: bool(client.token) or bool(client.errors) or client.closed is not None, timeout)
        except BaseException:
            await client.close()
            raise
        if not client.token:
            await client.close()
            code_, message = (
                client.errors[0] if client.errors else ("closed", client.closed or "the server closed the connection")
            )
            raise ClientError(message, code_)
        return client

    async def send(self, kind: str, **fields: Any) -> None:
        if self.ws.closed:
            raise ClientError(self.closed or "the connection to the class server is closed", "closed")
        await self.ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": kind, **fields}))

    async def wait(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Until `predicate()` holds (checked on every message); raises TimeoutError."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self.changed.clear()
                if self.closed is not None and not predicate():
                    raise ClientError(self.closed, "closed")
                await self.changed.wait()

    # ----- the game ------------------------------------------------------------------------
    @property
    def side(self) -> Side | None:
        return None if self.seat is None else self.seat.side

    @property
    def my_turn(self) -> bool:
        s = self.state
        return (
            s is not None
            and self.seat is not None
            and not s.over
            and s.to_move is self.seat.side
            and self.status["started"]
            and not self.status["paused"]
        )

    def observe(self) -> Observation:
        assert self.rules is not None and self.state is not None and self.seat is not None
        return self.rules.observe(self.state, self.seat.side)

    async def play(self, move: Move) -> None:
        """Send a move for our seat; it shows at once and is confirmed (or undone) by the server."""
        assert self.rules is not None and self.state is not None
        at = len(self.state.moves)
        self.state = self.rules.apply(self.state, move)  # raises IllegalMoveError before anything is sent
        await self.send("move", token=self.token, at=at, move=move_to_data(move, self.rules.space))

    async def thinking(self, on: bool) -> None:
        await self.send("thinking", token=self.token, on=on)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        await self.ws.close()
        await self.http.close()

    # ----- what the server says ------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                if frame.type is not aiohttp.WSMsgType.TEXT:
                    break
                self._handle(json.loads(frame.data))
                self._changed()
        except CruiseControlError as exc:
            self.closed = str(exc)
        finally:
            if self.closed is None:
                reason = self.ws.close_code, (self.ws.exception() or "")
                self.closed = f"the class server closed the connection ({reason[0]} {reason[1]})".strip()
            self._changed()

    def _changed(self) -> None:
        self.changed.set()
        if self.on_change is not None:
            self.on_change()

    def _handle(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "welcome":
            self.name, self.token = msg["name"], msg["token"]
            self.status = {k: bool(msg[k]) for k in self.status}
        elif kind == "lobby":
            self.waiting = int(msg["waiting"])
        elif kind == "seated":
            sc = msg["scenario"]
            self.seat = Seat(int(msg["table"]), Side(msg["side"]), int(msg["seed"]), dict(msg["players"]))
            self.rules, self.copy = seat_scenario(sc, self.seat.side)
            self.confirmed = _with_speakers(self.rules, self.rules.initial(self.seat.seed), msg.get("speakers"))
            self._moves(msg)
        elif kind == "moves":
            self._moves(msg)
        elif kind == "status":
            self.status = {k: bool(msg[k]) for k in self.status}
        elif kind == "presence":
            self.presence[Side(msg["side"])] = str(msg["status"])
        elif kind == "error":
            self.errors.append((str(msg.get("code", "")), str(msg.get("message", ""))))
            self.state = self.confirmed  # a move of ours that was refused is taken back

    def _moves(self, msg: dict[str, Any]) -> None:
        assert self.rules is not None and self.confirmed is not None
        state = self.confirmed
        start = int(msg["start"])
        if start > len(state.moves):
            raise ClientError("the server skipped moves; rejoin the class", "desync")
        for i, data in enumerate(msg["moves"], start=start):
            if i >= len(state.moves):
                state = self.rules.apply(state, move_from_data(data, self.rules.space))
        self.confirmed = self.state = state
        self.phase = str(msg["phase"])
        self.status["paused"] = bool(msg["paused"])

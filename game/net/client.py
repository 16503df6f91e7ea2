"""A headless client of the class server: join, follow one's table, send moves.

The server holds the game. It sends a seat its side, who sits where, the moves, its view of the game after
every change (`game.net.view`: the public record and the seat's own numbers, never the other side's) and
the scenario as the seat may have it during the talks (`game.net.seat_copy`: the other side's brief,
preferences, personas and home front replaced by placeholders). The client builds its own observation
from these, checks its own moves with the same `Rules.check` and shows them at once; a move that would end
the talks it shows only as the server decides it (the votes are drawn there). Once the talks are over the
server sends the whole scenario, and the client replays the moves through it with the same `Rules.apply`:
its debrief and saves are a local game's. Everything the server sends is read as untrusted, checked
against the scenario and the digests the server names.

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
from game.i18n import tr
from game.net.protocol import PROTOCOL_VERSION
from game.net.seat_copy import local_digest, seat_scenario
from game.net.view import read_view, state_of
from game.record.save import ScenarioCopy
from game.scenario.preferences import Side

HEARTBEAT = 5.0
"""Seconds of silence before the client pings the server (which must answer within half as long): a connection
that died without a close frame (the laptop slept, the Wi-Fi changed) is noticed, and rejoined, within seconds."""


MAX_SERVER_MESSAGE = 4 * 1024 * 1024
"""The largest frame the client reads: `seated` carries the scenario's text (at most `bounds.MAX_BYTES`, 500 KB,
which JSON may escape to twice as much); a server sending more is cut off (close code 1009)."""


ENDING_WAIT = 8.0
"""Seconds `play` waits for the server's decision of a move that ends the talks."""


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
        self.whole = False
        """Whether `rules` and `copy` are the whole scenario (this computer's own, or the server's once the talks
        are over), not the seat's copy with the other side's placeholders: only then is a save complete."""
        self.speakers: object = None
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
        self._holds: asyncio.Task[None] | None = None

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
        """Send a move for our seat; it shows at once and is confirmed (or undone) by the server. A move that
        ends the talks (an acceptance, a walk-out) shows when the server has decided it: the votes and
        scores are drawn there, on both sides' instructions, which this seat does not have."""
        assert self.rules is not None and self.state is not None
        at = len(self.state.moves)
        after = self.rules.apply(self.state, move)  # raises IllegalMoveError before anything is sent
        if not after.over:
            self.state = after
        told = len(self.errors)
        await self.send("move", token=self.token, at=at, move=move_to_data(move, self.rules.space))
        if after.over:
            with contextlib.suppress(TimeoutError):
                await self.wait(
                    lambda: len(self.errors) > told or (self.confirmed is not None and len(self.confirmed.moves) > at),
                    ENDING_WAIT,
                )

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
                try:
                    self._handle(json.loads(frame.data))
                except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                    raise ClientError(f"the class server sent a message this game cannot read ({exc!r:.80})") from exc
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
        if kind != "error" and msg.get("v") != PROTOCOL_VERSION:  # an older server's refusal is still said
            raise ClientError(
                tr(
                    "the class server speaks protocol version {theirs}, this game {ours}: the teacher's and this "
                    "computer's game must be the same version",
                    theirs=str(msg.get("v"))[:10],
                    ours=PROTOCOL_VERSION,
                ),
                "version",
            )
        if kind == "welcome":
            self.name, self.token = str(msg["name"]), str(msg["token"])
            self.status = {k: bool(msg[k]) for k in self.status}
        elif kind == "lobby":
            self.waiting = int(msg["waiting"])
        elif kind == "seated":
            self.seat = Seat(int(msg["table"]), Side(msg["side"]), int(msg["seed"]), dict(msg["players"]))
            self.confirmed = None
            self.speakers = msg.get("speakers")
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
        """The moves and this seat's view of the game; the scenario with them on seating and at the end."""
        assert self.seat is not None
        side = self.seat.side
        if "scenario" in msg:
            found = seat_scenario(msg["scenario"], side)
            if self.confirmed is not None and found.rules.space != self.rules.space:  # type: ignore[union-attr]
                raise ClientError("the class server changed the scenario's issues; rejoin the class", "desync")
            self.rules, self.copy, self.whole = found.rules, found.copy, found.whole
            if not found.whole:
                self._tell_held(found.rules.scenario.meta.id)
        if self.rules is None:
            raise ClientError("the class server named no scenario", "desync")
        rules = self.rules
        before = self.confirmed or _with_speakers(rules, rules.initial(self.seat.seed), self.speakers)
        start, data = int(msg["start"]), msg["moves"]
        if start > len(before.moves) or not isinstance(data, list):
            raise ClientError("the server skipped moves; rejoin the class", "desync")
        moves = (*before.moves[:start], *(move_from_data(d, rules.space) for d in data))
        view = read_view(msg["view"])
        state = state_of(view, rules, side, before, moves)
        if state.over:
            state = self._replayed(state)
        self.confirmed = self.state = state
        self.phase = str(msg["phase"])
        self.status["paused"] = bool(msg["paused"])

    def _tell_held(self, scenario_id: str) -> None:
        """Tell the server when this computer holds the class's scenario: the talks' last message then comes
        without its text (the server says nothing back, whatever it holds)."""
        digest = local_digest(scenario_id)
        if digest is not None and not self.ws.closed:
            self._holds = asyncio.get_running_loop().create_task(self.send("holds", token=self.token, digest=digest))
            self._holds.add_done_callback(lambda task: task.cancelled() or task.exception())  # closed: no matter

    def _replayed(self, told: GameState) -> GameState:
        """The talks are over: the game replayed through the whole scenario, as the server played it (the
        votes, the scores, both sides' record for the debrief)."""
        assert self.rules is not None and self.seat is not None
        if not self.whole:
            raise ClientError("the class server did not send the scenario at the end of the talks", "desync")
        rules = self.rules
        state = _with_speakers(rules, rules.initial(self.seat.seed), self.speakers)
        try:
            for move in told.moves:
                state = rules.apply(state, move)
        except CruiseControlError as exc:
            raise ClientError(f"the game does not replay on the class server's scenario: {exc}", "desync") from exc
        if state.ending is not told.ending or state.turn != told.turn or state.agreement != told.agreement:
            raise ClientError("the game replays to another ending than the class server's", "desync")
        return state

"""A game at a class server, seen from the window: the same face as `game.session.Session`.

The table scene cannot tell it from a local game: our side is the person, the other side looks like
an AI that is "thinking" until its move arrives from the server. The client runs on an asyncio loop in
a thread of its own; the window only reads immutable states and queues moves, never waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol

from game.engine.moves import Move
from game.engine.observation import Observation
from game.engine.reasons import said
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError, IllegalMoveError
from game.i18n import tr
from game.net import seats
from game.net.client import Client, ClientError
from game.paths import SCENARIO_DIR, saves_dir
from game.record import save
from game.scenario.preferences import Side
from game.session import PERSON, Setup

REMOTE = "remote"
RETRY = 1.0
"""Seconds between attempts to rejoin after the connection died."""
DROPPED = 1008
"""The close code of a connection the server dropped on purpose (a flood, the same student's other window):
rejoining would only fight it."""


class Stoppable(Protocol):
    def stop(self) -> None: ...


class RemoteSession:
    """Join with `RemoteSession(address, code, name)`; poll `joined`, `error`, `seated` from the window."""

    def __init__(self, address: str, code: str, name: str, server: Stoppable | None = None) -> None:
        self.server = server
        """An embedded server ('Host a game') that stops with this session."""
        self.address, self.code, self.name = address, code, name
        self.token: str | None = None
        """The seat's token once joined; before, the one kept on disk from an earlier window (`game.net.seats`):
        a student who joins again after the laptop slept or the window closed takes the seat over at once,
        even while the server still holds the dead connection."""
        self._kept: bool | None = None
        """Whether the seat is kept on disk (None: not known yet)."""
        self.client: Client | None = None
        self._closing = False
        self._rejoining = False
        self._told: tuple[Client | None, int] = (None, 0)
        """How many of a client's errors the table has been told."""
        self.error = ""
        self.saves_dir = saves_dir()
        self._seen = 0
        self._shown: GameState | None = None
        """The game as the table has been shown it: the other side's moves join it when the table polls,
        as an AI's move would."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="class-client", daemon=True)
        self._thread.start()
        self._joining = self._run(self._join())

    def _run(self, coro: Coroutine[Any, Any, Any]) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    async def _connect(self) -> Client:
        token = self.token or seats.token(self.address, self.code, self.name)
        try:
            client = await Client.join(self.address, self.code, self.name, token)
        except ClientError as exc:
            if token is None or exc.code != "bad_token":
                raise
            seats.forget(self.address, self.code, self.name)  # a new class under the same code: the name alone
            client = await Client.join(self.address, self.code, self.name)
        self.token = client.token
        if not client.status["ended"] and self._kept is not True:
            seats.remember(self.address, self.code, client.name, client.token)
            self._kept = True
        self._forget_if_ended(client)
        return client

    def _forget_if_ended(self, client: Client) -> None:
        """The class has ended: its tokens on disk open nothing worth keeping."""
        if client.status["ended"] and self._kept is not False:
            seats.forget(self.address, self.code)
            self._kept = False

    async def _join(self) -> None:
        try:
            self.client = await self._connect()
        except (CruiseControlError, OSError) as exc:
            self.error = str(exc)
            return
        self.client.on_change = self._changed

    async def _seated(self) -> Client:
        """Joined again, and told where we sit (or that we wait in the lobby)."""
        client = await self._connect()
        try:
            await client.wait(lambda: client.state is not None or client.waiting > 0)
        except BaseException:
            await client.close()
            raise
        return client

    async def _rejoin(self) -> None:
        """Until the seat is ours again: the old connection died without a word (a laptop that slept)."""
        try:
            while not self._closing:
                await asyncio.sleep(RETRY)
                try:
                    client = await self._seated()
                except ClientError as exc:
                    if exc.code in ("bad_code", "bad_token", "name_taken"):
                        return  # the lost connection's note stays on screen
                    continue
                except (CruiseControlError, OSError, TimeoutError):
                    continue
                if self._closing:  # the window left the game while we were joining
                    await client.close()
                    return
                old, self.client = self.client, client
                client.on_change = self._changed
                if old is not None:
                    await old.close()
                return
        finally:
            self._rejoining = False

    def _changed(self) -> None:
        c = self.client
        if c is not None:
            self._forget_if_ended(c)
        if c is not None and c.closed is not None and not self._closing and not self._rejoining:
            if c.ws.close_code != DROPPED:
                self._rejoining = True
                asyncio.ensure_future(self._rejoin())
            return
        if c is not None and c.my_turn and c.state is not None and len(c.state.moves) != self._seen:
            self._seen = len(c.state.moves)
            asyncio.ensure_future(self._quiet(c.thinking(True)))  # the other side sees "thinking"

    @staticmethod
    async def _quiet(coro: Coroutine[Any, Any, None]) -> None:
        with contextlib.suppress(ClientError):
            await coro

    # ----- the lobby -----------------------------------------------------------------------
    @property
    def joined(self) -> bool:
        return self.client is not None

    @property
    def seated(self) -> bool:
        return self.client is not None and self.client.state is not None

    @property
    def side(self) -> Side:
        assert self.client is not None and self.client.side is not None
        return self.client.side

    def lobby_text(self) -> str:
        c = self.client
        if c is None:
            return self.error or tr("Connecting…")
        if c.closed is not None:
            return c.closed
        if c.seat is not None:
            return tr("Seated at table {table}; setting out the papers…", table=c.seat.table)
        return tr("Welcome, {name}. Waiting for a partner ({n} in the lobby)…", name=c.name, n=max(1, c.waiting))

    # ----- the face of a Session -----------------------------------------------------------
    @property
    def rules(self) -> Rules:
        assert self.client is not None and self.client.rules is not None
        return self.client.rules

    @property
    def state(self) -> GameState:
        assert self.client is not None and self.client.state is not None
        latest = self.client.state
        shown = self._shown
        # the start, or our move refused (also when an event the teacher fired took its place in the game), or
        # the server's version of the game shown (our own move as the server played it: the other side's
        # numbers, which decide some events, are the server's alone)
        if shown is None or latest.moves[: len(shown.moves)] != shown.moves or len(latest.moves) == len(shown.moves):
            self._shown = shown = latest
        return shown

    @property
    def setup(self) -> Setup:
        assert self.client is not None and self.client.seat is not None
        seat = self.client.seat
        other = seat.players.get(seat.side.other.value, "?")
        players = {seat.side: PERSON, seat.side.other: f"{REMOTE}:{other}"}
        return Setup(self.file, players, seat.seed)

    @property
    def file(self) -> str:
        return str(SCENARIO_DIR / f"{self.rules.scenario.meta.id}.yaml")

    def is_person(self, side: Side) -> bool:
        return self.client is not None and side is self.client.side

    @property
    def people(self) -> tuple[Side, ...]:
        return (self.side,)

    def observe(self, side: Side) -> Observation:
        return self.rules.observe(self.state, side)

    @property
    def waiting_for_person(self) -> bool:
        return not self.state.over and self.is_person(self.state.to_move)

    @property
    def waiting_note(self) -> str:
        """What the table says while it waits: the teacher, the other student, the connection."""
        c = self.client
        if c is None:
            return ""
        other = c.seat.players.get(c.seat.side.other.value, "") if c.seat else ""
        if c.closed is not None:
            return tr("The connection to the class server is lost: {why}", why=c.closed)
        if c.status["ended"]:
            return tr("The teacher has ended the session")
        if not c.status["started"]:
            return tr("Waiting for the teacher to start the talks: read your brief")
        if c.status["paused"]:
            return tr("The teacher has paused the talks")
        if c.state is not None and not c.state.over and c.state.to_move is not c.side:
            status = c.presence.get(c.side.other) if c.side else None
            if status == "dropped":
                return tr("{name} has dropped out; waiting for them to rejoin", name=other)
            return tr("{name} is thinking", name=other) if other != "AI" else ""
        return ""

    def submit(self, move: Move) -> GameState:
        """Our move: checked here, shown at once, confirmed by the server (or taken back with the reason)."""
        c = self.client
        assert c is not None
        note = self.waiting_note
        if not c.my_turn:
            raise IllegalMoveError(note or tr("it is not your turn"))
        self.rules.check(self.state, move)
        try:
            self._run(c.play(move)).result(timeout=10)
        except (ClientError, TimeoutError) as exc:
            c.state = c.confirmed
            raise IllegalMoveError(tr("The move could not be sent to the class server: {why}", why=exc)) from exc
        self._shown = c.state
        return self.state

    def refusal(self) -> str:
        """The server's refusal of our move since the table last asked, for the student ("" if none); the move
        is already taken back (`state`)."""
        c = self.client
        if c is None:
            return ""
        told = self._told[1] if self._told[0] is c else 0
        self._told = (c, len(c.errors))
        if len(c.errors) <= told:
            return ""
        code, message = c.errors[-1]
        known = {
            "not_your_turn": tr("it is not your turn"),
            "paused": tr("The teacher has paused the talks"),
            "ended": tr("The teacher has ended the session"),
            "not_started": tr("Waiting for the teacher to start the talks: read your brief"),
            "stale": tr(
                "something happened at the table just before it arrived (news, or the other side's move); "
                "look again and play"
            ),
            "over": tr("the talks at this table are over"),
        }
        return tr("The class server refused your move: {why}", why=known.get(code) or said(message))

    def start_ai(self) -> None:
        """The other side's moves come from the server: nothing to start."""

    @property
    def ai_thinking(self) -> bool:
        return True

    def poll_ai(self) -> bool:
        """True when the other side's move has arrived since the table last looked."""
        assert self.client is not None and self.client.state is not None
        latest, shown = self.client.state, self.state
        self._shown = latest
        return len(latest.moves) != len(shown.moves)

    def scenario_changed(self) -> bool:
        return False

    def reload(self) -> RemoteSession:
        return self

    def record(self) -> save.Record:
        """The game as a local game's save: on the whole scenario, this computer's own or, once the talks are
        over, the server's; during the talks on a scenario only the server has, there is none yet (the seat's
        copy lacks the other side's instructions, on which the game replays)."""
        s = self.setup
        players = {side.value: spec for side, spec in s.players.items()}
        assert self.client is not None and self.client.copy is not None
        if not self.client.whole:
            raise CruiseControlError(
                tr("the class server keeps this game while the talks go on; it can be saved here once they are over")
            )
        copy = self.client.copy  # the whole scenario, from this computer or from the server
        header = save.new_header(self.rules.scenario, copy, s.seed, players)
        return save.Record(header, self.state.moves, copy)

    def save_as(self, path: Path) -> None:
        save.write(path, self.record(), self.rules)

    def autosave(self) -> None:
        """The server keeps this game (and the class's saves); Continue stays the local game's."""

    def close(self) -> None:
        if self._closing:  # the window and its scene may both close the game: the loop stops once
            return
        self._closing = True
        if self.client is not None:
            with contextlib.suppress(CruiseControlError, OSError, TimeoutError):
                self._run(self.client.close()).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self.server is not None:
            self.server.stop()

"""The class server: one aiohttp application serving the game's WebSocket and the teacher's dashboard.

A connection is untrusted: frames over `MAX_MESSAGE_BYTES` close it (aiohttp's max_msg_size), each
message is checked by `game.net.protocol`, a connection sending faster than its token bucket allows
or sending nonsense again and again is dropped with a log line, and nothing a client sends can raise
past its own handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web

from game.errors import CruiseControlError, IllegalMoveError, MalformedMoveError, Worded
from game.net import dashboard
from game.net.classroom import Classroom, Refused, Student
from game.net.gate import Gate, raise_file_limit
from game.net.limits import MAX_OPEN, SPARE_FILES
from game.net.protocol import MAX_MESSAGE_BYTES, Holds, Join, MoveMessage, Ping, ProtocolError, Thinking, dump, parse

log = logging.getLogger("cruise_control.net")
ROOM: web.AppKey[Classroom] = web.AppKey("room", Classroom)

RATE = 20.0
"""Messages a second a connection may send on average ..."""
BURST = 60.0
"""... and at once; a person clicks far less, a flood is dropped."""
MAX_BAD = 5
"""Malformed messages a connection may send before it is dropped."""
MAX_QUEUED = 500
"""Messages waiting for a client that does not read before it is dropped."""
HEARTBEAT = 5.0
"""Seconds of silence before the server pings a connection, which then has half as long to answer: a laptop
that slept is found within 7.5 s, and its student's seat is free again."""
PROBE = 2.0
"""Seconds a connection has to answer a ping when someone joins by its student's name without the token."""


class Bucket:
    def __init__(self, rate: float = RATE, burst: float = BURST) -> None:
        self.rate, self.burst, self.level, self.at = rate, burst, burst, time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level < 1.0:
            return False
        self.level -= 1.0
        return True


class WsLink:
    """A connection's outgoing side: a queue drained by its own task, which closes the socket at the end."""

    def __init__(self, ws: web.WebSocketResponse, peer: str) -> None:
        self.ws, self.peer = ws, peer
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.code, self.reason = 1000, b""
        self.ending = False
        self.heard = asyncio.Event()
        """Set by every pong: pings are answered by hand so that `answers` can tell a live peer from a dead one."""
        self.task = asyncio.create_task(self._pump())

    async def answers(self, timeout: float = PROBE) -> bool:
        """Whether the peer answers a ping now: a socket whose laptop slept keeps no promise to close."""
        self.heard.clear()
        try:
            await self.ws.ping()
            await asyncio.wait_for(self.heard.wait(), timeout)
        except (TimeoutError, ConnectionError, RuntimeError):
            return False
        return True

    def send(self, text: str) -> None:
        if self.ending:
            return
        if self.queue.qsize() > MAX_QUEUED:
            self.drop("it does not read its messages")
            return
        self.queue.put_nowait(text)

    def drop(self, reason: str) -> None:
        """Close with a policy-violation code after what is queued (the reason of a refusal) is sent."""
        if not self.ending:
            log.warning("dropped %s: %s", self.peer, reason)
            self.code, self.reason = 1008, reason.encode()[:120]
            self._end()

    def _end(self) -> None:
        self.ending = True
        self.queue.put_nowait(None)

    async def _pump(self) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            while (text := await self.queue.get()) is not None:
                await self.ws.send_str(text)
            await self.ws.close(code=self.code, message=self.reason)

    async def finish(self) -> None:
        """Flush (a second at most) and close."""
        if not self.ending:
            self._end()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self.task, 1.0)
        await self.ws.close()


async def game_socket(request: web.Request) -> web.WebSocketResponse:
    room = request.app[ROOM]
    ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=HEARTBEAT, autoping=False)
    await ws.prepare(request)
    link = WsLink(ws, str(request.remote))
    bucket = Bucket()
    student: Student | None = None
    bad = 0
    try:
        async for frame in ws:
            if not bucket.take():
                link.drop("too many messages (flood)")
                break
            if frame.type is WSMsgType.PING:
                await ws.pong(frame.data)
                continue
            if frame.type is WSMsgType.PONG:
                link.heard.set()
                continue
            if frame.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                break
            try:
                msg = parse(frame.data)
                if isinstance(msg, Join) and student is None:
                    student = await join(room, msg, link)
                else:
                    student = handle(room, student, msg, link)
            except Refused as exc:
                link.send(dump("error", code=exc.code, message=str(exc)))
                if student is None and exc.code in ("bad_code", "bad_token"):
                    bad += 1
            except (ProtocolError, MalformedMoveError) as exc:
                bad += 1
                link.send(dump("error", code="malformed", message=exc.english if isinstance(exc, Worded) else str(exc)))
            except IllegalMoveError as exc:
                link.send(dump("error", code="illegal", message=exc.english))  # said in the student's language
            if bad >= MAX_BAD:
                link.drop(f"{bad} malformed or refused messages")
                break
        if ws.exception() is not None:
            log.warning("dropped %s: %s", link.peer, ws.exception())
    except CruiseControlError as exc:  # the store failed: this move is lost to this client, not the class
        log.error("%s: %s", link.peer, exc)
    except Exception:  # a bug must cost one connection, never the server
        log.exception("dropped %s after an unexpected error", link.peer)
    finally:
        if student is not None:
            room.leave(student, link)
        await link.finish()
    return ws


async def join(room: Classroom, msg: Join, link: WsLink) -> Student:
    """A join; by a name whose connection does not answer a ping, it takes that seat at once."""
    try:
        return room.join(msg, link)
    except Refused as exc:
        old = room.holder(msg) if exc.code == "name_taken" else None
        if not isinstance(old, WsLink) or await old.answers():
            raise
        old.drop("it did not answer a ping when its student joined again")
        return room.join(msg, link, take_over=True)


def handle(
    room: Classroom, student: Student | None, msg: Join | MoveMessage | Thinking | Holds | Ping, link: WsLink
) -> Student | None:
    if isinstance(msg, Ping):
        link.send(dump("pong"))
    elif isinstance(msg, Join):
        if student is not None:
            raise Refused("joined", f"this connection is already {student.name}'s")
        return room.join(msg, link)
    elif student is None:
        raise Refused("not_joined", "join the class first")
    elif isinstance(msg, MoveMessage):
        room.move(student, msg)
    elif isinstance(msg, Holds):
        room.holds(student, msg)
    else:
        room.thinking(student, msg)
    return student


def make_app(room: Classroom, gate: Gate | None = None) -> web.Application:
    middlewares = [gate.middleware] if gate is not None else []
    app = web.Application(client_max_size=MAX_MESSAGE_BYTES, middlewares=middlewares)
    app[ROOM] = room
    app.router.add_get("/play", game_socket)
    dashboard.routes(app, ROOM)
    return app


def lan_address() -> str:
    """The address other computers reach this one at: the one the default route would use (nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.254.254.254", 9))
            return str(s.getsockname()[0])
        except OSError:
            return "127.0.0.1"


CHECKPOINT_EVERY = 5.0
"""Seconds between copies of the database's write-ahead log into its file (off the event loop)."""


async def checkpoint_loop(room: Classroom) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(CHECKPOINT_EVERY)
        try:
            await loop.run_in_executor(None, room.store.checkpoint)
        except CruiseControlError as exc:
            log.warning("%s", exc)


async def serve(
    room: Classroom,
    host: str,
    port: int,
    ready: Callable[[str, int], Awaitable[None] | None],
    max_open: int = MAX_OPEN,
) -> None:
    """Serve until cancelled; `ready(host, port)` is called once the socket listens (port 0 picks one);
    at most `max_open` connections at once (game and dashboard)."""
    gate = Gate(min(max_open, raise_file_limit() - SPARE_FILES))
    gate.quiet_accept_errors(asyncio.get_running_loop())
    app = make_app(room, gate)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        await runner.cleanup()
        raise CruiseControlError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    site = web.SockSite(runner, sock, shutdown_timeout=1.0)
    await site.start()
    room.start_agents()
    tasks = [asyncio.create_task(dashboard.push_loop(room)), asyncio.create_task(checkpoint_loop(room))]
    try:
        result = ready(host, sock.getsockname()[1])
        if result is not None:
            await result
        await asyncio.Event().wait()
    finally:
        for task in tasks:
            task.cancel()
        await runner.cleanup()

"""Attacks on the class server, each written as the attack: the server must refuse, drop the attacker
with a log line and go on serving everyone else."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from game.net.client import Client
from game.net.protocol import PROTOCOL_VERSION
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package
from tests.net_helpers import Server, pair, play


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(Path(tmp_path_factory.mktemp("hostile")), ("--start",)).start()
    yield s
    s.kill()


async def raw(server: Server) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse]:
    http = aiohttp.ClientSession()
    return http, await http.ws_connect(f"ws://{server.address}/play", max_msg_size=0)


async def replies(ws: aiohttp.ClientWebSocketResponse, n: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        frame = await ws.receive(timeout=10)
        if frame.type is not aiohttp.WSMsgType.TEXT:
            break
        out.append(json.loads(frame.data))
    return out


async def still_serves(server: Server, name: str) -> None:
    """Two fresh students still get a table and play a whole game."""
    a, b = (
        await Client.join(server.address, server.code, name + "-a"),
        await Client.join(server.address, server.code, name + "-b"),
    )
    await asyncio.gather(play(a), play(b))
    assert a.state is not None and a.state.over and b.state is not None and a.state.moves == b.state.moves
    await a.close()
    await b.close()


def test_a_seat_cannot_act_with_another_seats_token_or_out_of_turn(server: Server) -> None:
    async def run() -> None:
        mover, waiter = await pair(server, "token")
        assert waiter.rules is not None and waiter.state is not None
        move = {"kind": "consult"}
        # the waiting seat signs the mover's move with the mover's token (stolen from the screen, say)
        await waiter.send("move", token=mover.token, at=0, move=move)
        await waiter.send(
            "move", token=waiter.token, at=0, move=move
        )  # the right count, the wrong turn  # right count, wrong turn
        await waiter.send("thinking", token=mover.token, on=True)
        await waiter.send("holds", token=mover.token, digest="0123456789abcdef")  # for the mover's seat
        await waiter.wait(lambda: len(waiter.errors) >= 4)
        assert [code for code, _ in waiter.errors] == ["bad_token", "not_your_turn", "bad_token", "bad_token"]
        await asyncio.sleep(0.3)
        assert (
            len(mover.state.moves) == 0
            and len(waiter.state.moves) == 0
            and mover.presence.get(waiter.side) != "thinking"
        )
        # a move sent twice is played once
        await mover.send("move", token=mover.token, at=0, move=move)
        await mover.send("move", token=mover.token, at=0, move=move)
        await mover.wait(lambda: mover.errors)
        assert mover.errors == [("stale", mover.errors[0][1])] and len(mover.state.moves) == 1
        await mover.close()
        await waiter.close()

    asyncio.run(run())


def test_garbage_is_answered_then_the_sender_is_dropped(server: Server) -> None:
    async def run() -> None:
        http, ws = await raw(server)
        for junk in ("not json", "[1, 2]", '{"type": "move"}', '{"v": 99, "type": "ping"}', "[" * 30000 + "]" * 30000):
            await ws.send_str(junk)
        got = await replies(ws, 6)
        assert [m["code"] for m in got if m["type"] == "error"] == ["malformed"] * 5
        assert ws.closed or (await ws.receive(timeout=5)).type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert ws.close_code == 1008
        await http.close()
        await still_serves(server, "after-garbage")

    asyncio.run(run())
    assert "malformed or refused messages" in server.log


def test_a_version_of_true_is_not_version_1(server: Server) -> None:
    """`true == 1` in Python: a lax schema took `"v": true` (and `"at": true`) for the number 1."""

    async def run() -> None:
        http, ws = await raw(server)
        await ws.send_str(json.dumps({"v": True, "type": "join", "code": server.code, "name": "truthy"}))
        [refusal] = await replies(ws, 1)
        assert refusal["type"] == "error" and refusal["code"] == "malformed"
        assert f'"v" is the number {PROTOCOL_VERSION}' in refusal["message"], refusal
        await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "ping"}))
        assert (await replies(ws, 1))[0]["type"] == "pong"  # the same connection, asked properly, is answered
        await http.close()

        mover, waiter = await pair(server, "strict-at")
        at = len(mover.state.moves)
        for bad in ({"at": True}, {"at": float(at)}, {"at": str(at)}):
            await mover.send("move", token=mover.token, move={"kind": "consult"}, **bad)
        await mover.send("thinking", token=mover.token, on=1)
        await mover.wait(lambda: len(mover.errors) >= 4)
        assert [code for code, _ in mover.errors] == ["malformed"] * 4
        assert "whole number" in mover.errors[0][1] and "true or false" in mover.errors[3][1], mover.errors
        await asyncio.sleep(0.3)
        assert len(mover.state.moves) == len(waiter.state.moves) == at  # nothing was played
        await mover.close()
        await waiter.close()

    asyncio.run(run())


def test_unknown_fields_are_refused_in_a_message_and_in_a_move(server: Server) -> None:
    """A field the protocol does not have is an error, never silently ignored: not in the message, not in the
    move, not in a proposal's package (an issue the scenario does not have)."""

    async def run() -> None:
        mover, waiter = await pair(server, "strict-fields")
        at = len(mover.state.moves)
        assert mover.rules is not None
        space = mover.rules.space
        package = space.values(Package(tuple(0 for _ in space.ids)))
        sends: list[dict[str, Any]] = [
            {"move": {"kind": "consult", "by": "ussr"}},  # an extra field in the move
            {"move": {"kind": "accept", "package": package}},
            {"move": {"kind": "propose", "package": package, "side": "ussr"}},
            {"move": {"kind": "propose", "package": {**package, "bribe": 1}}},  # an issue the game does not have
            {"move": {"kind": "consult"}, "side": "ussr"},  # an extra field in the message
            {"move": {"kind": "forfeit", "reason": "I give up for the other side"}},  # the server's, not a seat's
        ]
        for i, fields in enumerate(sends):  # from both seats: five malformed messages drop a connection
            sender = mover if i < 4 else waiter  # (an out-of-turn seat is told `malformed` before `not_your_turn`)
            await sender.send("move", token=sender.token, at=at, **fields)
        await mover.wait(lambda: len(mover.errors) >= 4)
        await waiter.wait(lambda: len(waiter.errors) >= 2)
        assert [code for code, _ in mover.errors + waiter.errors] == ["malformed"] * len(sends)
        messages = [m for _, m in mover.errors + waiter.errors]
        assert "move.by: the protocol has no such field" in messages[0], messages[0]
        assert "unknown issue(s): bribe" in messages[3], messages[3]
        assert "field side: the protocol has no such field" in messages[4], messages[4]
        assert '"forfeit" is not one the protocol has here' in messages[5], messages[5]
        await asyncio.sleep(0.3)
        assert len(mover.state.moves) == len(waiter.state.moves) == at
        await play(mover, max_moves=1)  # the schema refused them all; the rules were never asked
        await mover.wait(lambda: len(waiter.state.moves) == at + 1)
        await mover.close()
        await waiter.close()

    asyncio.run(run())


def test_a_ten_megabyte_frame_closes_that_connection_only(server: Server) -> None:
    async def run() -> None:
        bystander, other = await pair(server, "big")
        http, ws = await raw(server)
        with contextlib.suppress(ConnectionError):  # the server may hang up before it has all ten megabytes
            await ws.send_str(
                json.dumps(
                    {"v": PROTOCOL_VERSION, "type": "join", "code": server.code, "name": "x" * (10 * 1024 * 1024)}
                )
            )
        frame = await ws.receive(timeout=20)
        assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
        assert ws.close_code in (1009, 1006, None)  # too big, or the line cut before the close frame arrived
        await http.close()
        await asyncio.gather(play(bystander), play(other))  # the class went on
        assert bystander.state is not None and bystander.state.over
        await bystander.close()
        await other.close()

    asyncio.run(run())
    assert server.alive and "exceeds limit" in server.log


def test_a_flood_is_cut_off(server: Server) -> None:
    async def run() -> int:
        http, ws = await raw(server)
        with contextlib.suppress(ConnectionError):
            for _ in range(3000):
                await ws.send_str('{"type": "ping"}')
        pongs = 0
        while (await ws.receive(timeout=10)).type is aiohttp.WSMsgType.TEXT:
            pongs += 1
        await http.close()
        await still_serves(server, "after-flood")
        return pongs

    pongs = asyncio.run(run())
    assert pongs < 200
    assert "too many messages (flood)" in server.log


def test_no_message_to_a_seat_carries_the_other_sides_brief(server: Server) -> None:
    """During the talks (once they are over, the whole scenario comes for the debrief, as in a local game;
    `test_net_seat_view` checks the other side's numbers too)."""
    scenario, _ = load_scenario("april-1990")
    secrets = {
        "us": [
            scenario.sides.us.brief[:60],
            *(e.instructions[:60] for ev in scenario.events for e in ev.effects if e.side == "us" and e.instructions),
        ],
        "ussr": [
            scenario.sides.ussr.brief[:60],
            *(e.instructions[:60] for ev in scenario.events for e in ev.effects if e.side == "ussr" and e.instructions),
        ],
    }

    class Recording(Client):
        def _handle(self, msg: dict[str, Any]) -> None:
            super()._handle(msg)
            if self.state is None or not self.state.over:
                self.raw = [*getattr(self, "raw", []), json.dumps(msg, ensure_ascii=False)]

    async def run() -> list[Recording]:
        clients = [await Recording.join(server.address, server.code, f"spy-{i}") for i in range(2)]
        await asyncio.gather(*(play(c, agent="ai:tradeoff") for c in clients))
        for c in clients:
            await c.close()
        return clients

    for c in asyncio.run(run()):
        assert c.side is not None
        other = secrets[c.side.other.value]
        assert other and all(s not in m for m in c.raw for s in other if s)


def test_the_dashboard_refuses_anyone_without_the_teachers_token(server: Server) -> None:
    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            for first in ("garbage", json.dumps({"token": "x" * 16}), json.dumps({"token": ["a"]})):
                ws = await http.ws_connect(f"ws://{server.address}/dashboard/feed")
                await ws.send_str(first)
                frame = await ws.receive(timeout=10)
                assert frame.type is aiohttp.WSMsgType.CLOSE and frame.data == 4003
                await ws.close()
            student = await Client.join(server.address, server.code, "would-be-teacher")
            for token in (student.token, server.code, ""):
                async with http.post(f"http://{server.address}/api/end", headers={"X-Teacher-Token": token}) as r:
                    assert r.status == 403
                async with http.get(f"http://{server.address}/saves.zip", params={"t": token}) as r:
                    assert r.status == 403
            await student.close()
            again = await Client.join(server.address, server.code, "still-on")
            assert not again.status["ended"]
            await again.close()

    asyncio.run(run())

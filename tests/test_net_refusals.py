"""What a seat is told when the server refuses its move, and what the teacher's dashboard counts, on a real
server on 127.0.0.1 with real clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.moves import FireEvent
from tests.net_helpers import Server, pair, play
from tests.test_net_events import LATE, fire


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(Path(tmp_path_factory.mktemp("refusals")), ("--start",)).start()
    yield s
    s.kill()


def test_a_refused_move_is_answered_with_a_code_and_a_reason_and_the_seat_plays_on(server: Server) -> None:
    async def run() -> None:
        mover, waiter = await pair(server, "refused")
        at = len(mover.state.moves)
        sends = [
            (waiter, {"kind": "consult"}, "not_your_turn"),  # out of turn
            (mover, {"kind": "accept"}, "illegal"),  # nothing on the table to accept
            (mover, {"kind": "propose", "package": {"no_such_issue": 1}}, "malformed"),
            (mover, {"kind": "argument", "argument": "no-such-argument"}, "illegal"),
        ]
        for client, move, _ in sends:
            await client.send("move", token=client.token, at=at, move=move)
        await mover.wait(lambda: len(mover.errors) >= 3)
        await waiter.wait(lambda: len(waiter.errors) >= 1)
        got = waiter.errors + mover.errors
        assert [code for code, _ in got] == [code for _, _, code in sends]
        assert all(len(message) > 10 for _, message in got), got  # a reason a person can read
        assert len(mover.state.moves) == len(waiter.state.moves) == at
        await asyncio.gather(play(mover, max_moves=1), play(waiter, max_moves=1))  # nothing else changed
        await mover.wait(lambda: len(mover.state.moves) >= at + 2)
        await mover.close()
        await waiter.close()

    asyncio.run(run())


def test_the_dashboard_counts_the_delegations_moves_not_the_teachers_events(server: Server) -> None:
    async def run() -> None:
        mover, waiter = await pair(server, "count")
        await asyncio.gather(play(mover, max_moves=2), play(waiter, max_moves=1))
        await mover.wait(lambda: len(mover.state.moves) >= 3)
        assert mover.seat is not None
        loop = asyncio.get_running_loop()
        status, _ = await loop.run_in_executor(
            None, fire, server, {"event": LATE, "table": mover.seat.table}, server.token
        )
        assert status == 200
        await mover.wait(lambda: LATE in mover.state.fired)
        played = [m for m in mover.state.moves if not isinstance(m, FireEvent)]
        assert len(played) == len(mover.state.moves) - 1
        async with mover.http.ws_connect(f"ws://{server.address}/dashboard/feed") as ws:
            await ws.send_str(json.dumps({"token": server.token}))
            for _ in range(20):  # a snapshot is pushed when something changed: wait for one with the event
                snapshot = json.loads((await ws.receive(timeout=10)).data)
                row = next(t for t in snapshot["tables"] if t["id"] == mover.seat.table)
                if LATE in row["fired"]:
                    break
        assert row["moves"] == len(played)
        await mover.close()
        await waiter.close()

    asyncio.run(run())

"""Holding connections open cannot lock a class out: past its share an address, and past the total
every address, is refused at once (503) while students still join, and the log says so in a line."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp

from game.net.client import Client
from game.net.gate import Gate
from tests.net_helpers import Server

TOTAL = 40


def test_connections_past_the_total_are_refused_and_a_student_joins_when_some_close(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--max-connections", str(TOTAL))).start()

    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            held = [await http.ws_connect(f"ws://{server.address}/play") for _ in range(TOTAL - 1)]
            student = await Client.join(server.address, server.code, "Ann")  # the last place
            refused = 0
            for _ in range(20):
                try:
                    held.append(await http.ws_connect(f"ws://{server.address}/play"))
                except aiohttp.WSServerHandshakeError as exc:
                    assert exc.status == 503
                    refused += 1
            assert refused == 20
            await student.wait(lambda: student.waiting > 0 or student.state is not None)
            for ws in held[:10]:
                await ws.close()
            await asyncio.sleep(0.2)
            late = await Client.join(server.address, server.code, "Ben")  # room again once some close
            await late.close()
            await student.close()
            for ws in held[10:]:
                with contextlib.suppress(Exception):
                    await ws.close()

    try:
        asyncio.run(asyncio.wait_for(run(), 60))
        assert server.alive
        log = server.log
        assert "Traceback" not in log
        assert log.count("refused connections from 127.0.0.1") == 1  # a line, not one per attempt
    finally:
        server.kill()


def test_one_address_gets_its_share_and_this_computer_only_the_total() -> None:
    gate = Gate(total=10, per_peer=3)
    release = asyncio.Event()

    async def handler(request: Any) -> Any:
        await release.wait()
        return SimpleNamespace(status=200)

    async def run() -> tuple[list[int], list[int], list[int]]:
        async def one(peer: str) -> int:
            response = await gate.middleware(SimpleNamespace(remote=peer), handler)  # type: ignore[arg-type]
            return int(response.status)

        lan = [asyncio.create_task(one("10.1.2.3")) for _ in range(4)]
        here = [asyncio.create_task(one("127.0.0.1")) for _ in range(6)]
        await asyncio.sleep(0.05)
        late = [asyncio.create_task(one("10.9.9.9"))]  # the total of 10 is reached: 3 + 6 open
        await asyncio.sleep(0.05)
        release.set()
        return [await t for t in lan], [await t for t in here], [await t for t in late]

    lan, here, late = asyncio.run(run())
    assert sorted(lan) == [200, 200, 200, 503]  # a classroom router's share
    assert here == [200] * 6  # this computer's own address is held only to the total
    assert late == [200]  # 9 open: one more fits
    assert not gate.open  # every connection counted out again

"""Holding connections open cannot lock a class out: past its share, one address is refused at once
(503) while students from it and elsewhere still join, and the server's log says so in a line."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import aiohttp

from game.net.client import Client
from game.net.gate import PER_PEER
from tests.net_helpers import Server


def test_an_address_holding_too_many_connections_is_refused_and_a_student_still_joins(tmp_path: Path) -> None:
    server = Server(tmp_path).start()

    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            held = [await http.ws_connect(f"ws://{server.address}/play") for _ in range(PER_PEER - 1)]
            student = await Client.join(server.address, server.code, "Ann")  # the last of the share
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

"""A window that was closed or crashed mid-class rejoins its seat with the token kept on disk: a real server
on 127.0.0.1, a window's session that is dropped, and a new one made from nothing but what is on disk."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine.moves import ConsultCapital
from game.net import remote, seats
from game.net.client import Client
from tests.net_helpers import Server, play
from tests.test_net_rejoin import until


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(folder))
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(Path(tmp_path_factory.mktemp("seats")), ("--start",)).start()
    yield s
    s.kill()


def test_a_kept_seat_is_private_and_found_by_address_code_and_name(config: Path) -> None:
    seats.remember("localhost", "abc123", "Ada Lovelace", "t" * 22)
    seats.remember("10.0.0.5:9000", "XYZ789", "Ada", "u" * 22)
    file = config / seats.FILE
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # a token lets whoever holds it play the seat
    assert seats.token("http://localhost:8765/", "ABC123", " ada  lovelace ") == "t" * 22
    assert seats.token("localhost", "ABC123", "Grace") is None  # someone else on the same computer
    assert seats.token("localhost:9999", "ABC123", "Ada Lovelace") is None  # another server
    last = seats.last()
    assert last is not None and (last.address, last.code) == ("10.0.0.5:9000", "XYZ789")
    seats.forget("localhost", "ABC123")
    assert seats.token("localhost", "ABC123", "Ada Lovelace") is None
    assert seats.token("10.0.0.5:9000", "XYZ789", "ada") == "u" * 22
    assert not [p for p in config.iterdir() if p.name != seats.FILE]  # no temporary file left behind


@pytest.mark.parametrize(
    "content",
    [b"not json", b"[]", b'{"seats": [1, {"token": "x"}]}', b'{"seats": "x"}', b"[" * 100_000, b"x" * 200_000],
)
def test_a_garbled_seats_file_holds_no_seat_and_is_replaced(config: Path, content: bytes) -> None:
    config.mkdir()
    (config / seats.FILE).write_bytes(content)
    assert seats.load() == []
    seats.remember("localhost", "ABC123", "Ada", "t" * 22)
    assert [s.name for s in seats.load()] == ["Ada"]


def test_a_seats_file_that_is_a_link_is_not_followed(config: Path, tmp_path: Path) -> None:
    config.mkdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"seats": [{"address": "a", "code": "ABCD", "name": "n", "token": "t" * 22}]}))
    (config / seats.FILE).symlink_to(elsewhere)
    assert seats.load() == []


def _end(server: Server) -> None:
    request = urllib.request.Request(
        f"{server.http}/api/end", method="POST", headers={"X-Teacher-Token": server.token}, data=b""
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - 127.0.0.1
        assert answer.status == 200


def test_a_restarted_window_rejoins_its_seat_with_its_game(server: Server, config: Path) -> None:
    async def run() -> None:
        first = remote.RemoteSession(server.address, server.code.lower(), "Ada")
        other = await Client.join(server.address, server.code, "Ada's partner")
        await until(lambda: first.seated, 10)
        assert first.client is not None and first.client.seat is not None
        kept = json.loads((config / seats.FILE).read_text())["seats"]
        assert [(s["name"], s["token"]) for s in kept] == [("Ada", first.client.token)]
        # a move or two so that there is a game to come back to
        if first.client.my_turn:
            await asyncio.get_running_loop().run_in_executor(None, first.submit, ConsultCapital())
        await play(other, max_moves=1)
        await until(lambda: first.client is not None and first.client.state is not None and first.client.my_turn, 10)
        before = first.client.state
        assert before is not None and len(before.moves) >= 1

        # The window crashes: nothing of it is left in this process but its connection, which the server
        # still holds and which still answers pings (so the name alone would be refused: `name_taken`).
        seat = first.client.seat
        abandoned = first  # kept only to close its thread at the end
        again = remote.RemoteSession(server.address, server.code, " ada ")
        assert again.token is None  # a new session knows nothing but what is on disk
        await until(lambda: again.seated or bool(again.error), 10)
        assert again.error == "" and again.client is not None
        assert again.client.seat == seat
        assert again.client.state is not None and again.client.state.moves == before.moves
        assert again.state.moves == before.moves and again.waiting_for_person  # our turn, as it was
        await until(lambda: abandoned.client.closed is not None, 5)  # the old connection was let go

        # the class ends: the seat is no longer kept
        await asyncio.get_running_loop().run_in_executor(None, _end, server)
        await until(lambda: seats.token(server.address, server.code, "Ada") is None, 10)
        assert json.loads((config / seats.FILE).read_text())["seats"] == []
        abandoned.close()
        again.close()
        await other.close()

    asyncio.run(run())
    assert not [p for p in os.listdir(config) if p.endswith(".tmp")]

"""The class server for real: a `serve` process on 127.0.0.1 and real clients, whole games, kills and rejoins."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import signal
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pytest

from game.agents.registry import make
from game.engine.moves import Move
from game.net.client import Client, ClientError
from game.record import save
from tests.net_helpers import Server, play


def get(server: Server, path: str, token: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(
        server.http + path, method=method, headers={"X-Teacher-Token": token} if token else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    s = Server(Path(tmp_path_factory.mktemp("class")), ("--start",)).start()
    yield s
    if s.alive:
        s.kill()


def test_fifteen_tables_play_whole_games_and_every_move_is_in_the_saves(server: Server) -> None:
    names = [f"Student {i:02d}" for i in range(30)]

    async def class_() -> list[Client]:
        clients = await asyncio.gather(*(Client.join(server.address, server.code, n) for n in names))
        await asyncio.gather(*(play(c, seed=i) for i, c in enumerate(clients)))
        for c in clients:
            await c.close()
        return list(clients)

    clients = asyncio.run(class_())
    tables = {c.seat.table for c in clients if c.seat}
    assert len(tables) == 15
    for c in clients:
        assert c.state is not None and c.state.over and not c.errors
    status, data = get(server, f"/saves.zip?t={server.token}")
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {f"saves/table-{t:02d}.yaml" for t in tables} <= set(z.namelist())
        report = list(csv.DictReader(io.StringIO(z.read("report.csv").decode())))
        assert set(names) <= {r["us_player"] for r in report} | {r["ussr_player"] for r in report}
        assert all(
            r["record"].startswith("records/table-") and r["record"].replace("records/", "") in str(z.namelist())
            for r in report
        )
        (server.folder / "out").mkdir()
        z.extractall(server.folder / "out")
    for c in clients[:4]:  # each save replays to the game the students played
        assert c.seat is not None
        record, _, state = save.load(server.folder / "out" / "saves" / f"table-{c.seat.table:02d}.yaml")
        assert c.state is not None and state.moves == c.state.moves and state.ending == c.state.ending
        assert record.header.players[f"{c.side.value}_name"] == c.name


def test_a_student_who_drops_rejoins_with_name_and_code_and_plays_on(server: Server) -> None:
    async def run() -> None:
        alice = await Client.join(server.address, server.code, "Rita")
        bob = await Client.join(server.address, server.code, "Rob")
        await asyncio.gather(play(alice, max_moves=2), play(bob, max_moves=2))
        async with asyncio.timeout(10):  # polled: `wait` wakes on bob's messages only, and alice's may come last
            while not len(bob.state.moves) == len(alice.state.moves) >= 4:
                await asyncio.sleep(0.05)
        played = len(bob.state.moves)
        await bob.close()
        await alice.wait(lambda: alice.presence.get(bob.side) == "dropped")
        bob2 = await Client.join(server.address, server.code, " rob ")  # name and code only: the laptop slept
        await bob2.wait(lambda: bob2.seat is not None and bob2.state is not None)
        assert bob2.name == "Rob" and bob2.seat == bob.seat and len(bob2.state.moves) == played
        await alice.wait(lambda: alice.presence.get(bob.side) == "connected")
        await asyncio.gather(play(alice), play(bob2))
        assert alice.state.moves == bob2.state.moves and alice.state.over
        for c in (alice, bob2):
            await c.close()

    asyncio.run(run())


def test_a_name_in_use_and_a_wrong_code_are_refused(server: Server) -> None:
    async def run() -> None:
        alice = await Client.join(server.address, server.code, "Nina")
        with pytest.raises(ClientError) as taken:
            await Client.join(server.address, server.code, "NINA")
        assert taken.value.code == "name_taken"
        with pytest.raises(ClientError) as wrong:
            await Client.join(server.address, "ZZZZZZ", "Eve")
        assert wrong.value.code == "bad_code"
        with pytest.raises(ClientError) as forged:
            await Client.join(server.address, server.code, "Nina", token="x" * 22)
        assert forged.value.code == "bad_token"
        await alice.close()

    asyncio.run(run())


def test_killed_mid_class_and_restarted_every_table_resumes_with_every_move(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--start",)).start()
    names = [f"S{i}" for i in range(6)]

    async def first_half() -> dict[str, tuple[str, int, tuple]]:
        clients = await asyncio.gather(*(Client.join(server.address, server.code, n) for n in names))
        await asyncio.gather(*(play(c, max_moves=3, seed=i) for i, c in enumerate(clients)))
        await asyncio.sleep(0.2)
        kept = {c.name: (c.token, c.seat.table, c.state.moves) for c in clients}
        server.kill()  # SIGKILL: no goodbye, no flush
        for c in clients:
            await c.wait(lambda c=c: c.closed is not None)
            await c.close()
        return kept

    kept = asyncio.run(first_half())
    server.start()  # the same database, the same port and class code

    async def second_half() -> list[Client]:
        clients = await asyncio.gather(*(Client.join(server.address, server.code, n) for n in names))
        for c in clients:
            await c.wait(lambda c=c: c.state is not None)
            token, table, moves = kept[c.name]
            assert c.token == token and c.seat.table == table
            assert c.state.moves[: len(moves)] == moves and len(c.state.moves) >= len(moves)
        await asyncio.gather(*(play(c, seed=i) for i, c in enumerate(clients)))
        for c in clients:
            await c.close()
        return list(clients)

    clients = asyncio.run(second_half())
    assert all(c.state.over for c in clients)
    server.kill(signal.SIGTERM)  # stopped the ordinary way, the server writes every table's save
    for c in clients:
        record, _, state = save.load(tmp_path / "class-saves" / f"table-{c.seat.table:02d}.yaml")
        assert state.moves == c.state.moves


def test_the_teachers_buttons_need_the_teachers_token(tmp_path: Path) -> None:
    server = Server(tmp_path).start()  # not --start: the tables wait for the teacher

    async def run() -> None:
        a, b, c = [await Client.join(server.address, server.code, n) for n in ("Ann", "Ben", "Cat")]
        await b.wait(lambda: b.seat is not None)
        assert a.seat is not None and b.seat is not None and c.seat is None
        waiting = a if a.state.to_move is a.side else b
        await waiting.play(_first_move(waiting))
        await waiting.wait(lambda: waiting.errors)
        assert waiting.errors[-1][0] == "not_started"
        for token in (None, a.token, "wrong-token-123"):
            assert get(server, "/api/start", token, "POST")[0] == 403
            assert get(server, f"/report.csv?t={token}")[0] == 403
        assert get(server, "/api/start", server.token, "POST")[0] == 200
        await c.wait(lambda: c.seat is not None)  # the odd student now plays the AI
        assert c.seat.players[c.side.other.value] == "AI"
        await play(c)
        assert c.state.over
        late = await Client.join(server.address, server.code, "Dee")  # after the start, alone in the lobby
        await asyncio.sleep(0.3)
        assert late.seat is None
        assert get(server, "/api/start", server.token, "POST")[0] == 200  # the same button seats the lobby
        await late.wait(lambda: late.seat is not None)
        assert late.seat.players[late.side.other.value] == "AI"
        for x in (a, b, c, late):
            await x.close()

    asyncio.run(run())
    server.kill()


def _first_move(client: Client) -> Move:
    assert client.side is not None
    bot = make("ai:linear")
    bot.reset(client.side, np.random.default_rng(0))
    return bot.act(client.observe())


def test_the_dashboard_feed_shows_tables_and_scores(server: Server) -> None:
    async def run() -> dict:
        alice = await Client.join(server.address, server.code, "Dora")
        bob = await Client.join(server.address, server.code, "Dan")
        await asyncio.gather(play(alice), play(bob))
        async with alice.http.ws_connect(f"ws://{server.address}/dashboard/feed") as ws:
            await ws.send_str(json.dumps({"token": server.token}))
            data = json.loads((await ws.receive(timeout=10)).data)
        for c in (alice, bob):
            await c.close()
        return data

    data = asyncio.run(run())
    (table,) = [t for t in data["tables"] if t["us"]["name"] in ("Dora", "Dan")]
    assert {table["us"]["name"], table["ussr"]["name"]} == {"Dora", "Dan"}
    assert table["phase"] in ("ratified", "agreed, not ratified", "collapsed") and table["moves"] > 0
    assert {"Dora", "Dan"} <= {s["name"] for s in data["standings"]}


def test_an_odd_student_plays_a_confined_plugin_and_pause_holds_every_move(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--ai", "py:examples/my_agent.py:MyAgent")).start()

    async def run() -> Client:
        ann = await Client.join(server.address, server.code, "Ann")
        assert get(server, "/api/start", server.token, "POST")[0] == 200
        await ann.wait(lambda: ann.my_turn)
        assert get(server, "/api/pause", server.token, "POST")[0] == 200
        await ann.wait(lambda: ann.status["paused"])
        before = len(ann.state.moves)
        await ann.play(_first_move(ann))
        await ann.wait(lambda: ann.errors)
        assert ann.errors[-1][0] == "paused" and len(ann.state.moves) == before  # taken back
        assert get(server, "/api/resume", server.token, "POST")[0] == 200
        await play(ann)
        await ann.close()
        return ann

    ann = asyncio.run(run())
    assert ann.state.over and ann.seat.players[ann.side.other.value] == "AI"
    status, data = get(server, f"/saves.zip?t={server.token}")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read("saves/table-01.yaml").decode()
    assert "py:examples/my_agent.py:MyAgent" in text and "Ann" in text
    server.kill()


def test_a_personas_speaker_speaks_at_a_students_table_and_a_name_from_the_network_must_be_a_member(
    tmp_path: Path,
) -> None:
    from game.engine.state import EntryKind
    from game.net.client import _with_speakers

    server = Server(tmp_path, ("--ai", "persona:hardliner-akhromeyev")).start()

    async def run() -> Client:
        ann = await Client.join(server.address, server.code, "Ann")
        assert get(server, "/api/start", server.token, "POST")[0] == 200  # the odd student gets the AI
        await play(ann, max_moves=2)
        await ann.wait(lambda: any(e.side is not ann.side for e in ann.state.log if e.kind is EntryKind.MOVE), 30)
        await ann.close()
        return ann

    ann = asyncio.run(run())
    server.kill()
    moves = [e for e in ann.state.log if e.kind is EntryKind.MOVE]
    assert {e.speaker for e in moves if e.side is not ann.side} == {"Sergey Akhromeyev"}  # not the lead, Karpov
    assert {e.speaker for e in moves if e.side is ann.side} == {"James Baker"}
    start = ann.rules.initial(1)
    assert _with_speakers(ann.rules, start, ["<b>Mallory</b>", "Sergey Akhromeyev"]).speakers == (
        "",
        "Sergey Akhromeyev",
    )
    assert _with_speakers(ann.rules, start, "Sergey Akhromeyev").speakers == ("", "")

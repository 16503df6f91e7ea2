"""The teacher fires one of the scenario's events at one table or at all, on a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import signal
import urllib.request
from pathlib import Path
from types import SimpleNamespace

from game.engine import Adjourn, ConsultCapital, FireEvent
from game.engine.rules import Rules
from game.net.client import Client
from game.net.remote import RemoteSession
from game.record import save
from game.record.export import export_markdown
from game.record.scenario_copy import scenario_source
from tests.net_helpers import Server, play

LATE = "moscow-confirms-declarations"
"""Fires by itself only when Moscow is consulted after a US argument: never at the start of a game."""
BONN = "two-plus-four-opens"


def fire(server: Server, body: object, token: str | None) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{server.http}/api/event", data=data, method="POST", headers={"X-Teacher-Token": token} if token else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        text = exc.read().decode()
        return exc.code, json.loads(text) if text.startswith("{") else {"message": text}


def test_the_teacher_fires_an_event_at_one_table_then_all_and_it_survives_a_kill(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--start",)).start()
    names = [f"P{i}" for i in range(6)]

    async def first_half() -> dict[str, tuple[str, int, tuple]]:
        clients = await asyncio.gather(*(Client.join(server.address, server.code, n) for n in names))
        for c in clients:
            await c.wait(lambda c=c: c.state is not None)
        by_table: dict[int, list[Client]] = {}
        for c in clients:
            by_table.setdefault(c.seat.table, []).append(c)
        one, *others = sorted(by_table)
        assert len(others) == 2
        loop = asyncio.get_running_loop()

        async def post(body: object, token: str | None = server.token) -> tuple[int, dict]:
            return await loop.run_in_executor(None, fire, server, body, token)

        # refused: no token, a student's token, garbage, a wrong field, an unknown event or table
        assert (await post({"event": LATE}, None))[0] == 403
        assert (await post({"event": LATE}, clients[0].token))[0] == 403
        assert (await post(b"\x00not json"))[0] == 400
        assert (await post({"event": LATE, "table": "one"}))[0] == 400
        assert (await post({"event": LATE, "extra": 1}))[0] == 400
        assert (await post({"event": "<script>"}))[0] == 400
        status, answer = await post({"event": "no-such-event"})
        assert status == 400 and "no event 'no-such-event'" in answer["message"]
        assert (await post({"event": LATE, "table": 999}))[0] == 404
        assert all(LATE not in c.state.fired for c in clients)

        # one table: both of its seats see it arrive as a move; the other tables do not
        assert await post({"event": LATE, "table": one}) == (200, {"ok": True, "event": LATE, "tables": [one]})
        for c in by_table[one]:
            await c.wait(lambda c=c: LATE in c.state.fired)
            assert c.state.moves[-1] == FireEvent(LATE)
        soviet = next(c for c in by_table[one] if c.side.value == "ussr")
        american = next(c for c in by_table[one] if c.side.value == "us")
        assert "Moscow confirms" in soviet.observe().brief.instructions[-1]
        assert (
            not american.observe().brief.instructions
            or "Moscow confirms" not in american.observe().brief.instructions[-1]
        )
        status, again = await post({"event": LATE, "table": one})
        assert status == 409 and again["error"] == "fired"
        # a seat may not fire one itself
        await soviet.send("move", token=soviet.token, at=len(soviet.state.moves), move={"kind": "event", "event": BONN})
        await soviet.wait(lambda: soviet.errors)
        assert soviet.errors[-1][0] == "malformed" and BONN not in soviet.state.fired

        # all tables: only those where it has not happened
        assert (await post({"event": LATE}))[1]["tables"] == others
        assert (await post({"event": LATE}))[1]["tables"] == []
        for c in clients:
            await c.wait(lambda c=c: LATE in c.state.fired)

        async with clients[0].http.ws_connect(f"ws://{server.address}/dashboard/feed") as ws:
            await ws.send_str(json.dumps({"token": server.token}))
            snapshot = json.loads((await ws.receive(timeout=10)).data)
        assert {"id": LATE, "title": "Moscow confirms the February formula"} in snapshot["events"]
        assert all(LATE in t["fired"] for t in snapshot["tables"])

        await asyncio.gather(*(play(c, max_moves=2, seed=i) for i, c in enumerate(clients)))
        assert (await post({"event": BONN, "table": one}))[0] == 200  # in the middle of the game too
        await asyncio.sleep(0.3)
        kept = {c.name: (c.token, c.seat.table, c.confirmed.moves) for c in clients}
        server.kill()  # SIGKILL
        for c in clients:
            await c.close()
        return kept

    async def second_half(kept: dict[str, tuple[str, int, tuple]]) -> list[Client]:
        clients = await asyncio.gather(*(Client.join(server.address, server.code, n) for n in names))
        for c in clients:
            await c.wait(lambda c=c: c.state is not None)
            assert c.state.moves[: len(kept[c.name][2])] == kept[c.name][2] and LATE in c.state.fired
        await asyncio.gather(*(play(c, seed=i) for i, c in enumerate(clients)))
        for c in clients:
            await c.close()
        return list(clients)

    try:
        kept = asyncio.run(first_half())
        server.start()
        clients = asyncio.run(second_half(kept))
        server.kill(signal.SIGTERM)
    finally:
        if server.alive:
            server.kill()

    for c in clients:
        record, rules, state = save.load(tmp_path / "class-saves" / f"table-{c.seat.table:02d}.yaml")
        assert state.moves == c.state.moves and state.over and FireEvent(LATE) in state.moves
        assert "The instructor brings in: Moscow confirms the February formula." in export_markdown(
            rules, state, record.header
        )


def test_the_window_drops_its_move_when_a_fired_event_took_its_place() -> None:
    """A student's move crossed the teacher's event: the server refused it as stale and the game has the
    event where the window showed the move. The window shows the server's game, not its own move."""
    rules = Rules(scenario_source("april-1990")[0])
    start = rules.initial(3)
    ours = rules.apply(start, ConsultCapital())
    fired = rules.apply(start, FireEvent(LATE))
    window = RemoteSession.__new__(RemoteSession)  # the table's view of the game, without a connection
    window.client = SimpleNamespace(state=fired)  # type: ignore[assignment]
    window._shown = ours
    assert window.state is fired
    answered = rules.apply(ours, Adjourn())
    window.client.state, window._shown = answered, ours  # the other side answered: shown when the table polls
    assert window.state is ours and window.poll_ai() and window.state is answered


def test_the_standings_compare_each_student_with_the_same_side_only() -> None:
    from game.net.dashboard import standings

    def table(i: int, agent: str = "") -> SimpleNamespace:
        return SimpleNamespace(id=i, scenario_name="april-1990", is_agent=lambda side: side.value == agent)

    room = SimpleNamespace(tables={1: table(1), 2: table(2, agent="ussr")})
    rows = [
        {"id": 1, "us": {"name": "Ada"}, "ussr": {"name": "Boris"}, "scores": {"us": 40.0, "ussr": 30.0}},
        {"id": 2, "us": {"name": "Eve"}, "ussr": {"name": "ai:hard"}, "scores": {"us": 60.0, "ussr": 90.0}},
    ]
    got = [(r["name"], r["adjusted"]) for r in standings(room, rows)]  # type: ignore[arg-type]
    assert got == [("Eve", 10.0), ("Boris", 0.0), ("Ada", -10.0)]  # the AI neither listed nor in Boris's mean

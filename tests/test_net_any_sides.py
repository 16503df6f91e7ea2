"""A class on a scenario whose sides are neither the US nor the USSR (the European Community and Japan,
scenarios/car-trade-1991.yaml): a real server on 127.0.0.1, real clients and the window's Join flow. Nothing
the students' windows draw or the teacher's dashboard, live data and report show may name the START sides."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Coroutine, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.net.client import Client
from game.net.remote import RemoteSession
from game.ui.settings import Settings
from tests.net_helpers import Server, pair, play
from tests.ui_driver import Driver

from .test_any_sides import (
    START_WORDS,
    TRADE,
    drawn,  # noqa: F401  (the fixture recording every string the window draws)
)
from .test_net_ui import press, type_into

SIDE_NAMES = ("European Community", "Japan")
START = re.compile(START_WORDS.pattern.replace("Soviet|", "Soviet|United States|"))


def _clean(text: str, where: str) -> None:
    lines = [line for line in text.splitlines() if START.search(line)][:5]
    assert not lines, f"{where} names the START sides: {lines}"


def _get(server: Server, path: str) -> str:
    try:
        with urllib.request.urlopen(server.http + path, timeout=60) as r:
            return r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{path}: {exc.code} {exc.read()!r}") from None


class _Visible(HTMLParser):
    """The text a browser shows of a page: no markup, no script, no style (their identifiers are not shown)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.text += [value for name, value in attrs if name in ("title", "alt", "placeholder") and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.text.append(data)


def _visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.text)


def _values(node: Any) -> Iterator[str]:
    """The texts of the live data a dashboard shows: not its keys, nor the slots `us` and `ussr` that name a
    seat in the protocol (the page shows the side's name in their place)."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value)
    elif isinstance(node, str) and node not in ("us", "ussr"):
        yield node


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path, ("--scenario", str(TRADE), "--start", "--class", "trade")).start()
    yield s
    if s.alive:
        s.kill()


def test_a_class_on_other_sides_plays_and_the_teacher_sees_only_those_sides(server: Server) -> None:
    async def class_() -> tuple[dict[str, Any], list[Client]]:
        first, second = await pair(server, "Student")
        await asyncio.gather(play(first, seed=1), play(second, seed=2))
        async with first.http.ws_connect(f"ws://{server.address}/dashboard/feed") as ws:
            await ws.send_str(json.dumps({"token": server.token}))
            data = json.loads((await ws.receive(timeout=10)).data)
        for c in (first, second):
            await c.close()
        return data, [first, second]

    feed, clients = asyncio.run(class_())
    assert all(c.state is not None and c.state.over and not c.errors for c in clients)
    (table,) = feed["tables"]
    assert table["phase"] in ("ratified", "agreed, not ratified", "collapsed") and table["moves"] > 0
    assert (feed["sides"]["us"]["name"], feed["sides"]["ussr"]["name"]) == SIDE_NAMES
    token = f"?t={server.token}"
    shown = {
        "the server's console": "".join(server.output),
        "the dashboard page": _visible(_get(server, "/")),
        "the live data": "\n".join(_values(feed)),
        "the class report": _visible(_get(server, "/report.html" + token)),
        "the report's table": _get(server, "/report.csv" + token),
        "a table's record": _visible(_get(server, f"/records/table-{table['id']:02d}.html" + token)),
    }
    for where, text in shown.items():
        _clean(text, where)
    for where in ("the live data", "a table's record"):
        assert all(name in shown[where] for name in SIDE_NAMES), where
    assert "mean EC score" in shown["the class report"] and "mean JP score" in shown["the class report"]
    header = shown["the report's table"].splitlines()[0]
    assert "eu" in header and "japan" in header, header


def test_a_student_joins_a_class_on_other_sides_and_the_window_draws_only_those(
    server: Server, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    strings: list[str] = request.getfixturevalue("drawn")
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    try:
        press(d, "Join a class")
        strings.clear()  # from here on, what is drawn is the class's (the title screen is the START talks')
        scene = d.scene
        type_into(d, scene.entries["address"], server.address)  # type: ignore[attr-defined]
        type_into(d, scene.entries["code"], server.code)  # type: ignore[attr-defined]
        type_into(d, scene.entries["name"], "Ada")  # type: ignore[attr-defined]
        press(d, "Join")
        d.wait_for("LobbyScene")
        d.frames(5)
        classmate = run(Client.join(server.address, server.code, "Boris"))
        d.wait_for("BriefingScene")
        d.frames(3)
        d.key(pygame.K_RETURN)
        d.wait_for("TableScene")
        table = d.scene
        session = table.session  # type: ignore[attr-defined]
        assert isinstance(session, RemoteSession)
        moves = asyncio.run_coroutine_threadsafe(play(classmate, max_moves=3), loop)
        proposals = 0
        for _ in range(3000):
            d.frames()
            if table.my_turn and proposals < 3:  # type: ignore[attr-defined]
                d.key(pygame.K_p)
                proposals += 1
            if moves.done() and proposals >= 3 and not table.my_turn:  # type: ignore[attr-defined]
                break
        moves.result(timeout=10)
        assert len(session.state.moves) >= 6
        text = "\n".join(strings)
        assert all(name in text for name in SIDE_NAMES), text[:2000]
        _clean(text, "the student's window")
        run(classmate.close())
    finally:
        d.close()
        loop.call_soon_threadsafe(loop.stop)

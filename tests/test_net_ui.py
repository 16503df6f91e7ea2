"""The window's Join flow with real events (SDL's dummy driver) against a real class server."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pygame

from game.net.client import Client
from game.net.remote import RemoteSession
from tests.net_helpers import Server, play
from tests.ui_driver import Driver


def press(d: Driver, caption: str) -> None:
    action = next(a for a in d.scene.actions if a.button.text.startswith(caption))  # type: ignore[attr-defined]
    d.click(action.button.rect)


def type_into(d: Driver, entry: Any, text: str) -> None:
    d.click(entry.rect)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    d.frames(2)


def test_a_student_joins_from_the_title_screen_and_plays_a_classmate_live(tmp_path: Path) -> None:
    server = Server(tmp_path, ("--start",)).start()
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    d = Driver(tmp_path)
    try:
        press(d, "Join a class")
        assert d.scene_name == "JoinScene"
        scene = d.scene
        type_into(d, scene.entries["address"], server.address)  # type: ignore[attr-defined]
        type_into(d, scene.entries["code"], server.code.lower())  # type: ignore[attr-defined]
        type_into(d, scene.entries["name"], "Ada")  # type: ignore[attr-defined]
        press(d, "Join")
        d.wait_for("LobbyScene")
        for _ in range(200):
            d.frames()
            if "Waiting for a partner" in d.scene.line.text:  # type: ignore[attr-defined]
                break
        assert "Welcome, Ada" in d.scene.line.text  # type: ignore[attr-defined]
        boris = run(Client.join(server.address, server.code, "Boris"))
        d.wait_for("BriefingScene")
        d.key(pygame.K_RETURN)  # to the table
        d.wait_for("TableScene")
        table = d.scene
        session = table.session  # type: ignore[attr-defined]
        assert isinstance(session, RemoteSession) and session.people == (session.side,)
        assert boris.side is session.side.other
        boris_plays = asyncio.run_coroutine_threadsafe(play(boris, max_moves=3), loop)
        proposals = 0
        for _ in range(3000):
            d.frames()
            if table.my_turn and proposals < 3:  # type: ignore[attr-defined]
                d.key(pygame.K_p)  # table the draft package, as a player would
                proposals += 1
            if boris_plays.done() and proposals >= 3 and not table.my_turn:  # type: ignore[attr-defined]
                break
        boris_plays.result(timeout=10)
        run(boris.wait(lambda: len(boris.state.moves) == len(session.state.moves)))
        assert boris.state.moves == session.state.moves and len(session.state.moves) >= 6
        assert sum(1 for m in session.state.moves if m.kind.value == "propose") >= 3
        # the classmate drops: Ada's table says so
        run(boris.close())
        for _ in range(300):
            d.frames()
            if "dropped" in table.turn_text():  # type: ignore[attr-defined]
                break
        assert "Boris has dropped out" in table.turn_text()  # type: ignore[attr-defined]
    finally:
        d.close()
        loop.call_soon_threadsafe(loop.stop)
        server.kill()


def test_a_move_the_server_refuses_is_taken_back_and_the_table_says_why(tmp_path: Path, monkeypatch: Any) -> None:
    import urllib.request

    from game.ui.scenes.table import TableScene
    from game.ui.settings import Settings

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    server = Server(tmp_path, ("--start",)).start()
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout=60)

    d = Driver(tmp_path, Settings(ai_speed="instant", sound=False))
    session = RemoteSession(server.address, server.code, "Petra")
    try:
        pavel = run(Client.join(server.address, server.code, "Pavel"))
        for _ in range(500):
            d.frames()
            if session.seated:
                break
        if not session.client.my_turn:  # type: ignore[union-attr]
            run(play(pavel, max_moves=1))
        table = TableScene(d.app, session, session.side)
        d.app.push(table)
        for _ in range(500):
            d.frames()
            if table.my_turn and session.client.my_turn:  # type: ignore[union-attr]
                break
        before = session.state.moves
        pause = urllib.request.Request(
            f"{server.http}/api/pause", method="POST", headers={"X-Teacher-Token": server.token}
        )
        urllib.request.urlopen(pause, timeout=30).close()
        for _ in range(500):
            d.frames()
            if session.client.status["paused"]:  # type: ignore[union-attr]
                break
        # the teacher's pause and the student's move cross on the wire: the window has not heard of it yet
        session.client.status["paused"] = False  # type: ignore[union-attr]
        d.key(pygame.K_p)  # table the draft package
        for _ in range(500):
            d.frames()
            if table.message:
                break
        assert "refused your move" in table.message and "paused" in table.message, table.message
        assert session.state.moves == before and table.my_turn  # taken back: the student may play it again
        run(pavel.close())
    finally:
        session.close()
        d.close()
        loop.call_soon_threadsafe(loop.stop)
        server.kill()

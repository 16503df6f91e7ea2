"""Hot-seat (two people, one screen): whatever changes whose turn it is (a move, a move that sets off one of
the scenario's events, an event the instructor fires mid-game), the next delegation's table is shown only
after the hand-over screen. Driven through the real window under SDL's dummy driver."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import EntryKind, FireEvent
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.table import TableScene
from game.ui.settings import Settings

from .ui_driver import Driver

LATE = "moscow-confirms-declarations"
"""Brings the Soviet delegation new instructions; fires by itself only after a US argument and a consultation."""


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    return tmp_path


class Watcher:
    """Checks every frame the window draws: a table shows only the side to move, and a table of the other side
    than the last one shown comes only after a hand-over screen naming that side."""

    def __init__(self, d: Driver, session: Session) -> None:
        self.d, self.session = d, session
        self.last: Side | None = None
        self.handed: Side | None = None
        self.handovers = 0

    def frame(self) -> None:
        self.d.frames(1)
        scene, state = self.d.scene, self.session.state
        if isinstance(scene, HandoverScene):
            self.handed = scene.side
            self.handovers += 1
        elif isinstance(scene, TableScene) and not state.over:
            assert scene.side is state.to_move, "a table shows the side that is not to move"
            if self.last is not None and scene.side is not self.last:
                assert self.handed is scene.side, "the other delegation's table came without a hand-over"
            self.last, self.handed = scene.side, None

    def key(self, key: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
        self.frame()
        self.frame()


def instructions(table: TableScene) -> list[str]:
    return [e.text for e in table.obs.history if e.kind is EntryKind.INSTRUCTIONS]


def test_an_event_fired_mid_game_and_the_moves_around_it_hand_over_before_each_private_view(folders: Path) -> None:
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4), folder=folders / "saves")
    d = Driver(folders / "config", Settings(ai_speed="instant", sound=False))
    try:
        table = TableScene(d.app, session, session.state.to_move)
        d.app.push(table)
        w = Watcher(d, session)
        w.frame()
        if table.side is not Side.US:  # the Soviet side opens: one move, and the hand-over to the US
            w.key(pygame.K_p)
            assert isinstance(d.scene, HandoverScene) and d.scene.side is Side.US
            w.key(pygame.K_RETURN)
        assert d.scene is table and table.side is Side.US
        # the instructor fires an event while the US table is on the screen: Moscow's new instructions are
        # the Soviet delegation's, the turn stays, so the US table stays and shows none of them
        seen_before = len(instructions(table))
        session.match.state = session.rules.apply(session.state, FireEvent(LATE))
        w.frame()
        assert d.scene is table and table.side is Side.US and LATE in session.state.fired
        assert len(instructions(table)) == seen_before
        assert any(e.kind is EntryKind.NEWS for e in table.obs.history)
        # the US moves: the hand-over comes first, and only then the Soviet table with its instructions
        handovers = w.handovers
        w.key(pygame.K_p)
        assert isinstance(d.scene, HandoverScene) and d.scene.side is Side.USSR and w.handovers > handovers
        w.key(pygame.K_RETURN)
        assert d.scene is table and table.side is Side.USSR
        assert any("Moscow" in text for text in instructions(table))
        # and on, move after move, through the events the calendar sets off, until the talks end
        news = sum(1 for e in session.state.log if e.kind is EntryKind.NEWS)
        for _ in range(400):
            if session.state.over:
                break
            w.key(pygame.K_RETURN if isinstance(d.scene, HandoverScene) else pygame.K_p)
        assert sum(1 for e in session.state.log if e.kind is EntryKind.NEWS) > news  # events came with moves
        assert w.handovers >= 4
    finally:
        d.close()
        session.close()

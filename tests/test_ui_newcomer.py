"""What a second new-student playtest found, each driven through the real scenes with posted events."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.settings import Settings

from .ui_driver import Driver

FAST = Settings(ai_speed="instant", sound=False)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    return tmp_path


def test_the_table_writes_dates_without_a_leading_zero(folders: Path) -> None:
    """The log and the deadline read '04 May'; the records keep their padded form."""
    from game.engine.moves import Adjourn, Propose
    from game.record.transcript import entry_line
    from game.ui.scenes.table import TableScene

    d = Driver(folders / "config", FAST)
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    while session.state.meeting == 0:
        session.match.state = session.rules.apply(session.state, Adjourn())
    opening = session.rules.preferences(session.state, session.state.to_move).opening
    session.match.state = session.rules.apply(session.state, Propose(opening))
    scene = TableScene(d.app, session, Side.US)
    headers = [line.header for line in scene.log_lines(session.observe(Side.US)) if line.header]
    assert any(h.startswith("4 May  ") for h in headers), headers
    assert not any(h.startswith("0") for h in headers), headers
    last = session.state.log[-1]
    assert entry_line(session.rules, last).startswith("04 May 1990")  # the transcript as before
    d.close()


def test_tab_reaches_every_field_and_button_of_the_new_game_screen_in_order(folders: Path) -> None:
    """The seed could not be reached with Tab: only the mouse could type one."""
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_n)
    assert d.scene_name == "NewGameScene"
    scene = d.scene
    entry = scene.seed_entry  # type: ignore[attr-defined]
    seen = []
    for _ in range(len(scene.actions)):  # type: ignore[attr-defined]
        d.key(pygame.K_TAB)
        seen.append(scene.actions[scene.focus].button)  # type: ignore[attr-defined]
    assert entry in seen
    assert len(set(map(id, seen))) == len(seen)  # each one once in a full round
    tops = [b.rect.top for b in seen[seen.index(scene.actions[0].button) :]]  # type: ignore[attr-defined]
    assert tops == sorted(tops)  # down the screen, top to bottom
    while scene.actions[scene.focus].button is not entry:  # type: ignore[attr-defined]
        d.key(pygame.K_TAB)
    assert entry.is_focused
    d.type("42")
    assert entry.get_text() == "42"
    d.key(pygame.K_TAB)
    assert not entry.is_focused and scene.actions[scene.focus].button is scene.back_button  # type: ignore[attr-defined]
    d.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert entry.is_focused  # and back with Shift+Tab
    d.close()

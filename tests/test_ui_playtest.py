"""What a playtest as a new student found, each driven through the real scenes with posted events."""

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


def table(d: Driver, scenario: str, side: Side = Side.US, seed: int = 4) -> object:
    from game.ui.scenes.table import TableScene

    them = side.other
    session = Session(Setup(scenario, {side: PERSON, them: "ai:linear"}, seed))
    d.app.push(TableScene(d.app, session, side))
    d.frames(3)
    return d.scene


def test_a_long_log_header_wraps_instead_of_running_past_the_log(folders: Path) -> None:
    """'concession on ALCM range, SLCM ceiling' ran out of the log at 1280x720."""
    from game.ui.widgets import LogLine, LogView

    d = Driver(folders / "config", FAST)
    log = LogView(pygame.Rect(0, 0, 300, 400), 14, (255, 255, 255), (0, 0, 0))
    header = "20 Apr  Viktor Karpov (USSR) · concession on ALCM range, SLCM ceiling"
    log.set_lines([LogLine(header, "words", (0, 0, 0), (0, 0, 0))])
    image = log._images[0]
    inked = [x for x in range(image.get_width()) for y in range(image.get_height()) if image.get_at((x, y)).a]
    assert max(inked) < log.rect.width - 20  # within the log's inner width
    short = LogView(pygame.Rect(0, 0, 300, 400), 14, (255, 255, 255), (0, 0, 0))
    short.set_lines([LogLine("20 Apr", "words", (0, 0, 0), (0, 0, 0))])
    assert image.get_height() > short._images[0].get_height()  # the header took a second line
    d.close()

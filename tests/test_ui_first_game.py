"""What a newcomer's first game in the window found: New game's choices, Continue, saving, the table's words.

Each test drives the real scenes with posted events under SDL's dummy video driver."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.engine.moves import WalkOut
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


def texts(d: Driver) -> list[str]:
    return [a.button.text for a in d.scene.actions if hasattr(a.button, "text")]  # type: ignore[attr-defined]


def choice_text(d: Driver, caption: str) -> str:
    return next(t for t in texts(d) if t.startswith(caption))


def test_new_game_offers_a_newcomer_normal_and_then_what_was_chosen_last(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_n)
    assert "AI, normal" in choice_text(d, "Across the table")
    scene = d.scene
    side = next(a.button for a in scene.actions if a.button.text.startswith("You lead"))  # type: ignore[attr-defined]
    d.click(side.rect)  # the Soviet delegation
    opponent = next(a.button for a in scene.actions if a.button.text.startswith("Across"))  # type: ignore[attr-defined]
    d.click(opponent.rect)  # AI, hard
    assert "AI, hard" in choice_text(d, "Across the table")
    scenario = next(a.button for a in scene.actions if a.button.text.startswith("Scenario"))  # type: ignore[attr-defined]
    d.click(scenario.rect)
    chosen = choice_text(d, "Scenario")
    d.key(pygame.K_RETURN)
    d.wait_for("BriefingScene")
    d.close()

    again = Driver(folders / "config")  # a new run: the choices come back from the settings file
    again.key(pygame.K_n)
    assert choice_text(again, "Scenario") == chosen
    assert "Soviet" in choice_text(again, "You lead")
    assert "AI, hard" in choice_text(again, "Across the table")
    again.close()


def test_after_the_tutorial_new_game_still_suggests_the_warm_up(folders: Path) -> None:
    d = Driver(
        folders / "config",
        Settings(ai_speed="instant", sound=False, tutorial="done", new_game=("april-1990", "ussr", "ai:easy")),
    )
    d.key(pygame.K_n)
    assert "suggested next" in choice_text(d, "Scenario")
    assert "Soviet" in choice_text(d, "You lead") and "AI, easy" in choice_text(d, "Across the table")
    d.close()


def test_continue_resumes_the_game_under_way_never_a_finished_one(folders: Path) -> None:
    unfinished = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:normal"}, 7))
    unfinished.autosave()
    unfinished.close()
    finished = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:normal"}, 8))
    finished.autosave()
    finished.submit(WalkOut())
    finished.close()
    os.utime(unfinished.journal.path, (1, 1))  # the finished game is the newest
    d = Driver(folders / "config", FAST)
    assert any(t.startswith("Continue") for t in texts(d))
    d.key(pygame.K_c)
    assert d.scene_name in ("TableScene", "HandoverScene")
    assert d.scene.session.journal.path == unfinished.journal.path  # type: ignore[attr-defined]
    assert not d.scene.session.state.over  # type: ignore[attr-defined]
    d.close()


def test_with_only_finished_games_there_is_no_continue(folders: Path) -> None:
    finished = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:normal"}, 8))
    finished.autosave()
    finished.submit(WalkOut())
    finished.close()
    d = Driver(folders / "config", FAST)
    assert not any(t.startswith("Continue") for t in texts(d))
    d.key(pygame.K_c)
    assert d.scene_name == "TitleScene"
    d.key(pygame.K_l)  # it is still there to review
    assert any("walked out" in t or "ended" in t for t in texts(d)), texts(d)
    d.close()


def at_table(d: Driver, scenario: str = "warm-up", side: Side = Side.US, seed: int = 3) -> Session:
    from game.ui.scenes.table import TableScene

    session = Session(Setup(scenario, {side: PERSON, side.other: "ai:normal"}, seed))
    session.autosave()
    d.app.reset_to(TableScene(d.app, session, side))
    d.frames(2)
    return session


@pytest.mark.parametrize(("language", "words"), [("en", "Saved as “first try”"), ("ru", "Сохранено как «first try»")])
def test_a_save_is_confirmed_in_the_players_language(folders: Path, language: str, words: str) -> None:
    d = Driver(folders / "config", Settings(ai_speed="instant", sound=False, language=language))
    at_table(d)
    d.key(pygame.K_m)
    d.key(pygame.K_s)
    assert d.scene_name == "SaveAsScene"
    entry = d.scene.entry  # type: ignore[attr-defined]
    entry.set_text("")
    d.type("first try")
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene"
    assert (folders / "saves" / "first try.yaml").exists()
    toast = d.app.toast
    assert toast is not None and toast.showing and toast.say() == words
    before = d.app.window.copy()
    d.app.toast = None
    d.frames()
    box = toast.draw(d.app.window.copy(), d.app.palette, d.app.settings.text_scale)
    changed = [(x, y) for x in range(box.left, box.right, 7) for y in range(box.top, box.bottom, 3)]
    assert any(before.get_at(p) != d.app.window.get_at(p) for p in changed)  # it was on the screen, then gone
    d.close()

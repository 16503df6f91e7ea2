"""Keys: a letter in a text field is text; Enter on New game starts; every shortcut is on its button, and a
shortcut whose button is disabled does nothing. Hot-seat: no confidential screen without a hand-over."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.scene import key_label
from game.ui.settings import Settings

from .ui_driver import Driver

FAST = Settings(ai_speed="instant", sound=False)
MOVE_KEYS = (pygame.K_p, pygame.K_a, pygame.K_r, pygame.K_g, pygame.K_c, pygame.K_j, pygame.K_w)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    return tmp_path


def shortcuts_shown(d: Driver) -> None:
    for action in d.scene.actions:  # type: ignore[attr-defined]
        if action.key is not None:
            assert f"[{key_label(action.key)}]" in action.button.text, (d.scene_name, action.button.text)


def test_enter_on_new_game_starts_from_any_option(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_n)
    shortcuts_shown(d)
    d.key(pygame.K_TAB)  # the scenario
    d.key(pygame.K_DOWN)  # the side: the arrows move between options too
    d.key(pygame.K_RIGHT)  # ... and Left/Right change the focused one
    assert d.scene.side is Side.USSR  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "BriefingScene" and d.scene.side is Side.USSR  # type: ignore[attr-defined]
    d.close()


def test_a_shortcut_letter_is_text_in_a_text_field(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
    from game.ui.scenes.table import TableScene

    d.app.push(TableScene(d.app, session, Side.US))
    d.frames(3)
    d.type("m")  # the menu
    assert d.scene_name == "MenuScene"
    d.type("s")  # Save as…: its name field opens with the keyboard, and the S is not typed into it
    assert d.scene_name == "SaveAsScene"
    assert d.scene.entry.get_text() == "april-1990-4"  # type: ignore[attr-defined]
    d.type("slm")  # letters that are shortcuts elsewhere are text here
    assert d.scene_name == "SaveAsScene"
    assert d.scene.entry.get_text() == "april-1990-4slm"  # type: ignore[attr-defined]
    d.close()


def test_every_move_key_out_of_turn_does_nothing(folders: Path) -> None:
    d = Driver(folders / "config", Settings(ai_speed="slow", sound=False))
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
    from game.ui.scenes.table import TableScene

    d.app.push(TableScene(d.app, session, Side.US))
    d.frames(3)
    table = d.scene
    assert not table.my_turn  # type: ignore[attr-defined]  # the Soviets open, and are conferring
    shortcuts_shown(d)
    for key in MOVE_KEYS:
        d.key(key)
        assert d.scene is table and session.state.turn == 0 and not session.state.moves, pygame.key.name(key)
    table.draft[0] = 3  # type: ignore[attr-defined,index]
    d.key(pygame.K_b)  # the brief opens whoever's move it is, and closes onto the same draft
    assert d.scene_name == "BriefingScene" and d.scene.at_table  # type: ignore[attr-defined]
    shortcuts_shown(d)
    d.key(pygame.K_f)
    assert d.scene_name == "FullBriefScene"
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    assert d.scene is table and table.draft[0] == 3  # type: ignore[attr-defined,index]
    d.key(pygame.K_m)
    assert d.scene_name == "MenuScene"
    shortcuts_shown(d)
    d.close()


def test_watching_has_no_move_keys(folders: Path) -> None:
    d = Driver(folders / "config", Settings(ai_speed="slow", sound=False))
    session = Session(Setup("april-1990", {Side.US: "ai:linear", Side.USSR: "ai:linear"}, 4))
    from game.ui.scenes.table import TableScene

    d.app.push(TableScene(d.app, session, watch=True))
    d.key(pygame.K_SPACE)  # paused
    shortcuts_shown(d)
    moves = len(session.state.moves)
    for key in (*MOVE_KEYS, pygame.K_b, pygame.K_LEFT, pygame.K_BACKSPACE):
        d.key(key)
        assert d.scene_name == "TableScene" and len(session.state.moves) == moves
    d.close()


def hot_seat_save(folders: Path, moves: int) -> Session:
    from game.engine.moves import Propose

    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4), folder=folders / "saves")
    for _ in range(moves):
        side = session.state.to_move
        session.submit(Propose(session.rules.preferences(session.state, side).opening))
    session.autosave()
    return session


@pytest.mark.parametrize("moves", [0, 1])
def test_continuing_a_two_person_game_hands_over_first(folders: Path, moves: int) -> None:
    session = hot_seat_save(folders, moves)
    to_move = session.state.to_move
    session.close()
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_c)  # Continue
    assert d.scene_name == "HandoverScene" and d.scene.side is to_move  # type: ignore[attr-defined]
    d.key(pygame.K_ESCAPE)
    assert d.scene_name == "HandoverScene"
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene" and d.scene.side is to_move  # type: ignore[attr-defined]
    d.close()


def test_a_table_showing_the_wrong_person_hands_over_at_once(folders: Path) -> None:
    """Whatever made the other person the one to move (a load, an event, a move), their table is hidden."""
    session = hot_seat_save(folders, 1)
    assert session.state.to_move is Side.US
    from game.ui.scenes.table import TableScene

    d = Driver(folders / "config", FAST)
    d.app.push(TableScene(d.app, session, Side.USSR))
    d.frames(1)
    assert d.scene_name == "HandoverScene" and d.scene.side is Side.US  # type: ignore[attr-defined]
    d.close()


def test_letters_typed_in_a_field_never_run_the_screens_shortcuts(folders: Path) -> None:
    from pygame_gui.elements import UITextEntryLine

    from game.ui.scene import Scene

    ran: list[str] = []

    class Form(Scene):
        def build(self) -> None:
            self.entry = UITextEntryLine(pygame.Rect(20, 20, 300, 40), self.manager)
            self.button((20, 80, 200, 40), "Save", lambda: ran.append("save"), pygame.K_s)
            self.entry.focus()

    d = Driver(folders / "config", FAST)
    form = Form(d.app)
    d.app.push(form)
    d.type("se")
    assert form.entry.get_text() == "se" and ran == []
    form.entry.unfocus()
    d.key(pygame.K_s)  # with the field left, the letter is the shortcut again
    assert ran == ["save"]
    d.close()


def test_keys_not_named_on_the_keyboard_are_named_in_the_players_language(folders: Path) -> None:
    """The Russian replay's buttons said [Space], [Left] and [Right]."""
    from dataclasses import replace

    from game.i18n import set_language

    d = Driver(folders / "config", replace(FAST, language="ru"))
    try:
        d.key(pygame.K_h)  # the historical replay
        assert d.scene_name == "ReplayScene"
        texts = " ".join(action.button.text for action in d.scene.actions)  # type: ignore[attr-defined]
        assert "[Пробел]" in texts and "[Влево]" in texts and "[Вправо]" in texts, texts
        assert "Space" not in texts and "Left" not in texts, texts
        assert "[Esc]" in texts  # named as printed on the key
        shortcuts_shown(d)
    finally:
        d.close()
        set_language("en")


@pytest.mark.parametrize("key", [pygame.K_j, pygame.K_o, pygame.K_l])
def test_every_back_button_shows_esc(folders: Path, key: int) -> None:
    """Join, Open a game and Load showed 'Back' without its key, where every other screen shows [Esc]."""
    d = Driver(folders / "config", FAST)
    try:
        d.key(key)
        backs = [a.button.text for a in d.scene.actions if a.button.text.startswith("Back")]  # type: ignore[attr-defined]
        assert backs == ["Back  [Esc]"], (d.scene_name, backs)
        d.key(pygame.K_ESCAPE)
        assert d.scene_name == "TitleScene"
    finally:
        d.close()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_every_opponent_fits_its_choice_in_russian(folders: Path, size: tuple[int, int]) -> None:
    """'Напротив: ИИ, трудный' read as 'opposite': 'Против вас' says who plays the other side; every choice of
    it fits its button at the largest text (a persona's long name was cut at 1024x600)."""
    from dataclasses import replace

    from game.i18n import set_language

    d = Driver(folders / "config", replace(FAST, language="ru", text_size="x-large", width=size[0], height=size[1]))
    try:
        d.key(pygame.K_n)
        seen = []
        for k, presses in ((1, 2), (2, 8)):  # both sides (ending on the US), then every opponent
            for _ in range(presses):
                d.scene.focus = k  # type: ignore[attr-defined]
                d.key(pygame.K_RIGHT)
                seen += [a.button.text for a in d.scene.actions]  # type: ignore[attr-defined]
                assert not d.scene.shortened, d.scene.shortened  # type: ignore[attr-defined]
        assert any("другой человек" in s for s in seen) and any("Ахромеев" in s for s in seen), seen
    finally:
        d.close()
        set_language("en")

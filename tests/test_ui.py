"""The window, driven with real input events under SDL_VIDEODRIVER=dummy."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.state import Ending
from game.scenario.preferences import Side
from game.ui.settings import Settings

from .ui_driver import Driver

FAST = Settings(ai_speed="instant", sound=False)
ENDINGS = ("SigningScene", "RatificationScene", "NoDealScene")


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    return tmp_path


def new_game(d: Driver, *, side: Side, opponent_steps: int = 0) -> None:
    """From the title: New game, pick the side and the opponent with the keyboard, start."""
    d.key(pygame.K_n)
    assert d.scene_name == "NewGameScene"
    d.key(pygame.K_TAB)  # the scenario
    d.key(pygame.K_TAB)  # the side
    if side is Side.USSR:
        d.key(pygame.K_RIGHT)
    d.key(pygame.K_TAB)  # the opponent: "AI, normal" for a newcomer, and opponent_steps count from "AI, hard"
    for _ in range(1 + opponent_steps):
        d.key(pygame.K_RIGHT)
    for _ in range(3):  # the seed, Back, Start
        d.key(pygame.K_TAB)
    assert d.scene.actions[d.scene.focus].button.text.startswith("Start")  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)


def play_to_debrief(d: Driver, moves_before_accepting: int = 6, limit: int = 4000) -> list[str]:
    """Play whatever seat is shown: propose (conceding a little each time), then accept; returns scenes seen."""
    seen: list[str] = []
    my_moves = 0
    for _ in range(limit):
        name = d.scene_name
        if not seen or seen[-1] != name:
            seen.append(name)
        if name == "DebriefScene":
            return seen
        if name in ("HandoverScene", "BriefingScene", "ConfirmScene", *ENDINGS):
            d.key(pygame.K_RETURN)
            continue
        if name == "TableScene" and d.scene.my_turn:  # type: ignore[attr-defined]
            scene = d.scene
            if my_moves >= moves_before_accepting and scene.obs.can_accept:  # type: ignore[attr-defined]
                d.key(pygame.K_a)
                continue
            d.key(pygame.K_DOWN)
            d.key(pygame.K_RIGHT if my_moves % 2 else pygame.K_LEFT)
            d.key(pygame.K_p)
            my_moves += 1
            continue
        d.frames()
    raise AssertionError(f"no debrief; scenes: {seen}")


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
def test_a_whole_game_against_the_ai_from_the_title_to_the_debrief(folders: Path, side: Side) -> None:
    d = Driver(folders / "config", FAST)
    new_game(d, side=side)
    assert d.scene_name == "BriefingScene"
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene" and d.scene.side is side  # type: ignore[attr-defined]
    seen = play_to_debrief(d)
    assert "ConfirmScene" in seen or d.scene.session.state.ending is not Ending.RATIFIED  # type: ignore[attr-defined]
    state = d.scene.session.state  # type: ignore[attr-defined]
    assert state.over and any(m.kind.value == "propose" for m in state.moves)
    assert len(list((folders / "saves").glob("autosave-*.yaml"))) == 1  # this game's own
    d.key(pygame.K_e)
    html = list((folders / "saves").glob("record-*.html"))
    assert html and "RECORD OF CONVERSATION" in html[0].read_text()
    d.close()


def test_person_against_person_hands_over_between_turns(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    opponents = 1 + 2  # from "AI, hard": the two personas of the other side, then a person
    new_game(d, side=Side.US, opponent_steps=opponents)
    # the Soviets speak first, so they read their brief first (after the screen is handed to them)
    assert d.scene_name == "HandoverScene" and d.scene.side is Side.USSR  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "BriefingScene" and d.scene.side is Side.USSR  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "HandoverScene" and d.scene.side is Side.US  # type: ignore[attr-defined]
    d.key(pygame.K_ESCAPE)  # nobody may peek or go back
    assert d.scene_name == "HandoverScene"
    d.key(pygame.K_RETURN)
    assert d.scene_name == "BriefingScene" and d.scene.side is Side.US  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "HandoverScene" and d.scene.side is Side.USSR  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene" and d.scene.side is Side.USSR  # type: ignore[attr-defined]
    handovers = 0
    for _ in range(60):
        if d.scene_name == "DebriefScene":
            break
        if d.scene_name == "HandoverScene":
            handovers += 1
            d.key(pygame.K_RETURN)
            continue
        if d.scene_name in ENDINGS:
            break
        table = d.scene
        assert table.side is table.session.state.to_move  # type: ignore[attr-defined]
        d.key(pygame.K_p)
    assert handovers >= 10
    d.wait_for("NoDealScene")  # two people who only repeat themselves miss the deadline
    d.key(pygame.K_RETURN)
    assert d.scene_name == "DebriefScene"
    d.close()


def test_closing_mid_game_and_continuing(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    new_game(d, side=Side.USSR)
    d.key(pygame.K_RETURN)
    for _ in range(3):
        d.wait_for("TableScene")
        while not d.scene.my_turn:  # type: ignore[attr-defined]
            d.frames()
        d.key(pygame.K_p)
    turn = d.scene.session.state.turn  # type: ignore[attr-defined]
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames()
    assert not d.app.running
    d.close()

    again = Driver(folders / "config")
    assert again.scene.actions[again.scene.focus].button.text.startswith("Continue")  # type: ignore[attr-defined]
    again.key(pygame.K_c)
    assert again.scene_name == "TableScene"
    resumed = again.scene.session.state  # type: ignore[attr-defined]
    assert resumed.turn >= turn and again.scene.side is Side.USSR  # type: ignore[attr-defined]
    again.close()


def test_settings_are_kept_between_runs(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_s)
    assert d.scene_name == "SettingsScene"
    for _ in range(2):
        d.key(pygame.K_TAB)  # from the window size, past full screen, to the text size
    d.key(pygame.K_RIGHT)
    assert d.app.settings.text_size == "large"
    d.key(pygame.K_TAB)
    d.key(pygame.K_RIGHT)
    assert d.app.settings.theme == "high-contrast"
    d.close()
    again = Driver(folders / "config")
    assert again.app.settings.text_size == "large" and again.app.settings.theme == "high-contrast"
    again.close()


def test_watching_ai_against_ai_pauses_and_steps(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    new_game(d, side=Side.US, opponent_steps=1 + 2 + 1)
    assert d.scene_name == "TableScene" and d.scene.watch  # type: ignore[attr-defined]
    d.key(pygame.K_SPACE)
    turn = d.scene.session.state.turn  # type: ignore[attr-defined]
    d.frames(10)
    assert d.scene.session.state.turn == turn  # type: ignore[attr-defined]
    d.key(pygame.K_n, frames=10)
    assert d.scene.session.state.turn == turn + 1  # type: ignore[attr-defined]
    d.key(pygame.K_SPACE)
    assert d.through_the_ending()
    d.close()


def test_reloading_a_scenario_while_writing_it(folders: Path) -> None:
    from game.session import PERSON, Session, Setup
    from game.ui.scenes.table import TableScene
    from tests.conftest import TINY

    scenario = folders / "draft.yaml"
    scenario.write_text(TINY.read_text())
    d = Driver(folders / "config", FAST)
    session = Session(Setup(str(scenario), {Side.US: PERSON, Side.USSR: "ai:linear"}, 3))
    d.app.push(TableScene(d.app, session, Side.US))
    d.frames(5)
    d.key(pygame.K_p, frames=5)
    moves = len(d.scene.session.state.moves)  # type: ignore[attr-defined]
    scenario.write_text(TINY.read_text().replace("target: 800,", "tagret: 800,"))
    d.key(pygame.K_F5)
    assert d.scene_name == "ConfirmScene"
    assert "did you mean 'target'" in d.scene.body and "draft.yaml:" in d.scene.body  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene"
    scenario.write_text(TINY.read_text().replace("Hold 600 km.", "Hold 600 km at all costs."))
    d.key(pygame.K_F5)
    table = d.scene
    assert d.scene_name == "TableScene" and "reloaded" in table.message  # type: ignore[attr-defined]
    assert len(table.session.state.moves) == moves  # type: ignore[attr-defined]
    assert table.session.rules.scenario.sides.ussr.brief == "Hold 600 km at all costs."  # type: ignore[attr-defined]
    d.close()


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
def test_replaying_the_meeting_and_taking_over(folders: Path, side: Side) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_h)
    assert d.scene_name == "ReplayScene"
    for _ in range(12):
        d.key(pygame.K_RIGHT)
    d.key(pygame.K_LEFT)
    replay = d.scene
    assert replay.index == 11  # type: ignore[attr-defined]
    expected = replay.states[11]  # type: ignore[attr-defined]
    d.key(pygame.K_u if side is Side.US else pygame.K_s)
    assert d.scene_name == "TableScene" and d.scene.side is side  # type: ignore[attr-defined]
    session = d.scene.session  # type: ignore[attr-defined]
    assert session.state.moves[: len(expected.moves)] == expected.moves
    assert session.setup.players[side.other].startswith("persona:historical-")
    assert session.record().header.from_record == 11
    play_to_debrief(d)
    d.key(pygame.K_e)  # its record quotes the archive up to the take-over
    record = next((folders / "saves").glob("record-*.md")).read_text()
    assert "record, para. 11" in record and "record, para. 12" not in record
    d.close()


def test_the_language_switches_live_and_is_kept(folders: Path) -> None:
    from pygame_gui.elements import UIButton, UILabel

    from game.i18n import language, set_language

    def texts(d: Driver) -> set[str]:
        return {e.text for e in d.app.manager.get_sprite_group().sprites() if isinstance(e, UIButton | UILabel)}

    d = Driver(folders / "config", FAST)
    try:
        d.key(pygame.K_s)
        for _ in range(6):
            d.key(pygame.K_TAB)  # past size, full screen, text size, colours, AI speed and sound to the language
        d.key(pygame.K_RIGHT)
        assert d.app.settings.language == "ru" and language() == "ru"
        assert "Настройки" in texts(d)
        assert d.app.manager.get_locale() == "ru"  # pygame_gui's own texts follow
        d.key(pygame.K_ESCAPE)
        assert d.scene_name == "TitleScene" and any(t.startswith("Новая игра") for t in texts(d))
        d.close()
        again = Driver(folders / "config")
        assert again.app.settings.language == "ru" and any(t.startswith("Новая игра") for t in texts(again))
        again.close()
    finally:
        set_language("en")

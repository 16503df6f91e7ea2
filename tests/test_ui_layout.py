"""Every scene at 1024x600, 1280x720 and 1920x1080, with small and extra-large text, in English and
in Russian: no text is clipped by its widget, drawn outside its area, or drawn over another text."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.agents.registry import make
from game.i18n import set_language
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.settings import Settings

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]
SHOTS = os.environ.get("CRUISE_CONTROL_SHOTS")
TEXT_SIZES = os.environ.get("CRUISE_CONTROL_TEXT_SIZES", "small,x-large").split(",")
"""The text sizes tested; screenshots of all four: CRUISE_CONTROL_TEXT_SIZES=small,medium,large,x-large."""


def finished(session: Session) -> Session:
    """Play the game on to its end with AIs standing in for the people."""
    match = session.match
    for side in Side:
        match.agents[side] = make("ai:linear")
        match.agents[side].reset(side, __import__("numpy").random.default_rng(1))
    match.play()
    return session


def scenes(app: App, tmp: Path) -> dict[str, Callable[[], Scene]]:
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.dialogs import ArgumentScene, ConfirmScene, MenuScene
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.new_game import NewGameScene
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.saves import LoadScene, SaveAsScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    def session() -> Session:
        s = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5), folder=tmp)
        s.autosave()
        return s

    def table() -> Scene:
        s = session()
        s.match.state = s.rules.apply(s.state, s.match.decide())  # the Soviets open
        return TableScene(app, s, Side.US)

    def soviet_table() -> Scene:
        s = Session(Setup("april-1990", {Side.US: "ai:linear", Side.USSR: PERSON}, 5), folder=tmp)
        return TableScene(app, s, Side.USSR)

    def arguments() -> Scene:
        s = session()
        obs = s.observe(Side.US)
        cards = [a for a in obs.public.arguments if a.id in obs.my_arguments]
        return ArgumentScene(app, cards, (), obs.space, lambda _: None)

    def replay_beat() -> Scene:
        scene = ReplayScene(app)
        scene.index = 4
        return scene

    return {
        "title": lambda: TitleScene(app),
        "replay": lambda: ReplayScene(app),
        "replay-beat": replay_beat,
        "new-game": lambda: NewGameScene(app),
        "briefing": lambda: BriefingScene(app, session(), Side.US),
        "handover": lambda: HandoverScene(app, session(), Side.USSR),
        "table": table,
        "soviet-table": soviet_table,
        "watch": lambda: TableScene(app, session(), Side.US, watch=True),
        "confirm": lambda: ConfirmScene(
            app, "Accept their package", "A long body of text. " * 12, "Accept", lambda: None
        ),
        "arguments": arguments,
        "menu": lambda: MenuScene(app, session()),
        "load": lambda: LoadScene(app),
        "save-as": lambda: SaveAsScene(app, session()),
        "settings": lambda: SettingsScene(app),
        "debrief": lambda: DebriefScene(app, finished(session()), Side.US),
    }


def clipped_widgets(app: App) -> list[str]:
    problems = []
    for element in app.manager.get_sprite_group().sprites():
        if not isinstance(element, UIButton | UILabel) or not element.visible or element.font is None:
            continue
        text = element.text
        if not text:
            continue
        width, _ = element.font.size(text)
        room = element.rect.width - (8 if isinstance(element, UIButton) else 0)
        if width > room:
            problems.append(f"{type(element).__name__} {text!r}: text {width}px wide in {room}px")
    return problems


def misplaced_texts(scene: Scene) -> list[str]:
    problems = []
    texts = scene.drawn_texts
    for rect, container in texts:
        if not container.contains(rect):
            problems.append(f"text at {rect} outside its area {container}")
    for i, (a, _) in enumerate(texts):
        for b, _ in texts[i + 1 :]:
            if a.colliderect(b):
                problems.append(f"texts overlap at {a} and {b}")
    return problems


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_scene_fits(
    size: tuple[int, int], text_size: str, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path))
    app = App(
        Settings(
            width=size[0], height=size[1], text_size=text_size, sound=False, ai_speed="instant", language=language
        ),
        settings_path=tmp_path / "settings.json",
    )
    problems = []
    try:
        for name, build in scenes(app, tmp_path).items():
            app.scenes = []
            app.push(build())
            app.step()
            app.step()
            found = clipped_widgets(app) + misplaced_texts(app.scene)
            problems += [f"{name}: {p}" for p in found]
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                pygame.image.save(app.window, f"{SHOTS}/{name}-{size[0]}x{size[1]}-{text_size}-{language}.png")
    finally:
        app.close()
        set_language("en")
    assert not problems, "\n".join(problems)

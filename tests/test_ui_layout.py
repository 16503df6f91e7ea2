"""Every scene at 1280x720 and 1920x1080 with every text size (and at the smallest window, 1024x600, with
small and extra-large text), in English and in Russian: no text is clipped or shortened by its widget, drawn
outside its area, or drawn over another text; at the table no mark covers a text and no issue row is empty."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from game.agents.registry import make
from game.engine.moves import DeclareRedLine, Propose, WalkOut
from game.i18n import set_language, tr
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.settings import TEXT_SIZES, Settings
from game.ui.theme import font_size

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]
SHOTS = os.environ.get("CRUISE_CONTROL_SHOTS")


def finished(session: Session) -> Session:
    """Play the game on to its end with AIs standing in for the people."""
    match = session.match
    for side in Side:
        match.agents[side] = make("ai:linear")
        match.agents[side].reset(side, __import__("numpy").random.default_rng(1))
    match.play()
    return session


def scenes(app: App, tmp: Path) -> dict[str, Callable[[], Scene]]:
    from game.ui.scenes.briefing import BriefingScene, FullBriefScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.dialogs import ArgumentScene, ConfirmScene, MenuScene
    from game.ui.scenes.ending import NoDealScene, RatificationScene, SigningScene
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

    def red_lines_declared() -> Scene:
        s = session()
        for move in (DeclareRedLine(0, 0), Propose(s.rules.preferences(s.state, Side.US).opening)):
            s.match.state = s.rules.apply(s.state, move)
        s.match.state = s.rules.apply(s.state, DeclareRedLine(2, 1))
        return TableScene(app, s, Side.USSR)

    def warm_up(watch: bool = False) -> Scene:
        s = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5), folder=tmp)
        s.match.state = s.rules.apply(s.state, s.match.decide())
        return TableScene(app, s, Side.US, watch=watch)

    def ending(how: str) -> Scene:
        s = session()
        if how == "walk-out":
            s.match.state = s.rules.apply(s.state, WalkOut())
            return NoDealScene(app, s, Side.US)
        finished(s)
        return SigningScene(app, s, Side.US) if how == "signing" else RatificationScene(app, s, Side.US)

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
        "red-lines-declared": red_lines_declared,
        "warm-up-table": warm_up,
        "warm-up-watch": lambda: warm_up(watch=True),
        "brief-at-table": lambda: BriefingScene(app, session(), Side.US, at_table=True),
        "full-brief": lambda: FullBriefScene(app, session(), Side.USSR),
        "signing": lambda: ending("signing"),
        "ratification": lambda: ending("ratification"),
        "walk-out": lambda: ending("walk-out"),
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
    # a save's long description ("name — scenario — who played") may be shortened, whole in its tooltip
    saves = type(app.scene).__name__ == "LoadScene"
    problems += [
        f"button {label!r}: shortened to fit" for label in app.scene.shortened if not (saves and " — " in label)
    ]
    return problems


def table_problems(scene: Scene) -> list[str]:
    """At the table: a mark over a text, a row without its name and both proposals, a row much taller than its text."""
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.table_layout import row_height

    if not isinstance(scene, TableScene) or scene.lay is None:
        return []
    problems = []
    texts = [rect for rect, _ in scene.drawn_texts]
    for mark in scene.marks:
        problems += [f"mark at {mark} covers the text at {t}" for t in texts if mark.colliderect(t)]
    natural = row_height(scene.lay.fonts, scene.app.settings.text_scale)
    for parts in scene.lay.rows:
        inside = [t for t in texts if parts.row.contains(t)]
        if len(inside) < 3:
            problems.append(f"row at {parts.row} shows {len(inside)} texts")
        if parts.row.height > 1.5 * natural:
            problems.append(f"row at {parts.row} is mostly empty ({parts.row.height}px for {natural}px of text)")
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


CASES = [(size, text) for size in SIZES[1:] for text in TEXT_SIZES] + [(SIZES[0], "small"), (SIZES[0], "x-large")]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(("size", "text_size"), CASES, ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple) else c)
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
            found = clipped_widgets(app) + misplaced_texts(app.scene) + table_problems(app.scene)
            problems += [f"{name}: {p}" for p in found]
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                pygame.image.save(app.window, f"{SHOTS}/{name}-{size[0]}x{size[1]}-{text_size}-{language}.png")
    finally:
        app.close()
        set_language("en")
    assert not problems, "\n".join(problems)


class Spoken:
    """Stands in for a module's `font()` and keeps every string it renders."""

    def __init__(self, real: Callable[..., pygame.font.Font]) -> None:
        self.real = real
        self.said: list[str] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        spoken, f = self, self.real(*args, **kwargs)

        class Font:
            def render(self, text: str, *rest: object) -> pygame.Surface:
                spoken.said.append(text)
                return f.render(text, *rest)  # type: ignore[arg-type]

            def __getattr__(self, name: str) -> object:
                return getattr(f, name)

        return Font()


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
def test_the_table_keeps_the_roles_the_log_and_the_words_in_russian(
    side: Side, size: tuple[int, int], text_size: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the largest text (Russian, 1280x720) the delegations lost their heads' roles, the log kept three
    lines, and the speech bubble cut the opening's words after one line: now the roles stay (in a smaller text
    where they need it), the log shows five lines at least, and the bubble shows all the words or at least two
    lines of them before it cuts."""
    from game.ui.scenes import table_panels
    from game.ui.scenes.table import TableScene

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path))
    spoken = Spoken(table_panels.font)
    monkeypatch.setattr(table_panels, "font", spoken)
    settings = Settings(width=size[0], height=size[1], text_size=text_size, sound=False, ai_speed="instant")
    app = App(replace(settings, language="ru"), settings_path=tmp_path / "settings.json")
    try:
        s = Session(Setup("april-1990", {side: PERSON, side.other: "ai:linear"}, 5), folder=tmp_path)
        if side is Side.US:
            s.match.state = s.rules.apply(s.state, s.match.decide())  # the Soviets open
        else:  # the player opens for the Soviets, and the US answers
            s.match.state = s.rules.apply(s.state, Propose(s.rules.preferences(s.state, Side.USSR).opening))
            s.match.state = s.rules.apply(s.state, s.match.decide())
        scene = TableScene(app, s, side)
        app.push(scene)
        app.step()
        app.step()
        said = " ".join(spoken.said)
        view = scene.view()
        for role in (view.member(Side.US).role, view.member(Side.USSR).role):
            assert role and role in said, role
        assert scene.log_view is not None and len(scene.log_view.drawn) >= 5, len(scene.log_view.drawn)
        first = next(k for k, text in enumerate(spoken.said) if text.startswith("“"))
        last = next(k for k in range(first, len(spoken.said)) if spoken.said[k].endswith(("”", "…")))
        assert spoken.said[last].endswith("”") or last > first, spoken.said[first : last + 1]
        assert not clipped_widgets(app) + misplaced_texts(scene) + table_problems(scene)
    finally:
        app.close()
        set_language("en")


def test_a_short_debrief_chart_names_its_upright_axis_without_cutting_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """In Russian at the largest text, the tutorial's debrief (its chart short, the coach's strip under it) cut
    the upright axis to 'Полезность для сто…': it now gives the axis's short form, 'СССР: полезность'."""
    import numpy as np

    from game.ui import charts
    from game.ui.palette import PALETTES

    pygame.init()
    set_language("ru")
    try:
        spoken = Spoken(charts.font)
        monkeypatch.setattr(charts, "font", spoken)
        axes = (tr("{side} utility (0 to 1)", side="США"), tr("{side} utility (0 to 1)", side="СССР"))
        charts.utility_plane(
            pygame.Surface((700, 240)),
            pygame.Rect(0, 0, 700, 200),
            PALETTES["okabe-ito"],
            font_size(1.4, -4),
            np.zeros((0, 2)),
            [(0.0, 1.0), (1.0, 0.0)],
            [],
            [],
            (*axes, tr("{side} utility", side="СССР")),
        )
        assert not [text for text in spoken.said if text.endswith("…")], spoken.said
        assert "СССР: полезность" in spoken.said  # the short upright axis, whole
    finally:
        set_language("en")

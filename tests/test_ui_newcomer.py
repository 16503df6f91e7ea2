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


def table(d: Driver, scenario: str, side: Side, seed: int = 4) -> object:
    from game.ui.scenes.table import TableScene

    session = Session(Setup(scenario, {side: PERSON, side.other: "ai:linear"}, seed))
    d.app.push(TableScene(d.app, session, side))
    d.frames(3)
    return d.scene


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
def test_the_draft_stops_at_the_players_own_red_line(folders: Path, side: Side) -> None:
    """The slider and the arrows went past the player's red line; the engine then refused the proposal."""
    d = Driver(folders / "config", FAST)
    scene = table(d, "april-1990", side)
    obs = scene.obs  # type: ignore[attr-defined]
    prefs = obs.preferences
    stopped = False
    for issue in range(len(obs.space.ids)):
        while scene.selected != issue:  # type: ignore[attr-defined]
            d.key(pygame.K_DOWN)
        slider = scene.sliders[issue - scene.first]  # type: ignore[attr-defined]
        for key, arrow in ((pygame.K_RIGHT, slider.right_button), (pygame.K_LEFT, slider.left_button)):
            for _ in range(len(obs.space.domains[issue]) + 1):
                d.key(key)
                assert prefs.acceptable_level(issue, scene.draft[issue])  # type: ignore[attr-defined]
                d.click(arrow.rect, frames=4)  # the slider's own arrow (its event comes a frame later)
                assert prefs.acceptable_level(issue, scene.draft[issue])  # type: ignore[attr-defined]
                assert int(slider.get_current_value()) == scene.draft[issue]  # type: ignore[attr-defined]
                stopped = stopped or "red line" in scene.message  # type: ignore[attr-defined]
    assert stopped  # it said why it stopped
    d.key(pygame.K_p)
    assert scene.message == "" and scene.session.state.moves  # type: ignore[attr-defined]
    d.close()


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
def test_in_russian_every_scene_names_the_delegates_in_russian(
    folders: Path, monkeypatch: pytest.MonkeyPatch, side: Side
) -> None:
    """The brief said 'Глава: Viktor Karpov' and the debrief 'как James Baker в 1990 году'."""
    import re

    from game.i18n import set_language
    from game.ui import fonts

    from .test_ui import play_to_debrief

    drawn: list[str] = []

    class Font(pygame.font.Font):  # every text the game draws itself
        def render(self, text: str, *rest: object, **kw: object) -> pygame.Surface:  # type: ignore[override]
            drawn.append(str(text))
            return super().render(text, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pygame.font, "Font", Font)
    fonts.font.cache_clear()
    d = Driver(folders / "config", Settings(ai_speed="instant", sound=False, language="ru", tutorial="done"))
    frame = d.app.step

    def step() -> float:  # and the texts of pygame_gui's boxes and labels (it keeps its own fonts)
        took = frame()
        for element in d.app.manager.get_sprite_group().sprites():
            drawn.append(str(getattr(element, "html_text", "") or getattr(element, "text", "")))
        return took

    d.app.step = step  # type: ignore[method-assign]
    try:
        d.key(pygame.K_n)  # after the tutorial New game opens on the warm-up
        d.key(pygame.K_TAB)
        d.key(pygame.K_TAB)  # the side
        if side is Side.USSR:
            d.key(pygame.K_RIGHT)
        d.key(pygame.K_RETURN)
        assert d.scene.session.rules.scenario.meta.id == "warm-up"  # type: ignore[attr-defined]
        seen = play_to_debrief(d)
        d.frames(3)
        assert {"BriefingScene", "TableScene", "SigningScene", "DebriefScene"} <= set(seen), seen
        text = "\n".join(drawn)
        assert "Бейкер" in text and "Карпов" in text
        assert not re.findall(r"Baker|Karpov|Shevardnadze|Bartholomew", text)
    finally:
        d.close()
        fonts.font.cache_clear()
        set_language("en")


def test_a_full_issue_name_is_never_lengthened_again() -> None:
    from game.scenario.preferences import Space
    from game.session import Session

    space: Space = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4)).rules.space
    text = "ALCM range 600 km; Bomber sublvl 115 bombers (red line on ALCM range threshold: 600 km)"
    assert space.spelled_out(text) == (
        "ALCM range threshold 600 km; ALCM heavy-bomber sublevel 115 bombers (red line on ALCM range threshold: 600 km)"
    )


def test_with_room_the_table_names_issues_in_full(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1920x1080 the speech bubble and the log said 'Bomber sublvl' and 'SLCM verif.' beside a half-empty log."""
    from dataclasses import replace

    from game.engine.moves import Propose
    from game.scenario.preferences import Package
    from game.ui import widgets
    from game.ui.scenes import table_panels
    from game.ui.scenes.table import TableScene

    from .test_ui_playtest import Spoken

    logged, said = Spoken(widgets.font), Spoken(table_panels.font)
    monkeypatch.setattr(widgets, "font", logged)
    monkeypatch.setattr(table_panels, "font", said)
    d = Driver(folders / "config", replace(FAST, width=1920, height=1080))
    session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    rules = session.rules
    for concede in (False, False, True):
        levels = list(rules.preferences(session.state, session.state.to_move).opening.levels)
        if concede:  # a concession on the bomber sublevel: its label names the issue
            levels[1] += (
                1 if rules.preferences(session.state, session.state.to_move).acceptable_level(1, levels[1] + 1) else -1
            )
        session.match.state = rules.apply(session.state, Propose(Package(tuple(levels))))
    d.app.push(TableScene(d.app, session, session.state.to_move))
    d.frames(3)
    drawn = "\n".join(logged.said + said.said)
    assert "ALCM heavy-bomber sublevel" in drawn and "SLCM verification none" in drawn
    for short in ("Bomber sublvl", "SLCM verif.", "SLCM form", "ALCM range 1000"):
        assert short not in drawn, short
    d.close()


def coach_covers(d: Driver) -> list[str]:
    """What of the scene the tutorial's bubble covers: the part it points at, buttons, sliders, text panels,
    and at the table the issues, the log, the gauges and the delegations."""
    from pygame_gui.elements import UITextBox

    coach = d.app.coach
    assert coach is not None and coach.bubble is not None, "the coach is not showing"
    bubble = coach.bubble
    w, h = d.app.size
    target = coach.target()
    covered = []
    if target is not None and target.width * target.height <= w * h // 3 and bubble.colliderect(target):
        covered.append(f"its target {coach.step.target}")
    for e in d.app.manager.get_sprite_group().sprites():
        if isinstance(e, UITextBox) and e.visible and bubble.colliderect(e.rect):
            covered.append("a text panel")
    covered += [a.button.text for a in d.scene.actions if a.button.visible and bubble.colliderect(a.button.rect)]  # type: ignore[attr-defined]
    covered += ["a slider" for s in getattr(d.scene, "sliders", []) if bubble.colliderect(s.rect)]
    lay = getattr(d.scene, "lay", None)
    if lay is not None:
        parts = {"delegations": lay.delegations, "log": lay.log, "gauges": lay.gauges, "legend": lay.footer}
        covered += [name for name, rect in parts.items() if bubble.colliderect(rect)]
        covered += ["an issue" for parts in lay.rows if bubble.colliderect(parts.row)]
    else:  # the signature and the votes: every text drawn, and the votes themselves
        covered += [f"text at {rect}" for rect, _ in d.scene.drawn_texts if bubble.colliderect(rect)]  # type: ignore[attr-defined]
        covered += ["a vote" for box in getattr(d.scene, "boxes", []) if bubble.colliderect(box)]
        covered += ["a chart" for chart in getattr(d.scene, "charts", []) if bubble.colliderect(chart)]
    return covered


@pytest.mark.parametrize(
    ("width", "height", "language"), [(1280, 720, "en"), (1920, 1080, "en"), (1280, 720, "ru"), (1920, 1080, "ru")]
)
def test_the_coach_covers_nothing_it_needs_at_the_largest_text(
    folders: Path, width: int, height: int, language: str
) -> None:
    """At 1280x720 and x-large text the bubble covered the buttons and the gauges, and on the brief the calendar."""
    from dataclasses import replace

    from game.i18n import set_language

    d = Driver(folders / "config", replace(FAST, width=width, height=height, text_size="x-large", language=language))
    try:
        d.key(pygame.K_t)
        seen: dict[str, list[str]] = {}

        def look() -> None:
            for _ in range(60):
                d.frames()
                if d.app.coach is not None and d.app.coach.showing() and d.app.coach.bubble is not None:
                    break
            assert d.app.coach is not None
            seen[d.app.coach.step.id] = coach_covers(d)

        look()  # the brief
        for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_p, pygame.K_RETURN):  # table, propose, answer, argument
            d.key(key)
            look()
        d.key(pygame.K_g)
        d.key(pygame.K_1)
        look()  # their red line
        for key in (pygame.K_RETURN, pygame.K_RETURN):  # the deadline, again
            d.key(key)
            look()
        d.key(pygame.K_LEFT)
        d.key(pygame.K_p)
        look()  # accept
        d.key(pygame.K_a)
        d.key(pygame.K_RETURN)
        d.wait_for("SigningScene")
        look()  # the signature
        d.key(pygame.K_RETURN)
        d.wait_for("RatificationScene")  # at once, the votes counted (the AI speed is instant)
        seen["signature"] = seen.pop("ratify")
        look()
        d.key(pygame.K_RETURN)
        d.wait_for("DebriefScene")
        look()  # the last word, over the debrief
        assert set(seen) >= {
            "done",
            "signature",
            "goals",
            "table",
            "propose",
            "answer",
            "argument",
            "red_line",
            "deadline",
            "again",
            "accept",
        }
        assert {step: what for step, what in seen.items() if what} == {}, {s: w for s, w in seen.items() if w}
    finally:
        d.close()
        set_language("en")

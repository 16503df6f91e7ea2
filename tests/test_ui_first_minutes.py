"""Issue 14's newcomer playtest, a third pass: each finding driven through the real scenes with posted events
under SDL's dummy driver."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.i18n import set_language
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.settings import Settings

from .ui_driver import Driver

FAST = Settings(ai_speed="instant", sound=False)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    yield tmp_path
    set_language("en")


def driver(folders: Path, size: tuple[int, int] = (1280, 720), text: str = "medium", language: str = "en") -> Driver:
    return Driver(folders / "config", replace(FAST, width=size[0], height=size[1], text_size=text, language=language))


def settle(d: Driver, frames: int = 30) -> None:
    for _ in range(frames):
        d.frames()


def to_step(d: Driver, step_id: str) -> None:
    """Through the tutorial, as the lesson asks, to a step."""
    d.key(pygame.K_t)
    plan = {"goals": pygame.K_RETURN, "table": pygame.K_RETURN, "propose": pygame.K_p, "answer": pygame.K_RETURN}
    for _ in range(12):
        settle(d)
        coach = d.app.coach
        assert coach is not None
        if coach.step.id == step_id:
            return
        d.key(plan[coach.step.id])
    raise AssertionError(f"never reached {step_id}")


# 1 ---------------------------------------------------------------------------------------------------
def test_the_argument_dialog_has_a_table_it_button_and_the_coach_stays_with_it(folders: Path) -> None:
    """A newcomer had to know to press 1 or 2: there was no button to table the card read, and the coach left."""
    d = driver(folders)
    try:
        to_step(d, "argument")
        table = d.scene
        coach = d.app.coach
        assert coach is not None and "Argue" in " ".join(coach.shape(600, -1).lines)  # says what to click
        argue = next(a for a in table.actions if a.key == pygame.K_g)  # type: ignore[attr-defined]
        d.click(argue.button.rect)
        assert d.scene_name == "ArgumentScene"
        dialog = d.scene
        button = dialog.table_button  # type: ignore[attr-defined]
        assert button is not None and button.text.startswith("Table it") and "[Enter]" in button.text
        assert button.is_enabled
        d.frames(2)
        assert coach.showing() and coach.bubble is not None  # the coach is still there ...
        assert coach.target() == button.rect  # ... pointing at "Table it"
        assert "Table it" in " ".join(coach.shape(600, -1).lines)
        second = dialog.actions[1].button  # type: ignore[attr-defined]
        d.click(second.rect)  # a click selects a card: it reads its text, nothing tabled yet
        assert d.scene_name == "ArgumentScene" and dialog.selected == 1  # type: ignore[attr-defined]
        assert dialog.cards[1].title in dialog.detail.html_text  # type: ignore[attr-defined]
        d.click(button.rect)
        assert d.scene_name == "TableScene"
        settle(d)
        session = d.scene.session  # type: ignore[attr-defined]
        tabled = [
            e.move.argument
            for e in session.state.log
            if e.move is not None and e.side is Side.US and hasattr(e.move, "argument")
        ]
        assert tabled == [dialog.cards[1].id]  # type: ignore[attr-defined]
    finally:
        d.close()


# 2 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_tutorial_says_what_the_screen_shows(folders: Path, language: str) -> None:
    """'Ask high on the SLCM ceiling' with the slider already at its top; 'the gauges show what it is worth' when
    they show the player's own proposal, and 38/100 read as failing; no-deal value and Nash point unexplained."""
    from game import tutorial
    from game.ui.scenes.table_panels import summary_lines

    d = driver(folders, language=language)
    try:
        to_step(d, "propose")
        scene = d.scene
        coach = d.app.coach
        assert coach is not None
        said = " ".join(coach.shape(2000, -1).lines)
        space = scene.session.rules.public.space  # type: ignore[attr-defined]
        slcm = space.ids.index("slcm_limit")
        draft = scene.draft  # type: ignore[attr-defined]
        domain = space.domains[slcm]
        prefs = scene.session.rules.preferences(scene.session.state, Side.US)  # type: ignore[attr-defined]
        best = max(range(len(domain.levels)), key=lambda level: prefs.issue_utility(slcm, level))
        assert draft[slcm] == best  # the draft already asks the most there ...
        assert "Ask high" not in said and ("already asks the most" in said or "уже просит максимум" in said)
        session = scene.session  # type: ignore[attr-defined]
        state = session.state
        from dataclasses import replace as change

        offered = change(state, offer_history=(state.offer_history[0], state.offer_history[1] * 3))
        step = tutorial.STEPS[tutorial.step_index("accept")]
        words = tutorial.say(step, session.rules, offered)
        footer = summary_lines(scene.view())[0]  # type: ignore[attr-defined]
        theirs = footer.rsplit(" ", 1)[-1].rstrip(".")  # "38/100"
        assert theirs in words  # the coach reads the figure the footer shows ...
        assert "gauges" not in words and "Шкалы" not in words  # ... not the gauges, which show the draft
        assert ("History" in words) or ("Историческое соглашение" in words)
        deadline = tutorial.say(tutorial.STEPS[tutorial.step_index("deadline")], None, None)
        assert "0 " in deadline and ("without a treaty" in deadline or "без договора" in deadline)
    finally:
        d.close()


def test_the_debrief_says_what_the_nash_point_is(folders: Path) -> None:
    from game.ui.scenes.debrief import DebriefScene

    from .test_ui_layout import finished

    d = driver(folders)
    try:
        session = finished(Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5)))
        d.app.push(DebriefScene(d.app, session, Side.US))
        d.frames(3)
        from pygame_gui.elements import UITextBox

        texts = " ".join(e.html_text for e in d.app.manager.get_sprite_group().sprites() if isinstance(e, UITextBox))
        assert "Nash bargaining point" in texts and "fair split" in texts
    finally:
        d.close()


# 6 ---------------------------------------------------------------------------------------------------
def soviet_at_800(d: Driver, scenario: str) -> Session:
    """A table where the Soviet player's standing offer has moved to 800 km on the ALCM range, the Americans
    to answer it (in April 1990 the Soviet red line stands at 600 km: the offer is put in place directly)."""
    from dataclasses import replace as change

    from game.engine.moves import Propose
    from game.scenario.preferences import Package
    from game.ui.scenes.table import TableScene

    session = Session(Setup(scenario, {Side.US: "ai:linear", Side.USSR: PERSON}, 4))
    d.app.push(TableScene(d.app, session, Side.USSR))
    settle(d)
    assert session.state.to_move is Side.USSR
    space = session.rules.public.space
    i = space.ids.index("alcm_range")
    opening = session.rules.preferences(session.state, Side.USSR).opening.levels
    at_800 = Package(tuple(space.domains[i].index(800) if k == i else v for k, v in enumerate(opening)))
    if scenario == "warm-up":
        d.scene.submit(Propose(at_800))  # type: ignore[attr-defined]
        settle(d, 60)
    else:
        state = session.state
        offers = (state.offers[0], at_800)
        session.match.state = change(state, offers=offers, offer_history=(state.offer_history[0], (at_800,)))
        d.scene.rebuild()  # type: ignore[attr-defined]
        d.frames(2)
    assert session.state.offer_of(Side.USSR) == at_800 and session.state.to_move is Side.USSR
    return session


def test_a_card_no_longer_true_is_greyed_and_cannot_be_tabled(folders: Path) -> None:
    """'No room on 600 km' («Никаких уступок по 600 км») was still offered after the Soviet player moved to 800 km."""
    from game.engine.moves import TableArgument
    from game.errors import IllegalMoveError

    d = driver(folders, language="ru")
    try:
        session = soviet_at_800(d, "april-1990")
        d.key(pygame.K_g)
        assert d.scene_name == "ArgumentScene"
        dialog = d.scene
        k = next(n for n, c in enumerate(dialog.cards) if c.id == "ussr-no-room")  # type: ignore[attr-defined]
        card = dialog.actions[k].button  # type: ignore[attr-defined]
        assert "600" in card.text and not card.is_enabled  # greyed ...
        d.key(pygame.K_1 + k)
        assert d.scene_name == "ArgumentScene"  # ... its number tables nothing
        d.click(card.rect)
        assert dialog.selected != k  # type: ignore[attr-defined]
        d.key(pygame.K_ESCAPE)
        with pytest.raises(IllegalMoveError):
            session.rules.apply(session.state, TableArgument("ussr-no-room"))
        assert "ussr-no-room" not in session.observe(Side.USSR).my_arguments  # the AIs never table it either
    finally:
        d.close()


def test_the_warm_ups_only_soviet_card_goes_once_the_soviet_player_moves(folders: Path) -> None:
    d = driver(folders)
    try:
        session = soviet_at_800(d, "warm-up")
        argue = next(a for a in d.scene.actions if a.key == pygame.K_g)  # type: ignore[attr-defined]
        assert not argue.button.is_enabled  # nothing true left to table
        d.key(pygame.K_g)
        assert d.scene_name == "TableScene"
        assert session.observe(Side.USSR).my_arguments == ()
    finally:
        d.close()


# 4 ---------------------------------------------------------------------------------------------------
def test_the_new_game_screen_shows_each_scenario_whole_in_russian_at_the_largest_text(folders: Path) -> None:
    """«Разминка: два числа, две встречи (советуем да… < >»: the scenario's choice was cut."""
    d = Driver(
        folders / "config",
        replace(FAST, width=1280, height=720, text_size="x-large", language="ru", tutorial="done"),
    )
    try:
        d.key(pygame.K_n)
        assert d.scene_name == "NewGameScene"
        scene = d.scene
        titles = [scene.scenario_label(s) for _, s in scene.scenarios]  # type: ignore[attr-defined]
        button = scene.actions[0].button  # type: ignore[attr-defined]
        seen = []
        for _ in titles:
            seen.append(scene.actions[0].button.text)  # type: ignore[attr-defined]
            d.click(scene.actions[0].button.rect)  # type: ignore[attr-defined]  # the next scenario
        assert not scene.shortened, scene.shortened  # type: ignore[attr-defined]
        for title in titles:
            assert any(title in text for text in seen), (title, seen)
        assert button.font.size(button.text)[0] <= button.rect.width - 8
    finally:
        d.close()


# 5 ---------------------------------------------------------------------------------------------------
def test_the_ratification_votes_have_a_legend_and_a_threshold_mark_that_shows(folders: Path) -> None:
    """The 50% mark sat at the start of the second row of seats, and nothing said grey means 'against'."""
    from game.ui.scenes.ending import RatificationScene

    from .test_ui_layout import finished, misplaced_texts

    d = driver(folders)
    try:
        session = finished(Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5)))
        assert session.state.ratification
        d.app.push(RatificationScene(d.app, session, Side.US))
        d.frames(3)
        scene = d.scene
        assert {"for", "against", "the share needed"} <= set(scene.legends)  # type: ignore[attr-defined]
        cell = scene.seat_size()  # type: ignore[attr-defined]
        for box, vote, mark in zip(scene.boxes, session.state.ratification, scene.thresholds, strict=True):  # type: ignore[attr-defined]
            assert mark.height > cell and mark.width >= 4  # taller than a row of seats
            if round(100 * vote.threshold) == 50:
                assert mark.centerx > box.left + 40 * cell  # after the 50th seat, at the first row's end
        assert not misplaced_texts(scene)  # type: ignore[arg-type]
    finally:
        d.close()


# 7 ---------------------------------------------------------------------------------------------------
def test_russian_words_read_naturally(folders: Path) -> None:
    """'Зерно' for the seed; a stiff joint statement; Moscow twice in the brief's calendar line."""
    from game.ui.scenes.briefing import calendar_html

    d = Driver(folders / "config", replace(FAST, language="ru", text_size="x-large"))
    try:
        d.key(pygame.K_n)
        from pygame_gui.elements import UILabel

        labels = [e.text for e in d.app.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
        assert "Номер партии (необязательно)" in labels and not any("Зерно" in t for t in labels)
        d.key(pygame.K_ESCAPE)
        session = Session(Setup("april-1990", {Side.US: "ai:linear", Side.USSR: PERSON}, 4))
        for line in calendar_html(session.observe(Side.USSR)).split("<br>"):
            assert line.count("Москв") <= 1, line
        from game.i18n import tr

        statement = tr(
            "The {a} and the {b} delegations, meeting in {place}, agree ad referendum on the following, "
            "subject to ratification by the {ra} and the {rb}:",
            a="США",
            b="СССР",
            ra="Сенат США",
            rb="Верховный Совет СССР",
            place="Москва",
        )
        assert "место встречи" not in statement and "ратифицируют:" not in statement
        assert "осуществляют Сенат США и Верховный Совет СССР" in statement
    finally:
        d.close()


# 3 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["medium", "x-large"])
def test_the_coachs_pointer_stays_off_texts_and_its_highlight_inside_the_window(folders: Path, text: str) -> None:
    """The dot sat on the legend's 'USSR offer' (steps 2 and 6); at the clock (step 7) the line crossed the whole
    table and the highlight ran off the top edge."""
    d = driver(folders, text=text)
    try:
        d.key(pygame.K_t)
        plan = {"goals": pygame.K_RETURN, "propose": pygame.K_p, "argument": pygame.K_g}
        seen = set()
        for _ in range(14):
            settle(d)
            coach = d.app.coach
            assert coach is not None
            step = coach.step.id
            if d.scene_name == "ArgumentScene":
                d.key(pygame.K_1)
                continue
            if step in ("table", "red_line", "deadline", "answer", "propose"):
                seen.add(step)
                target = coach.target()
                assert target is not None
                highlight = coach.highlight
                assert highlight is not None and d.app.window.get_rect().contains(highlight), (step, highlight)
                texts = coach.texts(target)
                if coach.dot is not None:
                    assert coach.dot.collidelist(texts) == -1, (step, coach.dot, texts[coach.dot.collidelist(texts)])
                    assert coach.line is not None
                    start, end = coach.line
                    bubble = coach.bubble
                    assert bubble is not None
                    crossed = [t for t in texts if t.clipline(start, end) and not bubble.contains(t)]
                    assert not crossed, (step, crossed)
            if step == "deadline":
                break
            d.key(plan.get(step, pygame.K_RETURN))
        assert seen == {"table", "propose", "answer", "red_line", "deadline"}
    finally:
        d.close()


# 8 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_sliders_tooltip_shows_by_it_and_keeps_its_words_whole(folders: Path, language: str) -> None:
    """A slider's tip appeared by the top-left corner, 160 px wide, and broke Russian words ("объявлени-я")."""
    import time

    from game.ui.fonts import font
    from game.ui.theme import font_size

    d = driver(folders, language=language)
    try:
        from game.ui.scenes.table import TableScene

        session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
        d.app.push(TableScene(d.app, session, Side.US))
        settle(d, 5)
        slider = d.scene.sliders[1]  # type: ignore[attr-defined]
        at = (slider.rect.left + 30, slider.rect.centery)  # the mouse on the slider, near its left end
        pygame.mouse.set_pos(at)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
        tip = None
        for _ in range(80):
            d.frames()
            parts = (slider, slider.button_container, slider.sliding_button, slider.left_button, slider.right_button)
            tip = next((e.tool_tip for e in parts if e is not None and e.tool_tip is not None), None)
            if tip is not None:
                break
            time.sleep(0.03)
        assert tip is not None, "no tool tip"
        d.frames(2)
        rect = tip.rect
        # by the slider: just under or over it, across its middle, inside the window
        assert d.app.window.get_rect().contains(rect)
        assert abs(rect.centerx - slider.rect.centerx) < 4 or rect.left <= 4 or rect.right >= d.app.size[0] - 4
        assert rect.top >= slider.rect.bottom - 2 or rect.bottom <= slider.rect.top + 2
        assert min(abs(rect.top - slider.rect.bottom), abs(rect.bottom - slider.rect.top)) < 30
        # wide enough for its longest word
        words = " ".join((session.rules.public.space.names[1], session.rules.public.space.descriptions[1])).split()
        small = font(font_size(d.app.settings.text_scale, -2), bold=True)
        assert rect.width >= max(small.size(w)[0] for w in words) + 20
        assert rect.width >= 300
    finally:
        d.close()

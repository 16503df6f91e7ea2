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


def offer_beyond_the_last_red_line(session: Session) -> Side:
    """The side to move offers what both can table on every issue but the last, where it crosses the other
    side's red line; returns the side that now cannot accept."""
    from game.engine.moves import Propose
    from game.scenario.preferences import Package

    rules, state = session.rules, session.state
    them = state.to_move
    mine, theirs = rules.preferences(state, them.other), rules.preferences(state, them)
    domains = session.observe(them).space.domains
    levels = [
        next(k for k in range(len(d)) if mine.acceptable_level(i, k) and theirs.acceptable_level(i, k))
        for i, d in enumerate(domains[:-1])
    ]
    last = len(domains) - 1
    levels.append(next(k for k in range(len(domains[last])) if not mine.acceptable_level(last, k)))
    session.match.state = rules.apply(state, Propose(Package(tuple(levels))))
    return them.other


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_closed_accept_says_why_and_shows_the_row_that_closes_it(
    folders: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from game.i18n import set_language
    from game.ui.fonts import font
    from game.ui.scenes import table_panels
    from game.ui.scenes.table import TableScene

    footers: list[list[str]] = []
    real = table_panels.draw_footer
    monkeypatch.setattr(table_panels, "draw_footer", lambda *a: (footers.append(a[-1]), real(*a)))
    settings = Settings(ai_speed="instant", sound=False, language=language, text_size="x-large")
    d = Driver(folders / "config", settings)
    try:
        session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4))
        me = offer_beyond_the_last_red_line(session)
        d.app.reset_to(TableScene(d.app, session, me))
        d.frames(2)
        scene = d.scene
        lay = scene.lay  # type: ignore[attr-defined]
        last = len(session.observe(me).space.ids) - 1
        assert lay.visible < last + 1  # the list scrolls: the row was out of view
        accept = next(b for b in scene.move_buttons if "[A]" in b.text)  # type: ignore[attr-defined]
        assert not accept.is_enabled
        assert lay.first <= last < lay.first + lay.visible and scene.selected == last  # type: ignore[attr-defined]
        short = session.observe(me).space.shorts[last]
        shown = next(t for t in footers[-1] if font(lay.fonts.row, bold=True).size(t)[0] <= lay.footer.width - 16)
        assert short in shown and ("red line" in shown if language == "en" else "красной линией" in shown), shown
        assert short in accept.tool_tip_text
        d.key(pygame.K_a)
        assert d.scene_name == "TableScene"  # nothing to confirm
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        d.key(pygame.K_UP)
        assert lay.first > scene.lay.first  # type: ignore[attr-defined]  # the player may scroll away from it
    finally:
        d.close()
        set_language("en")


def test_each_proposal_is_labelled_by_its_marker(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'You:' sat at the left end of the track and 'USSR:' at the right, whatever the markers showed."""
    from dataclasses import replace

    from game.i18n import set_language
    from game.ui.scenes import table_rows
    from game.ui.scenes.table import TableScene
    from game.ui.settings import TEXT_SIZES

    calls: list[tuple] = []
    real = table_rows.by_markers
    monkeypatch.setattr(table_rows, "by_markers", lambda *a: (calls.append((*a, xs := real(*a))), xs)[1])
    d = Driver(folders / "config", FAST)
    try:
        session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: PERSON}, 4))
        me = offer_beyond_the_last_red_line(session)
        d.app.reset_to(TableScene(d.app, session, me))
        swapped = 0
        for language in ("en", "ru"):
            for width, height in ((1280, 720), (1920, 1080)):
                for size in TEXT_SIZES:
                    settings = replace(d.app.settings, language=language, text_size=size, width=width, height=height)
                    d.app.apply_settings(settings)
                    calls.clear()
                    d.frames(1)
                    assert calls, (language, size)
                    for area, widths, marks, stacked, xs in calls:
                        spans = [(x, x + w) for x, w in zip(xs, widths, strict=True)]
                        for (a, b), mark, other in zip(spans, marks, reversed(widths), strict=True):
                            assert area.left <= a and b <= area.right
                            # under its marker, unless the window's edge or the other label pushed it aside
                            assert (
                                a <= mark <= b
                                or a == area.left
                                or b == area.right
                                or (not stacked and min(abs(mark - a), abs(mark - b)) <= other + table_rows.LABEL_SPACE)
                            ), (language, size, spans, marks)
                        if not stacked:
                            (a1, b1), (a2, b2) = sorted(spans)
                            assert b1 + table_rows.LABEL_SPACE <= a2, (language, size, spans)
                        if not stacked and marks[0] > marks[1] + sum(widths):
                            swapped += 1
                            assert spans[0][0] > spans[1][1]  # yours to the right of theirs, as the markers are
        assert swapped
    finally:
        d.close()
        set_language("en")


def test_a_language_switch_mid_game_says_the_log_and_the_bubble_again_in_the_new_language(folders: Path) -> None:
    """After switching to Russian at the table, the log and the speech bubble stayed in English until a reload."""
    import re
    from dataclasses import replace

    from game.i18n import set_language
    from game.ui.scenes.table_panels import last_said

    d = Driver(folders / "config", FAST)
    try:
        session = at_table(d, "april-1990", Side.US, 4)  # the Soviet side opens: something has been said
        while not d.scene.my_turn:  # type: ignore[attr-defined]
            d.frames()
        d.key(pygame.K_p)
        while not d.scene.my_turn:  # type: ignore[attr-defined]
            d.frames()
        moves = session.state.moves
        english = [line.text for line in d.scene.log_lines(session.observe(Side.US))]  # type: ignore[attr-defined]
        assert all(not re.search("[а-яА-Я]", text) for text in english)
        d.key(pygame.K_m)
        d.key(pygame.K_o)  # Settings
        assert d.scene_name == "SettingsScene"
        d.app.apply_settings(replace(d.app.settings, language="ru"))
        d.key(pygame.K_ESCAPE)
        d.frames(2)
        assert d.scene_name == "TableScene" and d.scene.session is session  # type: ignore[attr-defined]
        assert session.state.moves == moves  # the same game, at the same move
        obs = session.observe(Side.US)
        shown = d.scene.log_view.lines  # type: ignore[attr-defined]
        said = [line for line in shown if line.text and not line.text.startswith("—")]
        assert said and all(re.search("[а-яА-Я]", line.text) for line in said), [line.text for line in said]
        assert all(re.search("[а-яА-Я]", line.header) for line in said if line.header)
        bubble = last_said(obs)
        assert bubble is not None and re.search("[а-яА-Я]{4}", bubble.text) and bubble.text not in english
        d.key(pygame.K_p)  # the game goes on
        assert len(session.state.moves) > len(moves)
    finally:
        d.close()
        set_language("en")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_each_load_row_keeps_its_date_and_move_at_every_text_size(
    folders: Path, language: str, size: tuple[int, int]
) -> None:
    """In Russian at the largest text at 1280x720 the rows lost the date and the move ('— 202…')."""
    from dataclasses import replace

    from game.i18n import set_language, tr
    from game.record import slots
    from game.ui.scenes.saves import describe
    from game.ui.settings import TEXT_SIZES

    for seed, name in ((7, None), (8, "Бонн, вариант 2")):
        session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "persona:historical-karpov"}, seed))
        session.autosave()
        if name:
            session.save_as(folders / "saves" / f"{name}.yaml")
        session.close()
    d = Driver(folders / "config", replace(FAST, language=language, width=size[0], height=size[1]))
    try:
        for text_size in TEXT_SIZES:
            d.app.apply_settings(replace(d.app.settings, text_size=text_size))
            d.key(pygame.K_l)
            assert d.scene_name == "LoadScene"
            rows = [a.button.text for a in d.scene.actions if a.key is not None and a.key != pygame.K_ESCAPE]  # type: ignore[attr-defined]
            assert len(rows) == 3, rows
            for path, row in zip(slots.list_saves(folders / "saves"), rows, strict=True):
                created = slots.summary(path).created[:16].replace("T", " ")
                assert created in row and tr("move {n}", n=0) in row, (text_size, row)
                sides = describe(path).summary.split(" — ")[2]
                assert sides in row, (text_size, row)  # who played, whole; only the scenario's title may be cut
            d.key(pygame.K_ESCAPE)
    finally:
        d.close()
        set_language("en")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_meetings_title_keeps_whole_words_at_the_largest_text(
    folders: Path, monkeypatch: pytest.MonkeyPatch, language: str, size: tuple[int, int]
) -> None:
    """'Бейкер и Шеварднадзе в Бонне, накануне…': a title too long loses what follows its comma, never a word."""
    from dataclasses import replace

    from game.engine.moves import Adjourn
    from game.i18n import set_language
    from game.ui.scenes import table_panels
    from game.ui.scenes.new_game import shipped_scenarios
    from game.ui.scenes.table import TableScene

    from .test_ui_layout import Spoken

    panels = Spoken(table_panels.font)
    monkeypatch.setattr(table_panels, "font", panels)
    d = Driver(folders / "config", replace(FAST, language=language, text_size="x-large", width=size[0], height=size[1]))
    try:
        shortened = 0
        for path, scenario in shipped_scenarios():
            for k, meeting in enumerate(scenario.calendar.meetings):
                session = Session(Setup(path, {Side.US: PERSON, Side.USSR: PERSON}, 4))
                while session.state.meeting < k:
                    session.match.state = session.rules.apply(session.state, Adjourn())
                panels.said.clear()
                d.app.reset_to(TableScene(d.app, session, session.state.to_move))
                d.frames(1)
                line = next(
                    (s for s in panels.said if " · " in s and s.split(" · ")[0] in meeting.title), panels.said[:4]
                )
                assert isinstance(line, str), (meeting.title, line)
                title = line.rsplit(" · ", 1)[0]
                assert "…" not in line and meeting.title.startswith(title), (line, meeting.title)
                shortened += title != meeting.title
        assert shortened or size == (1920, 1080)  # at 1280x720 some title had to give way
    finally:
        d.close()
        set_language("en")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_argument_card_is_whole_at_the_largest_text(folders: Path, language: str, size: tuple[int, int]) -> None:
    """In Russian at the largest text at 1280x720 a long card ran below its box ('Наших уступок не замечают')."""
    from dataclasses import replace

    from game.i18n import set_language
    from game.ui.scenes.dialogs import html
    from game.ui.scenes.new_game import shipped_scenarios
    from game.ui.scenes.table import TableScene

    d = Driver(folders / "config", replace(FAST, language=language, text_size="x-large", width=size[0], height=size[1]))
    try:
        for path, _ in shipped_scenarios():
            for side in Side:
                session = Session(Setup(path, {side: PERSON, side.other: "ai:linear"}, 4))
                d.app.reset_to(TableScene(d.app, session, side))
                while not d.scene.my_turn:  # type: ignore[attr-defined]
                    d.frames(1)
                cards = [a for a in session.observe(side).public.arguments if a.side == side.value]
                d.key(pygame.K_g)
                assert d.scene_name == "ArgumentScene"
                dialog = d.scene
                for _ in cards:
                    card = cards[dialog.shown]  # type: ignore[attr-defined]
                    assert html(card.text) in dialog.detail.html_text  # type: ignore[attr-defined]
                    assert dialog.detail.scroll_bar is None, (path, card.title)  # type: ignore[attr-defined]
                    d.key(pygame.K_DOWN)
                d.key(pygame.K_ESCAPE)
    finally:
        d.close()
        set_language("en")

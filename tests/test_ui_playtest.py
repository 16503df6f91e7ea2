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


def test_the_log_shows_whole_lines_only(folders: Path) -> None:
    """The log's top line was cut through its letters (the tails of the line above it showed, at the largest
    text in Russian); now each line is drawn whole or not at all, scrolled to any point, and a header that
    takes two lines is not shown by its second alone ('изменений')."""
    from game.ui.widgets import LogLine, LogView

    d = Driver(folders / "config", FAST)
    log = LogView(pygame.Rect(0, 0, 300, 170), 16, (255, 255, 255), (0, 0, 0))
    words = "Документ, который я привёз от Э. А. Шеварднадзе, результат очень серьёзной проработки. " * 3
    header = "20 апр.  Виктор Карпов (СССР) · позиция без изменений"  # two lines: neither is shown alone
    log.set_lines([LogLine(f"{header} {k}", words, (0, 0, 0), (0, 0, 0)) for k in range(6)])
    heads = log._heads[0]
    assert heads == 2
    inner = log.rect.inflate(-12, -12)
    for scroll in range(0, 400, 7):
        log.scroll = scroll
        surface = pygame.Surface((300, 170))
        log.draw(surface)
        assert log.drawn, scroll
        for rect in log.drawn:
            assert inner.contains(rect), (scroll, rect)
        for entry in {e for e, _ in log.shown}:
            shown = [k for e, k in log.shown if e == entry and k < heads]
            assert shown in ([], list(range(heads))), (scroll, entry, shown)
        for y in (inner.top, inner.top + 1):  # no letter's tail from a line cut off above
            row = [surface.get_at((x, y))[:3] for x in range(inner.left, inner.right)]
            assert all(c == (255, 255, 255) for c in row), (scroll, y)
    d.close()


class Spoken:
    """Stands in for a module's `font()` and keeps every string it renders (drawn texts are only pixels)."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.said: list[str] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        spoken = self

        class Font:
            def __init__(self, f: pygame.font.Font) -> None:
                self.f = f

            def render(self, text: str, *rest: object) -> pygame.Surface:
                spoken.said.append(text)
                return self.f.render(text, *rest)

            def __getattr__(self, name: str) -> object:
                return getattr(self.f, name)

        return Font(self.real(*args, **kwargs))  # type: ignore[operator]


def test_the_accept_dialog_says_what_its_score_means(folders: Path) -> None:
    from game.engine.moves import Propose
    from game.scenario.preferences import Package

    d = Driver(folders / "config", FAST)
    from game.ui.scenes.table import TableScene

    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
    # the deal the tutorial reaches: 700 km and 880 missiles, inside both sides' red lines
    levels = tuple(dom.levels.index(v) for dom, v in zip(session.rules.space.domains, (700, 880), strict=True))
    session.match.state = session.rules.apply(session.state, Propose(Package(levels)))
    d.app.push(TableScene(d.app, session, Side.US))
    d.frames(3)
    assert session.observe(Side.US).can_accept
    d.key(pygame.K_a)
    assert d.scene_name == "ConfirmScene"
    body = d.scene.body  # type: ignore[attr-defined]
    assert "0 is no better than no deal" in body and "100 is the best" in body
    assert "Your own proposal scores" in body
    d.close()


def test_no_estimate_is_shown_before_the_other_side_has_offered(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Soviet table before the US has said anything showed the Senate's support as '? est.'."""
    from game.ui import widgets

    spoken = Spoken(widgets.font)
    monkeypatch.setattr(widgets, "font", spoken)
    d = Driver(folders / "config", FAST)
    table(d, "april-1990", Side.USSR)
    assert not [s for s in spoken.said if "?" in s]
    assert "no offer yet" in spoken.said
    assert [s for s in spoken.said if s.endswith("% est.")]  # an estimate that exists still says so
    d.close()


def test_the_joint_statement_names_the_place_and_reads_as_english(
    folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.engine.moves import Accept, Propose
    from game.scenario.preferences import Package
    from game.ui.scenes import ending

    spoken = Spoken(ending.font)
    monkeypatch.setattr(ending, "font", spoken)
    d = Driver(folders / "config", FAST)
    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    levels = tuple(dom.levels.index(v) for dom, v in zip(session.rules.space.domains, (700, 880), strict=True))
    for move in (Propose(Package(levels)), Accept()):
        session.match.state = session.rules.apply(session.state, move)
    d.app.push(ending.SigningScene(d.app, session, Side.US))
    d.frames(3)
    text = " ".join(spoken.said)
    assert "The United States and the Soviet Union delegations, meeting in Washington, agree" in text
    assert "meeting at" not in text
    assert "For the United States delegation · 20 April 1990" in spoken.said
    d.close()


def covered_texts(d: Driver) -> list[pygame.Rect]:
    """The scene's own texts under the coach's bubble (drawn the frame before)."""
    coach = d.app.coach
    assert coach is not None and coach.bubble is not None, "the coach is not showing"
    return [rect for rect, _ in d.scene.drawn_texts if coach.bubble.colliderect(rect)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text_size", ["small", "medium"])
def test_the_coach_stands_in_free_space_and_covers_no_text(folders: Path, text_size: str) -> None:
    """It stood over the other delegation and the speech bubble that said what it was talking about."""
    from dataclasses import replace

    from game.ui import coach

    d = Driver(folders / "config", replace(FAST, text_size=text_size))
    coach.start(d.app, resume=False)
    d.frames(3)
    d.key(pygame.K_RETURN)  # the brief read: to the table
    d.wait_for("TableScene")
    d.key(pygame.K_p)  # the opening proposal; the Soviets answer
    for _ in range(200):
        if d.app.coach is not None and d.app.coach.step.id == "answer" and d.app.coach.showing():
            break
        d.frames()
    d.frames(2)
    assert covered_texts(d) == []
    lay = d.scene.lay  # type: ignore[attr-defined]
    bubble = d.app.coach.bubble  # type: ignore[union-attr]
    assert not bubble.colliderect(lay.delegations) and not bubble.colliderect(lay.log)
    assert not any(bubble.colliderect(b) for b in lay.buttons)
    d.close()


def test_the_coach_leaves_the_joint_statement_readable(folders: Path) -> None:
    from game import tutorial
    from game.engine.moves import Accept, Propose
    from game.scenario.preferences import Package
    from game.ui import coach
    from game.ui.scenes.ending import SigningScene

    d = Driver(folders / "config", FAST)
    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    levels = tuple(dom.levels.index(v) for dom, v in zip(session.rules.space.domains, (700, 880), strict=True))
    for move in (Propose(Package(levels)), Accept()):
        session.match.state = session.rules.apply(session.state, move)
    d.app.coach = coach.Coach(d.app, tutorial.step_index("ratify"))
    d.app.push(SigningScene(d.app, session, Side.US))
    d.frames(3)
    assert covered_texts(d) == []
    d.close()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


@pytest.mark.parametrize("scenario", ["april-1990", "warm-up", "moscow-may-1990", "washington-april-1990"])
def test_a_news_dateline_matches_the_date_the_log_shows_beside_it(folders: Path, scenario: str) -> None:
    """'16 May  NEWS · Gorbachev receives Baker: MOSCOW, May 18 —' read as a mistake."""
    import re

    from game.ui.scenes.table import TableScene

    d = Driver(folders / "config", FAST)
    pattern = re.compile(r"^[A-Z .]+, (" + "|".join(MONTHS) + r") (\d{1,2}) —")
    checked = 0
    for seed in (1, 2, 3):
        session = Session(Setup(scenario, {Side.US: "ai:conceder", Side.USSR: "ai:boulware"}, seed))
        session.match.play()
        scene = TableScene(d.app, session, Side.US, watch=True)
        for line in scene.log_lines(session.observe(Side.US)):
            found = pattern.match(line.text)
            if found and "NEWS" in line.header:
                shown = line.header.split("  ")[0]  # "16 May"
                month = found.group(1)[:3]
                assert shown.lstrip("0") == f"{int(found.group(2))} {month}", (line.header, line.text[:40])
                checked += 1
    assert checked > 0
    d.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_debriefs_chart_legend_stays_inside_the_window_at_the_largest_text(folders: Path, language: str) -> None:
    """At 1280x720 and x-large text 'possible packages (sample)' ran off the window's right edge."""
    from dataclasses import replace

    from game.ui.scenes.debrief import DebriefScene

    d = Driver(folders / "config", replace(FAST, text_size="x-large", language=language))
    session = Session(Setup("april-1990", {Side.US: "ai:conceder", Side.USSR: "ai:conceder"}, 3))
    session.match.play()
    d.app.push(DebriefScene(d.app, session, Side.US))
    d.frames(3)
    right = d.app.size[0] - 24  # the chart's own right edge
    assert d.scene.text_rects  # type: ignore[attr-defined]
    assert all(r.right <= right for r in d.scene.text_rects), [r for r in d.scene.text_rects if r.right > right]  # type: ignore[attr-defined]
    d.close()


def test_the_brief_gives_its_rows_the_height_their_text_needs(folders: Path) -> None:
    """The goals and red lines scrolled in half the screen over a half-empty calendar (1920x1080, x-large, Russian)."""
    from dataclasses import replace

    from pygame_gui.elements import UITextBox

    from game.ui.scenes.briefing import BriefingScene

    d = Driver(folders / "config", replace(FAST, width=1920, height=1080, text_size="x-large", language="ru"))
    session = Session(Setup("april-1990", {Side.USSR: PERSON, Side.US: "ai:linear"}, 4))
    d.app.push(BriefingScene(d.app, session, Side.USSR))
    d.frames(3)
    boxes = [e for e in d.app.manager.get_sprite_group().sprites() if isinstance(e, UITextBox)]
    assert len(boxes) == 4
    assert [b for b in boxes if b.scroll_bar is not None] == []  # all of it fits, so nothing scrolls
    top, bottom = sorted({b.rect.height for b in boxes}, reverse=True)
    assert top > bottom  # the goals and red lines are longer than what is known of them and the calendar
    d.close()


def test_a_refused_proposal_is_explained_in_the_players_language(folders: Path) -> None:
    """Playing in Russian, a proposal beyond one's red line was refused in English."""
    from dataclasses import replace

    from game.i18n import set_language

    d = Driver(folders / "config", replace(FAST, language="ru"))
    try:
        scene = table(d, "april-1990", Side.USSR)
        # the ALCM range past the Soviet red line of 600 km (the slider stops at it; an event can move it)
        scene.draft[0] += 1  # type: ignore[attr-defined]
        d.key(pygame.K_p)
        message = scene.message  # type: ignore[attr-defined]
        assert "красной линии" in message and "may not" not in message
    finally:
        d.close()
        set_language("en")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_table_always_shows_the_meetings_date(folders: Path, monkeypatch: pytest.MonkeyPatch, size: tuple) -> None:
    """In Bonn, in Russian at the largest text, the long title of the meeting pushed its date off the header."""
    from dataclasses import replace

    from game.engine.moves import Adjourn
    from game.i18n import set_language
    from game.ui.scenes import table_panels
    from game.ui.scenes.table import TableScene

    spoken = Spoken(table_panels.font)
    monkeypatch.setattr(table_panels, "font", spoken)
    d = Driver(folders / "config", replace(FAST, width=size[0], height=size[1], text_size="x-large", language="ru"))
    try:
        session = Session(Setup("april-1990", {Side.USSR: PERSON, Side.US: PERSON}, 4))
        while session.state.meeting == 0:
            session.match.state = session.rules.apply(session.state, Adjourn())
        d.app.push(TableScene(d.app, session, session.state.to_move))
        d.frames(3)
        lead = next(i for i, s in enumerate(spoken.said) if s.startswith("Вы возглавляете"))
        assert spoken.said[lead - 1].endswith(" · 4 мая 1990"), spoken.said[lead - 1]  # the header as drawn
    finally:
        d.close()
        set_language("en")


def test_the_card_and_the_signature_name_who_speaks_at_the_meeting(
    folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In Moscow the log said 'Eduard Shevardnadze (USSR)' while the Soviet card still showed Karpov."""
    from game.engine.moves import Accept, Adjourn, Propose
    from game.scenario.preferences import Package
    from game.ui.scenes import ending, table_panels
    from game.ui.scenes.table import TableScene

    spoken = Spoken(table_panels.font)
    monkeypatch.setattr(table_panels, "font", spoken)
    signed = Spoken(ending.font)
    monkeypatch.setattr(ending, "font", signed)
    d = Driver(folders / "config", FAST)
    session = Session(Setup("april-1990", {Side.USSR: PERSON, Side.US: PERSON}, 4))
    while session.state.meeting < 2:  # on to the Moscow ministerial
        session.match.state = session.rules.apply(session.state, Adjourn())
    d.app.push(TableScene(d.app, session, session.state.to_move))  # the side to move: no hand-over screen
    d.frames(3)
    assert "Eduard Shevardnadze" in spoken.said and "Viktor Karpov" not in spoken.said
    us, ussr = (session.rules.preferences(session.state, side) for side in (Side.US, Side.USSR))
    levels = tuple(  # on each issue a value inside both sides' red lines
        next(k for k in range(len(dom.levels)) if us.acceptable_level(i, k) and ussr.acceptable_level(i, k))
        for i, dom in enumerate(session.rules.space.domains)
    )
    for move in (Propose(Package(levels)), Accept()):
        session.match.state = session.rules.apply(session.state, move)
    d.app.push(ending.SigningScene(d.app, session, Side.US))
    d.frames(3)
    assert d.scene_name == "SigningScene", d.scene_name
    assert "Eduard Shevardnadze" in signed.said and "Viktor Karpov" not in signed.said
    d.close()


def test_a_talks_without_agreement_page_shows_where_the_talks_stopped(
    folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline's page was one sentence on a blank sheet."""
    from game.engine.moves import Propose, WalkOut
    from game.ui.scenes import ending

    spoken = Spoken(ending.font)
    monkeypatch.setattr(ending, "font", spoken)
    d = Driver(folders / "config", FAST)
    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    for side in (Side.USSR, Side.US):
        opening = session.rules.preferences(session.state, side).opening
        session.match.state = session.rules.apply(session.state, Propose(opening))
    session.match.state = session.rules.apply(session.state, WalkOut())
    d.app.push(ending.NoDealScene(d.app, session, Side.US))
    d.frames(3)
    assert "Where the talks stopped: each side's last offer" in spoken.said
    assert "ALCM range threshold: US 1000 km · USSR 600 km" in spoken.said
    d.close()


def test_the_arrows_move_down_the_settings_as_on_new_game(folders: Path) -> None:
    """Down then Left on Settings changed the window size twice instead of the text size."""
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_s)
    assert d.scene_name == "SettingsScene"
    size = d.app.settings.size
    d.key(pygame.K_DOWN)  # full screen
    d.key(pygame.K_DOWN)  # text size
    d.key(pygame.K_LEFT)
    assert d.app.settings.size == size
    assert d.app.settings.text_size == "small"
    d.key(pygame.K_UP)
    d.key(pygame.K_UP)  # back on the window size
    d.key(pygame.K_RIGHT)
    assert d.app.settings.size != size
    d.close()


def test_a_scenarios_own_sides_do_not_fly_the_us_and_soviet_flags(
    folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In 'Cars and rice' the European Community's card carried the US flag and Japan's the Soviet one."""
    from game.engine.moves import Accept, Propose
    from game.scenario.preferences import Package
    from game.ui import assets
    from game.ui.scenes.ending import SigningScene

    asked: list[str] = []
    real = assets.flag

    def flag(side_id: str, *rest: object, **kw: object) -> pygame.Surface:
        asked.append(side_id)
        return real(side_id, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(assets, "flag", flag)
    d = Driver(folders / "config", FAST)
    scene = table(d, "car-trade-1991", Side.USSR)
    assert set(asked) == {"eu", "japan"}
    session = scene.session  # type: ignore[attr-defined]
    first, second = (session.rules.preferences(session.state, side) for side in (Side.US, Side.USSR))
    levels = tuple(
        next(k for k in range(len(dom.levels)) if first.acceptable_level(i, k) and second.acceptable_level(i, k))
        for i, dom in enumerate(session.rules.space.domains)
    )
    asked.clear()
    session.match.state = session.rules.apply(session.state, Propose(Package(levels)))
    session.match.state = session.rules.apply(session.state, Accept())
    d.app.push(SigningScene(d.app, session, Side.USSR))
    d.frames(3)
    assert set(asked) == {"eu", "japan"}
    d.close()


@pytest.mark.parametrize("text_size", ["small", "x-large"])
def test_the_accept_dialog_shows_the_whole_package_without_scrolling(folders: Path, text_size: str) -> None:
    from dataclasses import replace

    from pygame_gui.elements import UITextBox

    from game.engine.moves import Propose
    from game.scenario.preferences import Package
    from game.ui.scenes.table import TableScene

    d = Driver(folders / "config", replace(FAST, text_size=text_size))
    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
    levels = tuple(dom.levels.index(v) for dom, v in zip(session.rules.space.domains, (700, 880), strict=True))
    session.match.state = session.rules.apply(session.state, Propose(Package(levels)))
    d.app.push(TableScene(d.app, session, Side.US))
    d.frames(3)
    d.key(pygame.K_a)
    boxes = [e for e in d.app.manager.get_sprite_group().sprites() if isinstance(e, UITextBox)]
    assert len(boxes) == 1 and boxes[0].scroll_bar is None
    d.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_coachs_two_buttons_never_overlap(folders: Path, language: str) -> None:
    """In Russian at the largest text 'Пропустить обучение' ran under 'Далее [Enter]'."""
    from dataclasses import replace

    from game.i18n import set_language
    from game.ui import coach

    d = Driver(folders / "config", replace(FAST, width=1920, height=1080, text_size="x-large", language=language))
    try:
        coach.start(d.app, resume=False)
        d.frames(3)
        d.key(pygame.K_RETURN)
        d.wait_for("TableScene")
        d.key(pygame.K_p)
        c = d.app.coach
        for _ in range(200):  # the step after their answer has both buttons
            if c is not None and c.step.id == "answer" and c.next_rect is not None:
                break
            d.frames()
        assert c is not None and c.skip_rect is not None and c.next_rect is not None
        assert not c.skip_rect.colliderect(c.next_rect)
        assert c.bubble is not None and c.bubble.contains(c.skip_rect) and c.bubble.contains(c.next_rect)
    finally:
        d.close()
        set_language("en")


def test_a_refusal_on_the_table_is_said_again_in_the_new_language(folders: Path) -> None:
    """A refusal shown in the footer stayed in English after the language was switched to Russian in Settings
    (and the red line's stop stayed in Russian after switching back)."""
    from dataclasses import replace

    from game.engine.moves import Accept
    from game.i18n import set_language

    d = Driver(folders / "config", FAST)
    try:
        scene = table(d, "april-1990", Side.USSR)
        scene.submit(Accept())  # type: ignore[attr-defined]  # nothing on the table from the US yet
        assert "no package" in scene.message  # type: ignore[attr-defined]
        d.app.apply_settings(replace(d.app.settings, language="ru"))
        d.frames(2)
        message = scene.message  # type: ignore[attr-defined]
        assert message and "package" not in message and "нет" in message.lower(), message
        scene.draft[0] = 0  # type: ignore[attr-defined]
        from game.ui.scenes import table_moves

        table_moves.within_red_line(scene, 0, len(scene.obs.space.domains[0].levels) - 1)  # type: ignore[attr-defined]
        assert "красн" in scene.message  # type: ignore[attr-defined]
        d.app.apply_settings(replace(d.app.settings, language="en"))
        d.frames(2)
        assert "red line" in scene.message  # type: ignore[attr-defined]
    finally:
        d.close()
        set_language("en")


def test_a_save_says_who_played_in_the_players_words() -> None:
    """The Load list showed an AI chosen on the command line as 'ai:linear' in the Russian game."""
    from game.i18n import set_language
    from game.ui.scenes.saves import _who

    set_language("ru")
    try:
        assert _who("ai:linear") == "ИИ (linear)"
        assert _who("ai:hard") == "ИИ, трудный"
        assert _who("persona:karpov") == "ИИ: karpov"
        assert _who("person") == "игрок"
    finally:
        set_language("en")


def test_a_shortened_button_still_shows_its_key(folders: Path) -> None:
    """A save's long description in the Load list lost its key ('[1]') with the end of the text."""
    d = Driver(folders / "config", FAST)
    try:
        button = d.scene.button(
            (0, 0, 220, 40), "autosave-april-1990 — Cruise Control: апрель–май 1990", print, pygame.K_1
        )  # type: ignore[attr-defined]
        assert button.text.endswith("…  [1]"), button.text
    finally:
        d.close()


@pytest.mark.parametrize("text_size", ["small", "x-large"])
def test_the_coachs_title_stands_clear_of_its_buttons(folders: Path, text_size: str) -> None:
    """In Russian at the largest text the title 'Обучение: шаг 2 из 11' touched the Skip button beside it."""
    from dataclasses import replace

    from game import tutorial
    from game.i18n import set_language
    from game.ui.coach import Coach
    from game.ui.fonts import font
    from game.ui.theme import font_size

    d = Driver(folders / "config", replace(FAST, language="ru", text_size=text_size))
    try:
        for index in range(len(tutorial.STEPS)):
            coach = Coach(d.app, index)
            count = coach.labels()[0]
            for width in range(300, 1280, 7):
                shape = coach.shape(width, -1)
                title = font(font_size(d.app.settings.text_scale, -1), bold=True).size(count)[0]
                if shape.inline:
                    assert 14 + title + 12 <= width - shape.buttons, (index, width)
    finally:
        d.close()
        set_language("en")


def test_the_brief_reads_well_in_russian(folders: Path) -> None:
    """'начать с политически обязывающие заявления', 'начать с без предела': a value put where Russian wants
    another case. The opening, the target and the red line now follow a dash, as a value reads in any form."""
    from game.i18n import set_language
    from game.ui.scenes.briefing import brief_html, goals_html, red_lines_html

    set_language("ru")
    try:
        session = Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
        obs = session.observe(Side.US)
        text = goals_html(obs) + red_lines_html(obs) + brief_html(session, Side.US)
        assert "начать с" not in text and "не дальше чем" not in text and "при поддержке" not in text
        assert "первое предложение — без предела" in text
        assert "красная линия — " in text and "нужна поддержка 67%" in text
    finally:
        set_language("en")

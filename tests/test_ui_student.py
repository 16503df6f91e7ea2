"""What a new student's first twenty minutes with the game found (issue 14's playtest), each driven through the
real scenes with posted events under SDL's dummy driver."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.engine.moves import Adjourn, Propose
from game.i18n import set_language, tr
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.settings import Settings

from .test_ui_layout import misplaced_texts, table_problems
from .test_ui_playtest import Spoken
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


def open_table(d: Driver, scenario: str = "april-1990", side: Side = Side.US, people: bool = False) -> object:
    from game.ui.scenes.table import TableScene

    players = {side: PERSON, side.other: PERSON if people else "ai:linear"}
    d.app.push(TableScene(d.app, Session(Setup(scenario, players, 4)), side))
    d.frames(3)
    return d.scene


# 1 ---------------------------------------------------------------------------------------------------
def cut_texts(said: list[str], scene: object) -> list[str]:
    """Texts drawn cut ("…" at their end), but for the speech bubble's excerpt of what was just said (whole in
    the log beside it)."""
    from game.ui.scenes.table_panels import last_said
    from game.ui.scenes.table_view import spelled_out

    entry = last_said(scene.obs)  # type: ignore[attr-defined]
    words = "" if entry is None else " ".join((*spelled_out(scene.obs.space, entry), entry.label, entry.text))  # type: ignore[attr-defined]
    return sorted({s for s in said if s.endswith("…") and s[:-1].strip().lstrip("“") not in words})


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("text", ["small", "medium", "large", "x-large"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_issue_is_reachable_and_the_summit_date_always_shows(
    folders: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], text: str, language: str
) -> None:
    """At 1280x720 and the largest text the table showed 3-4 of April 1990's 7 issues and dropped the summit's
    date from its header; in Russian it cut the legend's last entries, the delegations' names and roles, the
    gauges' captions and long values ("политически обязывающие зая…"). Nothing on the table is cut now, on the
    warm-up (few rows, a short column for the log and the gauges) or April 1990 (more rows than fit)."""
    from game.i18n import short_date
    from game.ui import widgets
    from game.ui.scenes import table_panels, table_rows

    rows, panels, gauges = Spoken(table_rows.font), Spoken(table_panels.font), Spoken(widgets.font)
    monkeypatch.setattr(table_rows, "font", rows)
    monkeypatch.setattr(table_panels, "font", panels)
    monkeypatch.setattr(widgets, "font", gauges)
    d = driver(folders, size, text, language)
    try:
        for scenario, side in [(s, side) for s in ("warm-up", "april-1990") for side in Side]:
            scene = open_table(d, scenario, side)
            public = scene.obs.public  # type: ignore[attr-defined]
            names = public.space.names
            problems: list[str] = []
            for _ in names:  # down the list, one issue at a time: the list scrolls to show each
                problems += misplaced_texts(scene) + table_problems(scene)  # type: ignore[arg-type]
                d.key(pygame.K_DOWN)
            assert not problems, "\n".join(problems)
            assert [n for n in names if n not in rows.said] == []  # every name drawn whole, none shortened
            assert cut_texts(rows.said + panels.said + gauges.said, scene) == []
            legend = table_panels.legend_captions(scene.view())  # type: ignore[attr-defined]
            assert [c for c in legend if c not in panels.said] == []  # the whole legend, every entry
            assert language == "en" or "declared red line" not in panels.said
            summit = short_date(public.deadline_date, year=True)
            assert any(s.endswith(summit) and s.startswith(public.deadline) for s in panels.said)
            lay = scene.lay  # type: ignore[attr-defined]
            if lay.visible < len(names):  # the scroll bar pages the list with the mouse too
                assert lay.scroll is not None
                d.key(pygame.K_UP)  # back to the top (the selection wraps round to the last issue first)
                while scene.lay.first > 0:  # type: ignore[attr-defined]
                    d.key(pygame.K_UP)
                d.click(pygame.Rect(lay.scroll.left, lay.scroll.bottom - 4, lay.scroll.width, 2))
                assert scene.lay.first > 0  # type: ignore[attr-defined]
            for spoken in (rows, panels, gauges):
                spoken.said.clear()
            d.app.pop()
    finally:
        d.close()


# 2 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_meeting_titles_and_speech_bubble_headings_are_whole_at_medium_text(
    folders: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """'Baker–Shevardnadze in Bonn, on the eve of the "2+4" ministerial' and a trade's heading ended in '…'."""
    from game.agents.registry import make
    from game.ui.scenes import table_panels
    from game.ui.scenes.table import TableScene

    panels = Spoken(table_panels.font)
    monkeypatch.setattr(table_panels, "font", panels)
    d = driver(folders, language=language)
    try:
        scene = open_table(d, people=True)
        session = scene.session  # type: ignore[attr-defined]
        agents = {side: make("ai:linear") for side in Side}
        for side, agent in agents.items():
            agent.reset(side, __import__("numpy").random.default_rng(2))
        for _ in range(16):
            if session.state.over:
                break
            state = session.state
            move = agents[state.to_move].act(session.observe(state.to_move))
            session.match.state = session.rules.apply(state, move)
            scene.side = session.state.to_move  # type: ignore[attr-defined]
            scene.draft = None  # type: ignore[attr-defined]
            scene.rebuild()  # type: ignore[attr-defined]
            d.frames(1)
        speakers = {e.speaker for e in session.state.log if e.speaker}
        assert [s for s in panels.said if "…" in s and any(s.startswith(f"{who} · ") for who in speakers)] == []
        for name in ("april-1990", "washington-april-1990"):  # every meeting's title, whole, with its date
            count = len(Session(Setup(name, {Side.US: PERSON, Side.USSR: PERSON}, 4)).rules.public.meetings)
            for k in range(count):
                session = Session(Setup(name, {Side.US: PERSON, Side.USSR: PERSON}, 4))
                while session.state.meeting < k and not session.state.over:
                    session.match.state = session.rules.apply(session.state, Adjourn())
                meeting = session.rules.public.meetings[session.state.meeting]
                panels.said.clear()
                d.app.reset_to(TableScene(d.app, session, session.state.to_move))
                d.frames(2)
                assert any(s.startswith(meeting.title + " · ") for s in panels.said), (meeting.title, panels.said[:3])
    finally:
        d.close()


# 3 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_each_argument_card_shows_its_whole_text(folders: Path, language: str) -> None:
    """The argument dialog showed two and a half lines of each card in a small scrolling box."""
    from game.ui.scenes.dialogs import html

    d = driver(folders, language=language)
    try:
        scene = open_table(d)
        obs = scene.obs  # type: ignore[attr-defined]
        cards = [a for a in obs.public.arguments if a.id in obs.my_arguments]
        d.key(pygame.K_g)
        assert d.scene_name == "ArgumentScene"
        dialog = d.scene
        for k, card in enumerate(cards):
            shown = dialog.detail.html_text  # type: ignore[attr-defined]
            assert html(card.text) in shown, (k, shown[:80])  # the whole of it
            assert dialog.detail.scroll_bar is None  # type: ignore[attr-defined]  # all of it in view
            d.key(pygame.K_DOWN)
        d.key(pygame.K_ESCAPE)
        assert d.scene_name == "TableScene"
    finally:
        d.close()


# 4 ---------------------------------------------------------------------------------------------------
def test_the_load_list_names_each_game_in_the_current_language(folders: Path) -> None:
    """A game saved in English showed its English title in a Russian Load list."""
    from game.scenario.loader import load_scenario
    from game.ui.scenes.saves import LoadScene

    Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 4)).autosave()  # saved in English
    d = driver(folders, language="ru")
    try:
        russian = load_scenario("april-1990")[0].meta.title
        d.app.push(LoadScene(d.app))
        d.frames(2)
        texts = [a.button.text for a in d.scene.actions]  # type: ignore[attr-defined]
        assert any(russian in t and "Соединённые Штаты"[:10] not in t or russian in t for t in texts), texts
        assert not any("April 1990" in t or "United States" in t for t in texts), texts
    finally:
        d.close()


# 5 ---------------------------------------------------------------------------------------------------
def test_the_coach_never_says_the_player_moved_when_they_did_not(folders: Path) -> None:
    """The tutorial asked the player to say they 'already moved several hundred km' when they had not."""
    from game import tutorial

    d = driver(folders)
    try:
        d.key(pygame.K_t)
        d.key(pygame.K_RETURN)  # to the table
        d.key(pygame.K_RETURN)  # the table explained
        d.key(pygame.K_p)  # propose the opening as it is: nothing moved on the ALCM range
        for _ in range(30):
            d.frames()
        d.key(pygame.K_RETURN)
        coach = d.app.coach
        assert coach is not None and coach.step.id == "argument"
        said = " ".join(coach.shape(600, -1).lines)
        assert "you came down" not in said and "tell them you already moved" not in said
        assert "have not come down" in said
        # had they come down from 1,000 to 700 km, the coach says so, in those figures
        session = d.scene.session  # type: ignore[attr-defined]
        space = session.rules.public.space
        package = session.rules.preferences(session.state, Side.US).opening.levels
        i = space.ids.index("alcm_range")
        moved = Propose(
            type(session.state.offer_history[0][0])(
                tuple(space.domains[i].index(700) if k == i else level for k, level in enumerate(package))
            )
        )
        state = replace(
            session.state,
            offer_history=(session.state.offer_history[0] + (moved.package,), session.state.offer_history[1]),
        )
        words = tutorial.say(coach.step, session.rules, state)
        assert "from 1000 km to 700 km" in words
    finally:
        d.close()


# 6 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ru"])
def test_moscows_instruction_says_what_it_does(folders: Path, language: str) -> None:
    """Gorbachev's instruction lowered two priorities but read as if it moved the red lines."""
    from game.scenario.loader import load_scenario

    set_language(language)
    for name in ("april-1990", "moscow-may-1990"):
        scenario = load_scenario(name)[0]
        event = next(e for e in scenario.events if e.id == "kremlin-meeting")
        effect = next(e for e in event.effects if e.side == "ussr")
        assert effect.weights and not effect.red_lines  # it lowers priorities only ...
        words = effect.instructions.lower()
        assert ("red lines on both stand" if language == "en" else "красные линии по обоим вопросам остаются") in words
        assert "no longer worth" not in words and "больше не стоят" not in words


# 7 ---------------------------------------------------------------------------------------------------
def test_a_language_switch_mid_game_renames_the_delegates(folders: Path) -> None:
    """After switching to Russian at the table, Baker and Karpov kept their English names until a reload."""
    d = driver(folders)
    try:
        scene = open_table(d)
        assert scene.view().member(Side.US).called == "James Baker"  # type: ignore[attr-defined]
        d.key(pygame.K_m)
        d.key(pygame.K_o)  # Settings
        assert d.scene_name == "SettingsScene"
        d.app.apply_settings(replace(d.app.settings, language="ru"))
        d.key(pygame.K_ESCAPE)
        d.frames(2)
        assert d.scene_name == "TableScene"
        view = d.scene.view()  # type: ignore[attr-defined]
        assert view.member(Side.US).called == "Джеймс Бейкер"
        assert view.left.public.delegations[0].name == "Соединённые Штаты"
        assert d.scene.session.state.moves  # type: ignore[attr-defined]  # the same game, not a new one
    finally:
        d.close()


# 8 ---------------------------------------------------------------------------------------------------
def test_esc_never_skips_the_signing_or_the_vote(folders: Path) -> None:
    from game.ui.scenes.ending import RatificationScene, SigningScene

    from .test_ui_layout import finished

    d = driver(folders)
    try:
        session = finished(Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5)))
        assert session.state.agreement is not None
        for scene in (SigningScene(d.app, session, Side.US), RatificationScene(d.app, session, Side.US)):
            d.app.reset_to(scene)
            d.frames(2)
            d.key(pygame.K_ESCAPE)
            assert d.scene is scene
        d.key(pygame.K_RETURN)  # Enter, the button's key, goes on
        assert d.scene_name == "DebriefScene"
    finally:
        d.close()


# 9 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["medium", "x-large"])
def test_the_coachs_pointer_never_covers_the_button_it_points_at(folders: Path, text: str) -> None:
    d = driver(folders, text=text)
    try:
        d.key(pygame.K_t)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        coach = d.app.coach
        assert coach is not None and coach.step.id == "propose"
        d.frames(2)
        target = coach.target()
        assert target is not None and coach.dot is not None
        assert not coach.dot.colliderect(target), (coach.dot, target)
    finally:
        d.close()


# 10 --------------------------------------------------------------------------------------------------
def test_russian_points_take_their_plural_forms() -> None:
    from game.i18n import trn

    set_language("ru")
    said = [trn("History did better, by {n} point.", "History did better, by {n} points.", n) for n in (1, 3, 9, 21)]
    assert said == [
        "История сыграла лучше — на 1 очко.",
        "История сыграла лучше — на 3 очка.",
        "История сыграла лучше — на 9 очков.",
        "История сыграла лучше — на 21 очко.",
    ]
    assert "очк." not in tr("For the {name} delegation", name="x")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_joint_statement_reads_as_its_language(
    folders: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from game.ui.scenes import ending

    from .test_ui_layout import finished

    spoken = Spoken(ending.font)
    monkeypatch.setattr(ending, "font", spoken)
    d = driver(folders, language=language)
    try:
        session = finished(Session(Setup("april-1990", {Side.US: PERSON, Side.USSR: "ai:linear"}, 5)))
        d.app.reset_to(ending.SigningScene(d.app, session, Side.US))
        d.frames(3)
        said = " ".join(spoken.said)
        if language == "ru":
            assert "Делегации «Соединённые Штаты» и «Советский Союз»" in said
            assert "За делегацию «Советский Союз»" in said
            assert "Шеварднадзе, Министр" not in said  # a title on its own line, not after a comma
        else:
            assert "The United States and the Soviet Union delegations" in said
    finally:
        d.close()


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("text", ["large", "x-large"])
def test_the_debriefs_axis_labels_are_whole(
    folders: Path, monkeypatch: pytest.MonkeyPatch, text: str, language: str
) -> None:
    """At 1280x720 and the largest text the utility plane's upright label read 'Полезность для стороны СССР…'."""
    from game.ui import charts
    from game.ui.scenes.debrief import DebriefScene

    spoken = Spoken(charts.font)
    monkeypatch.setattr(charts, "font", spoken)
    d = driver(folders, text=text, language=language)
    try:
        session = Session(Setup("warm-up", {Side.US: "ai:conceder", Side.USSR: "ai:conceder"}, 3))
        session.match.play()
        for side in Side:
            d.app.push(DebriefScene(d.app, session, side))
            d.frames(3)
            d.app.pop()
        assert spoken.said
        assert [s for s in spoken.said if s.endswith("…")] == []
    finally:
        d.close()

"""A save or a class server agrees on the rules whatever language each computer runs in: option labels
and names are read in the game's language, and the digest of the rules must not depend on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.agents.registry import make
from game.i18n import language, set_language
from game.match import Match
from game.record import save
from game.record.rules_digest import rules_digest
from game.record.scenario_copy import scenario_source
from game.scenario.loader import SCENARIO_DIR, load_scenario
from game.scenario.preferences import Side


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    was = language()
    yield
    set_language(was)


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml")))
def test_the_rules_digest_is_the_same_in_every_language(scenario: str) -> None:
    digests = set()
    for lang in ("en", "ru"):
        set_language(lang)
        digests.add(rules_digest(load_scenario(scenario)[0]))
    assert len(digests) == 1


@pytest.mark.parametrize(("made", "read"), [("en", "ru"), ("ru", "en")])
def test_a_save_made_in_one_language_is_not_flagged_in_the_other(tmp_path: Path, made: str, read: str) -> None:
    """Loading an English save in the Russian window said its scenario had been edited."""
    set_language(made)
    found, copy = scenario_source("april-1990")
    from game.engine.rules import Rules

    rules = Rules(found)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:boulware")}, 3).play()
    path = tmp_path / "game.yaml"
    save.write(path, save.Record(save.new_header(found, copy, 3, {"us": "a", "ussr": "b"}), state.moves, copy), rules)
    set_language(read)
    record, _, loaded = save.load(path)
    assert not record.altered and save.ALTERED not in record.notes
    assert loaded.moves == state.moves


def test_what_a_loaded_save_tells_is_a_notice_with_one_button(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The note about a save had Cancel beside OK, and Cancel loaded the game all the same."""
    import pygame

    from game.ui.scenes.saves import open_save
    from game.ui.settings import Settings

    from .test_attacks_files import _with_copy_edited
    from .test_saves import saved_game
    from .ui_driver import Driver

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    path, _ = saved_game(tmp_path)
    _with_copy_edited(path, "no_deal: 0.2", "no_deal: 0.9")  # so that Load has something to tell
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    open_save(d.app, path)
    d.frames(3)
    assert d.scene_name == "ConfirmScene"
    labels = [a.button.text for a in d.scene.actions]  # type: ignore[attr-defined]
    assert labels == ["OK  [Esc]"]
    d.key(pygame.K_ESCAPE)
    assert d.scene_name != "ConfirmScene"  # Esc closes the notice, and the game it tells of is open
    d.close()


def test_the_record_in_russian_names_its_participants_in_russian() -> None:
    """The Russian record's heading read 'МЕЖДУ THE ГОСУДАРСТВЕННЫЙ СЕКРЕТАРЬ OF THE США, J. BAKER'."""
    from game.engine.rules import Rules
    from game.record.export import export_markdown

    set_language("ru")
    rules = Rules(load_scenario("april-1990")[0])
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:boulware")}, 3).play()
    text = export_markdown(rules, state)
    head = text.splitlines()[0]
    assert "Д. БЕЙКЕР" in head and "В. КАРПОВ" in head
    assert " THE " not in head and " OF " not in head
    assert "Джеймс Бейкер" in text and "James Baker" not in text


def test_consult_asks_first_when_it_would_end_the_meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Consult with 1-2 exchanges left jumped to the next meeting with no word of what it cost."""
    import pygame

    from game.engine.moves import Propose
    from game.session import PERSON, Session, Setup
    from game.ui.scenes.table import TableScene
    from game.ui.settings import Settings

    from .ui_driver import Driver

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    session = Session(Setup("warm-up", {Side.US: PERSON, Side.USSR: PERSON}, 4))
    cost = session.rules.scenario.calendar.consult_cost
    while session.observe(session.state.to_move).exchanges_left > cost:  # both open, until the meeting's end is near
        side = session.state.to_move
        session.match.state = session.rules.apply(
            session.state, Propose(session.rules.preferences(session.state, side).opening)
        )
    side, meeting = session.state.to_move, session.state.meeting
    d.app.push(TableScene(d.app, session, side))
    d.frames(3)
    d.key(pygame.K_c)
    assert d.scene_name == "ConfirmScene" and session.state.meeting == meeting  # asked, nothing done yet
    assert f"{cost} exchanges" in d.scene.body  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert session.state.meeting == meeting + 1  # consulted: the meeting is over
    d.close()


def test_the_load_list_says_who_played_and_how_it_ended_in_words(tmp_path: Path) -> None:
    """The list showed 'USSR: ai:hard', 'tutorial:coach' and 'ended: ratified'."""
    from game.engine.rules import Rules
    from game.ui.scenes.saves import describe

    found, copy = scenario_source("warm-up")
    rules = Rules(found)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:linear")}, 3).play()
    path = tmp_path / "game.yaml"
    header = save.new_header(found, copy, 3, {"us": "person", "ussr": "ai:hard"})
    save.write(path, save.Record(header, state.moves, copy), rules)
    line = describe(path).summary
    assert "US: player" in line and "USSR: AI, hard" in line and "ai:hard" not in line
    assert "ended: ratified agreement" in line, line

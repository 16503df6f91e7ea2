"""The tutorial: the coach's lesson headless, and the guided game in the window with real key presses."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import tutorial
from game.agents.coach import CoachAgent
from game.agents.registry import make
from game.engine.moves import Accept, Move, Propose, TableArgument
from game.engine.rules import Rules
from game.engine.state import Ending, GameState
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package, Preferences
from game.ui.settings import Settings

from .ui_driver import Driver

FAST = Settings(ai_speed="instant", sound=False)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_scenario(tutorial.SCENARIO)[0])


def coach_moves(rules: Rules, state: GameState, coach: CoachAgent) -> GameState:
    while not state.over and state.to_move is tutorial.COACH:
        state = rules.apply(state, coach.act(rules.observe(state, tutorial.COACH)))
    return state


def the_lesson(rules: Rules) -> list[Move]:
    space = rules.space
    return [
        Propose(space.package({"alcm_range": 1000, "slcm_limit": 1000})),
        TableArgument("us-several-hundred-km"),
        Propose(space.package({"alcm_range": 900, "slcm_limit": 960})),
        Accept(),
    ]


def test_the_lesson_played_as_asked_passes_every_step_in_order_and_is_ratified(rules: Rules) -> None:
    coach = make(tutorial.COACH_SPEC)
    assert isinstance(coach, CoachAgent)
    coach.reset(tutorial.COACH, None)  # type: ignore[arg-type]
    state = coach_moves(rules, rules.initial(tutorial.SEED), coach)
    ready_seen: list[str] = []
    for move in the_lesson(rules):
        state = coach_moves(rules, rules.apply(state, move), coach)
        ready_seen += [
            s.id for s in tutorial.STEPS if s.ready is not None and s.ready(state) and s.id not in ready_seen
        ]
    assert ready_seen == ["answer", "red_line", "accept"]
    assert state.declared[tutorial.COACH.index] == ((0, 1),)  # 700 km on the ALCM range
    assert state.ending is Ending.RATIFIED
    for step in tutorial.STEPS:
        assert step.done is None or step.done(state), step.id


def test_the_coachs_last_offer_is_inside_both_sides_red_lines(rules: Rules) -> None:
    """The package the tutorial asks the player to accept: 700 km and 880 missiles."""
    us, ussr = rules.scenario.sides.us.positions, rules.scenario.sides.ussr.positions
    assert us["alcm_range"].red_line <= 700 <= ussr["alcm_range"].red_line
    assert us["slcm_limit"].red_line <= 880 <= ussr["slcm_limit"].red_line


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_the_coach_never_makes_an_illegal_move_whatever_the_player_does(rules: Rules, choices: list[int]) -> None:
    coach = CoachAgent()
    coach.reset(tutorial.COACH, None)  # type: ignore[arg-type]
    state = coach_moves(rules, rules.initial(tutorial.SEED), coach)
    space = rules.space
    player = Preferences.of(space, rules.side_model(tutorial.COACH.other))
    # the player's legal moves only: the engine refuses a package beyond the player's own red lines
    allowed = [[k for k in range(len(d)) if player.acceptable_level(i, k)] for i, d in enumerate(space.domains)]
    for choice in choices:
        if state.over:
            break
        kind = choice % 4
        offer = state.offer_of(tutorial.COACH)
        if kind == 0:
            levels = tuple(levels[choice // (k + 1) % len(levels)] for k, levels in enumerate(allowed))
            move: Move = Propose(Package(levels))
        elif kind == 1:
            move = TableArgument(("us-several-hundred-km", "us-what-we-have")[choice % 2])
        elif kind == 2 and offer is not None and player.within_red_lines(offer):
            move = Accept()
        else:
            move = Propose(space.package({"alcm_range": 800, "slcm_limit": 920}))
        state = coach_moves(rules, rules.apply(state, move), coach)  # raises if the coach's move is illegal


def test_skipping_on_the_first_screen_ends_the_tutorial_and_remembers_it(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_t)
    assert d.scene_name == "BriefingScene" and d.app.coach is not None
    d.key(pygame.K_F10)
    assert d.app.coach is None
    assert Settings.load(folders / "config" / "settings.json").tutorial == "skipped"
    d.close()


def test_a_whole_guided_game_in_the_window_then_new_game_suggests_the_warm_up(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_t)
    coach = d.app.coach
    assert coach is not None

    def step() -> str:
        assert d.app.coach is not None
        return d.app.coach.step.id

    def settle(frames: int = 30) -> None:
        for _ in range(frames):
            d.frames()

    assert step() == "goals"
    d.key(pygame.K_RETURN)  # to the table
    assert d.scene_name == "TableScene" and step() == "table"
    d.key(pygame.K_p)  # out of turn for the lesson: the coach waits for Next, nothing is proposed
    assert step() == "table" and len(d.scene.session.state.moves) == 1  # type: ignore[attr-defined]
    d.key(pygame.K_RETURN)
    assert step() == "propose"
    d.key(pygame.K_p)
    settle()
    assert step() == "answer"
    d.key(pygame.K_RETURN)
    assert step() == "argument"
    d.key(pygame.K_g)
    d.key(pygame.K_1)
    settle()
    assert step() == "red_line"
    d.key(pygame.K_RETURN)
    assert step() == "deadline"
    d.key(pygame.K_p)  # the coach is showing the clock: no move yet
    assert step() == "deadline"
    d.key(pygame.K_RETURN)
    assert step() == "again"
    d.key(pygame.K_LEFT)  # the ALCM range, a step closer
    d.key(pygame.K_p)
    settle()
    assert step() == "accept"
    d.key(pygame.K_a)
    d.key(pygame.K_RETURN)  # confirm
    assert d.through_the_ending() == ["SigningScene", "RatificationScene"]  # the coach explains the votes there
    settle()
    assert step() == "done"
    assert d.scene.room is not None  # type: ignore[attr-defined]  # the debrief keeps a strip for the coach ...
    d.key(pygame.K_RETURN)
    assert d.app.coach is None
    assert d.scene.room is None  # type: ignore[attr-defined]  # ... and gives it back to its charts after
    assert d.scene.session.state.ending is Ending.RATIFIED  # type: ignore[attr-defined]
    assert Settings.load(folders / "config" / "settings.json").tutorial == "done"
    d.app.to_title()
    d.frames(2)
    d.key(pygame.K_n)
    assert d.scene_name == "NewGameScene"
    labels = [a.button.text for a in d.scene.actions]  # type: ignore[attr-defined]
    assert any("Warm-up" in text and "suggested" in text for text in labels)
    d.close()


def test_the_tutorial_resumes_where_it_was_left(folders: Path) -> None:
    d = Driver(folders / "config", FAST)
    d.key(pygame.K_t)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_p)
    for _ in range(30):
        d.frames()
    moves = len(d.scene.session.state.moves)  # type: ignore[attr-defined]
    assert d.app.coach is not None and d.app.coach.step.id == "answer"
    d.close()

    again = Driver(folders / "config")
    resume = [a for a in again.scene.actions if a.key == pygame.K_t]  # type: ignore[attr-defined]
    assert resume and resume[0].button.text.startswith("Resume the tutorial")
    again.key(pygame.K_t)
    assert again.scene_name == "TableScene"
    assert again.app.coach is not None and again.app.coach.step.id == "answer"
    assert len(again.scene.session.state.moves) == moves  # type: ignore[attr-defined]
    again.close()


@pytest.mark.parametrize("down", [0, 1, 3])
def test_the_dialog_names_the_card_the_coach_named_at_the_table(rules: Rules, down: int) -> None:
    """At the table the coach named "We moved several hundred km"; in the dialog it said another card fitted."""
    state = rules.initial(tutorial.SEED)
    if state.to_move is tutorial.COACH:
        state = rules.apply(state, Propose(rules.preferences(state, tutorial.COACH).opening))
    space = rules.public.space
    issue = space.ids.index("alcm_range")
    opening = rules.preferences(state, tutorial.PLAYER).opening
    levels = list(opening.levels)
    domain = space.domains[issue]
    step = 1 if float(domain.levels[-1]) < float(domain.levels[0]) else -1
    levels[issue] = max(0, min(len(domain.levels) - 1, levels[issue] + step * down))
    state = rules.apply(state, Propose(Package(tuple(levels))))
    argument = next(s for s in tutorial.STEPS if s.id == "argument")
    at_table, in_dialog = tutorial.say(argument, rules, state), tutorial.say_in_dialog(rules, state)
    titles = {a.id: a.title for a in rules.scenario.arguments}
    fits = next(t for t in titles.values() if f"“{t}” is the one" in in_dialog)
    moved_enough = float(domain.levels[opening.levels[issue]]) - float(domain.levels[levels[issue]]) >= 200
    assert fits == titles["us-several-hundred-km" if moved_enough else "us-what-we-have"], (at_table, in_dialog)
    assert fits in at_table


def test_the_argument_dialog_opens_on_the_card_the_coach_names(folders: Path) -> None:
    """Without a concession on the ALCM range the dialog selected the card the coach had just called unfit,
    and its bubble said "press Enter"."""
    d = Driver(folders / "config", FAST)
    try:
        d.key(pygame.K_t)
        for key in (pygame.K_RETURN, pygame.K_RETURN, pygame.K_p):  # the table, Next, propose the opening
            d.key(key)
        for _ in range(30):
            d.frames()
        d.key(pygame.K_RETURN)  # their answer read
        assert d.app.coach is not None and d.app.coach.step.id == "argument"
        d.key(pygame.K_g)
        assert d.scene_name == "ArgumentScene"
        scene = d.scene
        session = d.app.scenes[-2].session  # type: ignore[attr-defined]
        chosen = scene.cards[scene.selected].id  # type: ignore[attr-defined]
        assert chosen == tutorial.fitting_card(session.rules, session.state) == "us-what-we-have"
    finally:
        d.close()

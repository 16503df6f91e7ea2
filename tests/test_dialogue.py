"""A proposal's words match the proposal: a first one states a package, a later one says what changed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from game.agents.registry import make
from game.engine.dialogue import describe_proposal
from game.engine.movement import Movement, Shift, movement
from game.engine.moves import Propose, WalkOut
from game.engine.rules import Rules
from game.engine.state import EntryKind, GameState
from game.i18n import set_language, tr
from game.match import Match
from game.scenario.loader import load_scenario
from game.scenario.preferences import Package, Side

from .conftest import ROOT, SHIPPED, rules_for


def openings(phrases: tuple[str, ...], placeholder: str) -> list[str]:
    """The fixed words each phrase with only this placeholder starts with."""
    other = "{changes}" if placeholder == "{package}" else "{package}"
    return [p.split("{")[0] for p in phrases if placeholder in p and other not in p and p.split("{")[0]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_opening_and_later_proposals_use_phrases_that_fit(seed: int) -> None:
    rules = rules_for(ROOT / "scenarios" / "april-1990.yaml")
    match = Match(rules, {Side.US: make("ai:normal"), Side.USSR: make("ai:linear")}, seed)
    match.play()
    checked = {"first": 0, "later": 0}
    for entry in match.state.log:
        if entry.kind is not EntryKind.MOVE or entry.side is None or entry.move is None:
            continue
        if entry.move.kind.value != "propose" or entry.label == "position unchanged":
            continue
        dialogue = rules.scenario.dialogue.us if entry.side is Side.US else rules.scenario.dialogue.ussr
        phrases = dialogue.get("propose", ())
        if entry.label == "opening proposal":
            wrong = openings(phrases, "{changes}")
            checked["first"] += 1
        else:
            wrong = openings(phrases, "{package}")
            checked["later"] += 1
        assert not any(entry.text.startswith(w) for w in wrong), (entry.label, entry.text)
    assert checked["first"] == 2 and checked["later"] > 0


def test_a_trade_reads_well_in_russian() -> None:
    """'обмен: Юридическая форма ограничений КРМБ за Проверка КРМБ' put an issue's name after 'за' in the wrong
    case; the trade now names each side of it after a dash, where the name's own form reads right."""
    with speaking("ru") as rules:
        state = rules.initial(1)
        prefs = rules.preferences(state, Side.USSR)
        before = prefs.opening
        state = rules.apply(state, Propose(before))  # the US has no offer yet: the Soviets' own values tell
        levels = list(before.levels)
        gave = next(i for i in range(len(levels)) if levels[i] + 1 < len(rules.space.domains[i].levels))
        took = next(i for i in range(len(levels)) if i != gave)
        for i in (gave, took):  # one step worse and one step better for the Soviets, whichever way that is
            up = min(levels[i] + 1, len(rules.space.domains[i].levels) - 1)
            down = max(levels[i] - 1, 0)
            better = prefs.issue_utility(i, up) > prefs.issue_utility(i, levels[i])
            levels[i] = (down if better else up) if i == gave else (up if better else down)
        label = describe_proposal(rules, state, Side.USSR, Package(tuple(levels)))
        assert label.startswith("обмен: уступка — ") and "; взамен — " in label and " за " not in label, label


@contextmanager
def speaking(language: str) -> Iterator[Rules]:
    """april-1990 loaded in a language (its phrases are read in the language it is loaded in)."""
    set_language(language)
    try:
        yield Rules(load_scenario(str(ROOT / "scenarios" / "april-1990.yaml"))[0])
    finally:
        set_language("en")


def opened(rules: Rules, seed: int, meeting: str = "washington-apr-20") -> GameState:
    """Both sides' openings on the table at a meeting, the Soviet side to move."""
    state = rules.initial(seed)
    for side in (Side.USSR, Side.US):
        state = rules.apply(state, Propose(rules.preferences(state, side).opening))
    index = next(i for i, m in enumerate(rules.meetings) if m.id == meeting)
    return replace(state, meeting=index)


def step(rules: Rules, state: GameState, side: Side, issue: str, toward: bool) -> Package:
    """The side's offer moved one step on an issue toward the other side's offer, or away from it."""
    i = rules.space.ids.index(issue)
    own, other = state.offer_of(side), state.offer_of(side.other)
    assert own is not None and other is not None
    direction = 1 if other.levels[i] > own.levels[i] else -1
    return own.with_level(i, own.levels[i] + (direction if toward else -direction))


def said(state: GameState) -> str:
    return state.log[-1].text


def phrases_of(rules: Rules, side: Side, kind: str) -> list[str]:
    """The fixed words a scenario's phrase of this kind starts with (its text before any placeholder)."""
    own = rules.scenario.dialogue.us if side is Side.US else rules.scenario.dialogue.ussr
    return [p.split("{")[0] for p in own.get(kind, ())]  # type: ignore[call-overload]


LANGUAGES = ("en", "ru")
SEEDS = range(8)  # enough for every phrase of a kind to be picked at least once


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_acknowledgement_follows_only_a_move_toward_us(language: str) -> None:
    """'I acknowledge a certain movement on your side' was said right after the table read 'position
    unchanged'. After a hold the answer says they did not move; after a step toward us it acknowledges it."""
    with speaking(language) as rules:
        acknowledge = phrases_of(rules, Side.US, "acknowledge")
        unmoved = phrases_of(rules, Side.US, "unmoved")
        for seed in SEEDS:
            state = opened(rules, seed)
            held = rules.apply(state, Propose(state.offer_of(Side.USSR)))  # type: ignore[arg-type]
            answer = rules.apply(held, Propose(step(rules, held, Side.US, "alcm_range", toward=True)))
            assert not any(a in said(answer) for a in acknowledge), said(answer)
            assert any(said(answer).startswith(u) for u in unmoved), said(answer)
            moved = rules.apply(state, Propose(step(rules, state, Side.USSR, "alcm_sublevel", toward=True)))
            answer = rules.apply(moved, Propose(step(rules, moved, Side.US, "slcm_limit", toward=True)))
            assert any(said(answer).startswith(a) for a in acknowledge), said(answer)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_retraction_is_said_as_a_retraction_and_a_concession_as_a_concession(language: str) -> None:
    """A side moving away from the other was worded as a concession ('We have moved again'). The numbers
    decide: away from the other side's offer is a retraction, in the label and in the words."""
    with speaking(language) as rules:
        concede, retract = phrases_of(rules, Side.US, "concede"), phrases_of(rules, Side.US, "retract")
        label = rules.space.shorts[rules.space.ids.index("alcm_sublevel")]
        for seed in SEEDS:
            state = opened(rules, seed)
            state = rules.apply(state, Propose(step(rules, state, Side.USSR, "alcm_sublevel", toward=True)))
            on = rules.apply(state, Propose(step(rules, state, Side.US, "alcm_sublevel", toward=True)))
            assert on.log[-1].label == tr("concession on {issues}", issues=label)
            assert any(c in said(on) for c in concede) and not any(r in said(on) for r in retract), said(on)
            held = rules.apply(on, Propose(on.offer_of(Side.USSR)))  # type: ignore[arg-type]
            back = rules.apply(held, Propose(step(rules, held, Side.US, "alcm_sublevel", toward=False)))
            assert back.log[-1].label == tr("hardening on {issues}", issues=label)
            assert any(r in said(back) for r in retract) and not any(c in said(back) for c in concede), said(back)


def test_a_move_is_read_from_the_numbers_toward_the_other_sides_opening() -> None:
    """Toward the other side is the way from one's own opening to theirs, even past their current value
    (the US going below an SLCM limit the Soviets had already come up to still gives); where the openings
    agree or the other side has not opened, the mover's own values tell."""
    rules = rules_for(ROOT / "scenarios" / "april-1990.yaml")
    state = rules.initial(1)
    prefs = rules.preferences(state, Side.US)
    us, soviet = prefs.opening, rules.preferences(state, Side.USSR).opening
    i = rules.space.ids.index("slcm_limit")
    way = 1 if soviet.levels[i] > us.levels[i] else -1
    closer = us.with_level(i, us.levels[i] + way)
    assert movement(prefs, None, us, None, None).shift is Shift.OPENING
    assert movement(prefs, us, us, us, soviet).shift is Shift.HOLD
    assert movement(prefs, us, closer, us, soviet) == Movement(Shift.CONCESSION, (i,))
    assert movement(prefs, closer, us, us, soviet) == Movement(Shift.RETRACTION, (), (i,))
    met = us.with_level(i, soviet.levels[i])
    past = us.with_level(i, soviet.levels[i] + way)
    assert rules.space.is_valid(past)
    assert movement(prefs, met, past, us, soviet).shift is Shift.CONCESSION
    assert movement(prefs, past, met, us, soviet).shift is Shift.RETRACTION
    gives_up = prefs.issue_utility(i, closer.levels[i]) < prefs.issue_utility(i, us.levels[i])
    by_own_values = Shift.CONCESSION if gives_up else Shift.RETRACTION
    assert movement(prefs, us, closer, us, us).shift is by_own_values
    assert movement(prefs, us, closer, us, None).shift is by_own_values


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_line_that_names_a_place_is_not_said_there(language: str) -> None:
    """'I hope you will take that back to Moscow' was said at the Moscow ministerial."""
    with speaking(language) as rules:
        place = {"en": "Moscow", "ru": "Москв"}[language]
        named = {False: 0, True: 0}
        for seed in SEEDS:
            for meeting in ("bonn-2plus4", "moscow-ministerial"):
                state = opened(rules, seed, meeting)
                state = rules.apply(state, Propose(step(rules, state, Side.USSR, "alcm_sublevel", toward=True)))
                state = rules.apply(state, Propose(step(rules, state, Side.US, "alcm_sublevel", toward=True)))
                named[meeting == "moscow-ministerial"] += place in said(state)
        assert named == {False: named[False], True: 0} and named[False] > 0, named


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reply_says_what_changed_not_the_whole_package(language: str) -> None:
    """Every reply read out the whole package like a form; the table shows the package, the words say
    what changed and on which issue, and that the rest stands."""
    with speaking(language) as rules:
        rest = tr("{changes}; on the rest our position stands", changes="")
        for seed in SEEDS:
            state = opened(rules, seed)
            held = rules.apply(state, Propose(state.offer_of(Side.USSR)))  # type: ignore[arg-type]
            assert not any(n in said(held) for n in (*rules.space.names, *rules.space.shorts)), said(held)
            moved = rules.apply(held, Propose(step(rules, held, Side.US, "slcm_limit", toward=True)))
            names = rules.space.names
            assert names[rules.space.ids.index("slcm_limit")] in said(moved), said(moved)
            assert rest in said(moved), said(moved)
            assert not any(n in said(moved) for i, n in enumerate(names) if rules.space.ids[i] != "slcm_limit")


def test_an_event_that_reports_a_move_fires_only_on_that_move() -> None:
    """The Bonn news said the US moved on the ALCM range as the meeting opened, while the table showed
    it had not. Events move no offer: news that reports one must wait for it (an `offer` condition)."""
    reports = re.compile(r"\b(mov(e|es|ed|ement|ing)|concession|gives?|gave|offer(s|ed)?)\b", re.IGNORECASE)
    for path in SHIPPED:
        scenario = rules_for(path).scenario
        for event in scenario.events:
            if reports.search(event.news):
                condition = event.trigger.condition
                assert condition is not None and condition.offer is not None, (path.name, event.id, event.news)


def test_a_side_name_in_russian_stands_where_its_own_form_reads_right() -> None:
    """'Счёт Япония' put a side's name where Russian needs the genitive; a scenario gives names in the
    nominative only, so the line opens with the name ('Япония: счёт ...')."""
    from game.record.transcript import transcript

    with speaking("ru") as rules:
        state = rules.apply(rules.initial(1), WalkOut())
        scores = [line for line in transcript(rules, state).splitlines() if "/ 100" in line]
        shorts = (rules.scenario.sides.us.short, rules.scenario.sides.ussr.short)
        assert [line.split(":")[0] for line in scores] == list(shorts), scores

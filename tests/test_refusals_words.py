"""The engine's refusals are said in the language current when they are shown, and a refused move
stored in a save (a forfeit's reason) is kept in English and said in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from game.agents.registry import make
from game.engine import move_from_data, move_to_data
from game.engine.moves import Accept, DeclareRedLine, FireEvent, Forfeit, Propose, TableArgument
from game.engine.reasons import ENDED, FORFEITS, REFUSALS, TIMED, said
from game.errors import IllegalMoveError, MalformedMoveError, SaveFormatError
from game.i18n import catalogue, set_language
from game.match import Match
from game.record import save
from game.scenario.preferences import Package, Side

from .conftest import TINY, rules_for

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?: [a-z]{2,}){2,}\b")


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


class Cheats:
    def reset(self, side: Side, rng: np.random.Generator) -> None:
        pass

    def act(self, obs: object) -> object:
        return Accept()  # before any offer: illegal


def _refusals() -> list[tuple[str, object]]:
    """(what, an illegal move) in tiny's opening state, where the USSR is to move."""
    rules = rules_for(TINY)
    return [
        ("accept with no offer", Accept()),
        ("short package", Propose(Package((0,)))),
        ("unknown argument", TableArgument("no-such-argument")),
        ("red line on no issue", DeclareRedLine(99, 0)),
        ("red line on no value", DeclareRedLine(0, 999)),
        ("unknown event", FireEvent("no-such-event")),
        ("not a move", "accept"),
        ("beyond the red line", Propose(Package(tuple(len(d) - 1 for d in rules.space.domains)))),
    ]


def _refused(move: object) -> IllegalMoveError:
    rules = rules_for(TINY)
    with pytest.raises(IllegalMoveError) as caught:
        rules.check(rules.initial(1), move)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize("what, move", _refusals(), ids=[w for w, _ in _refusals()])
def test_a_refusal_is_said_in_the_language_it_is_shown_in(what: str, move: object) -> None:
    set_language("en")
    refused = _refused(move)  # raised while the game runs in English ...
    english = str(refused)
    assert not CYRILLIC.search(english), english
    set_language("ru")  # ... and shown after the player switched to Russian
    shown = str(refused)
    words = re.sub(r"«[^»]*»", "", shown)  # tiny's issue names are its own texts, in English
    assert CYRILLIC.search(shown) and ENGLISH_SENTENCE.findall(words) == [], (what, shown)
    assert refused.english == english, "the stored form is the English text"
    set_language("en")
    assert str(refused) == english


def test_every_refusal_and_forfeit_reason_has_a_russian_entry() -> None:
    russian = catalogue("ru")
    for text in (*REFUSALS, *FORFEITS, *TIMED, *ENDED):
        assert russian.gettext(text) != text, text


def test_a_forfeit_is_stored_in_english_and_read_in_russian(tmp_path: Path) -> None:
    rules = rules_for(TINY)
    set_language("ru")  # the game is played in Russian ...
    match = Match(rules, {Side.USSR: Cheats(), Side.US: make("ai:boulware")}, 1)  # type: ignore[dict-item]
    state = match.play()
    forfeit = state.moves[-1]
    assert isinstance(forfeit, Forfeit)
    # ... the save keeps the reason in English, whatever language the game was played in
    stored = move_to_data(forfeit, rules.space)["reason"]
    assert stored == "its agent played an illegal move: there is no package from the other side to accept"
    assert CYRILLIC.search(state.log[-1].text) and "there is no package" not in state.log[-1].text
    # the reason said again in the reader's language, as the replay of a save says it
    replayed = rules.apply(rules.initial(1), move_from_data({"kind": "forfeit", "reason": stored}, rules.space))
    text = replayed.log[-1].text
    assert CYRILLIC.search(text) and ENGLISH_SENTENCE.findall(text) == [], text
    set_language("en")
    replayed = rules.apply(rules.initial(1), move_from_data({"kind": "forfeit", "reason": stored}, rules.space))
    assert stored in replayed.log[-1].text


def test_an_old_saves_reasons_stay_readable() -> None:
    set_language("ru")
    # an older save's English reason (the same words the engine writes today) is said in Russian
    old = "its agent played an illegal move: there is no argument 'x' in this scenario"
    assert said(old) == "его агент сделал недопустимый ход: в этом сценарии нет аргумента 'x'"
    assert said("its agent failed: RuntimeError: boom") == "его агент дал сбой: RuntimeError: boom"
    # a reason in words no text knows (a plug-in's own, or an older save's Russian) is shown as stored
    assert said("my own words") == "my own words"
    assert said("вы не можете принять ...") == "вы не можете принять ..."


def test_a_save_whose_move_is_refused_says_why_in_russian(tmp_path: Path) -> None:
    rules = rules_for(TINY)
    set_language("ru")
    with pytest.raises(SaveFormatError) as caught:
        save.replay(rules, 1, [{"kind": "accept"}], tmp_path / "game.ccsave")
    message = str(caught.value)
    assert "нет предложения другой стороны" in message and ENGLISH_SENTENCE.findall(message) == [], message
    with pytest.raises(SaveFormatError) as caught:
        save.replay(rules, 1, [{"kind": "red_line", "issue": "nowhere"}], tmp_path / "game.ccsave")
    message = str(caught.value)
    assert CYRILLIC.search(message) and ENGLISH_SENTENCE.findall(message) == [], message


@pytest.mark.parametrize(
    "data",
    [
        [1],
        {"kind": "propose"},
        {"kind": "red_line", "issue": "nowhere"},
        {"kind": "event", "event": 3},
        {"kind": "argument"},
        {"kind": "fly"},
    ],
)
def test_a_malformed_move_is_said_in_russian(data: object) -> None:
    rules = rules_for(TINY)
    with pytest.raises(MalformedMoveError) as caught:
        move_from_data(data, rules.space)
    set_language("ru")
    message = str(caught.value)
    assert CYRILLIC.search(message) and ENGLISH_SENTENCE.findall(message) == [], message


def _sandbox_reasons() -> list[str]:
    """What the sandbox stores when it stops a plug-in: at its deadline (with and without a budget, in a move
    and in its reset), for its processor time, and when its process ended."""
    from game.agents import sandbox
    from game.agents.plugin_link import Busy, Silent, exit_text

    agent = sandbox.SandboxedAgent.__new__(sandbox.SandboxedAgent)
    agent._child, agent._finalizer = None, None
    reasons = []
    for raised in (Silent(), Busy(1.25)):
        for doing in (sandbox.MOVE, sandbox.RESET):
            for budget in (0.5, None) if isinstance(raised, Silent) else (0.5,):

                def fails(*_: object, raised: Exception = raised) -> None:
                    raise raised

                agent._next = fails  # type: ignore[method-assign]
                with pytest.raises(sandbox.AgentFailure) as caught:
                    agent._receive(0.0, budget, doing, 0.0, 1.0)
                reasons.append(caught.value.reason)
    for code in (None, -9, 3):
        reasons.append(f"its agent's process ended unexpectedly ({exit_text(code)})")
    return reasons


def test_the_sandboxs_reasons_are_stored_in_english_and_said_in_russian() -> None:
    """A plug-in stopped for its time, or whose process ended, was told in English only in the Russian game."""
    set_language("ru")  # stopped while the game runs in Russian: the record keeps English all the same
    reasons = _sandbox_reasons()
    assert len(reasons) == 9
    for reason in reasons:
        assert not CYRILLIC.search(reason), reason
        shown = said(reason)
        assert CYRILLIC.search(shown) and ENGLISH_SENTENCE.findall(shown) == [], (reason, shown)
    set_language("en")
    assert [said(r) for r in reasons] == reasons

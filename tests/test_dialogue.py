"""A proposal's words match the proposal: a first one states a package, a later one says what changed."""

from __future__ import annotations

import pytest

from game.agents.registry import make
from game.engine.state import EntryKind
from game.match import Match
from game.scenario.preferences import Side

from .conftest import ROOT, rules_for


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
    from game.engine.dialogue import describe_proposal
    from game.i18n import set_language
    from game.scenario.loader import load_scenario

    set_language("ru")
    try:
        from game.engine.rules import Rules

        rules = Rules(load_scenario(str(ROOT / "scenarios" / "april-1990.yaml"))[0])
        state = rules.initial(1)
        prefs = rules.preferences(state, Side.USSR)
        before = prefs.opening
        levels = list(before.levels)
        gave = next(i for i in range(len(levels)) if levels[i] + 1 < len(rules.space.domains[i].levels))
        took = next(i for i in range(len(levels)) if i != gave)
        for i in (gave, took):  # one step worse and one step better for the Soviets, whichever way that is
            up = min(levels[i] + 1, len(rules.space.domains[i].levels) - 1)
            down = max(levels[i] - 1, 0)
            better = prefs.issue_utility(i, up) > prefs.issue_utility(i, levels[i])
            levels[i] = (down if better else up) if i == gave else (up if better else down)
        label, _ = describe_proposal(rules, state, Side.USSR, before, type(before)(tuple(levels)))
        assert label.startswith("обмен: уступка — ") and "; взамен — " in label and " за " not in label, label
    finally:
        set_language("en")

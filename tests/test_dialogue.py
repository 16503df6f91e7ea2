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

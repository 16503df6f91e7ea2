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

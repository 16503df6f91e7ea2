"""The scenario a save is played on: taken from a file when a game starts, from the save afterwards.

A save names its scenario by id only; the one file it may look at on this computer is the scenario
of that id in the game's own scenarios folder (never a path it names), to say whether the rules
there have changed since the game was played.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from game.errors import CruiseControlError
from game.paths import SCENARIO_DIR
from game.record.historical import Beat, beats_path, parse_beats
from game.record.rules_digest import changes, rules_digest
from game.record.save import Record, ScenarioCopy
from game.scenario.loader import check_text, read_text, resolve
from game.scenario.schema import Scenario

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


def scenario_source(name: str, with_beats: bool = False) -> tuple[Scenario, ScenarioCopy]:
    """A scenario given by id or file, and the copy of it a save will carry (its beats' text too when
    the game opens with them); raises ScenarioError with every problem."""
    from game.errors import ScenarioError

    path = resolve(name)
    text = read_text(path)
    scenario, diagnostics = check_text(text, str(path))
    if scenario is None:
        raise ScenarioError(diagnostics)
    beats = read_text(beats_path(path)) if with_beats else ""
    return scenario, ScenarioCopy(text, path.name, beats)


def local_path(scenario_id: str) -> Path:
    """Where the scenario of an id is on this computer: in the game's scenarios folder, nowhere else."""
    return SCENARIO_DIR / f"{scenario_id}.yaml" if _ID.match(scenario_id) else SCENARIO_DIR / "-"


def local_scenario(scenario_id: str, with_beats: bool = False) -> tuple[Scenario, ScenarioCopy] | None:
    """The scenario of this id in the game's scenarios folder, if there is one that loads."""
    try:
        scenario, copy = scenario_source(str(local_path(scenario_id)), with_beats)
    except CruiseControlError:
        return None
    return (scenario, copy) if scenario.meta.id == scenario_id else None


def changes_since(
    record: Record, played: Scenario, here: tuple[Scenario, ScenarioCopy] | None | bool = True
) -> list[str]:
    """How the rules of the scenario of the save's id here (`here`, read if True) differ from those it was
    played on: empty if they are the same, or if this computer has no such scenario."""
    if here is True:
        here = local_scenario(record.header.scenario_id)
    if not isinstance(here, tuple) or rules_digest(here[0]) == rules_digest(played):
        return []
    return changes(played, here[0])


def beats_of_copy(copy: ScenarioCopy | None, scenario: Scenario, count: int) -> tuple[Beat, ...]:
    """The first `count` historical beats a save carries (none if it carries none that load)."""
    if copy is None or not copy.beats or count <= 0:
        return ()
    try:
        beats: Sequence[Beat] = parse_beats(copy.beats, f"{Path(copy.file).stem} beats (in the save)", scenario)
    except CruiseControlError:
        return ()
    return tuple(beats[:count])

"""What happened next: the scenario's history, issue by issue, beside what a game agreed.

The data is the scenario's `historical:` section: the package history produced and
`historical.epilogue`: per issue what happened at each later stage (for the START scenarios: Bonn,
4 May 1990; the Moscow ministerial, 16-19 May 1990, with the cruise-missile deal on 18 May; the
Washington summit, 1 June 1990; START I, 31 July 1991), with sources, under the headings
`historical.stages` gives. What happened day by day, with every source, is docs/HISTORY.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import Ending, GameState
from game.i18n import N_, tr
from game.scenario.preferences import Space
from game.scenario.schema import EpilogueEntry, Scenario

HISTORY_DOC = "docs/HISTORY.md"
"""The page that tells the START talks of 1990 day by day: the shipped START scenarios name it in
`historical.day_by_day`."""


def history_doc(scenario: Scenario) -> str | None:
    """Where to read what happened day by day in this scenario's history, as its file says
    (`historical.day_by_day`); nothing for a scenario that names no such page."""
    historical = scenario.historical
    return historical.day_by_day.strip() or None if historical is not None else None


STAGES = ("bonn", "ministerial", "summit", "treaty")
"""The epilogue's stages: the fields of `EpilogueEntry` and of `Stages` (its heading)."""

NO_AGREEMENT = N_("no agreement")


@dataclass(frozen=True)
class EpilogueRow:
    """One issue: the game's result beside history's."""

    issue: str
    name: str
    result: str
    """The value the game agreed ('600 km'), or 'no agreement'."""
    ratified: bool | None
    """Whether the game's agreement was ratified; None with no agreement."""
    history: str
    """The value history produced (the scenario's historical package), or '' if it gives none."""
    same: bool | None
    """Whether the game agreed what history produced; None with no agreement or no history."""
    stages: tuple[tuple[str, str], ...]
    """(stage title, what happened) for each stage the scenario tells."""
    sources: tuple[str, ...]
    estimate: bool
    """Whether the sources leave part of this row unconfirmed."""


def epilogue(scenario: Scenario, state: GameState) -> list[EpilogueRow]:
    """Per issue, in the scenario's order: the game's agreed value beside history's; [] with no history."""
    historical = scenario.historical
    if historical is None:
        return []
    space = Space.of(scenario)
    entries: dict[str, EpilogueEntry] = {e.issue: e for e in historical.epilogue}
    agreed = space.values(state.agreement) if state.agreement is not None else None
    ratified = None if agreed is None else state.ending is not Ending.NOT_RATIFIED
    rows = []
    for issue_id, name, domain in zip(space.ids, space.names, space.domains, strict=True):
        past = historical.package.get(issue_id)
        history = domain.format(past) if past is not None and domain.index(past) is not None else ""
        if agreed is None:
            result, same = tr(NO_AGREEMENT), None
        else:
            result = domain.format(agreed[issue_id])
            same = None if not history else domain.index(past) == domain.index(agreed[issue_id])
        entry = entries.get(issue_id)
        stages: tuple[tuple[str, str], ...] = ()
        if entry is not None:
            titles = historical.stages
            stages = tuple((getattr(titles, f), text) for f in STAGES if (text := getattr(entry, f).strip()))
        rows.append(
            EpilogueRow(
                issue=issue_id,
                name=name,
                result=result,
                ratified=ratified,
                history=history,
                same=same,
                stages=stages,
                sources=entry.sources if entry is not None else (),
                estimate=entry is not None and entry.confidence == "estimate",
            )
        )
    return rows


def unknown_issues(scenario: Scenario) -> list[str]:
    """Epilogue entries that name no issue of the scenario (a check for authors and tests)."""
    ids = {i.id for i in scenario.issues}
    historical = scenario.historical
    return [e.issue for e in historical.epilogue if e.issue not in ids] if historical is not None else []


__all__ = [
    "HISTORY_DOC",
    "history_doc",
    "NO_AGREEMENT",
    "STAGES",
    "EpilogueRow",
    "epilogue",
    "unknown_issues",
]

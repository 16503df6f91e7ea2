"""A scenario whose Pareto frontier is too large to compute is refused when it is read, at the issue
where it grows past the limit: the analysis, the debrief's plane and the class report all need it."""

from __future__ import annotations

from collections.abc import Callable

from game.errors import Diagnostic
from game.i18n import tr
from game.scenario.preferences import Preferences, Space
from game.scenario.schema import Scenario
from game.scenario.yamlmarks import Path


def frontier_problems(scenario: Scenario, filename: str, where: Callable[[Path], tuple[int, int]]) -> list[Diagnostic]:
    # Imported here: game.analysis imports game.scenario, so a module-level import would be a cycle.
    from game.analysis.frontier import MAX_CANDIDATES, FrontierTooLarge, pareto_frontier

    space = Space.of(scenario)
    try:
        pareto_frontier(Preferences.of(space, scenario.sides.us), Preferences.of(space, scenario.sides.ussr))
    except FrontierTooLarge as exc:
        message = tr(
            "issues[{index}] ({id}): with this issue the sides' trade-offs make {count} packages to compare for "
            "the Pareto frontier, over the limit of {limit}: give the issues coarser steps or fewer options",
            index=exc.issue,
            id=space.ids[exc.issue],
            count=f"{exc.candidates:,}",
            limit=f"{MAX_CANDIDATES:,}",
        )
        return [Diagnostic(filename, *where(("issues", exc.issue)), message)]
    return []

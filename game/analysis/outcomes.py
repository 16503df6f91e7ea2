"""The analysis of a scenario's outcome space in one call: `analyze(scenario) -> Analysis`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.analysis.bargaining import Outcome, ideal_point, kalai_smorodinsky_point, nash_point
from game.analysis.frontier import Frontier, distance_to_frontier, pareto_frontier
from game.analysis.zopa import IssueZone, has_zopa, issue_zones, zone_frontier, zone_packages
from game.scenario.preferences import Package, Preferences, Space
from game.scenario.schema import Scenario


@dataclass(frozen=True, eq=False)
class Analysis:
    """What the outcome space of a scenario looks like, at its starting red lines.

    `frontier` is over all packages; `zone_frontier` over packages within both sides' red lines
    (empty if an issue has no mutually acceptable level). Nash, Kalai-Smorodinsky and `ideal` are
    taken on the zone frontier, with the no-deal values as the disagreement point. Counts are exact
    Python ints; `pareto_packages` counts packages (with multiplicity), `len(frontier)` the distinct
    points. `historical_distance` is the distance of the historical package to the unconstrained
    frontier (see `distance_to_frontier`). `exact` is True: additive utilities are analysed exactly.
    """

    exact: bool
    issue_ids: tuple[str, ...]
    sizes: tuple[int, ...]
    no_deal: tuple[float, float]
    frontier: Frontier
    zone_frontier: Frontier
    ideal: tuple[float, float] | None
    nash: Outcome | None
    kalai_smorodinsky: Outcome | None
    issue_zones: tuple[IssueZone, ...]
    zopa: bool
    total_packages: int
    zone_packages: int
    pareto_packages: int
    zone_pareto_packages: int
    historical: Outcome | None
    historical_distance: float | None
    historical_within_red_lines: bool | None


def analyze(scenario: Scenario) -> Analysis:
    space = Space.of(scenario)
    us = Preferences.of(space, scenario.sides.us)
    ussr = Preferences.of(space, scenario.sides.ussr)
    historical = None
    if scenario.historical is not None and scenario.historical.package is not None:
        historical = space.package(scenario.historical.package)
    return analyze_preferences(us, ussr, issue_ids=space.ids, historical=historical)


def analyze_preferences(
    us: Preferences,
    ussr: Preferences,
    *,
    issue_ids: Sequence[str] | None = None,
    historical: Package | None = None,
) -> Analysis:
    """The analysis of two sides' preferences over the same issues (issue ids default to 0, 1, ...)."""
    sizes = tuple(len(t) for t in us.tables)
    if tuple(len(t) for t in ussr.tables) != sizes:
        raise ValueError("the two sides' preferences cover different issues")
    ids = tuple(issue_ids) if issue_ids is not None else tuple(str(i) for i in range(len(sizes)))
    zones = issue_zones(ids, us, ussr)
    frontier = pareto_frontier(us, ussr)
    zone = zone_frontier(zones, us, ussr)
    point = None if historical is None else Outcome.of(historical, us, ussr)
    return Analysis(
        exact=frontier.exact and zone.exact,
        issue_ids=ids,
        sizes=sizes,
        no_deal=(us.no_deal, ussr.no_deal),
        frontier=frontier,
        zone_frontier=zone,
        ideal=ideal_point(zone),
        nash=nash_point(zone, us, ussr),
        kalai_smorodinsky=kalai_smorodinsky_point(zone, us, ussr),
        issue_zones=zones,
        zopa=has_zopa(zone, us, ussr),
        total_packages=math.prod(sizes),
        zone_packages=zone_packages(zones),
        pareto_packages=frontier.pareto_packages,
        zone_pareto_packages=zone.pareto_packages,
        historical=point,
        historical_distance=None if point is None else distance_to_frontier(frontier, point.us, point.ussr),
        historical_within_red_lines=(
            None if historical is None else us.within_red_lines(historical) and ussr.within_red_lines(historical)
        ),
    )

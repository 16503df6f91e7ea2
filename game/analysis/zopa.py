"""The zone of possible agreement: per issue, and overall, with warnings located in the scenario file.

Per issue, the zone is the levels on the acceptable side of both sides' red lines. Overall there is a
zone of agreement when some package within both sides' red lines gives each side more than its
no-deal value (by more than TOL); it suffices to look at the frontier of the zone.
The red lines are the scenario's starting ones (events may move them during a game).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from game.analysis.frontier import TOL, Frontier, pareto_frontier
from game.errors import Diagnostic, Severity
from game.i18n import tr
from game.scenario.preferences import Preferences, Space
from game.scenario.schema import Scenario
from game.scenario.yamlmarks import load_located


@dataclass(frozen=True)
class IssueZone:
    """The levels of one issue acceptable to both sides (empty: no zone of agreement on it)."""

    issue: str
    levels: tuple[int, ...]

    @property
    def empty(self) -> bool:
        return not self.levels


def acceptable_levels(prefs: Preferences, issue: int) -> tuple[int, ...]:
    return tuple(k for k in range(len(prefs.tables[issue])) if prefs.acceptable_level(issue, k))


def issue_zones(issue_ids: Sequence[str], us: Preferences, ussr: Preferences) -> tuple[IssueZone, ...]:
    zones = []
    for i, issue_id in enumerate(issue_ids):
        theirs = set(acceptable_levels(ussr, i))
        zones.append(IssueZone(issue_id, tuple(k for k in acceptable_levels(us, i) if k in theirs)))
    return tuple(zones)


def zone_packages(zones: Sequence[IssueZone]) -> int:
    """How many packages are within both sides' red lines."""
    return math.prod(len(z.levels) for z in zones)


def zone_frontier(zones: Sequence[IssueZone], us: Preferences, ussr: Preferences) -> Frontier:
    """The Pareto frontier of the packages within both sides' red lines."""
    return pareto_frontier(us, ussr, [z.levels for z in zones])


def has_zopa(frontier: Frontier, us: Preferences, ussr: Preferences) -> bool:
    """Whether a point of the (zone) frontier gives both sides more than their no-deal values."""
    return bool(((frontier.us - us.no_deal > TOL) & (frontier.ussr - ussr.no_deal > TOL)).any())


def zopa_diagnostics(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    """Warnings for no zone of agreement on an issue (at the issue's entry) and overall (at `sides`)."""
    space = Space.of(scenario)
    us = Preferences.of(space, scenario.sides.us)
    ussr = Preferences.of(space, scenario.sides.ussr)
    zones = issue_zones(space.ids, us, ussr)
    a, b = scenario.sides.us.short, scenario.sides.ussr.short
    try:
        located = load_located(text)
        where_issue = [located.where(("issues", i)) for i in range(len(space.ids))]
        where_sides = located.where(("sides",), key=True)
    except yaml.YAMLError:  # the text was validated already; this guards odd callers
        where_issue, where_sides = [(1, 1)] * len(space.ids), (1, 1)
    out = []
    for i, zone in enumerate(zones):
        if zone.empty:
            domain = space.domains[i]
            red_us = domain.format(domain.levels[us.red_lines[i]])
            red_ussr = domain.format(domain.levels[ussr.red_lines[i]])
            line, col = where_issue[i]
            message = f"issues[{i}] ({zone.issue}): " + tr(
                "no zone of agreement on {issue}: no value is acceptable to both sides ({us} red line {us_value}, "
                "{ussr} red line {ussr_value})",
                issue=space.names[i],
                us=a,
                us_value=red_us,
                ussr=b,
                ussr_value=red_ussr,
            )
            out.append(Diagnostic(filename, line, col, message, Severity.WARNING))
    frontier = zone_frontier(zones, us, ussr)
    if not has_zopa(frontier, us, ussr):
        from game.analysis.apart import no_deal_reason  # it builds on this module
        from game.scenario.side_words import the_sides

        why = no_deal_reason(space, us, ussr, frontier, (a, b), the_sides(scenario))
        line, col = where_sides
        out.append(
            Diagnostic(
                filename, line, col, "sides: " + tr("no zone of agreement overall: {why}", why=why), Severity.WARNING
            )
        )
    return out

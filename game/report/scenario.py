"""What an instructor needs to know about a scenario's outcome space, as text or as plain data.

Built on `game.analysis.analyze`: the zone of agreement per issue, how many packages there are and how
many are Pareto-optimal, the Nash and Kalai-Smorodinsky points as packages, where the historical
outcome lies, and warnings (no zone of agreement, one side favoured by the bargaining solution, a
historical outcome the scenario's own briefs would not allow).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any

from game.analysis.apart import furthest_apart, no_deal_reason
from game.analysis.bargaining import Outcome
from game.analysis.outcomes import Analysis, analyze
from game.engine.rules import score
from game.i18n import long_date, tr, trn
from game.scenario.preferences import Preferences, Space
from game.scenario.schema import Scenario, Value
from game.scenario.side_words import the_sides

DOMINANCE_RATIO = 2.0
"""Warn when the Nash point gives one side at least this many times the other's gain over no deal..."""
DOMINANCE_SCORE_GAP = 25.0
"""...or a score (0-100) at least this many points higher."""


@dataclass(frozen=True)
class ReportWarning:
    code: str
    message: str


@dataclass(frozen=True)
class ScenarioReport:
    scenario: Scenario
    file: str
    space: Space
    us: Preferences
    ussr: Preferences
    analysis: Analysis
    warnings: tuple[ReportWarning, ...]

    # ----- plain data ------------------------------------------------------------------------
    @property
    def ids(self) -> tuple[str, str]:
        """The scenario's side ids: the keys of every per-side figure in the JSON."""
        return self.scenario.side_ids

    @property
    def shorts(self) -> tuple[str, str]:
        """The sides' short names, for the text."""
        return self.scenario.sides.us.short, self.scenario.sides.ussr.short

    def outcome_data(self, outcome: Outcome) -> dict[str, Any]:
        a, b = self.ids
        return {
            "package": self.space.values(outcome.package),
            a: outcome.us,
            b: outcome.ussr,
            f"score_{a}": score(outcome.us, self.us.no_deal),
            f"score_{b}": score(outcome.ussr, self.ussr.no_deal),
        }

    def to_json(self) -> dict[str, Any]:
        a = self.analysis
        meta = self.scenario.meta
        issues = []
        for i, zone in enumerate(a.issue_zones):
            domain = self.space.domains[i]
            issues.append(
                {
                    "id": zone.issue,
                    "name": self.space.names[i],
                    "values": len(domain),
                    "zone": [domain.levels[k] for k in zone.levels],
                    "zone_text": self.zone_text(i),
                    f"red_line_{self.ids[0]}": domain.levels[self.us.red_lines[i]],
                    f"red_line_{self.ids[1]}": domain.levels[self.ussr.red_lines[i]],
                }
            )
        historical = None
        if a.historical is not None and self.scenario.historical is not None:
            historical = {
                "date": self.scenario.historical.date.isoformat(),
                "summary": self.scenario.historical.summary,
                **self.outcome_data(a.historical),
                "distance_to_frontier": a.historical_distance,
                "distance_to_nash": self.distance_to_nash(a.historical),
                "within_red_lines": a.historical_within_red_lines,
            }
        return {
            "scenario": {"id": meta.id, "title": meta.title, "file": self.file},
            "sides": [
                {"id": i, "name": side.name, "short": side.short}
                for i, side in zip(self.ids, (self.scenario.sides.us, self.scenario.sides.ussr), strict=True)
            ],
            "issues": issues,
            "packages": {
                "total": a.total_packages,
                "within_red_lines": a.zone_packages,
                "pareto_optimal": a.pareto_packages,
                "pareto_points": len(a.frontier),
                "pareto_optimal_within_red_lines": a.zone_pareto_packages,
            },
            "no_deal": {self.ids[0]: self.us.no_deal, self.ids[1]: self.ussr.no_deal},
            "zone_of_agreement": a.zopa,
            "ideal": None if a.ideal is None else dict(zip(self.ids, a.ideal, strict=True)),
            "nash": None if a.nash is None else self.outcome_data(a.nash),
            "kalai_smorodinsky": None if a.kalai_smorodinsky is None else self.outcome_data(a.kalai_smorodinsky),
            "historical": historical,
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "why_no_zone_of_agreement": None if a.zopa else self.why_no_deal(),
            "furthest_apart": self.furthest_apart_data(),
        }

    def why_no_deal(self) -> str:
        return no_deal_reason(
            self.space, self.us, self.ussr, self.analysis.zone_frontier, self.shorts, the_sides(self.scenario)
        )

    def furthest_apart_data(self) -> dict[str, Any] | None:
        """The issue on which the sides' targets are furthest apart (what a deadline cuts short)."""
        gap = furthest_apart(self.space, self.us, self.ussr)
        if gap is None:
            return None
        a, b = self.ids
        return {"issue": self.space.ids[gap.issue], a: gap.first, b: gap.second, "steps": gap.steps}

    # ----- words -----------------------------------------------------------------------------
    def zone_text(self, issue: int) -> str:
        """The values of an issue acceptable to both sides, in words."""
        domain = self.space.domains[issue]
        levels = self.analysis.issue_zones[issue].levels
        if not levels:
            us = domain.format(domain.levels[self.us.red_lines[issue]])
            ussr = domain.format(domain.levels[self.ussr.red_lines[issue]])
            return tr(
                "none ({us} red line {us_value}, {ussr} red line {ussr_value})",
                us=self.shorts[0],
                us_value=us,
                ussr=self.shorts[1],
                ussr_value=ussr,
            )
        values = [domain.levels[k] for k in levels]
        contiguous = list(levels) == list(range(levels[0], levels[-1] + 1))
        if domain.kind == "numeric" and contiguous and len(levels) > 1:
            return f"{_plain(values[0])}-{domain.format(values[-1])}"
        return ", ".join(domain.format(v) for v in values)

    def distance_to_nash(self, outcome: Outcome) -> float | None:
        nash = self.analysis.nash
        return None if nash is None else math.dist((outcome.us, outcome.ussr), (nash.us, nash.ussr))

    def _outcome_lines(self, outcome: Outcome) -> list[str]:
        lines = [
            "    "
            + ", ".join(
                tr("{side} {u} (score {score})", side=side, u=f"{u:.3f}", score=f"{score(u, prefs.no_deal):.1f}")
                for side, u, prefs in ((self.shorts[0], outcome.us, self.us), (self.shorts[1], outcome.ussr, self.ussr))
            )
        ]
        width = max(len(n) for n in self.space.names)
        for name, domain, k in zip(self.space.names, self.space.domains, outcome.package.levels, strict=True):
            lines.append(f"    {name.ljust(width)}  {domain.format(domain.levels[k])}")
        return lines

    def text(self) -> str:
        a = self.analysis
        meta = self.scenario.meta
        lines = [f"{meta.title} ({self.file})", ""]
        lines.append(tr("Zone of agreement per issue (values within both sides' starting red lines):"))
        width = max(len(n) for n in self.space.names)
        for i, zone in enumerate(a.issue_zones):
            total = len(self.space.domains[i])
            count = "(" + trn("{count} of {n} value", "{count} of {n} values", total, count=len(zone.levels)) + ")"
            lines.append(f"  {self.space.names[i].ljust(width)}  {self.zone_text(i)}  {count}")
        lines += [
            "",
            tr(
                "Packages: {total} in all; {zone} within both sides' red lines.",
                total=f"{a.total_packages:,}",
                zone=f"{a.zone_packages:,}",
            ),
            tr(
                "Pareto-optimal: {packages} packages ({points} distinct utility points); {zone} of them within both "
                "red lines.",
                packages=f"{a.pareto_packages:,}",
                points=f"{len(a.frontier):,}",
                zone=f"{a.zone_pareto_packages:,}",
            ),
            tr(
                "No-deal values: {us} {us_value}, {ussr} {ussr_value}.",
                us=self.shorts[0],
                us_value=f"{self.us.no_deal:.3f}",
                ussr=self.shorts[1],
                ussr_value=f"{self.ussr.no_deal:.3f}",
            )
            + " "
            + (tr("Zone of agreement overall: yes.") if a.zopa else tr("Zone of agreement overall: NO.")),
            "",
        ]
        if a.nash is not None:
            lines.append(
                tr("Nash bargaining point (the package within both red lines maximising the product of gains):")
            )
            lines += self._outcome_lines(a.nash)
        else:
            lines.append(tr("Nash bargaining point: none (no package within both red lines gives both sides a gain)."))
        lines.append("")
        if a.kalai_smorodinsky is not None:
            lines.append(tr("Kalai-Smorodinsky point (equal shares of each side's best possible gain):"))
            lines += self._outcome_lines(a.kalai_smorodinsky)
        else:
            lines.append(tr("Kalai-Smorodinsky point: none."))
        lines.append("")
        historical = self.scenario.historical
        if a.historical is not None and historical is not None:
            summary = " ".join(historical.summary.split())
            head = tr(
                "Historical outcome ({date}): {summary}", date=long_date(historical.date, padded=True), summary=summary
            )
            lines += textwrap.wrap(head, width=100, subsequent_indent="    ")
            lines += self._outcome_lines(a.historical)
            assert a.historical_distance is not None
            to_nash = self.distance_to_nash(a.historical)
            lines.append(
                "    "
                + tr("distance to the Pareto frontier {d}", d=f"{a.historical_distance:.3f}")
                + ("" if to_nash is None else tr("; to the Nash point {d}", d=f"{to_nash:.3f}"))
                + tr(
                    "; within both red lines: {answer}", answer=tr("yes") if a.historical_within_red_lines else tr("no")
                )
            )
        else:
            lines.append(tr("Historical outcome: the scenario gives none."))
        lines.append("")
        if self.warnings:
            lines.append(tr("Warnings:"))
            lines += [f"  - {w.message}" for w in self.warnings]
        else:
            lines.append(tr("Warnings: none."))
        return "\n".join(lines) + "\n"


def _plain(value: Value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def warnings_for(
    space: Space,
    us: Preferences,
    ussr: Preferences,
    a: Analysis,
    names: tuple[str, str],
    called: tuple[str, str] | None = None,
) -> tuple[ReportWarning, ...]:
    """What may make a scenario teach badly; `names`: the sides' short names, `called`: the sides as a
    sentence names them ('the US', 'Japan'; by default 'the' and the short name)."""
    called = called or (tr("the {side}", side=names[0]), tr("the {side}", side=names[1]))
    out: list[ReportWarning] = []
    for i, zone in enumerate(a.issue_zones):
        if zone.empty:
            out.append(
                ReportWarning(
                    "no_zone_on_issue",
                    tr(
                        "no zone of agreement on {issue}: no value is within both sides' red lines",
                        issue=space.names[i],
                    ),
                )
            )
    if not a.zopa:
        why = no_deal_reason(space, us, ussr, a.zone_frontier, names, called)
        apart = furthest_apart(space, us, ussr)
        far = (
            ""
            if apart is None
            else "; " + tr("their targets are furthest apart on {gap}", gap=apart.words(names, "aims at"))
        )
        out.append(
            ReportWarning(
                "no_zone_of_agreement",
                tr(
                    "no zone of agreement: {why}; no game can end in a deal, every one runs to the deadline or a walk-out",
                    why=why,
                )
                + far,
            )
        )
    if a.nash is not None:
        gains = (a.nash.us - us.no_deal, a.nash.ussr - ussr.no_deal)
        scores = (score(a.nash.us, us.no_deal), score(a.nash.ussr, ussr.no_deal))
        big = 0 if gains[0] >= gains[1] else 1
        ratio = gains[big] / gains[1 - big]
        if ratio >= DOMINANCE_RATIO or abs(scores[0] - scores[1]) >= DOMINANCE_SCORE_GAP:
            out.append(
                ReportWarning(
                    "one_side_dominates",
                    tr(
                        "the Nash point favours {side}: it gains {gain} over no deal against {other_gain} for "
                        "{other} ({ratio}x; scores {first} v {second}); consider the weights, red lines or "
                        "no-deal values",
                        side=called[big],
                        gain=f"{gains[big]:.3f}",
                        other_gain=f"{gains[1 - big]:.3f}",
                        other=called[1 - big],
                        ratio=f"{ratio:.1f}",
                        first=f"{scores[0]:.0f}",
                        second=f"{scores[1]:.0f}",
                    ),
                )
            )
    if a.historical is not None:
        if a.historical_within_red_lines is False:
            out.append(
                ReportWarning(
                    "historical_outside_red_lines",
                    tr("the historical package is outside a side's red lines: players cannot reach what history did"),
                )
            )
        for name, u, nd in ((called[0], a.historical.us, us.no_deal), (called[1], a.historical.ussr, ussr.no_deal)):
            if u <= nd:
                out.append(
                    ReportWarning(
                        "historical_below_no_deal",
                        tr(
                            "the historical package gives {side} {u}, no more than its no-deal value {no_deal}",
                            side=name,
                            u=f"{u:.3f}",
                            no_deal=f"{nd:.3f}",
                        ),
                    )
                )
    return tuple(out)


def report(scenario: Scenario, file: str) -> ScenarioReport:
    space = Space.of(scenario)
    us = Preferences.of(space, scenario.sides.us)
    ussr = Preferences.of(space, scenario.sides.ussr)
    analysis = analyze(scenario)
    names = (scenario.sides.us.short, scenario.sides.ussr.short)
    warnings = warnings_for(space, us, ussr, analysis, names, the_sides(scenario))
    return ScenarioReport(scenario, file, space, us, ussr, analysis, warnings)

"""What decides whether a scenario teaches well, beyond its outcome space (`analyze` prints it).

- Would the Nash package be ratified? The odds per side: the ratifying body's expected support for
  it at the start of the talks against its threshold, with the vote's seeded noise.
- Does each persona's firm line leave a deal? Against each persona of the other side and against
  the other side's plain red lines: is there a package within both sets of lines that gives both
  sides more than no deal?
- With `simulate`: how the built-in agents fare over N games per pairing (a tournament): how often
  each ending happens and each event fires, and per pairing the agreement rate and the distance to
  the Pareto frontier, with a reason where a pairing rarely reaches a deal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from game.analysis.apart import furthest_apart, no_deal_reason
from game.analysis.zopa import has_zopa, issue_zones, zone_frontier
from game.engine.rules import RATIFICATION_NOISE, Rules
from game.engine.state import Ending
from game.errors import Diagnostic, Severity
from game.i18n import tr, trn
from game.scenario.preferences import Package, Preferences, Side
from game.scenario.schema import Persona, Scenario
from game.scenario.side_words import the_sides

LOW_AGREEMENT = 0.5
"""A pairing that ratifies fewer deals than this share of its games gets a reason."""


def ratification_odds(rules: Rules, package: Package) -> tuple[float, float]:
    """Each side's chance that its ratifying body passes a package agreed at the start of the talks."""
    state = rules.initial(0)
    odds = []
    for side in (Side.US, Side.USSR):
        support = rules.support(state, side, package)
        threshold = rules.side_model(side).domestic.threshold
        odds.append(0.5 * math.erfc((threshold - support) / (RATIFICATION_NOISE * math.sqrt(2))))
    return odds[0], odds[1]


def _firm(prefs: Preferences, rules: Rules, persona: Persona | None) -> Preferences:
    """A side's preferences with its red lines tightened to a persona's firm values."""
    if persona is None:
        return prefs
    red = list(prefs.red_lines)
    for issue_id, value in persona.firm.items():
        i = rules.space.ids.index(issue_id)
        level = rules.space.domains[i].index(value)
        if level is not None and prefs.issue_utility(i, level) > prefs.issue_utility(i, red[i]):
            red[i] = level
    return prefs.with_red_lines(tuple(red))


def worst_deals(rules: Rules, zone: Sequence[Package]) -> list[tuple[Package, float]]:
    """Per side: the Pareto-optimal package within both red lines that is worst for it, and that side's
    chance of ratifying it (an agent that concedes to its red lines may sign it)."""
    out = []
    for side in (Side.US, Side.USSR):
        if not zone:
            continue
        worst = min(zone, key=rules.base[side].utility)
        out.append((worst, ratification_odds(rules, worst)[side.index]))
    return out


def ratification_warnings(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    """A warning at a side's domestic threshold when the deal worst for it, within both red lines, would
    more likely than not fail its own vote: agents that concede to their red lines would sign it."""
    from game.analysis.outcomes import analyze
    from game.scenario.author_warnings import located_once

    rules = Rules(scenario)
    located = located_once(text)
    out = []
    for side_id, side, (package, odds) in zip(
        scenario.side_ids,
        (Side.US, Side.USSR),
        worst_deals(rules, analyze(scenario).zone_frontier.packages),
        strict=False,
    ):
        if odds < LOW_AGREEMENT:
            line, col = located.where(("sides", side_id, "domestic", "threshold"))
            support = rules.support(rules.initial(0), side, package)
            message = f"sides.{side_id}.domestic: " + tr(
                "a deal within both red lines gets {support} support here, below the threshold {threshold} "
                "({odds} to pass): agents that concede to their red lines will sign deals that fail ({package})",
                support=f"{support:.0%}",
                threshold=f"{rules.side_model(side).domestic.threshold:.0%}",
                odds=f"{odds:.0%}",
                package=rules.space.describe(package),
            )
            out.append(Diagnostic(filename, line, col, message, Severity.WARNING))
    return out


@dataclass(frozen=True)
class PersonaLine:
    side: str
    persona: str
    against: str
    """'persona:ID' of the other side, or 'red lines' (the other side's own)."""
    deal: bool
    why: str = ""
    """Why no deal is possible ('' when one is): which lines do not meet, or fall short of no deal."""


def persona_lines(rules: Rules) -> list[PersonaLine]:
    """For each persona: whether its firm lines leave a deal with each opposing persona and red line."""
    out = []
    ids = rules.scenario.side_ids
    shorts = (rules.scenario.sides.us.short, rules.scenario.sides.ussr.short)
    called = the_sides(rules.scenario)
    for side in (Side.US, Side.USSR):
        other = side.other
        theirs: list[Persona | None] = [None, *rules.side_model(other).personas]
        for persona in rules.side_model(side).personas:
            mine = _firm(rules.base[side], rules, persona)
            for opponent in theirs:
                them = _firm(rules.base[other], rules, opponent)
                first, second = (mine, them) if side is Side.US else (them, mine)
                zones = issue_zones(rules.space.ids, first, second)
                frontier = zone_frontier(zones, first, second)
                deal = has_zopa(frontier, first, second)
                against = "red lines" if opponent is None else f"persona:{opponent.id}"
                why = "" if deal else no_deal_reason(rules.space, first, second, frontier, shorts, called)
                out.append(PersonaLine(ids[side.index], persona.id, against, deal, why.replace("red line ", "line ")))
    return out


def persona_warnings(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    """A warning at a persona's firm lines when they leave no deal with the other side's red lines: every
    game it plays runs to the deadline or a walk-out (analyze says the same for each pairing of personas)."""
    from game.scenario.author_warnings import located_once

    located = located_once(text)
    out: list[Diagnostic] = []
    rules = Rules(scenario)
    us, ussr = rules.base[Side.US], rules.base[Side.USSR]
    if not has_zopa(zone_frontier(issue_zones(rules.space.ids, us, ussr), us, ussr), us, ussr):
        return out  # the red lines alone leave no deal, and validate says so once: no persona can do better
    for line in persona_lines(rules):
        if line.deal or line.against != "red lines":
            continue
        personas = (scenario.sides.us if line.side == scenario.side_ids[0] else scenario.sides.ussr).personas
        index = next(i for i, p in enumerate(personas) if p.id == line.persona)
        path = ("sides", line.side, "personas", index, "firm")
        where = located.where(path, key=True)
        message = f"sides.{line.side}.personas[{index}].firm: " + tr(
            "persona:{persona} leaves no deal within the other side's red lines ({why}): every game it plays ends "
            "without agreement",
            persona=line.persona,
            why=line.why,
        )
        out.append(Diagnostic(filename, *where, message, Severity.WARNING))
    return out


# ----- simulated games ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PairingResult:
    first: str
    second: str
    games: int
    agreed: float
    ratified: float
    to_frontier: float
    why: str
    """Why the pairing rarely ratifies a deal ('' when it usually does)."""


@dataclass(frozen=True)
class Simulation:
    games: int
    agents: tuple[str, ...]
    endings: dict[str, int]
    events: dict[str, int]
    pairings: tuple[PairingResult, ...]

    @property
    def agreement_rate(self) -> float:
        return sum(p.ratified * p.games for p in self.pairings) / self.games if self.games else 0.0


def _why(endings: Counter[Ending], games: int, rejected: Counter[str], apart: str = "") -> str:
    if not games or endings[Ending.RATIFIED] / games >= LOW_AGREEMENT:
        return ""
    agreed = endings[Ending.RATIFIED] + endings[Ending.NOT_RATIFIED]
    if endings[Ending.NOT_RATIFIED] > endings[Ending.RATIFIED]:
        bodies = ", ".join(f"the {body} {n}" for body, n in rejected.most_common())
        return (
            f"agreements fail ratification ({endings[Ending.NOT_RATIFIED]} of {agreed}; votes lost: {bodies}): they "
            "land where that body's support is below its threshold"
        )
    if endings[Ending.WALKOUT] or endings[Ending.FORFEIT]:
        return f"games end in walk-outs or forfeits ({endings[Ending.WALKOUT] + endings[Ending.FORFEIT]} of {games})"
    far = f"; the sides' targets are furthest apart on {apart}" if apart else ""
    return (
        f"the talks run out of time ({endings[Ending.DEADLINE]} of {games} reach the deadline): the agents do not "
        f"meet within the exchanges the calendar allows; more exchanges or closer red lines would help{far}"
    )


def simulate(
    file: str,
    agents: Sequence[str],
    games: int,
    *,
    jobs: int = 1,
    seed: int = 1990,
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    """Every ordered pairing of `agents`, `games` seeds each (a tournament, played on `jobs` processes)."""
    from game.scenario.loader import load_scenario
    from game.tournament import run_tournament

    t = run_tournament(file, agents, games, jobs=jobs, seed=seed, progress=progress)
    rules = Rules(load_scenario(file)[0])
    gap = furthest_apart(rules.space, rules.base[Side.US], rules.base[Side.USSR])
    shorts = (rules.scenario.sides.us.short, rules.scenario.sides.ussr.short)
    apart = "" if gap is None else gap.words(shorts, "aims at")
    endings = Counter(r.ending.value for r in t.results)
    events = Counter(event for r in t.results for event in r.fired)
    pairings = []
    for (first, second), summary in t.per_pairing.items():
        of_pairing = [r for r in t.results if (r.us, r.ussr) == (first, second)]
        played = Counter(r.ending for r in of_pairing)
        rejected = Counter(body for r in of_pairing for body in r.rejected_by)
        pairings.append(
            PairingResult(
                first,
                second,
                summary.games,
                summary.agreements / summary.games if summary.games else 0.0,
                summary.deal_rate,
                summary.mean_distance_frontier,
                _why(played, summary.games, rejected, apart),
            )
        )
    return Simulation(len(t.results), tuple(agents), dict(endings), dict(events), tuple(pairings))


# ----- words and data ------------------------------------------------------------------------------


def instructor_text(rules: Rules, nash: Package | None, zone: Sequence[Package], sim: Simulation | None) -> str:
    shorts = (rules.scenario.sides.us.short, rules.scenario.sides.ussr.short)
    lines = [tr("Would the Nash package be ratified? (each side's chance, agreed at the start of the talks)")]
    if nash is None:
        lines.append("  " + tr("There is no Nash package: no zone of agreement."))
    else:
        both = ratification_odds(rules, nash)
        lines.append("  " + ", ".join(f"{s} {p:.0%}" for s, p in zip(shorts, both, strict=True)))
    lines.append(tr("Would the deal worst for a side, within both red lines and Pareto-optimal, pass its own vote?"))
    if not zone:
        lines.append("  " + tr("There is no deal within both red lines to vote on."))
    for short, (package, odds) in zip(shorts, worst_deals(rules, zone), strict=False):
        warn = (
            ""
            if odds >= LOW_AGREEMENT
            else " - " + tr("agents that concede to their red lines will sign deals that fail")
        )
        lines.append(f"  {short}: {odds:.0%} ({rules.space.describe(package)}){warn}")
    lines.append("")
    personas = persona_lines(rules)
    lines.append(tr("Do the personas' firm lines leave a deal?"))
    if not personas:
        lines.append("  " + tr("The scenario has no personas."))
    for p in personas:
        answer = tr("yes") if p.deal else tr("NO deal possible: {why}", why=p.why)
        lines.append(
            "  "
            + tr(
                "persona:{persona} ({side}) against {against}: {answer}",
                persona=p.persona,
                side=p.side,
                against=p.against,
                answer=answer,
            )
        )
    if sim is not None:
        agents = trn("{n} agent", "{n} agents", len(sim.agents))
        lines += ["", tr("Simulated games: {games} ({agents}, every ordered pairing).", games=sim.games, agents=agents)]
        lines.append(
            "  " + tr("Endings: ") + ", ".join(f"{k} {v / sim.games:.0%}" for k, v in sorted(sim.endings.items()))
        )
        fired = [f"{e.id} {sim.events.get(e.id, 0) / sim.games:.0%}" for e in rules.scenario.events]
        lines.append("  " + tr("Events fired: ") + (", ".join(fired) if fired else tr("the scenario has none")))
        never = [e.id for e in rules.scenario.events if not sim.events.get(e.id)]
        if never:
            lines.append(
                "  "
                + tr(
                    "Never fired in these games: {events}: check that each trigger can hold; one that waits on a move "
                    "the AIs seldom make (consulting the capital, a red line) may still fire with students",
                    events=", ".join(never),
                )
            )
        lines.append("  " + tr("Ratified agreements overall: {rate}", rate=f"{sim.agreement_rate:.0%}"))
        lines.append("  " + tr("Per pairing (ratified, agreed, mean distance to the Pareto frontier):"))
        for r in sim.pairings:
            lines.append(
                f"    {r.first} ({shorts[0]}) v {r.second} ({shorts[1]}): {r.ratified:.0%}, {r.agreed:.0%}, "
                f"{r.to_frontier:.3f}" + (f" - {r.why}" if r.why else "")
            )
    return "\n".join(lines) + "\n"


def instructor_json(
    rules: Rules, nash: Package | None, zone: Sequence[Package], sim: Simulation | None
) -> dict[str, Any]:
    ids = rules.scenario.side_ids
    data: dict[str, Any] = {
        "nash_ratification_odds": None if nash is None else dict(zip(ids, ratification_odds(rules, nash), strict=True)),
        "worst_deal_ratification_odds": {
            side_id: {"package": rules.space.values(package), "odds": odds}
            for side_id, (package, odds) in zip(ids, worst_deals(rules, zone), strict=False)  # none without a zone
        },
        "persona_lines": [
            {"side": p.side, "persona": p.persona, "against": p.against, "deal_possible": p.deal, "why": p.why or None}
            for p in persona_lines(rules)
        ],
    }
    if sim is not None:
        data["simulation"] = {
            "games": sim.games,
            "agents": list(sim.agents),
            "endings": {k: v / sim.games for k, v in sorted(sim.endings.items())},
            "events_fired": {e.id: sim.events.get(e.id, 0) / sim.games for e in rules.scenario.events},
            "ratified_rate": sim.agreement_rate,
            "pairings": [
                {
                    ids[0]: r.first,
                    ids[1]: r.second,
                    "games": r.games,
                    "ratified_rate": r.ratified,
                    "agreement_rate": r.agreed,
                    "mean_distance_to_frontier": r.to_frontier,
                    "why": r.why or None,
                }
                for r in sim.pairings
            ],  # fmt: skip
        }
    return data

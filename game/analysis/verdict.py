"""A game's result in words, for one side, against what history produced.

Per issue: what the agreed value means beside history's ("you kept 600 km, as the Soviet side did in
1990"; "you gave more on the SLCM limit than Baker did"). The 0-100 score is framed against the score
history's own package would have given the same side, so that matching history reads as matching
history and not as a low mark; and it names what would have done better.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.rules import score
from game.engine.state import Ending, GameState
from game.i18n import tr, trn
from game.scenario.preferences import Package, Preferences, Side, Space
from game.scenario.schema import Scenario
from game.scenario.schema import Side as SideModel

SAME = 3.0
"""Scores this close (out of 100) to history's count as matching it."""


@dataclass(frozen=True)
class Verdict:
    side: Side
    score: float
    history_score: float | None
    """What history's package would score for this side (None: the scenario gives no history)."""
    headline: str
    issues: tuple[str, ...]
    better: tuple[str, ...]
    """What would have done better, most valuable first (at most three)."""


def _model(scenario: Scenario, side: Side) -> SideModel:
    return scenario.sides.us if side is Side.US else scenario.sides.ussr


def _lead(model: SideModel) -> str:
    return next((m for m in model.members if m.lead), model.members[0]).called


def historical_levels(scenario: Scenario, space: Space) -> list[int | None]:
    """History's level of each issue, None where the scenario names no value for it."""
    past = scenario.historical.package if scenario.historical is not None else {}
    levels: list[int | None] = []
    for issue_id, domain in zip(space.ids, space.domains, strict=True):
        value = past.get(issue_id)
        levels.append(None if value is None else domain.index(value))
    return levels


def verdict(scenario: Scenario, state: GameState, side: Side) -> Verdict:
    space = Space.of(scenario)
    model, other = _model(scenario, side), _model(scenario, side.other)
    prefs = Preferences.of(space, model)
    their_prefs = Preferences.of(space, other)
    history = historical_levels(scenario, space)
    year = f"{scenario.historical.date:%Y}" if scenario.historical is not None else ""
    mine = state.scores[side.index]
    agreed = state.agreement.levels if state.agreement is not None else None
    reference = agreed or prefs.opening.levels
    hist_package = Package(tuple(h if h is not None else r for h, r in zip(history, reference, strict=True)))
    history_score = score(prefs.utility(hist_package), prefs.no_deal) if any(h is not None for h in history) else None
    issues = tuple(
        _issue_words(space, prefs, their_prefs, model, other, i, agreed, history[i], year)
        for i in range(len(space.ids))
    )
    headline = _headline(state, side, mine, history_score, model, year)
    better = _better(space, prefs, agreed, history, year)
    return Verdict(side, mine, history_score, headline, issues, better)


def _value(space: Space, issue: int, level: int) -> str:
    domain = space.domains[issue]
    return domain.format(domain.levels[level])


def _issue_words(
    space: Space,
    prefs: Preferences,
    their_prefs: Preferences,
    model: SideModel,
    other: SideModel,
    i: int,
    agreed: tuple[int, ...] | None,
    past: int | None,
    year: str,
) -> str:
    name = space.names[i]
    if agreed is None:
        if past is None:
            return tr("{name}: no agreement.", name=name)
        return tr(
            "{name}: no agreement; in {year} it was settled at {h}.", name=name, year=year, h=_value(space, i, past)
        )
    value = _value(space, i, agreed[i])
    if past is None:
        return tr("{name}: {value} (history settled no figure here).", name=name, value=value)
    h = _value(space, i, past)
    if agreed[i] == past:
        # whose figure history's was: the side whose opening it lies closer to
        kept = abs(past - prefs.openings[i]) <= abs(past - their_prefs.openings[i])
        if kept:
            return tr(
                "{name}: you held {value}, as the {who} side did in {year}.",
                name=name,
                value=value,
                who=model.short,
                year=year,
            )
        return tr(
            "{name}: you conceded {value}, as {lead} did in {year}.",
            name=name,
            value=value,
            lead=_lead(model),
            year=year,
        )
    ours, theirs = prefs.issue_utility(i, agreed[i]), prefs.issue_utility(i, past)
    if abs(ours - theirs) < 1e-9:
        return tr(
            "{name}: {value}, where {year} settled {h}: neither better nor worse for you.",
            name=name,
            value=value,
            year=year,
            h=h,
        )
    if ours > theirs:
        return tr(
            "{name}: you did better than {lead}: {value}, against {h} in {year}.",
            name=name,
            lead=_lead(model),
            value=value,
            h=h,
            year=year,
        )
    return tr(
        "{name}: you gave more than {lead} did: {value}, against {h} in {year}.",
        name=name,
        lead=_lead(model),
        value=value,
        h=h,
        year=year,
    )


def _headline(state: GameState, side: Side, mine: float, history: float | None, model: SideModel, year: str) -> str:
    if state.ending is Ending.NOT_RATIFIED:
        failed = [v.body for v in state.ratification if not v.passed]
        start = tr(
            "You signed, but the {bodies} did not ratify: an unratified agreement scores as no deal ({s:.0f}/100).",
            bodies=" and the ".join(failed),
            s=mine,
        )
    elif state.agreement is None:
        start = tr("No agreement: you keep your fallback, which scores {s:.0f}/100.", s=mine)
    else:
        start = tr("You scored {s:.0f}/100 for the {who} side.", s=mine, who=model.short)
    if history is None:
        return start
    base = tr("History's agreement of {year} scores {h:.0f}/100 for the same side.", year=year, h=history)
    if state.ending is not Ending.RATIFIED:
        return f"{start} {base}"
    if abs(mine - history) <= SAME:
        return f"{start} {base} " + tr("You matched history.")
    # the difference of the two scores as printed: 33 against 38 is 5 points, whatever the decimals were
    gap = max(1, abs(int(f"{mine:.0f}") - int(f"{history:.0f}")))
    if mine > history:
        return f"{start} {base} " + trn(
            "You did better than history, by {n} point.", "You did better than history, by {n} points.", gap
        )
    return f"{start} {base} " + trn("History did better, by {n} point.", "History did better, by {n} points.", gap)


def _better(
    space: Space, prefs: Preferences, agreed: tuple[int, ...] | None, history: list[int | None], year: str
) -> tuple[str, ...]:
    """The issues where holding history's value (which the other side once accepted) would have scored more."""
    if agreed is None:
        return (
            tr(
                "An agreement within your red lines that both legislatures would ratify would have scored more than none."
            ),
        )
    own = score(prefs.utility(Package(agreed)), prefs.no_deal)
    gains = []
    for i, past in enumerate(history):
        if past is None or past == agreed[i]:
            continue
        alternative = Package(tuple(past if k == i else level for k, level in enumerate(agreed)))
        gain = score(prefs.utility(alternative), prefs.no_deal) - own
        if gain >= 1.5:
            gains.append((gain, i, past))
    gains.sort(reverse=True)
    return tuple(
        trn(
            "Holding {name} at {h}, as in {year}, would have added about {n} point.",
            "Holding {name} at {h}, as in {year}, would have added about {n} points.",
            round(gain),
            name=space.names[i],
            h=_value(space, i, past),
            year=year,
        )
        for gain, i, past in gains[:3]
    )

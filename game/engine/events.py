"""Scenario events: injects fired by date, by meeting, or by a condition on the state of the talks."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from game.engine.state import EntryKind, GameState, LogEntry
from game.errors import IllegalMoveError
from game.i18n import N_, tr
from game.scenario.preferences import Side
from game.scenario.schema import Argument, Condition, Event, OfferCondition

if TYPE_CHECKING:
    from game.engine.rules import Rules


def fire(rules: Rules, state: GameState, consulted: Side | None) -> GameState:
    """Fire every event whose trigger now holds, in scenario order, each at most once."""
    changed = True
    while changed:  # one event may enable another (after_event)
        changed = False
        for event in rules.scenario.events:
            if event.id not in state.fired and _holds(rules, state, event, consulted):
                state = _apply(rules, state, event)
                changed = True
    return state


def firable(rules: Rules, state: GameState, event_id: str) -> Event:
    """The event the instructor may fire now; raises IllegalMoveError saying why not."""
    for event in rules.scenario.events:
        if event.id == event_id:
            if event.id in state.fired:
                raise IllegalMoveError(N_("the event {event} has already happened in this game"), event=repr(event_id))
            return event
    known = ", ".join(e.id for e in rules.scenario.events)
    if not known:
        raise IllegalMoveError(
            N_("there is no event {event} in this scenario (it has no events)"), event=repr(event_id)
        )
    raise IllegalMoveError(
        N_("there is no event {event} in this scenario (its events: {known})"), event=repr(event_id), known=known
    )


def fire_now(rules: Rules, state: GameState, event_id: str) -> GameState:
    """Fire one event now whatever its trigger (the instructor's button), then any it enables."""
    event = firable(rules, state, event_id)
    note = LogEntry(
        state.turn, state.meeting, EntryKind.CHAIR, tr("The instructor brings in: {title}.", title=event.title)
    )
    state = _apply(rules, replace(state, log=(*state.log, note)), event)
    return fire(rules, state, consulted=None)


def _holds(rules: Rules, state: GameState, event: Event, consulted: Side | None) -> bool:
    trigger = event.trigger
    meeting = rules.meetings[state.meeting]
    if trigger.date is not None and meeting.date < trigger.date:
        return False
    if trigger.meeting is not None and meeting.id != trigger.meeting:
        return False
    return trigger.condition is None or _condition(rules, state, trigger.condition, consulted)


def _condition(rules: Rules, state: GameState, c: Condition, consulted: Side | None) -> bool:
    if c.consulted is not None and consulted is not Side(c.consulted):
        return False
    if c.argument_tabled is not None and c.argument_tabled not in state.tabled:
        return False
    if c.red_line_declared is not None and not state.declared[Side(c.red_line_declared).index]:
        return False
    if c.after_event is not None and c.after_event not in state.fired:
        return False
    if c.min_time is not None and rules.relative_time(state) < c.min_time:
        return False
    if c.trust_below is not None and state.trust[Side(c.trust_of or "us").index] >= c.trust_below:
        return False
    if c.offer is not None:
        return offer_holds(rules, state, c.offer, missing=False)
    return True


def offer_holds(rules: Rules, state: GameState, c: OfferCondition, missing: bool) -> bool:
    """Whether a side's standing offer meets the condition (`missing`: the answer while it has made none)."""
    offer = state.offer_of(Side(c.side))
    if offer is None:
        return missing
    issue = rules.space.ids.index(c.issue)
    value = rules.space.domains[issue].levels[offer.levels[issue]]
    if c.equals is not None and value != c.equals:
        return False
    if c.at_least is not None and not (isinstance(value, int | float) and value >= c.at_least):
        return False
    return not (c.at_most is not None and not (isinstance(value, int | float) and value <= c.at_most))


def argument_holds(rules: Rules, state: GameState, argument: Argument) -> bool:
    """Whether an argument card is still true of the talks: what it claims of its side's offer holds."""
    return argument.holds is None or offer_holds(rules, state, argument.holds, missing=True)


def _apply(rules: Rules, state: GameState, event: Event) -> GameState:
    log = [LogEntry(state.turn, state.meeting, EntryKind.NEWS, event.news, label=event.title)]
    trust, shift = list(state.trust), list(state.support_shift)
    factors = [list(f) for f in state.weight_factors]
    red_lines = [list(r) for r in state.red_lines]
    for effect in event.effects:
        side = Side(effect.side)
        i = side.index
        trust[i] = min(1.0, max(0.0, trust[i] + effect.trust))
        shift[i] += effect.support
        for issue_id, factor in effect.weights.items():
            factors[i][rules.space.ids.index(issue_id)] *= factor
        for issue_id, value in effect.red_lines.items():
            issue = rules.space.ids.index(issue_id)
            level = rules.space.domains[issue].index(value)
            if level is not None:
                red_lines[i][issue] = level
        if effect.instructions:
            log.append(
                LogEntry(
                    state.turn,
                    state.meeting,
                    EntryKind.INSTRUCTIONS,
                    effect.instructions,
                    private_to=side,
                    label="instructions",
                )
            )
    return replace(
        state,
        fired=(*state.fired, event.id),
        trust=(trust[0], trust[1]),
        support_shift=(shift[0], shift[1]),
        weight_factors=(tuple(factors[0]), tuple(factors[1])),
        red_lines=(tuple(red_lines[0]), tuple(red_lines[1])),
        log=(*state.log, *log),
    )

"""The one path by which moves change a game: validate, apply, advance time, fire events, end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TypeVar

import numpy as np

from game.engine import dialogue, events
from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    FireEvent,
    Forfeit,
    Move,
    Propose,
    TableArgument,
    WalkOut,
)
from game.engine.observation import Brief, Delegation, Observation, PublicInfo, domestic_support
from game.engine.state import Ending, EntryKind, GameState, LogEntry, Ratification
from game.errors import IllegalMoveError
from game.i18n import N_, long_date, tr
from game.scenario.preferences import Package, Preferences, Side, Space
from game.scenario.schema import Scenario
from game.scenario.schema import Side as SideModel

T = TypeVar("T")

AUDIENCE_COST_SUPPORT = 0.06
"""Domestic support a delegation loses when it backs off a red line it declared."""
AUDIENCE_COST_TRUST = 0.15
"""Trust the other side loses in a delegation that backs off a declared red line."""
RATIFICATION_NOISE = 0.03
"""Spread of a ratification vote around the expected support (standard deviation, seeded)."""


def _pair(values: tuple[T, T], side: Side, value: T) -> tuple[T, T]:
    return (value, values[1]) if side is Side.US else (values[0], value)


class Rules:
    """The rules of one scenario. Stateless: every method takes a state and returns a new one."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.space = Space.of(scenario)
        self.base = {side: Preferences.of(self.space, self.side_model(side)) for side in Side}
        self.meetings = scenario.calendar.meetings
        self.total_exchanges = sum(m.exchanges for m in self.meetings)
        self.arguments = {a.id: a for a in scenario.arguments}
        self._changed: dict[tuple[Side, tuple[float, ...], tuple[int, ...]], Preferences] = {}
        # agents get their own copy: the models are frozen but their dicts are not
        self.briefed_domestic = {side: self.side_model(side).domestic.model_copy(deep=True) for side in Side}
        self.public = PublicInfo(
            title=scenario.meta.title,
            space=self.space,
            meetings=self.meetings,
            deadline=scenario.calendar.deadline.title,
            deadline_date=scenario.calendar.deadline.date,
            arguments=scenario.arguments,
            delegations=(
                delegation(scenario.sides.us, scenario.side_ids[0]),
                delegation(scenario.sides.ussr, scenario.side_ids[1]),
            ),
        )

    def side_model(self, side: Side) -> SideModel:
        return self.scenario.sides.us if side is Side.US else self.scenario.sides.ussr

    # ----- reading a state ---------------------------------------------------------------
    def relative_time(self, state: GameState) -> float:
        return min(1.0, state.elapsed / self.total_exchanges)

    def preferences(self, state: GameState, side: Side) -> Preferences:
        """A side's preferences now: its brief's, with the weights and red lines events changed."""
        key = (side, state.weight_factors[side.index], state.red_lines[side.index])
        if key not in self._changed:  # asked several times a move; events change it a few times a game
            if len(self._changed) >= 256:
                self._changed.clear()
            self._changed[key] = self._preferences(*key)
        return self._changed[key]

    def _preferences(self, side: Side, factors: tuple[float, ...], red_lines: tuple[int, ...]) -> Preferences:
        prefs = self.base[side]
        prefs = prefs.reweighted(factors) if any(f != 1.0 for f in factors) else prefs
        return prefs.with_red_lines(red_lines) if red_lines != prefs.red_lines else prefs

    def support(self, state: GameState, side: Side, package: Package) -> float:
        """Domestic support for a package: what the ratifying body would think of it now."""
        model = self.side_model(side)
        prefs = self.preferences(state, side)
        return domestic_support(model.domestic, prefs, self.space, state.support_shift[side.index], package)

    def lead(self, side: Side) -> str:
        members = self.side_model(side).members
        return next((m.name for m in members if m.lead), members[0].name)

    def speakers(self, personas: Mapping[Side, str]) -> tuple[str, str]:
        """Each side's persona's speaker ('' where no persona, or one without a speaker, plays it)."""
        found = [
            next((p.speaker for p in self.side_model(side).personas if p.id == personas.get(side)), "")
            for side in (Side.US, Side.USSR)
        ]
        return found[0], found[1]

    def speaker_name(self, state: GameState, side: Side) -> str:
        """Who speaks for a side now, by the English name: its persona's speaker, else the meeting's named
        speaker, else its lead."""
        named = next((name for who, name in self.meetings[state.meeting].speakers.items() if who == side.value), "")
        return state.speakers[side.index] or named or self.lead(side)

    def speaker(self, state: GameState, side: Side) -> str:
        """Who speaks for a side in this game, as the scenario shows the name in the player's language."""
        name = self.speaker_name(state, side)
        member = next((m for m in self.side_model(side).members if m.name == name), None)
        return member.shown or name if member is not None else name

    def observe(self, state: GameState, side: Side) -> Observation:
        """What a side sees now: its brief, the public record and the time; never the other brief."""
        model = self.side_model(side)
        i, j = side.index, side.other.index
        history = tuple(e for e in state.log if e.visible_to(side))
        brief = Brief(
            text=model.brief,
            preferences=self.preferences(state, side),
            domestic=self.briefed_domestic[side],
            personas=model.personas,
            instructions=tuple(e.text for e in history if e.private_to is side),
        )
        return Observation(
            side=side,
            public=self.public,
            brief=brief,
            history=history,
            turn=state.turn,
            relative_time=self.relative_time(state),
            meeting=state.meeting,
            exchanges_left=self.meetings[state.meeting].exchanges - state.used,
            my_offer=state.offers[i],
            their_offer=state.offers[j],
            my_offers=state.offer_history[i],
            their_offers=state.offer_history[j],
            trust=state.trust[i],
            support_shift=state.support_shift[i],
            flexibility=state.flexibility[i],
            declared_mine=state.declared[i],
            declared_theirs=state.declared[j],
            my_arguments=tuple(
                a.id for a in self.scenario.arguments if a.side == side.value and events.argument_holds(self, state, a)
            ),
            tabled=state.tabled,
        )

    # ----- the start --------------------------------------------------------------------
    def initial(self, seed: int, personas: Mapping[Side, str] | None = None) -> GameState:
        """The state before the first move; `personas`: the persona id playing a side, if any (its
        `speaker` then speaks for the side)."""
        n = len(self.space.ids)
        state = GameState(
            seed=seed,
            speakers=self.speakers(personas or {}),
            to_move=Side(self.scenario.calendar.first_to_move),
            trust=(self.scenario.sides.us.trust, self.scenario.sides.ussr.trust),
            weight_factors=((1.0,) * n, (1.0,) * n),
            red_lines=(self.base[Side.US].red_lines, self.base[Side.USSR].red_lines),
            flexibility=((0.0,) * n, (0.0,) * n),
        )
        state = self._open_meeting(state)
        return events.fire(self, state, consulted=None)

    # ----- validation -------------------------------------------------------------------
    def check(self, state: GameState, move: Move) -> None:
        """Raise IllegalMoveError with the reason if the side to move may not make this move."""
        side = state.to_move
        if state.over:
            raise IllegalMoveError(N_("the negotiation is over"))
        if isinstance(move, Propose):
            if not isinstance(move.package, Package) or not self.space.is_valid(move.package):
                raise IllegalMoveError(
                    N_("a proposal must give one valid value for each of the {count} issues"), count=len(self.space.ids)
                )
            self._check_within_red_lines(state, side, move.package, "propose")
        elif isinstance(move, Accept):
            package = state.offer_of(side.other)
            if package is None:
                raise IllegalMoveError(N_("there is no package from the other side to accept"))
            self._check_within_red_lines(state, side, package, "accept")
        elif isinstance(move, DeclareRedLine):
            self._check_red_line(state, side, move)
        elif isinstance(move, TableArgument):
            argument = self.arguments.get(move.argument)
            if argument is None:
                raise IllegalMoveError(
                    N_("there is no argument {argument} in this scenario"), argument=repr(move.argument)
                )
            if argument.side != side.value:
                raise IllegalMoveError(
                    N_("the argument {argument} belongs to the other delegation"), argument=repr(move.argument)
                )
            if not events.argument_holds(self, state, argument):
                raise IllegalMoveError(
                    N_("the argument {argument} is no longer true of your offer"), argument=repr(move.argument)
                )
        elif isinstance(move, FireEvent):
            events.firable(self, state, move.event)
        elif not isinstance(move, ConsultCapital | Adjourn | WalkOut | Forfeit):
            raise IllegalMoveError(N_("{move} is not a move"), move=f"{move!r:.200}")

    def _check_within_red_lines(self, state: GameState, side: Side, package: Package, verb: str) -> None:
        """The one red-line rule, the same for every kind of player: a side may propose or accept only
        values at least as good for it as its red lines now (its brief's, as events have moved them)."""
        prefs = self.preferences(state, side)
        for i, level in enumerate(package.levels):
            if not prefs.acceptable_level(i, level):
                domain = self.space.domains[i]
                # a player sees this message in the window, in the game's language
                message = (
                    N_("you may not propose {issue} {value}: it goes beyond your red line of {line}")
                    if verb == "propose"
                    else N_("you may not accept {issue} {value}: it goes beyond your red line of {line}")
                )
                raise IllegalMoveError(
                    message,
                    issue=self.space.names[i],
                    value=domain.format(domain.levels[level]),
                    line=domain.format(domain.levels[prefs.red_lines[i]]),
                )

    def _check_red_line(self, state: GameState, side: Side, move: DeclareRedLine) -> None:
        if not (isinstance(move.issue, int) and 0 <= move.issue < len(self.space.ids)):
            raise IllegalMoveError(N_("a red line must name one of the scenario's issues"))
        if not (isinstance(move.level, int) and 0 <= move.level < len(self.space.domains[move.issue])):
            raise IllegalMoveError(N_("that value is not one {issue} can take"), issue=self.space.names[move.issue])
        own = state.offer_of(side)
        prefs = self.preferences(state, side)
        if own is not None and prefs.issue_utility(move.issue, own.levels[move.issue]) < prefs.issue_utility(
            move.issue, move.level
        ):
            raise IllegalMoveError(
                N_("your standing offer already goes beyond that line on {issue}; propose a package within it first"),
                issue=self.space.names[move.issue],
            )

    def legal(self, state: GameState, move: Move) -> bool:
        try:
            self.check(state, move)
        except IllegalMoveError:
            return False
        return True

    # ----- applying ---------------------------------------------------------------------
    def apply(self, state: GameState, move: Move) -> GameState:
        """The state after the side to move makes a move; raises IllegalMoveError if it may not."""
        self.check(state, move)
        if isinstance(move, FireEvent):  # the instructor's: no side speaks, no time passes, the turn stays
            return events.fire_now(self, replace(state, moves=(*state.moves, move)), move.event)
        side = state.to_move
        speaker, text, label = dialogue.say(self, state, side, move)
        entry = LogEntry(state.turn, state.meeting, EntryKind.MOVE, text, side, move, speaker, label=label)
        state = replace(state, log=(*state.log, entry), moves=(*state.moves, move))
        cost = 1
        if isinstance(move, Propose):
            state = self._audience_costs(state, side, move.package)
            offers = _pair(state.offers, side, move.package)
            history = _pair(state.offer_history, side, (*state.offer_history[side.index], move.package))
            state = replace(state, offers=offers, offer_history=history)
        elif isinstance(move, Accept):
            package = state.offer_of(side.other)
            assert package is not None  # checked above
            state = self._audience_costs(state, side, package)
            state = self._conclude(state, package)
        elif isinstance(move, DeclareRedLine):
            declared = tuple(d for d in state.declared[side.index] if d[0] != move.issue)
            if any(
                d[0] == move.issue and self._softer(state, side, move.issue, move.level, d[1])
                for d in state.declared[side.index]
            ):
                state = self._back_off(state, side, move.issue)
            state = replace(state, declared=_pair(state.declared, side, (*declared, (move.issue, move.level))))
        elif isinstance(move, TableArgument):
            state = self._argue(state, side, move.argument)
        elif isinstance(move, ConsultCapital):
            cost = self.scenario.calendar.consult_cost
            state = replace(state, consulted=_pair(state.consulted, side, state.consulted[side.index] + 1))
        elif isinstance(move, WalkOut):
            state = self._finish(state, Ending.WALKOUT, side)
        elif isinstance(move, Forfeit):
            state = self._finish(state, Ending.FORFEIT, side)
        state = replace(state, turn=state.turn + 1)
        if state.over:
            return state
        state = self._advance(state, cost, adjourn=isinstance(move, Adjourn))
        if state.over:
            return state
        return events.fire(self, state, consulted=side if isinstance(move, ConsultCapital) else None)

    def _softer(self, state: GameState, side: Side, issue: int, level: int, than: int) -> bool:
        prefs = self.preferences(state, side)
        return prefs.issue_utility(issue, level) < prefs.issue_utility(issue, than) - 1e-12

    def _audience_costs(self, state: GameState, side: Side, package: Package) -> GameState:
        """Backing off a declared red line costs domestic support and the other side's trust."""
        for issue, level in state.declared[side.index]:
            if self._softer(state, side, issue, package.levels[issue], level):
                state = self._back_off(state, side, issue)
        return state

    def _back_off(self, state: GameState, side: Side, issue: int) -> GameState:
        declared = tuple(d for d in state.declared[side.index] if d[0] != issue)
        trust = max(0.0, state.trust[side.other.index] - AUDIENCE_COST_TRUST)
        shift = state.support_shift[side.index] - AUDIENCE_COST_SUPPORT
        name = self.side_model(side).short
        news = LogEntry(
            state.turn,
            state.meeting,
            EntryKind.NEWS,
            f"The {name} delegation has gone back on its declared red line on {self.space.names[issue]}; "
            "its word counts for less across the table and at home.",
            side=side,
            label="audience cost",
        )
        return replace(
            state,
            declared=_pair(state.declared, side, declared),
            trust=_pair(state.trust, side.other, trust),
            support_shift=_pair(state.support_shift, side, shift),
            log=(*state.log, news),
        )

    def _argue(self, state: GameState, side: Side, argument_id: str) -> GameState:
        """An argument makes the other side more flexible on its targets, less so each time it is repeated."""
        argument = self.arguments[argument_id]
        repeats = state.tabled.count(argument_id)
        strength = argument.effect * 0.5**repeats * (0.5 + state.trust[side.other.index])
        flex = list(state.flexibility[side.other.index])
        for issue_id in argument.targets:
            i = self.space.ids.index(issue_id)
            flex[i] = min(1.0, flex[i] + strength * (1.0 - flex[i]))
        return replace(
            state,
            flexibility=_pair(state.flexibility, side.other, tuple(flex)),
            tabled=(*state.tabled, argument_id),
        )

    # ----- time -------------------------------------------------------------------------
    def _advance(self, state: GameState, cost: int, *, adjourn: bool) -> GameState:
        meeting = self.meetings[state.meeting]
        room = meeting.exchanges - state.used
        spent = room if adjourn else min(cost, room)
        state = replace(state, used=state.used + spent, elapsed=state.elapsed + spent, to_move=state.to_move.other)
        if state.used < meeting.exchanges:
            return state
        closing = LogEntry(
            state.turn,
            state.meeting,
            EntryKind.CHAIR,
            tr("{meeting} closes on an adjournment.", meeting=meeting.title)
            if adjourn
            else tr("{meeting} closes.", meeting=meeting.title),
        )
        state = replace(state, log=(*state.log, closing))
        if state.meeting + 1 >= len(self.meetings):
            deadline = self.scenario.calendar.deadline
            note = LogEntry(
                state.turn,
                state.meeting,
                EntryKind.NEWS,
                tr("{deadline}: the delegations arrive with no agreement.", deadline=deadline.title),
                label="deadline",
            )
            return self._finish(replace(state, log=(*state.log, note)), Ending.DEADLINE, None)
        state = replace(state, meeting=state.meeting + 1, used=0, to_move=Side(self.scenario.calendar.first_to_move))
        return self._open_meeting(state)

    def _open_meeting(self, state: GameState) -> GameState:
        meeting = self.meetings[state.meeting]
        where = f", {meeting.place}" if meeting.place else ""
        opening = LogEntry(
            state.turn,
            state.meeting,
            EntryKind.CHAIR,
            f"{meeting.title}{where}, {long_date(meeting.date, padded=True)}.",
        )
        return replace(state, log=(*state.log, opening))

    # ----- endings ----------------------------------------------------------------------
    def _conclude(self, state: GameState, package: Package) -> GameState:
        """An agreement ad referendum, then ratification on both sides (seeded, reproducible)."""
        rng = np.random.default_rng([state.seed, state.turn, 1990])
        votes = []
        for side in Side:
            domestic = self.side_model(side).domestic
            support = self.support(state, side, package)
            vote = min(1.0, max(0.0, support + float(rng.normal(0.0, RATIFICATION_NOISE))))
            votes.append(
                Ratification(side, domestic.body, support, vote, domestic.threshold, vote >= domestic.threshold)
            )
        passed = all(v.passed for v in votes)
        lines = [
            tr(
                "{body}: expected support {support:.0%}; the vote gives {vote:.0%} against the {threshold:.0%} "
                "needed: {verdict}.",
                body=v.body,
                support=v.support,
                vote=v.vote,
                threshold=v.threshold,
                verdict=tr("ratified") if v.passed else tr("ratification fails"),
            )
            for v in votes
        ]
        log = tuple(LogEntry(state.turn, state.meeting, EntryKind.NEWS, line, label="ratification") for line in lines)
        state = replace(state, agreement=package, ratification=tuple(votes), log=(*state.log, *log))
        return self._finish(state, Ending.RATIFIED if passed else Ending.NOT_RATIFIED, None)

    def _finish(self, state: GameState, ending: Ending, by: Side | None) -> GameState:
        utilities = []
        scores = []
        for side in Side:
            prefs = self.preferences(state, side)
            if ending is Ending.RATIFIED and state.agreement is not None:
                u = prefs.utility(state.agreement)
            else:
                u = prefs.no_deal
            utilities.append(u)
            scores.append(score(u, prefs.no_deal))
        return replace(
            state,
            ending=ending,
            ended_by=by,
            utilities=(utilities[0], utilities[1]),
            scores=(scores[0], scores[1]),
        )


def score(utility: float, no_deal: float) -> float:
    """0-100: the share of what a side could gain over no deal that the outcome gives it."""
    return round(max(0.0, min(100.0, 100.0 * (utility - no_deal) / (1.0 - no_deal))), 1)


def delegation(side: SideModel, side_id: str) -> Delegation:
    """The public face of a delegation."""
    return Delegation(side.name, side.short, side.members, side.domestic.body, side_id, side.colour)

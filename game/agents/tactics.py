"""The moves besides proposals: red lines, arguments, consulting the capital, adjourning, walking out.

Used sparingly and truthfully. A tactic only ever takes the place of a move in which the agent
would have repeated its standing offer, so it costs no concession time. Red lines are declared
only at the line the agent holds anyway (its brief's red line, or a persona's firm value) and are
then held even if new instructions loosen it: its words follow its plan. The capital is consulted
only by a delegation that has one behind it (the public record names the body that ratifies its
agreements; elsewhere, as in NegMAS, the move would spend a turn for nothing), and only when the
capital has something new to answer: an argument the other side has tabled since the last
consultation (the record shows no other way a consultation can change anything).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.agents.opponent import OpponentModel
from game.agents.view import Clock, SelfView
from game.engine.moves import Adjourn, ConsultCapital, DeclareRedLine, Move, TableArgument, WalkOut
from game.engine.observation import Observation
from game.scenario.preferences import Package

ARGUMENT_WORTH = 0.015
"""The least expected effect (own weight x gap x effect) worth an exchange spent arguing."""
QUIET_EXCHANGES = 6
"""No tactics in the last exchanges of the final meeting: time is for proposals then."""
MIN_EXCHANGES_LEFT = 12
"""Nor when fewer exchanges than this are left in the talks (short talks have no time to spare)."""


@dataclass
class Tactics:
    red_lines: int = 2
    arguments: int = 3
    consults: int = 1
    walk_out: bool = True
    adjourn: bool = True
    used: dict[str, int] = field(default_factory=dict)
    last_argument_move: int = -99
    answered: int = 0
    """What the capital had to answer (`_news`) when last consulted."""

    def reset(self) -> None:
        self.used = {}
        self.last_argument_move = -99
        self.answered = 0

    @staticmethod
    def _news(obs: Observation) -> int:
        """What the capital may answer: the number of arguments the other side has tabled. A
        consultation with nothing new to answer spends exchanges for nothing."""
        by_id = {a.id: a.side for a in obs.public.arguments}
        return sum(by_id.get(arg) != obs.side.value for arg in obs.tabled)

    def _spend(self, kind: str) -> None:
        self.used[kind] = self.used.get(kind, 0) + 1

    def _left(self, kind: str, budget: int) -> bool:
        return self.used.get(kind, 0) < budget

    def choose(
        self,
        obs: Observation,
        clock: Clock,
        view: SelfView,
        model: OpponentModel,
        plan: Package,
        *,
        move_number: int,
        stuck: bool,
    ) -> Move | None:
        """A tactic to play instead of holding (None: propose the plan)."""
        holding = obs.my_offer is not None and (
            plan == obs.my_offer or view.utility(plan) >= view.utility(obs.my_offer) - 0.005
        )
        if self.walk_out and self._no_zone(obs, clock, view, model):
            return WalkOut()
        if not holding:
            return None
        remaining = clock.total * (1.0 - clock.relative_time)
        quiet = remaining < MIN_EXCHANGES_LEFT or (clock.final_meeting and clock.exchanges_left <= QUIET_EXCHANGES)
        if not quiet:
            move = self._red_line(obs, clock, view) or self._argument(obs, view, move_number)
            if move is not None:
                return move
            home = bool(obs.public.delegations[obs.side.index].ratifier)
            if home and stuck and self._left("consult", self.consults) and 0.3 <= clock.relative_time <= 0.75:
                if clock.exchanges_left >= 3 and self._news(obs) > self.answered:
                    self._spend("consult")
                    self.answered = self._news(obs)
                    return ConsultCapital()
        if self.adjourn and clock.closing and not clock.final_meeting:
            return Adjourn()
        return None

    def _red_line(self, obs: Observation, clock: Clock, view: SelfView) -> DeclareRedLine | None:
        """Declare the line on the issue that matters most where the other side asks for more than
        this side will ever give, once it has asked twice."""
        theirs, mine = obs.their_offer, obs.my_offer
        if theirs is None or mine is None or len(obs.their_offers) < 2 or clock.relative_time > 0.75:
            return None
        if not self._left("red_line", self.red_lines):
            return None
        declared = {i for i, _ in obs.declared_mine}
        best: tuple[float, int] | None = None
        for i, level in enumerate(theirs.levels):
            if i in declared or view.allowed[i][level] or not view.allowed[i][mine.levels[i]]:
                continue
            line = view.line(i)
            worth = float(view.util[i][line] - view.util[i][level])
            if best is None or worth > best[0]:
                best = (worth, i)
        if best is None:
            return None
        self._spend("red_line")
        return DeclareRedLine(best[1], view.line(best[1]))

    def _argument(self, obs: Observation, view: SelfView, move_number: int) -> TableArgument | None:
        """The own argument that bears most on the issues where this side most wants the other to move,
        less each time it has been made (the engine halves its effect each time)."""
        theirs = obs.their_offer
        if theirs is None or not obs.my_arguments or not self._left("argument", self.arguments):
            return None
        if move_number - self.last_argument_move < 3:
            return None
        space = obs.space
        top = [float(np.max(np.where(a, u, -np.inf))) for u, a in zip(view.util, view.allowed, strict=True)]
        gap = [max(0.0, t - float(u[k])) for t, u, k in zip(top, view.util, theirs.levels, strict=True)]
        by_id = {a.id: a for a in obs.public.arguments}
        best: tuple[float, str] | None = None
        for arg_id in obs.my_arguments:
            argument = by_id.get(arg_id)
            if argument is None:
                continue
            issues = [space.ids.index(t) for t in argument.targets if t in space.ids]
            worth = argument.effect * 0.5 ** obs.tabled.count(arg_id) * sum(gap[i] for i in issues)
            if best is None or worth > best[0]:
                best = (worth, arg_id)
        if best is None or best[0] < ARGUMENT_WORTH:
            return None
        self._spend("argument")
        self.last_argument_move = move_number
        return TableArgument(best[1])

    @staticmethod
    def _no_zone(obs: Observation, clock: Clock, view: SelfView, model: OpponentModel) -> bool:
        """Walking out is the best option only at the end of the talks, when a red line the other side
        has declared (and is trusted to hold) leaves nothing on an issue that this side may accept."""
        if not (clock.final_meeting and clock.exchanges_left <= 3) or obs.trust < 0.3 or model.opening is None:
            return False
        for issue, level in obs.declared_theirs:
            opening = model.opening[issue]
            lo, hi = (min(opening, level), max(opening, level))
            if not view.allowed[issue][lo : hi + 1].any():
                return True
        return False

"""Scenario personas ('persona:historical-karpov'): a built-in strategy with firm lines of its own.

A persona is read from the side's own brief at its first move (so the spec needs no scenario). It
runs its strategy (`strategy`, with `params` set on it; a time-dependent one conceding from its own
standing offer, a level at a time) on an observation whose red lines are
tightened to the persona's `firm` values, so it never proposes or accepts beyond them, and it
declares those lines publicly once the other side has asked for more than they allow (as Karpov
did on 600 km). A persona that `bluffs` declares its firm lines but drops them when the talks near
their end (relative time 0.8): the only agent whose words may not follow its plan.

If the side's brief has no persona of that id (the other side's persona, another scenario), the
agent plays the persona default strategy (Boulware) with no firm lines and says nothing about it:
a persona spec never makes a game fail.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.agents.base import Agent, AgentInfo
from game.agents.time_dependent import TimeDependent
from game.agents.view import tighter_red_lines
from game.engine.moves import DeclareRedLine, Move
from game.engine.observation import Observation
from game.scenario.preferences import Side
from game.scenario.schema import Persona

DEFAULT_STRATEGY = "boulware"
BLUFF_ENDS = 0.8
"""Relative time from which a bluffing persona no longer holds its firm lines."""


class PersonaAgent(Agent):
    info = AgentInfo(
        "persona",
        "A character from the scenario: a built-in strategy that never moves beyond its firm lines.",
        "persona",
    )

    def __init__(self, persona_id: str) -> None:
        super().__init__()
        self.persona_id = persona_id
        self.persona: Persona | None = None
        self.inner: Agent | None = None
        self.firm: dict[int, int] = {}

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        super().reset(side, rng)
        self.persona = None
        self.inner = None
        self.firm = {}

    def _resolve(self, obs: Observation) -> Agent:
        from game.agents.builtin import BUILT_IN

        self.persona = next((p for p in obs.brief.personas if p.id == self.persona_id), None)
        name = self.persona.strategy if self.persona is not None else DEFAULT_STRATEGY
        inner = BUILT_IN.get(name, BUILT_IN[DEFAULT_STRATEGY])()
        if self.persona is not None:
            for key, number in self.persona.params.items():
                if isinstance(getattr(inner, key, None), float | int) and not isinstance(getattr(inner, key), bool):
                    setattr(inner, key, float(number))
            space = obs.space
            for issue_id, firm in self.persona.firm.items():
                if issue_id in space.ids:
                    i = space.ids.index(issue_id)
                    level = space.domains[i].index(firm)
                    if level is not None:
                        self.firm[i] = level
        if isinstance(inner, TimeDependent):
            # A character concedes from where it stands, a little at a time: after a take-over from
            # the historical record it goes on from the record's position rather than rebuilding
            # its proposal from the other side's.
            inner.from_own = True
        inner.reset(self.side, self.rng)
        return inner

    @property
    def bluffs(self) -> bool:
        return self.persona is not None and self.persona.bluffs

    def holding(self, obs: Observation) -> bool:
        """Whether the firm lines still bind (always, unless the persona bluffs and time is short)."""
        return not (self.bluffs and obs.relative_time >= BLUFF_ENDS)

    def restrict(self, obs: Observation) -> Observation:
        """The observation as the persona's strategy sees it: red lines tightened to the firm values."""
        if not self.holding(obs):
            return replace(obs, declared_mine=()) if self.bluffs else obs
        prefs = obs.preferences
        red = tighter_red_lines(prefs, self.firm)
        if red == prefs.red_lines:
            return obs
        return replace(obs, brief=replace(obs.brief, preferences=prefs.with_red_lines(red)))

    def declaration(self, obs: Observation) -> DeclareRedLine | None:
        """Declare a firm line once the other side has asked for more than it allows."""
        mine, theirs = obs.my_offer, obs.their_offer
        if mine is None or theirs is None or not self.holding(obs):
            return None
        if obs.meeting == len(obs.public.meetings) - 1 and obs.exchanges_left <= 4:
            return None
        prefs = obs.preferences
        declared = dict(obs.declared_mine)
        for issue, level in sorted(self.firm.items()):
            if declared.get(issue) == level:
                continue
            line = prefs.issue_utility(issue, level)
            asked_beyond = prefs.issue_utility(issue, theirs.levels[issue]) < line - 1e-12
            within = prefs.issue_utility(issue, mine.levels[issue]) >= line - 1e-12
            if asked_beyond and within:
                return DeclareRedLine(issue, level)
        return None

    def act(self, obs: Observation) -> Move:
        if self.inner is None:
            self.inner = self._resolve(obs)
        move = self.declaration(obs)
        if move is not None:
            return move
        return self.inner.act(self.restrict(obs))

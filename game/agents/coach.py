"""The tutorial's Soviet delegation: a fixed lesson played against the player's moves (see game/tutorial.py)."""

from __future__ import annotations

import numpy as np

from game.engine.moves import DeclareRedLine, Move, MoveKind, Propose
from game.engine.observation import Observation
from game.scenario.preferences import Side


class CoachAgent:
    """The Soviet delegation of the tutorial: it plays a fixed lesson, answering the player's moves.

    It opens, moves once on SLCMs, answers an argument with a red line on the ALCM range, and then
    offers a package inside both sides' red lines that the tutorial asks the player to accept.
    """

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        self.side = side

    def act(self, obs: Observation) -> Move:
        space = obs.space
        mine = len(obs.my_offers)
        their_last = next((e.move for e in reversed(obs.history) if e.side is obs.side.other and e.move), None)
        declared = bool(obs.declared_mine)
        if mine == 0:
            return Propose(space.package({"alcm_range": 600, "slcm_limit": 600}))
        if their_last is not None and their_last.kind is MoveKind.ARGUMENT and not declared:
            issue = space.ids.index("alcm_range")
            level = space.domains[issue].index(700)
            assert level is not None  # the warm-up's ALCM range runs from 600 to 1200 km in steps of 100
            return DeclareRedLine(issue, level)
        if not declared:
            return Propose(space.package({"alcm_range": 600, "slcm_limit": 720}))
        return Propose(space.package({"alcm_range": 700, "slcm_limit": 880}))

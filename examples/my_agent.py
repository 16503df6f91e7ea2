"""A complete, minimal plug-in agent for Cruise Control: copy this file and make it your own.

Play it:

    python main.py run --us py:examples/my_agent.py:MyAgent --ussr ai:conceder
    python main.py tournament --agents py:examples/my_agent.py:MyAgent,ai:boulware,ai:conceder --games 10

The protocol (docs/AGENTS.md has all of it): a class with `reset(side, rng)`, called once before each
game, and `act(observation) -> move`, called each time it is your delegation's turn. Raise, return
something that is not a legal move, or take longer than the time budget, and your delegation forfeits.

This one concedes over time: it wants a utility that falls from its best package to just above its
no-deal value as the deadline nears, accepts the other side's offer once that offer is worth at least
as much, and otherwise proposes its best package moved toward the other side's offer issue by issue,
least important issue first, as far as its aspiration allows.
"""

from __future__ import annotations

import numpy as np

from game.engine.moves import Accept, Move, Propose
from game.engine.observation import Observation
from game.scenario.preferences import Side


class MyAgent:
    firmness = 3.0
    """How long it holds out: 1 concedes at a steady pace, higher holds firm longer."""

    def __init__(self) -> None:
        self.side = Side.US
        self.rng = np.random.default_rng(0)

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        """A new game: which side we are, and our own random generator (use it, not `random`, so the
        same seed gives the same game)."""
        self.side = side
        self.rng = rng

    def aspiration(self, obs: Observation) -> float:
        """The utility we hold out for now: from our best (1.0 at most) down to a little over no deal."""
        prefs = obs.preferences
        best = prefs.utility(prefs.best)
        floor = prefs.no_deal + 0.02
        return best - (best - floor) * float(obs.relative_time**self.firmness)

    def act(self, obs: Observation) -> Move:
        prefs = obs.preferences
        target = self.aspiration(obs)
        offer = obs.their_offer  # their standing package, or None before they have proposed one

        # Accept when their package is within our red lines and worth what we hold out for.
        if offer is not None and prefs.within_red_lines(offer) and obs.utility(offer) >= target:
            return Accept()

        # Otherwise propose: start from our best value on every issue (issue id -> value) ...
        values = obs.space.values(prefs.best)
        if offer is not None:
            theirs = obs.space.values(offer)
            # ... and give them their value on the issues that matter least to us, while we can afford it.
            for i in np.argsort(prefs.weights):
                issue = obs.space.ids[i]
                trial = dict(values, **{issue: theirs[issue]})
                package = obs.space.package(trial)  # a Package from issue -> value; ValueError if one is wrong
                if prefs.within_red_lines(package) and obs.utility(package) >= target:
                    values = trial
        return Propose(obs.space.package(values))

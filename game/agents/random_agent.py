"""A random legal agent: for conformance tests and as the weakest opponent."""

from __future__ import annotations

from game.agents.base import Agent, AgentInfo
from game.engine.moves import Accept, Adjourn, ConsultCapital, DeclareRedLine, Move, Propose, TableArgument, WalkOut
from game.engine.observation import Observation
from game.scenario.preferences import Package

KINDS = ("propose", "accept", "argument", "red_line", "consult", "adjourn", "walk_out")
WEIGHTS = (0.6, 0.15, 0.1, 0.06, 0.04, 0.04, 0.01)


class RandomAgent(Agent):
    info = AgentInfo(
        "random",
        "Plays random legal moves: proposes within its red lines, accepts within them and above no deal.",
        "random",
        stochastic=True,
    )

    def act(self, obs: Observation) -> Move:
        prefs = obs.preferences
        kind = str(self.rng.choice(KINDS, p=WEIGHTS))
        offer = obs.their_offer
        if (
            kind == "accept"
            and offer is not None
            and prefs.within_red_lines(offer)
            and prefs.utility(offer) >= prefs.no_deal
        ):
            return Accept()
        if kind == "argument" and obs.my_arguments:
            return TableArgument(str(self.rng.choice(obs.my_arguments)))
        if kind == "red_line" and obs.my_offer is not None:
            issue = int(self.rng.integers(len(obs.space.ids)))
            return DeclareRedLine(issue, obs.my_offer.levels[issue])
        if kind == "consult":
            return ConsultCapital()
        if kind == "adjourn":
            return Adjourn()
        if kind == "walk_out":
            return WalkOut()
        # any package within its red lines: the engine refuses the rest from every player alike
        allowed = [[k for k in range(n) if prefs.acceptable_level(i, k)] for i, n in enumerate(obs.space.sizes)]
        return Propose(Package(tuple(int(self.rng.choice(levels)) for levels in allowed)))

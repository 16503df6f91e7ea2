"""The built-in strategies by name (the registry's 'ai:NAME'), and the difficulty levels."""

from __future__ import annotations

from game.agents.base import Agent, AgentInfo
from game.agents.hard import Hard
from game.agents.random_agent import RandomAgent
from game.agents.time_dependent import Boulware, Conceder, Linear
from game.agents.tit_for_tat import AbsoluteTitForTat, RelativeTitForTat
from game.agents.tradeoff import TradeOff


class Easy(Conceder):
    """The easy opponent: concedes early, models nothing, uses no tactics."""

    info = AgentInfo("easy", "An easy opponent: concedes early and plays only proposals (a conceder).", "difficulty")


class Normal(RelativeTitForTat):
    """The normal opponent: gives as good as it gets (relative tit for tat)."""

    info = AgentInfo(
        "normal", "A fair opponent: answers concession with concession (relative tit for tat).", "difficulty"
    )


STRATEGIES: tuple[type[Agent], ...] = (
    Boulware,
    Linear,
    Conceder,
    RelativeTitForTat,
    AbsoluteTitForTat,
    TradeOff,
    RandomAgent,
    Easy,
    Normal,
    Hard,
)
BUILT_IN: dict[str, type[Agent]] = {cls.info.name: cls for cls in STRATEGIES}
DIFFICULTIES = ("easy", "normal", "hard")

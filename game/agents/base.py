"""The agent protocol: an observation in, a move out.

An agent is told its side and given its own random generator once per game (`reset`), then asked
for a move (`act`) each time it is its delegation's turn. It sees only the `Observation`: its own
brief, the public record and the time, never the engine or the other side's brief.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from game.engine.moves import Move
from game.engine.observation import Observation
from game.scenario.preferences import Side


@dataclass(frozen=True)
class AgentInfo:
    name: str
    description: str
    family: str
    models_opponent: bool = False
    stochastic: bool = False


@runtime_checkable
class AgentProtocol(Protocol):
    """What the match needs from an agent; plug-in agents need nothing more."""

    def reset(self, side: Side, rng: np.random.Generator) -> None: ...

    def act(self, obs: Observation) -> Move: ...


class Agent(ABC):
    """Base class of the built-in strategies."""

    info: ClassVar[AgentInfo]

    def __init__(self) -> None:
        self.side = Side.US
        self.rng = np.random.default_rng(0)

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        self.side = side
        self.rng = rng

    @abstractmethod
    def act(self, obs: Observation) -> Move: ...

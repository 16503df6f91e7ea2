"""Agents by name: built-in strategies and difficulty levels ('ai:boulware', 'ai:hard'), the
scenario's personas ('persona:historical-karpov') and plug-ins ('py:path/to/file.py:ClassName')."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.agents.base import AgentProtocol
from game.agents.builtin import BUILT_IN, DIFFICULTIES, STRATEGIES
from game.agents.persona import PersonaAgent
from game.agents.sandbox import SandboxedAgent
from game.errors import AgentError
from game.i18n import tr
from game.scenario.schema import Scenario

__all__ = ["BUILT_IN", "DIFFICULTIES", "STRATEGIES", "close", "make", "names", "persona_specs"]


def names() -> list[str]:
    """The specs of every built-in strategy and difficulty level."""
    return [f"ai:{name}" for name in BUILT_IN]


def persona_specs(scenario: Scenario) -> list[str]:
    """The specs of a scenario's personas, US side first."""
    return [f"persona:{p.id}" for side in (scenario.sides.us, scenario.sides.ussr) for p in side.personas]


def make(spec: str) -> AgentProtocol:
    """An agent from its spec; raises AgentError with what is wrong."""
    kind, _, rest = spec.partition(":")
    if kind == "ai":
        cls = BUILT_IN.get(rest)
        if cls is None:
            raise AgentError(f"unknown AI {rest!r}; the built-in ones are: {', '.join(BUILT_IN)}")
        return cls()
    if kind == "persona":
        if not rest:
            raise AgentError("a persona is 'persona:ID', with the id of one of the scenario's personas")
        return PersonaAgent(rest)
    if kind == "py":
        return _plugin(rest)
    if spec == "tutorial:coach":
        from game.agents.coach import CoachAgent

        return CoachAgent()
    raise AgentError(f"an agent is 'ai:NAME', 'persona:ID' or 'py:FILE.py:CLASS', not {spec!r}")


def _plugin(spec: str) -> AgentProtocol:
    """A plug-in agent, in a process of its own (see `game.agents.sandbox`)."""
    file, _, class_name = spec.rpartition(":")
    if not file or not class_name:
        raise AgentError(f"a plug-in agent is 'py:FILE.py:CLASS', not 'py:{spec}'")
    if not Path(file).is_file():
        raise AgentError(tr("no such agent file: {file}", file=file))
    return SandboxedAgent(file, class_name)


def close(agents: Iterable[AgentProtocol]) -> None:
    """Release what agents hold (a plug-in's process); agents without a `close` method hold nothing."""
    for agent in agents:
        closer = getattr(agent, "close", None)
        if callable(closer):
            closer()

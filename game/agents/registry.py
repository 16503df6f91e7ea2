"""Agents by name: built-in strategies and difficulty levels ('ai:boulware', 'ai:hard'), the
scenario's personas ('persona:historical-karpov') and plug-ins ('py:path/to/file.py:ClassName')."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from game.agents.base import AgentProtocol
from game.agents.builtin import BUILT_IN, DIFFICULTIES, STRATEGIES
from game.agents.persona import PersonaAgent
from game.errors import AgentError
from game.scenario.schema import Scenario

__all__ = ["BUILT_IN", "DIFFICULTIES", "STRATEGIES", "make", "names", "persona_specs"]


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
    raise AgentError(f"an agent is 'ai:NAME', 'persona:ID' or 'py:FILE.py:CLASS', not {spec!r}")


def _plugin(spec: str) -> AgentProtocol:
    file, _, class_name = spec.rpartition(":")
    if not file or not class_name:
        raise AgentError(f"a plug-in agent is 'py:FILE.py:CLASS', not 'py:{spec}'")
    path = Path(file)
    if not path.is_file():
        raise AgentError(f"no such agent file: {file}")
    module_name = f"cruise_control_plugin_{path.stem}"
    try:
        loader_spec = importlib.util.spec_from_file_location(module_name, path)
        assert loader_spec is not None and loader_spec.loader is not None
        module = importlib.util.module_from_spec(loader_spec)
        sys.modules[module_name] = module
        loader_spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - a student's file may fail in any way
        raise AgentError(f"{file} could not be loaded: {type(exc).__name__}: {exc}") from exc
    factory: Callable[[], object] | None = getattr(module, class_name, None)
    if factory is None:
        raise AgentError(f"{file} has no class {class_name!r}")
    try:
        agent = factory()
    except Exception as exc:  # noqa: BLE001
        raise AgentError(f"{class_name}() failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(agent, AgentProtocol):
        raise AgentError(f"{class_name} needs the methods reset(side, rng) and act(observation)")
    return agent

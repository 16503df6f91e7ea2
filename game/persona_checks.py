"""Checks of a scenario's personas against the built-in strategies: a strategy that does not exist, a
setting (`params`) the strategy does not have. They live outside game/scenario because the scenario
package cannot know the agents."""

from __future__ import annotations

import difflib

from game.errors import Diagnostic
from game.i18n import tr
from game.scenario.author_warnings import located_once
from game.scenario.schema import Persona, Scenario
from game.scenario.yamlmarks import Located


def persona_problems(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    """Personas must run a built-in strategy (the scenario package cannot know the agents, so this is here)."""
    from game.agents.registry import BUILT_IN

    located = located_once(text)
    problems = []
    for side, model in zip(scenario.side_ids, (scenario.sides.us, scenario.sides.ussr), strict=True):
        for i, persona in enumerate(model.personas):
            if persona.strategy in BUILT_IN:
                problems += _unknown_params(persona, BUILT_IN[persona.strategy](), (side, i), located, filename)
            else:
                line, col = located.where(("sides", side, "personas", i, "strategy"))
                close = difflib.get_close_matches(persona.strategy, list(BUILT_IN), n=1, cutoff=0.6)
                hint = tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""
                problems.append(
                    Diagnostic(
                        filename,
                        line,
                        col,
                        f"sides.{side}.personas[{i}].strategy: "
                        + tr("{name} is not a built-in strategy", name=repr(persona.strategy))
                        + hint
                        + tr("; the built-in ones: {names}", names=", ".join(BUILT_IN)),
                    )
                )
    return problems


def _unknown_params(
    persona: Persona, strategy: object, where: tuple[str, int], located: Located, filename: str
) -> list[Diagnostic]:
    """A persona's params that its strategy has no number for (they would be ignored without a word)."""
    known = sorted(
        n for n in dir(strategy) if not n.startswith("_") and type(getattr(strategy, n, None)) in (int, float)
    )
    side, i = where
    out = []
    for key in persona.params:
        if key not in known:
            line, col = located.where(("sides", side, "personas", i, "params", key), key=True)
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""
            message = (
                f"sides.{side}.personas[{i}].params.{key}: "
                + tr("{strategy} has no setting {key}", strategy=persona.strategy, key=repr(key))
                + hint
                + tr("; its settings: {names}", names=", ".join(known) or tr("none"))
            )
            out.append(Diagnostic(filename, line, col, message))
    return out

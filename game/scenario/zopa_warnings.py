"""Warnings for a valid scenario: no zone of possible agreement on an issue or overall."""

from __future__ import annotations

from game.errors import Diagnostic
from game.scenario.schema import Scenario


def zopa_warnings(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    # Imported here: game.analysis imports game.scenario, so a module-level import would be a cycle.
    from game.analysis.zopa import zopa_diagnostics

    return zopa_diagnostics(scenario, filename, text)

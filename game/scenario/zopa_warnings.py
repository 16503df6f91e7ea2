"""Warnings for a valid scenario: no zone of possible agreement on an issue or overall."""

from __future__ import annotations

from game.errors import Diagnostic
from game.scenario.schema import Scenario


def zopa_warnings(scenario: Scenario, filename: str, text: str) -> list[Diagnostic]:
    return []

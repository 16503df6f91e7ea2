"""The one error hierarchy: every error a user can cause is one of these, with a clear message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class CruiseControlError(Exception):
    """Base of every error the program reports to a user instead of a traceback."""


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file, located for a human editor (1-based line and column)."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        from game.i18n import tr  # here: game.i18n must not load before the errors it may report

        tag = "" if self.severity is Severity.ERROR else tr("warning: ")
        return f"{self.file}:{self.line}:{self.column}: {tag}{self.message}"


class ScenarioError(CruiseControlError, ValueError):
    """A scenario file that cannot be used; carries every problem found, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class MalformedMoveError(CruiseControlError, ValueError):
    """A move that is not well formed at all (unknown kind, missing fields, wrong types)."""


class IllegalMoveError(CruiseControlError, ValueError):
    """A well-formed move that the rules do not allow in this state."""


class SaveFormatError(CruiseControlError, ValueError):
    """A save file that cannot be loaded: corrupt, truncated, foreign, or for a changed scenario."""


class AgentError(CruiseControlError):
    """An agent that cannot be loaded or built (bad spec, missing file, missing class)."""

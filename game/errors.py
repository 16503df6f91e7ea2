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


class Worded(CruiseControlError):
    """An error whose reason is an English text marked for translation (`N_`) with named {fields}: it is
    said in the language current when it is shown (`str`), and kept in English where it is stored
    (`english`: a save, a message to another computer), to be said again in the reader's language
    (`game.engine.reasons.said`). A field that is itself such an error is said the same way."""

    def __init__(self, reason: str, /, **fields: object) -> None:
        super().__init__(reason)
        self.reason, self.fields = reason, fields

    def __str__(self) -> str:
        from game.i18n import tr

        return tr(self.reason, **{k: str(v) for k, v in self.fields.items()}) if self.fields else tr(self.reason)

    @property
    def english(self) -> str:
        """The reason in English, the stable form that is stored."""
        if not self.fields:
            return self.reason
        return self.reason.format(**{k: v.english if isinstance(v, Worded) else v for k, v in self.fields.items()})


class MalformedMoveError(Worded, ValueError):
    """A move that is not well formed at all (unknown kind, missing fields, wrong types)."""


class IllegalMoveError(Worded, ValueError):
    """A well-formed move that the rules do not allow in this state."""


class SaveFormatError(CruiseControlError, ValueError):
    """A save file that cannot be loaded: corrupt, truncated, foreign, or for a changed scenario."""


class AgentError(CruiseControlError):
    """An agent that cannot be loaded or built (bad spec, missing file, missing class)."""

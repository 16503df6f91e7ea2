"""What `run` and `tournament` say about plug-in agents before a game: one line where this system
cannot confine their files (no Landlock), so that the person running them knows."""

from __future__ import annotations

import sys
from collections.abc import Iterable


def note_confinement(specs: Iterable[str]) -> None:
    """Print the one-line note to stderr if any of `specs` is a plug-in (`py:...`) and it applies."""
    if not any(spec.startswith("py:") for spec in specs):
        return
    from game.agents.plugin_confine import landlock_note

    note = landlock_note()
    if note is not None:
        print(note, file=sys.stderr)

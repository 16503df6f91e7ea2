"""The command line's numbers, checked like files: each option's range is what a game can use."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from game.i18n import N_, tr


def ranged(convert: Callable[[str], float], low: float, high: float, noun: str, unit: str = "") -> Callable[[str], Any]:
    """An argparse type: a number from `low` to `high` (a NaN or an infinity is never in range)."""

    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except (ValueError, OverflowError):
            raise argparse.ArgumentTypeError(tr("not {what}: {text}", what=tr(noun), text=repr(text[:40]))) from None
        if not low <= value <= high:
            high_text = f"{high:,}" + (" " + tr(unit) if unit else "")  # said in the language of the run
            raise argparse.ArgumentTypeError(
                tr("must be from {low} to {high}, not {text}", low=f"{low:,}", high=high_text, text=text[:40])
            )
        return value

    return parse


# Each range is what a game can use; beyond it a number only breaks something later, far from the option.
_WHOLE, _SECONDS_NOUN, _SECONDS = N_("a whole number"), N_("a number of seconds"), N_("seconds")
games_type = ranged(int, 1, 10_000, _WHOLE)  # seeds per pairing: 10,000 is hours of games already
jobs_type = ranged(int, 1, 256, _WHOLE)  # worker processes
seed_type = ranged(int, 0, 2**63 - 1, _WHOLE)  # fits a 64-bit signed integer (SQLite, saves, JSON)
seconds_type = ranged(float, 0, 60, _SECONDS_NOUN, _SECONDS)  # a pause between beats
budget_type = ranged(float, 0.01, 600, _SECONDS_NOUN, _SECONDS)  # per move: 10 ms to 10 minutes
beat_type = ranged(int, 0, 10_000, _WHOLE)  # the beat to take over after; its scenario says how many

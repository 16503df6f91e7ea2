"""One translation function for every string a player sees.

English is the source language; a catalogue per language maps English text to its translation.
Scenario texts carry their own translations in the scenario files.
"""

from __future__ import annotations

_CATALOGUES: dict[str, dict[str, str]] = {"en": {}}
_language = "en"


def set_language(language: str) -> None:
    global _language
    _language = language if language in _CATALOGUES else "en"


def tr(text: str, **fields: object) -> str:
    """The text in the player's language, with {fields} filled in."""
    translated = _CATALOGUES.get(_language, {}).get(text, text)
    return translated.format(**fields) if fields else translated

"""One translation function for every string a player sees: `tr`, backed by gettext.

English is the source language. Strings are marked in the code with `tr` (with `{fields}`
filled in by keyword: `tr("Seed {seed}", seed=3)`); Babel extracts them into
`game/locale/cruise_control.pot`, and each language's catalogue `game/locale/<lang>/LC_MESSAGES/
cruise_control.po` is compiled to the `.mo` file shipped in the package and read here at run time.
The commands (docs/TRANSLATING.md):

    pybabel extract -F babel.cfg -k tr -k N_ -k trn:1,2 -o game/locale/cruise_control.pot .
    pybabel update -i game/locale/cruise_control.pot -d game/locale -D cruise_control
    pybabel compile -d game/locale -D cruise_control

Scenario texts carry their own translations in the scenario files (`name: {en: ..., ru: ...}`);
`localised` picks the current language's text from such a mapping.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
from collections.abc import Callable, Mapping
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "cruise_control"
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
"""The languages the game ships, by code, each named in itself."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_listeners: list[Callable[[str], None]] = []


def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language; English (the source text) when there is none."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def set_language(language: str) -> None:
    """Switch every later `tr` to a language (unknown codes fall back to English)."""
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    _translation = catalogue(_language)
    for listener in list(_listeners):
        listener(_language)


def language() -> str:
    return _language


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call `listener(code)` whenever the language changes (the window rebuilds its scene)."""
    _listeners.append(listener)


def N_(text: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown, with `tr(constant)`."""
    return text


def tr(text: str, /, **fields: object) -> str:
    """The text in the player's language, with {fields} filled in."""
    # gettext answers the empty string with the catalogue's header: an empty text stays empty.
    translated = _translation.gettext(text) if text else text
    return translated.format(**fields) if fields else translated


def trn(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The form for the count `n` in the player's language ("1 game", "5 games"; Russian has three
    forms, chosen by the catalogue's Plural-Forms), with `{n}` and the other fields filled in."""
    return _translation.ngettext(singular, plural, n).format(n=n, **fields)


def _argparse_gettext(text: str) -> str:
    return _translation.gettext(text) if text else text


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


# argparse says its own words ("usage: ", "options", its errors) through gettext's global domain,
# which is not ours; its module-level `_` and `ngettext` are pointed at this catalogue instead
# (the words themselves are marked in game/i18n_argparse.py, so the catalogue keeps them).
argparse._ = _argparse_gettext  # type: ignore[attr-defined]
argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
"""Month names as they follow a day ("20 April"; in Russian the genitive, "20 апреля")."""
MONTHS_SHORT = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip


def day_month(day: dt.date) -> str:
    """'20 April' in the player's language."""
    return f"{day.day} {tr(MONTHS[day.month - 1])}"


def long_date(day: dt.date, padded: bool = False) -> str:
    """'20 April 1990' in the player's language ('04 May 1990' padded, as the log writes it)."""
    return f"{day.day:02d} {tr(MONTHS[day.month - 1])} {day.year}" if padded else f"{day_month(day)} {day.year}"


def short_date(day: dt.date, year: bool = False, padded: bool = False) -> str:
    """'4 May', or '4 May 1990' with the year; padded ('04 May'), as the records write it (their golden
    files and transcripts keep that form, so a record reads the same whatever version wrote it)."""
    text = f"{day.day:02d} " if padded else f"{day.day} "
    text += tr(MONTHS_SHORT[day.month - 1])
    return f"{text} {day.year}" if year else text


def localised(value: object, lang: str | None = None) -> object:
    """A scenario text in a language: a `{en: ..., ru: ...}` mapping gives its entry (English when
    the language is missing); anything else is returned as it is."""
    if isinstance(value, Mapping) and value and set(value) <= set(LANGUAGES) and "en" in value:
        return value.get(lang or _language, value["en"])
    return value


__all__ = [
    "MONTHS",
    "day_month",
    "long_date",
    "short_date",
    "N_",
    "LANGUAGES",
    "LOCALE_DIR",
    "catalogue",
    "language",
    "localised",
    "on_language_change",
    "set_language",
    "tr",
    "trn",
]

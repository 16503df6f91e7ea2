"""Letters from another script that look Latin (Cyrillic а for a, Greek ο for o).

An id, an option or a side's key typed with one of them matches nothing, and a message that quotes
both words shows two words that look the same. These helpers find such a letter and say which it is.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from game.i18n import N_, tr

_LOOK_ALIKES = str.maketrans(
    "аАвВеЕкКмМнНоОрРсСтТуУхХіІјЈѕԁһӏαΑβΒεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧ",
    "aABBeEkKmMHHoOpPcCTTyYxXiIjJsdhlaABBeEZZnHiIkKuMvNoOpPtTuYxX",
)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_WORDS = re.compile(r"^[a-z0-9][a-z0-9 _.,'()/+-]*$")

_SCRIPTS = (N_("Cyrillic"), N_("Greek"))
"""The scripts whose letters look Latin, named for a message."""


def latin_form(text: str) -> str:
    """The text with every look-alike letter replaced by the Latin letter it looks like."""
    return text.translate(_LOOK_ALIKES)


def is_id_like(text: str) -> bool:
    """A word written as an id would be once its look-alike letters are Latin, with Latin letters in it
    (a word wholly in another script is text in that language: 'км', 'Москва')."""
    if text.isascii() or not _SLUG.match(latin_form(text).lower()):
        return False
    return any(c.isascii() and c.isalpha() for c in text)


def look_alike_message(text: str, what: str) -> str:
    """Where the first letter that is not Latin is in `text`, what it is and what it looks like; `what`
    is "key" or "value"."""
    for column, char in enumerate(text, start=1):
        if not char.isascii():
            script = unicodedata.name(char, "?").split(" ")[0].capitalize()
            fields = {
                "text": repr(text),
                "script": tr(script) if script in _SCRIPTS else script,
                "char": repr(char),
                "code": f"{ord(char):04X}",
                "column": column,
                "latin": repr(latin_form(char)),
            }
            if what == "key":
                return tr(
                    "the key {text} has a {script} {char} (U+{code}) at character {column} that looks like the "
                    "Latin {latin}: type it again with a Latin keyboard layout",
                    **fields,
                )
            return tr(
                "the value {text} has a {script} {char} (U+{code}) at character {column} that looks like the "
                "Latin {latin}: type it again with a Latin keyboard layout",
                **fields,
            )
    return ""


def look_alike_of(text: str, known: Iterable[str]) -> str | None:
    """The known word `text` is written as with letters of another script (or the reverse: a known word
    written with them, as a side's key can be), if any."""
    if text.isascii() and not any(not k.isascii() for k in known):
        return None
    plain = latin_form(text)
    for word in known:
        if word != text and latin_form(word) == plain and _WORDS.match(plain.lower()):
            return word
    return None


def did_you_mean(word: object, known: Iterable[object], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for the known word nearest `word`, if one is near; where `word` is a known
    word typed with a look-alike letter, also which letter that is (the two words look the same)."""
    text, words = str(word)[:200], [str(k) for k in known if k is not None]
    same = look_alike_of(text, words)
    if same is not None:
        hint = tr(" (did you mean {word}?)", word=repr(same))
        # an id-like word is said to have the letter wherever it stands (sense_checks); a text is said so here
        return hint if text.isascii() or is_id_like(text) else hint + "; " + look_alike_message(text, "value")
    close = difflib.get_close_matches(text, words, n=1, cutoff=cutoff)
    return tr(" (did you mean {word}?)", word=repr(close[0])) if close else ""

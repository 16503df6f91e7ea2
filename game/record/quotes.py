"""Quotations checked against the record they quote.

A scenario may put the record's words in quotation marks only verbatim: `[...]` marks an insertion
(or a changed letter, "[W]e") and `…` a cut. `quotation_problems` finds every quoted passage of a
text that the record does not contain under those rules, whitespace and line breaks normalised.
"""

from __future__ import annotations

import re

PARAGRAPH_MARK = "□"
_QUOTED = re.compile(r'"([^"]+)"')
_INSERTION = re.compile(r"\[[^\]]*\]")
_CUT = "…"
_MIN_WORDS = 3
"""Shorter quoted pieces ("air", "by this understanding") are names and terms, checked with the rest."""


def normalise(text: str) -> str:
    return " ".join(text.replace(PARAGRAPH_MARK, " ").split())


def quoted_passages(text: str) -> list[str]:
    """The passages of a text in straight double quotation marks, whitespace normalised."""
    return [normalise(m.group(1)) for m in _QUOTED.finditer(text)]


def _pattern(passage: str) -> re.Pattern[str]:
    parts = []
    for piece in re.split(rf"({_INSERTION.pattern}|{_CUT})", passage):
        if not piece:
            continue
        if piece == _CUT or _INSERTION.fullmatch(piece):
            parts.append(r".{0,2000}?")
        else:
            parts.append(re.escape(piece.strip()) if piece.strip() != piece else re.escape(piece))
    return re.compile(r"\s*".join(parts) if parts else r"(?!)", re.DOTALL)


def in_record(passage: str, record: str) -> bool:
    """Whether the record holds the passage verbatim, `[...]` and `…` aside."""
    return _pattern(passage).search(normalise(record)) is not None


def quotation_problems(text: str, record: str, where: str = "") -> list[str]:
    """Every quoted passage of a text (of at least a few words) that is not the record's words."""
    prefix = f"{where}: " if where else ""
    return [
        f'{prefix}"{passage}" is not verbatim in the record (mark insertions with [ ] and cuts with …)'
        for passage in quoted_passages(text)
        if len(passage.split()) >= _MIN_WORDS and not in_record(passage, record)
    ]


__all__ = ["in_record", "normalise", "quotation_problems", "quoted_passages"]

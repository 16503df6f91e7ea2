"""Babel's Python extractor, plus the `tr` calls inside f-strings it does not see.

Used by `pybabel extract -F babel.cfg` (babel.cfg names it) and by tests/test_i18n.py, so that a
string shown inside an f-string (`f"<b>{tr('Your team')}</b>"`) cannot go without a translation.
Only extraction imports this module (and Babel); the game never does.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

_CALL = re.compile(r"\b(?P<func>tr|N_)\(\s*(?P<literal>'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")\s*[,)]")


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    seen = set()
    for lineno, func, message, comments in extract_python(fileobj, keywords, comment_tags, options):
        seen.add(message)
        yield lineno, func, message, comments
    fileobj.seek(0)
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for match in _CALL.finditer(text):
        message = ast.literal_eval(match.group("literal"))
        if message not in seen:
            seen.add(message)
            yield text.count("\n", 0, match.start()) + 1, match.group("func"), message, []

"""Text from outside (a scenario, a save, a player, a plug-in's reason) made safe for where it goes.

Such text is text, never markup or commands. Every place it reaches one of these sinks goes through
the function for that sink here:
- `for_html`: pygame_gui's HTML text boxes and tool tips, and HTML exports (`<img src=x>` shows as
  those characters; an image tag would crash or freeze the window);
- `for_terminal`: anything printed (escape sequences could recolour, retitle or rewrite the screen);
- `for_csv`: a CSV cell a spreadsheet opens (a cell starting `=`, `+`, `-` or `@` would be a formula,
  and a newline or escape sequence would break the row or the terminal it is shown in);
- `for_markdown`: a Markdown export (emphasis, links, HTML and table characters shown literally).
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks, clipboard
    r"|\x1b[P^_][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction overrides: text that reads other than it is stored
    "\ud800-\udfff]"  # a lone surrogate (a JSON or YAML escape): no character, and no file can be written with it
)
"""Characters no text from outside keeps: a scenario may not hold them, and every sink drops them."""
_FORMULA_START = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")
_MD_SPECIAL = re.compile(r"([\\`*_<>|])")


def plain(text: object) -> str:
    """The text without control characters or escape sequences (tab and newline are kept)."""
    return CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", str(text)))


def shown(value: object, limit: int = 40) -> str:
    """A value from outside as a message echoes it: its repr, cut to `limit` characters with "…" (a
    5,000-digit number or a page of text would otherwise bury the message it is in)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def for_html(text: object) -> str:
    """Text as HTML shows it literally (quotes escaped too, so it is safe inside an attribute)."""
    return html.escape(plain(text), quote=True)


def for_terminal(text: object) -> str:
    """Text to print: escape sequences and control characters removed, tab and newline kept."""
    return plain(text)


def for_csv(text: object) -> str:
    """A CSV cell a spreadsheet reads as text, on one line: control characters and escape sequences
    removed (as for the terminal), tab and newline made spaces, and a leading formula character
    (after any spaces) given a `'` before it. A plain number (`-0.25`) stays a number."""
    cell = plain(text).replace("\t", " ").replace("\n", " ")
    if cell.lstrip(" ").startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def for_markdown(text: object) -> str:
    """Text as Markdown shows it literally, on one line: emphasis, code, links, HTML and table
    characters escaped, and a leading heading, list or quote marker too."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(plain(text).split())).replace("](", "]\\(")
    return re.sub(r"^([#+\-]|\d+\.)(?=\s)", r"\\\1", line)


class _TerminalStream:
    """A text stream that passes everything written through `for_terminal`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextmanager
def terminal_stdout() -> Iterator[None]:
    """While it lasts, whatever is printed to standard output is filtered through `for_terminal`."""
    original = sys.stdout
    sys.stdout = _TerminalStream(original)
    try:
        yield
    finally:
        sys.stdout = original

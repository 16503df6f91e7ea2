"""Dialogue templates: only the documented named placeholders, checked at validate and filled safely.

A phrase comes from a scenario file, so it is untrusted: `str.format` on it would let `{speaker.x}`
reach attributes (a traceback in the middle of a game) and `{speaker:>1000000000}` allocate a
gigabyte. A phrase here is parsed with `string.Formatter().parse` and filled field by field.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import Any

from game.errors import Diagnostic
from game.i18n import tr

DOCUMENTED = ("changes", "package", "issue", "value", "argument", "speaker")
"""What a scenario's phrase may name (the guide's table)."""
MAX_WIDTH = 40
"""The widest format width a phrase may ask for ({issue:<12}); wider only pads a line with spaces."""
_SPEC = re.compile(r"(?:.?[<>^])?(\d*)")


def _allowed() -> str:
    return ", ".join("{" + p + "}" for p in DOCUMENTED)


def _field_problem(name: str, conversion: str | None, spec: str, allowed: tuple[str, ...] = DOCUMENTED) -> str | None:
    shown = "{" + name + "}"
    if not name:
        return tr("an empty placeholder {empty} (write {{{{ and }}}} for a brace)", empty="{}")
    if "." in name or "[" in name:
        return tr("{shown}: a placeholder is a bare name, without '.' or '[...]'", shown=shown)
    if name not in allowed:
        return tr("unknown placeholder {shown}", shown=shown)
    if conversion is not None:
        return tr("{shown}: a placeholder takes no '!' conversion", shown=f"{{{name}!{conversion}}}")
    match = _SPEC.fullmatch(spec)
    if match is None:
        return tr(
            "{shown}: the only format allowed is a width, such as {example}",
            shown=f"{{{name}:{spec}}}",
            example=f"{{{name}:<20}}",
        )
    if match.group(1) and (len(match.group(1)) > 3 or int(match.group(1)) > MAX_WIDTH):
        return tr("{shown}: a width of at most {limit}", shown=f"{{{name}:{spec}}}", limit=MAX_WIDTH)
    return None


Part = tuple[int, str, str, str | None, str, str | None]
"""Where a placeholder starts in the phrase, the text before it, the placeholder as written, its name,
format spec and conversion (name None: only text)."""


def _parts(phrase: str) -> list[Part]:
    """The phrase's parts; raises ValueError on a brace that does not pair up."""
    out: list[Part] = []
    offset = 0
    for literal, name, spec, conversion in string.Formatter().parse(phrase):
        offset += len(literal) + literal.count("{") + literal.count("}")  # a brace in the text is written twice
        end = offset
        if name is not None:
            depth = 0
            for end in range(offset, len(phrase)):
                depth += {"{": 1, "}": -1}.get(phrase[end], 0)
                if depth == 0:
                    break
            end += 1
        out.append((offset, literal, phrase[offset:end], name, spec or "", conversion))
        offset = end
    return out


def _unpaired(phrase: str) -> tuple[int, str]:
    """The brace that does not pair up, and what to write: a { that no } closes, or a } with no {."""
    opened: list[int] = []
    i = 0
    while i < len(phrase):
        pair = phrase[i : i + 2]
        if not opened and pair in ("{{", "}}"):  # a brace in the text, written twice
            i += 2
            continue
        if phrase[i] == "{":
            opened.append(i)
        elif phrase[i] == "}":
            if not opened:
                return i, tr(
                    "a {close} with no {open} before it: write {close}{close} for a brace in the text",
                    open="{",
                    close="}",
                )
            opened.pop()
        i += 1
    at = opened[0] if opened else next((k for k, c in enumerate(phrase) if c in "{}"), 0)
    return at, tr(
        "this {open} opens a placeholder that no {close} closes: close it right after the name (such as "
        "{open}speaker{close}), or write {open}{open} for a brace in the text",
        open="{",
        close="}",
    )


def phrase_problems(phrase: str) -> Iterator[tuple[int, str]]:
    """(offset in the phrase, message) for each placeholder the game would not fill."""
    try:
        parts = _parts(phrase)
    except ValueError:
        yield _unpaired(phrase)
        return
    for offset, _, _, name, spec, conversion in parts:
        problem = None if name is None else _field_problem(name, conversion, spec)
        if problem is not None:
            yield offset, tr("{problem}; the placeholders are {allowed}", problem=problem, allowed=_allowed())


def fill(phrase: str, fields: Mapping[str, Any]) -> str:
    """The phrase with its placeholders filled; one the game cannot fill stays as written.

    Scenarios are validated before play, so this only guards a phrase that reached the game by
    another way (a save, a hand-built scenario): it never raises and never pads beyond MAX_WIDTH.
    """
    try:
        parts = _parts(phrase)
    except ValueError:
        return phrase
    out: list[str] = []
    for _, literal, written, name, spec, conversion in parts:
        out.append(literal)
        if name is not None:
            fits = _field_problem(name, conversion, spec, tuple(fields)) is None
            out.append(format(str(fields[name]), spec) if fits else written)
    return "".join(out)


def template_diagnostics(dialogue: Any, where: Any, source: str, filename: str) -> list[Diagnostic]:
    """Diagnostics for every phrase under `dialogue` (the parsed mapping), each at its placeholder.

    `where(path)` gives a value's (line, column); on a one-line phrase the column is moved to the
    placeholder itself (past the opening quote of a quoted phrase).
    """
    out: list[Diagnostic] = []
    lines = source.splitlines()
    if not isinstance(dialogue, dict):
        return out
    for side, kinds in dialogue.items():
        if not isinstance(kinds, dict):
            continue
        for kind, phrases in kinds.items():
            if not isinstance(phrases, list):
                continue
            for j, phrase in enumerate(phrases):
                if not isinstance(phrase, str):
                    continue
                line, col = where(("dialogue", side, kind, j))
                text = lines[line - 1] if 0 < line <= len(lines) else ""
                quoted = text[col - 1 : col] in ("'", '"')
                one_line = "\n" not in phrase and text[col - 1 + quoted :].startswith(phrase[:20])
                for offset, message in phrase_problems(phrase):
                    column = col + quoted + offset if one_line else col
                    out.append(Diagnostic(filename, line, column, f"dialogue.{side}.{kind}[{j}]: {message}"))
    return out

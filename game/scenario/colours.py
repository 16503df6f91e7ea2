"""A side's colour (`sides.ID.colour: "#RRGGBB"`): how it must be written, and when two are too alike.

The window draws a side's name, flag, offers and speech bubble in its colour; without one, the first
side is blue and the second vermillion (game/ui/palette.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from game.i18n import tr
from game.scenario.yamlmarks import Path

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
"""'#' and six hexadecimal digits: red, green and blue, 00 to FF each."""
EXAMPLE = "'#003399'"


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def colour_problems(data: Any) -> Iterator[tuple[Path, str]]:
    """Each side's `colour` that is not '#RRGGBB' (an unquoted '#...' is a YAML comment: the key is then empty)."""
    sides = data.get("sides") if isinstance(data, dict) else None
    for side_id, side in sides.items() if isinstance(sides, dict) else ():
        if not isinstance(side, dict) or "colour" not in side:
            continue
        colour = side["colour"]
        if colour is None:
            yield (("sides", side_id, "colour"), tr("the colour is empty: a # not in quotes starts a comment in YAML, "
                   "so write the colour in quotes, colour: {example}", example=EXAMPLE))  # fmt: skip
        elif isinstance(colour, str) and not COLOUR.fullmatch(colour):  # (not text: the model says so)
            yield (("sides", side_id, "colour"), tr("a colour is written '#RRGGBB', a # and six hexadecimal digits "
                   "(0-9, A-F) for red, green and blue, in quotes, such as {example}; not {colour}",
                   example=EXAMPLE, colour=repr(colour)))  # fmt: skip


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


LEGIBLE = 3.0
"""WCAG's least contrast for large text: a side's name is drawn in its colour on a white panel."""
DISTINCT = 40
"""Two colours closer than this (the largest difference of red, green or blue) are taken for one."""


def colour_warnings(colours: dict[str, str | None]) -> Iterator[tuple[Path, str]]:
    """Colours that are legal but hard to use: too light to read on white, or too like the other side's."""
    given = {side: c for side, c in colours.items() if c is not None}
    for side, colour in given.items():
        if contrast(colour, "#FFFFFF") < LEGIBLE:
            yield (("sides", side, "colour"), tr("{colour} is hard to read on the window's white panels "
                   "(contrast {contrast}:1, at least {legible}:1 reads well): choose a darker colour", colour=colour,
                   contrast=f"{contrast(colour, '#FFFFFF'):.1f}", legible=f"{LEGIBLE:g}"))  # fmt: skip
    if len(given) == 2:
        (first, a), (second, b) = given.items()
        if max(abs(x - y) for x, y in zip(rgb(a), rgb(b), strict=True)) < DISTINCT:
            yield (("sides", second, "colour"), tr("{colour} is hard to tell from {side}'s {other}: "
                   "players tell the sides apart by colour", colour=b, side=first, other=a))  # fmt: skip

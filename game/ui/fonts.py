"""Fonts for text the game draws itself (the log, charts, gauges), cached by size."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pygame

from game.ui import assets


@cache
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    if italic:
        return pygame.font.Font(assets.font_paths()["bold_italic_path" if bold else "italic_path"], size)
    return pygame.font.Font(str(assets.font_path(bold)), size)


def line_height(f: pygame.font.Font) -> int:
    """The height to stack lines by: a rendered line can be a pixel taller than the font's line size."""
    return max(f.get_linesize(), f.size("ÅÉgj“”")[1])


def wrap(text: str, f: pygame.font.Font, width: int) -> list[str]:
    """Lines of at most `width` pixels, broken at spaces (a long word stands alone)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if f.size(candidate)[0] <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def cut_to_fit(text: str, width_of: Callable[[str], int], room: int, keep: int = 0) -> str:
    """The text, cut with an ellipsis (keeping its last `keep` characters) to at most `room` pixels.

    The cut is found by halving, not by dropping a character at a time: a 30,000-character name
    measured once per character would freeze the window for minutes."""
    if width_of(text) <= room:
        return text
    head, tail = text[: len(text) - keep], text[len(text) - keep :]
    short, long = 0, len(head)  # head[:short] fits; head[:long] is the longest that might
    while short < long:
        middle = (short + long + 1) // 2
        if width_of(f"{head[:middle]}…{tail}") <= room:
            short = middle
        else:
            long = middle - 1
    return f"{head[:short].rstrip()}…{tail}"


def shorten(text: str, f: pygame.font.Font, width: int) -> str:
    """The text cut to fit the width, with an ellipsis where it was cut."""
    return cut_to_fit(text, lambda s: f.size(s)[0], width)

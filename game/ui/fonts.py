"""Fonts for text the game draws itself (the log, charts, gauges), cached by size."""

from __future__ import annotations

from functools import cache

import pygame

from game.ui import assets


@cache
def font(size: int, bold: bool = False) -> pygame.font.Font:
    return pygame.font.Font(str(assets.font_path(bold)), size)


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

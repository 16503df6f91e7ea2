"""Fonts for text the game draws itself (the log, charts, gauges), cached by size."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pygame
import pygame_gui

DATA = Path(pygame_gui.__file__).parent / "data"


@cache
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    name = f"NotoSans-{'Bold' if bold else ''}{'Italic' if italic else ''}.ttf".replace("-.ttf", "-Regular.ttf")
    return pygame.font.Font(str(DATA / name), size)


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

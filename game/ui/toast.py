"""A short word over any scene that the player's action took effect ("Saved as 'X'"), gone after a while.

It is said again on every frame, so a language switched while it shows switches it too."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.fonts import font, wrap
from game.ui.palette import Palette
from game.ui.theme import font_size

SHOWN_FOR = 4.0


@dataclass(frozen=True)
class Toast:
    say: Callable[[], str]
    until: float

    @staticmethod
    def of(say: Callable[[], str]) -> Toast:
        return Toast(say, time.monotonic() + SHOWN_FOR)

    @property
    def showing(self) -> bool:
        return time.monotonic() < self.until

    def draw(self, surface: pygame.Surface, palette: Palette, scale: float) -> pygame.Rect:
        """Drawn in the window's upper third, where no scene keeps its buttons; returns where it went."""
        w, h = surface.get_size()
        f = font(font_size(scale, 2), bold=True)
        lines = [f.render(line, True, palette.rgb("text")) for line in wrap(self.say(), f, w * 2 // 3)]
        width = max(image.get_width() for image in lines) + 40
        height = sum(image.get_height() for image in lines) + 24
        box = pygame.Rect(0, 0, width, height)
        box.midtop = (w // 2, h // 4)
        pygame.draw.rect(surface, palette.rgb("panel"), box, border_radius=8)
        pygame.draw.rect(surface, palette.rgb("focus"), box, 2, border_radius=8)
        y = box.top + 12
        for image in lines:
            surface.blit(image, image.get_rect(midtop=(box.centerx, y)))
            y += image.get_height()
        return box

"""Pictures of the delegations (flags, portraits): the one place scenes get them from.

They come from game/ui/assets.py when it is there (the bundled images, with its own fallbacks);
until then, simple generated pictures in the delegation's colour.
"""

from __future__ import annotations

from functools import cache

import pygame

from game.ui.palette import Colour

try:
    from game.ui import assets  # type: ignore[attr-defined]
except ImportError:  # the assets module lands separately; the game draws its own pictures meanwhile
    assets = None


def flag(side_id: str, colour: Colour, size: tuple[int, int]) -> pygame.Surface:
    if assets is not None:
        return assets.flag(side_id, colour, size)
    return _flag(side_id, colour, size)


def portrait(key: str, colour: Colour, size: tuple[int, int]) -> pygame.Surface:
    if assets is not None:
        return assets.portrait(key, colour, size)
    return _silhouette(colour, size)


@cache
def _flag(side_id: str, colour: Colour, size: tuple[int, int]) -> pygame.Surface:
    w, h = size
    image = pygame.Surface(size)
    image.fill((255, 255, 255))
    if side_id == "us":
        for k in range(0, 13, 2):
            pygame.draw.rect(image, (178, 34, 52), (0, k * h // 13, w, max(1, h // 13)))
        pygame.draw.rect(image, (60, 59, 110), (0, 0, w * 2 // 5, h * 7 // 13))
    else:
        image.fill(colour)
        pygame.draw.circle(image, (255, 215, 0), (w // 5, h // 4), max(2, h // 8))
    pygame.draw.rect(image, (40, 40, 40), image.get_rect(), 1)
    return image


@cache
def _silhouette(colour: Colour, size: tuple[int, int]) -> pygame.Surface:
    w, h = size
    image = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(image, (*colour, 60), image.get_rect(), border_radius=6)
    pygame.draw.circle(image, colour, (w // 2, h * 2 // 5), max(3, min(w, h) // 5))
    pygame.draw.ellipse(image, colour, (w // 6, h * 13 // 20, w * 2 // 3, h * 7 // 10))
    return image

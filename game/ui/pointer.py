"""Where the tutorial coach's pointer ends: beside its target, on no text, its line crossing none."""

from __future__ import annotations

import pygame


def pointer_end(
    bubble: pygame.Rect,
    target: pygame.Rect,
    texts: list[pygame.Rect] = (),  # type: ignore[assignment]
    screen: pygame.Rect | None = None,
) -> tuple[int, int] | None:
    """Where the line from the bubble to its target ends: on a frame just outside the target (a dot there
    touches neither the control nor its label), at the point nearest the bubble whose dot covers no text and
    stays on the screen; None when the bubble is over the target or no such point is left."""
    frame = target.inflate(26, 26)
    if frame.collidepoint(bubble.center):
        return None
    clipped = frame.clipline(bubble.center, target.center)
    points = [clipped[0]] if clipped else []
    step = 6
    points += [(x, y) for x in range(frame.left, frame.right + 1, step) for y in (frame.top, frame.bottom - 1)]
    points += [(x, y) for y in range(frame.top, frame.bottom + 1, step) for x in (frame.left, frame.right - 1)]
    area = screen.inflate(-14, -14) if screen is not None else None

    def free(at: tuple[int, int]) -> bool:
        dot = pygame.Rect(at[0] - 7, at[1] - 7, 14, 14)
        clear = (area is None or area.contains(dot)) and dot.collidelist(texts) == -1 and not bubble.colliderect(dot)
        return clear and not crosses(bubble, at, texts)

    if points and free(points[0]):
        return points[0]
    cx, cy = bubble.center
    candidates = sorted((p for p in points[1:] if free(p)), key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)
    return candidates[0] if candidates else None


def crosses(bubble: pygame.Rect, end: tuple[int, int], texts: list[pygame.Rect]) -> bool:
    """Whether the pointer's line, where it shows outside the bubble, crosses any of the texts."""
    return any(t.clipline(bubble.center, end) and not bubble.contains(t) for t in texts)

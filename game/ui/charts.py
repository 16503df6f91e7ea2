"""Charts for the debrief: concession curves and the utility plane, drawn with pygame."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pygame

from game.i18n import tr
from game.ui.fonts import font, shorten
from game.ui.palette import Colour, Palette
from game.ui.widgets import diamond

Point = tuple[float, float]


def marker(surface: pygame.Surface, shape: str, colour: Colour, x: int, y: int, r: int, outline: Colour) -> None:
    """Markers that differ by shape as well as colour."""
    if shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif shape == "diamond":
        diamond(surface, colour, x, y, r + 1)
    elif shape == "star":
        pts = []
        for k in range(10):
            radius = r + 2 if k % 2 == 0 else (r + 2) // 2
            angle = np.pi / 2 + k * np.pi / 5
            pts.append((x + radius * np.cos(angle), y - radius * np.sin(angle)))
        pygame.draw.polygon(surface, colour, pts)
    elif shape == "ring":
        pygame.draw.circle(surface, colour, (x, y), r + 3, 3)
    elif shape == "cross":
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 3)
    if shape in ("circle", "square", "diamond", "star"):
        pass
    del outline


class Plane:
    """Maps utilities in [0, 1] x [0, 1] onto a rectangle."""

    def __init__(self, rect: pygame.Rect) -> None:
        self.rect = rect

    def at(self, u: float, v: float) -> tuple[int, int]:
        return (self.rect.left + round(u * self.rect.width), self.rect.bottom - round(v * self.rect.height))


def utility_plane(
    surface: pygame.Surface,
    rect: pygame.Rect,
    palette: Palette,
    size: int,
    cloud: np.ndarray,
    frontier: Sequence[Point],
    labelled: Sequence[tuple[str, str, str, Point | None]],
    trails: Sequence[tuple[str, str, str, Sequence[Point]]],
    axes: tuple[str, ...],
) -> list[pygame.Rect]:
    """Draw the plane and its legend; returns the rectangles of every text drawn (for layout tests)."""
    text = palette.rgb("text")
    f = font(size)
    texts: list[pygame.Rect] = []
    entries = [(tr("Pareto frontier"), "frontier", "line"), (tr("possible packages (sample)"), "cloud", "dot")]
    entries += [(name, colour, shape) for name, colour, shape, _ in trails]
    entries += [(name, colour, shape) for name, colour, shape, point in labelled if point is not None]
    # the legend as wide as its longest entry (at the largest text it was cut at the window's edge)
    legend_w = min(max(f.size(name)[0] for name, _, _ in entries) + 40, rect.width // 2)
    area = pygame.Rect(
        rect.left + f.get_linesize() + 8,
        rect.top + 6,
        rect.width - legend_w - f.get_linesize() - 20,
        rect.height - f.get_linesize() - 16,
    )
    plane = Plane(area)
    pygame.draw.rect(surface, palette.rgb("panel"), area)
    pygame.draw.rect(surface, palette.rgb("panel_border"), area, 1)
    cloud_colour = palette.rgb("cloud")
    for u, v in cloud:
        surface.set_at(plane.at(float(u), float(v)), cloud_colour)
    if len(frontier) > 1:
        pts = [plane.at(u, v) for u, v in sorted(frontier)]
        pygame.draw.lines(surface, palette.rgb("frontier"), False, pts, 3)
    for _, colour, shape, points in trails:
        pts = [plane.at(u, v) for u, v in points]
        if len(pts) > 1:
            pygame.draw.lines(surface, palette.rgb(colour), False, pts, 1)
        for x, y in pts:
            marker(surface, shape, palette.rgb(colour), x, y, 4, text)
    for _, colour, shape, point in labelled:
        if point is not None:
            x, y = plane.at(*point)
            marker(surface, shape, palette.rgb(colour), x, y, 7, text)
    x_label = f.render(axes[0], True, text)
    texts.append(surface.blit(x_label, x_label.get_rect(midtop=(area.centerx, area.bottom + 4))))
    # a short chart (the tutorial's bubble under it) must not run its label up into the title
    # (where the whole label is too long, it gives up its "(0 to 1)": the other axis says it; shorter still,
    # the short form that may follow the two axes' labels)
    room = area.height + 20
    label = next((t for t in (axes[1], axes[1].split(" (")[0], *axes[2:]) if f.size(t)[0] <= room), axes[-1])
    y_label = pygame.transform.rotate(f.render(shorten(label, f, room), True, text), 90)
    texts.append(surface.blit(y_label, y_label.get_rect(midright=(area.left - 4, area.centery))))
    y = area.top
    lx = area.right + 14
    for name, colour, shape in entries:
        c = palette.rgb(colour)
        cy = y + f.get_linesize() // 2
        if shape == "line":
            pygame.draw.line(surface, c, (lx, cy), (lx + 18, cy), 3)
        elif shape == "dot":
            pygame.draw.circle(surface, c, (lx + 9, cy), 2)
        else:
            marker(surface, shape, c, lx + 9, cy, 6, text)
        img = f.render(shorten(name, f, rect.right - lx - 26), True, text)
        texts.append(surface.blit(img, (lx + 26, y)))
        y += f.get_linesize() + 4
    return texts


def concession_curves(
    surface: pygame.Surface,
    rect: pygame.Rect,
    palette: Palette,
    size: int,
    names: Sequence[str],
    levels: Sequence[int],
    us: Sequence[Sequence[tuple[float, int]]],
    ussr: Sequence[Sequence[tuple[float, int]]],
    ends: Sequence[tuple[str, str]],
    shorts: Sequence[str] = (),
) -> list[pygame.Rect]:
    """Small multiples: per issue, each side's offered level (bottom: lowest value) over the game's time;
    each titled by its full name where that fits beside its scale, else by its short one (`shorts`)."""
    f = font(size)
    texts: list[pygame.Rect] = []
    n = len(names)
    cols = 2 if n > 3 else 1
    rows = (n + cols - 1) // cols
    cw, ch = rect.width // cols, rect.height // rows
    text = palette.rgb("text")
    for i, name in enumerate(names):
        cell = pygame.Rect(rect.left + (i % cols) * cw, rect.top + (i // cols) * ch, cw - 10, ch - 6)
        low, high = ends[i]
        scale = f.render(f"{low} – {high}", True, palette.rgb("muted"))
        if shorts and f.size(name)[0] + scale.get_width() + 16 > cell.width:
            name = shorts[i]
        title = f.render(name, True, text)
        texts.append(surface.blit(title, (cell.left, cell.top)))
        if title.get_width() + scale.get_width() + 16 <= cell.width:
            texts.append(surface.blit(scale, scale.get_rect(topright=(cell.right, cell.top))))
        plot = pygame.Rect(cell.left, cell.top + f.get_linesize(), cell.width, cell.height - f.get_linesize() - 2)
        pygame.draw.rect(surface, palette.rgb("panel"), plot)
        pygame.draw.rect(surface, palette.rgb("panel_border"), plot, 1)
        span = max(1, levels[i] - 1)
        for series, colour, shape in ((us[i], "us", "circle"), (ussr[i], "ussr", "square")):
            pts = [
                (plot.left + 6 + round((plot.width - 12) * t), plot.bottom - 4 - round((plot.height - 8) * v / span))
                for t, v in series
            ]
            if len(pts) > 1:
                pygame.draw.lines(surface, palette.rgb(colour), False, pts, 2)
            for x, y in pts[-1:] + pts[:1]:
                marker(surface, shape, palette.rgb(colour), x, y, 4, text)
    return texts

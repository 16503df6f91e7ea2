"""Things the game draws itself: the conversation log, gauges, marks on the sliders."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.i18n import tr
from game.ui.fonts import cut_to_fit, font, line_height, wrap
from game.ui.palette import Colour


@dataclass(frozen=True)
class LogLine:
    header: str
    text: str
    colour: Colour
    header_colour: Colour
    indent: bool = False


class LogView:
    """A scrolling record of the conversation; lines are rendered once and blitted each frame."""

    def __init__(self, rect: pygame.Rect, size: int, background: Colour, border: Colour) -> None:
        self.rect = rect
        self.size = size
        self.background = background
        self.border = border
        self.lines: list[LogLine] = []
        self._images: list[pygame.Surface] = []
        self._rows: list[list[tuple[int, int]]] = []
        """Each entry's lines: where each starts in its image, and its height."""
        self._heads: list[int] = []
        """How many of each entry's lines are its header."""
        self.drawn: list[pygame.Rect] = []
        """The lines drawn last frame."""
        self.shown: list[tuple[int, int]] = []
        """Which lines were drawn last frame: (entry, line)."""
        self.scroll = 0  # pixels from the bottom
        self._height = 0

    def set_lines(self, lines: list[LogLine]) -> None:
        if lines[: len(self.lines)] != self.lines:
            self.lines, self._images, self._rows, self._heads, self._height = [], [], [], [], 0
        for line in lines[len(self.lines) :]:
            self._append(line)

    def _append(self, line: LogLine) -> None:
        self.lines.append(line)
        body = font(self.size)
        head = font(self.size - 1, bold=True)
        width = self.rect.width - 20 - (16 if line.indent else 0)
        # a header (a date, a speaker, what the move did) can be longer than the log is wide: it wraps too
        heads = wrap(line.header, head, width) if line.header else []
        parts = [head.render(text, True, line.header_colour) for text in heads]
        parts += [body.render(text, True, line.colour) for text in wrap(line.text, body, width)]
        height = sum(p.get_height() for p in parts) + 6
        image = pygame.Surface((self.rect.width - 12, height), pygame.SRCALPHA)
        rows = []
        y = 0
        for part in parts:
            image.blit(part, (16 if line.indent else 0, y))
            rows.append((y, part.get_height()))
            y += part.get_height()
        self._images.append(image)
        self._rows.append(rows)
        self._heads.append(len(heads))
        self._height += height
        self.scroll = 0

    def wheel(self, dy: int) -> None:
        self.scroll = max(0, min(self._height - self.rect.height + 16, self.scroll + dy * 40))

    def draw(self, surface: pygame.Surface) -> None:
        """The entries from the newest up, each line whole or not at all (a line the log's top or bottom would
        cut is left out, and a header shows all its lines or none); scrolled back, the hint to the newer lines
        has a line of its own."""
        pygame.draw.rect(surface, self.background, self.rect, border_radius=4)
        pygame.draw.rect(surface, self.border, self.rect, 1, border_radius=4)
        inner = self.rect.inflate(-12, -12)
        hint = font(self.size - 2).render(tr("▼ newer below"), True, self.border) if self.scroll > 0 else None
        lowest = inner.bottom - (hint.get_height() if hint is not None else 0)
        self.drawn, self.shown = [], []
        y = inner.bottom + self.scroll
        for entry in reversed(range(len(self._images))):
            image, rows, heads = self._images[entry], self._rows[entry], self._heads[entry]
            y -= image.get_height()
            if y > inner.bottom:
                continue
            if y + image.get_height() < inner.top:
                break
            whole = [y + top >= inner.top and y + top + height <= lowest for top, height in rows]
            if not all(whole[:heads]):  # a header's last words alone read as nonsense
                whole[:heads] = [False] * heads
            for k, (top, height) in enumerate(rows):
                if whole[k]:
                    surface.blit(image, (inner.left, y + top), pygame.Rect(0, top, image.get_width(), height))
                    self.drawn.append(pygame.Rect(inner.left, y + top, image.get_width(), height))
                    self.shown.append((entry, k))
        if hint is not None:
            surface.blit(hint, hint.get_rect(bottomright=(self.rect.right - 8, self.rect.bottom - 4)))


def gauge_caption(label: str, note: str, unknown: str, width: int, size: int) -> list[str]:
    """A gauge's caption, wrapped beside the widest its value can be (so it keeps its lines as the value moves)."""
    f = font(size)
    value_w = max(f.size(f"100%{note}")[0], f.size(unknown)[0])
    return wrap(label, f, width - value_w - 12)


def gauge_height(lines: int, size: int) -> int:
    """The height of a gauge with a caption of so many lines, with the space under it."""
    return lines * line_height(font(size)) + 2 + max(8, size // 2) + 10


def gauge(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    value: float | None,
    colour: Colour,
    text: Colour,
    track: Colour,
    size: int,
    mark: float | None = None,
    note: str = "",
    unknown: str = "?",
) -> list[pygame.Rect]:
    """A labelled horizontal bar from 0 to 100%; `mark` draws a threshold line; a value of None shows `unknown`
    (without the note: "? est." says nothing).

    Returns the rectangles of its texts; a label too long for the bar beside its value wraps, on as many lines
    as the rectangle has room for (the last shortened only if even those are too few)."""
    f = font(size)
    shown = unknown if value is None else f"{value:.0%}{note}"
    value_img = f.render(shown, True, text)
    lines = gauge_caption(label, note, unknown, rect.width, size)
    room = max(1, (rect.height - 2 - max(8, size // 2)) // line_height(f))
    if len(lines) > room:
        width = rect.width - value_img.get_width() - 12
        lines = [*lines[: room - 1], cut_to_fit(" ".join(lines[room - 1 :]), lambda s: f.size(s)[0], width)]
    texts = []
    y = rect.top
    for line in lines:
        texts.append(surface.blit(f.render(line, True, text), (rect.left, y)))
        y += line_height(f)
    bar = pygame.Rect(rect.left, y + 2, rect.width, max(8, size // 2))
    pygame.draw.rect(surface, track, bar, border_radius=3)
    if value is not None:
        filled = bar.copy()
        filled.width = round(bar.width * max(0.0, min(1.0, value)))
        pygame.draw.rect(surface, colour, filled, border_radius=3)
    if mark is not None:
        x = bar.left + round(bar.width * mark)
        pygame.draw.line(surface, text, (x, bar.top - 3), (x, bar.bottom + 2), 2)
    texts.append(surface.blit(value_img, value_img.get_rect(topright=(rect.right, rect.top))))
    return texts


def triangle(surface: pygame.Surface, colour: Colour, x: int, y: int, size: int, up: bool) -> pygame.Rect:
    h = size if up else -size
    return pygame.draw.polygon(surface, colour, [(x, y), (x - size // 2 - 1, y + h), (x + size // 2 + 1, y + h)])


def diamond(surface: pygame.Surface, colour: Colour, x: int, y: int, r: int) -> pygame.Rect:
    return pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])


def sparkline(
    surface: pygame.Surface, rect: pygame.Rect, series: list[tuple[list[int], Colour, bool]], levels: int
) -> None:
    """Small history of offers on one issue: one line per side (dashed for the second)."""
    if levels < 2:
        return
    n = max((len(s) for s, _, _ in series), default=0)
    if n == 0:
        return
    for values, colour, dashed in series:
        if not values:
            continue
        pts = [
            (rect.left + round(rect.width * (i / max(1, n - 1))), rect.bottom - round(rect.height * v / (levels - 1)))
            for i, v in enumerate(values)
        ]
        if len(pts) == 1:
            pygame.draw.circle(surface, colour, pts[0], 3)
            continue
        for i, (a, b) in enumerate(zip(pts, pts[1:], strict=False)):
            if not dashed or i % 2 == 0:
                pygame.draw.line(surface, colour, a, b, 2)
        pygame.draw.circle(surface, colour, pts[-1], 3)


def place_tooltips(manager: object, window: pygame.Rect, dt: float = 0.0) -> None:
    """Put each tool tip just under (or over) the control it explains, centred on it and inside the window
    (pygame_gui puts it at the mouse's x: with the pointer parked at the top left, a slider's tip showed there).
    A container with a tip (a slider's track) gets it shown too: pygame_gui hovers containers without tips."""
    from pygame_gui.core import UIContainer

    for element in manager.get_sprite_group().sprites():  # type: ignore[attr-defined]
        if isinstance(element, UIContainer) and element.tool_tip_text is not None:
            if element.hovered:
                element.while_hovering(dt, manager.get_mouse_position())  # type: ignore[attr-defined]
            else:
                element.on_unhovered()
                element.hover_time = 0.0
        tip = getattr(element, "tool_tip", None)
        if tip is None or getattr(tip, "cruise_placed", False):
            continue
        rect = element.rect
        x = min(max(window.left + 4, rect.centerx - tip.rect.width // 2), window.right - tip.rect.width - 4)
        y = rect.bottom + 4 if rect.bottom + 4 + tip.rect.height <= window.bottom else rect.top - 4 - tip.rect.height
        tip.set_position((x, max(window.top, y)))
        tip.cruise_placed = True


def slider_tooltip(slider: object, html: str) -> None:
    """A slider's tool tip on the parts the mouse really hovers (pygame_gui hovers the slider's track container
    and its buttons, never the slider itself, so a tip set on it alone hardly ever showed)."""
    parts = ("button_container", "sliding_button", "left_button", "right_button")
    for element in (slider, *(getattr(slider, name, None) for name in parts)):
        if element is not None:
            element.set_tooltip(html)  # type: ignore[attr-defined]

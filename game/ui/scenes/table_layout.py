"""Where everything on the negotiating table goes, for a window size, a text size and a scenario.

Rows keep the height their text needs: what is left over goes to the delegations (bigger portraits,
more of the speech bubble), and when the rows do not all fit the issue panel scrolls instead of
squeezing them (so no text is ever cut or overlaps, at any text size).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.fonts import font, line_height
from game.ui.scene import button_grid
from game.ui.theme import font_size

GAP = 8


@dataclass(frozen=True)
class Fonts:
    name: int
    """Issue names and values (bold)."""
    row: int
    small: int

    @staticmethod
    def of(scale: float) -> Fonts:
        return Fonts(font_size(scale, -1), font_size(scale, -2), font_size(scale, -3))


@dataclass(frozen=True)
class RowParts:
    """The parts of one issue row."""

    row: pygame.Rect
    name: pygame.Rect
    """Line 1: the issue's name and priority; the other side's red line at its right."""
    track: pygame.Rect
    """Line 2: the slider (or, watching, the drawn track)."""
    bars: pygame.Rect
    """Beside the track: the issue's value for each side."""
    values: pygame.Rect
    """Line 3: both sides' proposals and the gap between them."""


@dataclass(frozen=True)
class TableLayout:
    fonts: Fonts
    top: pygame.Rect
    delegations: pygame.Rect
    panel: pygame.Rect
    header: pygame.Rect
    rows: tuple[RowParts, ...]
    """The visible rows, from issue `first` on."""
    first: int
    footer: pygame.Rect
    log: pygame.Rect
    gauges: pygame.Rect
    buttons: tuple[pygame.Rect, ...]
    legend: bool
    room: pygame.Rect | None
    """Space left free under the issues (a scenario with few issues), where the tutorial's coach stands."""
    scroll: pygame.Rect | None = None
    """The issue list's scroll bar, when not every issue fits (click above or below its thumb to page)."""

    @property
    def visible(self) -> int:
        return len(self.rows)


def row_height(fonts: Fonts, scale: float) -> int:
    return line_height(font(fonts.name, bold=True)) + slider_height(scale) + line_height(font(fonts.small)) + 10


def slider_height(scale: float) -> int:
    return max(16, round(18 * scale))


def table_layout(
    size: tuple[int, int],
    scale: float,
    issues: int,
    labels: list[str],
    selected: int,
    first: int,
    keep_room: bool = False,
) -> TableLayout:
    """The layout; with few issues the gauges move under them (no empty corner), unless `keep_room` keeps
    that space free for the tutorial's coach."""
    w, h = size
    fonts = Fonts.of(scale)
    name_h = line_height(font(fonts.name, bold=True))
    small_h = line_height(font(fonts.small))
    line_h = line_height(font(fonts.row))
    top = pygame.Rect(0, 0, w, line_height(font(fonts.name, bold=True)) + small_h + 10)
    buttons, bottom_h = button_grid(w, h, scale, labels)
    left_w = int(w * 0.6)
    compact = name_h + small_h + 14
    roomy = max(compact, round(110 * scale))
    header_h = small_h + 4
    footer_h = 2 * line_h + 12
    rh = row_height(fonts, scale)
    body = h - top.bottom - GAP - bottom_h - GAP
    rows_room = body - compact - GAP - header_h - footer_h - 8
    fits = max(1, min(issues, rows_room // rh))
    legend = fits == issues or rows_room - fits * rh >= line_h
    if not legend:
        footer_h -= line_h
    deleg_h = max(compact, min(roomy, body - GAP - header_h - footer_h - 8 - fits * rh))
    if keep_room:
        # the coach stands under the issues; where that is too low for it, the delegations give it height
        # (down to their compact cards: what was said is in the log too)
        free_h = (h - bottom_h - GAP) - (top.bottom + 2 + deleg_h + GAP + header_h + fits * rh + footer_h + 8) - GAP
        deleg_h = max(min(deleg_h, compact), deleg_h - max(0, 6 * line_height(font(fonts.name)) - free_h))
    delegations = pygame.Rect(8, top.bottom + 2, w - 16, deleg_h)
    panel_top = delegations.bottom + GAP
    panel_h = header_h + fits * rh + footer_h + 8
    panel = pygame.Rect(8, panel_top, left_w - 8, panel_h)
    header = pygame.Rect(16, panel_top + 4, left_w - 24, header_h)
    first = max(0, min(first, issues - fits))
    if selected < first:
        first = selected
    elif selected >= first + fits:
        first = selected - fits + 1
    rows = []
    slider_h = slider_height(scale)
    bars_w = round(56 * scale)
    scroll = None
    row_w = left_w - 24
    if fits < issues:  # a scroll bar at the right of the rows says there are more, and pages through them
        scroll = pygame.Rect(left_w - 8 - 14, header.bottom, 10, fits * rh - 4)
        row_w -= 18
    for k in range(fits):
        row = pygame.Rect(16, header.bottom + k * rh, row_w, rh - 4)
        name = pygame.Rect(row.left + 6, row.top + 1, row.width - 12, name_h)
        track = pygame.Rect(row.left + 8, name.bottom + 2, row.width - 16 - bars_w - 12, slider_h)
        bars = pygame.Rect(track.right + 12, track.top, bars_w, slider_h)
        values = pygame.Rect(row.left + 6, track.bottom + 2, row.width - 12, small_h)
        rows.append(RowParts(row, name, track, bars, values))
    footer = pygame.Rect(12, header.bottom + fits * rh + 2, left_w - 24, footer_h)
    right = pygame.Rect(left_w + GAP, panel_top, w - left_w - 24, h - panel_top - bottom_h - GAP)
    gauges_h = min(round(44 * scale) * 4, right.height // 2)
    free = pygame.Rect(panel.left, panel.bottom + GAP, panel.width, right.bottom - panel.bottom - GAP)
    room = None
    if free.height >= gauges_h and not keep_room:
        log = right
        gauges = pygame.Rect(free.left + 8, free.top, free.width - 16, gauges_h)
    else:
        log = pygame.Rect(right.left, right.top, right.width, right.height - gauges_h - GAP)
        gauges = pygame.Rect(right.left, log.bottom + GAP, right.width, gauges_h)
        room = free if free.height >= 3 * line_h else None
    return TableLayout(
        fonts,
        top,
        delegations,
        panel,
        header,
        tuple(rows),
        first,
        footer,
        log,
        gauges,
        tuple(buttons),
        legend,
        room,
        scroll,
    )

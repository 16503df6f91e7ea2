"""Where everything on the negotiating table goes, for a window size, a text size and a scenario.

Rows keep the height their text needs: what is left over goes to the delegations (bigger portraits,
more of the speech bubble), and when the rows do not all fit the issue panel scrolls instead of
squeezing them (so no text is ever cut or overlaps, at any text size).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    """Line 3: both sides' proposals and the gap between them (lines 3 and 4, one each, when they need it)."""


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
    legend_lines: tuple[tuple[int, ...], ...] = ()
    """The legend's entries, line by line (it takes two lines where one would cut it)."""

    @property
    def visible(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Needs:
    """What the table's words need beyond a line each; the scene measures them (it knows the words)."""

    two_value_lines: Callable[[int, int], bool] = lambda issue, width: False
    """Whether an issue's two proposals need a line each at a width (its longest values side by side do not fit)."""
    legend: tuple[str, ...] = ()
    """The legend's captions."""
    gauges: Callable[[int], int] = field(default=lambda width: 0)
    """The gauges' height at a width (their captions wrap)."""


def flow(widths: list[int], room: int, spacing: int = 18) -> tuple[tuple[int, ...], ...]:
    """Items of these widths, line by line, as many to a line as fit in `room` (one at least)."""
    lines: list[list[int]] = []
    x = room + 1
    for k, w in enumerate(widths):
        if lines and x + spacing + w <= room:
            lines[-1].append(k)
            x += spacing + w
        else:
            lines.append([k])
            x = w
    return tuple(tuple(line) for line in lines)


def legend_mark(f: pygame.font.Font) -> int:
    return max(5, f.get_height() // 3)


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
    needs: Needs | None = None,
) -> TableLayout:
    """The layout; with few issues the gauges move under them (no empty corner), unless `keep_room` keeps
    that space free for the tutorial's coach."""
    needs = needs or Needs()
    w, h = size
    fonts = Fonts.of(scale)
    name_h = line_height(font(fonts.name, bold=True))
    small_h = line_height(font(fonts.small))
    row_font = font(fonts.row)
    line_h = line_height(row_font)
    top = pygame.Rect(0, 0, w, line_height(font(fonts.name, bold=True)) + small_h + 10)
    buttons, bottom_h = button_grid(w, h, scale, labels)
    left_w = int(w * 0.6)
    compact = name_h + small_h + 14
    roomy = max(compact, round(110 * scale))
    header_h = small_h + 4
    mark = legend_mark(row_font)
    legend_lines = flow([2 * mark + 6 + row_font.size(c)[0] for c in needs.legend], left_w - 24 - 8)
    footer_h = (max(1, len(legend_lines)) + 1) * line_h + 12
    rh = row_height(fonts, scale)
    body = h - top.bottom - GAP - bottom_h - GAP
    rows_room = body - compact - GAP - header_h - footer_h - 8

    def heights(row_w: int) -> list[int]:
        return [rh + (small_h if needs.two_value_lines(i, row_w - 12) else 0) for i in range(issues)]

    def shown(start: int) -> int:
        """How many rows fit from `start` on (one at least)."""
        count, used = 0, 0
        while start + count < issues and (count == 0 or used + tall[start + count] <= rows_room):
            used += tall[start + count]
            count += 1
        return count

    row_w = left_w - 24
    tall = heights(row_w)
    scroll = None
    if sum(tall) > rows_room:  # a scroll bar at the right of the rows says there are more, and pages through them
        row_w -= 18
        tall = heights(row_w)
    every = sum(tall) <= rows_room
    rows_h = sum(tall) if every else max(sum(tall[s : s + shown(s)]) for s in range(issues))
    legend = bool(legend_lines)  # always: the marks mean nothing without it
    deleg_h = max(compact, min(roomy, body - GAP - header_h - footer_h - 8 - rows_h))
    if keep_room:
        # the coach stands under the issues; where that is too low for it, the delegations give it height
        # (down to one line of names: what was said is in the log too)
        free_h = (h - bottom_h - GAP) - (top.bottom + 2 + deleg_h + GAP + header_h + rows_h + footer_h + 8) - GAP
        deleg_h = max(min(deleg_h, name_h + 10), deleg_h - max(0, 6 * line_height(font(fonts.name)) - free_h))
    # the gauges' captions wrap (packed closer when short of room) and the log keeps three lines at least: where
    # the column beside the issues is too short for them, the delegations give it height (down to compact cards)
    right_h = h - (top.bottom + 2 + deleg_h + GAP) - bottom_h - GAP
    short = needs.gauges(w - left_w - 24) - 4 * 6 + GAP + 3 * line_h + 12 - right_h
    deleg_h = max(min(deleg_h, compact), deleg_h - max(0, short))
    delegations = pygame.Rect(8, top.bottom + 2, w - 16, deleg_h)
    panel_top = delegations.bottom + GAP
    panel_h = header_h + rows_h + footer_h + 8
    panel = pygame.Rect(8, panel_top, left_w - 8, panel_h)
    header = pygame.Rect(16, panel_top + 4, left_w - 24, header_h)
    last = next(s for s in range(issues) if s + shown(s) >= issues)  # the first row of the last page
    first = 0 if every else max(0, min(first, last))
    if selected < first:
        first = selected
    while selected >= first + shown(first):
        first += 1
    fits = issues if every else shown(first)
    rows = []
    slider_h = slider_height(scale)
    bars_w = round(56 * scale)
    if not every:
        scroll = pygame.Rect(left_w - 8 - 14, header.bottom, 10, rows_h - 4)
    y = header.bottom
    for k in range(first, first + fits):
        row = pygame.Rect(16, y, row_w, tall[k] - 4)
        name = pygame.Rect(row.left + 6, row.top + 1, row.width - 12, name_h)
        track = pygame.Rect(row.left + 8, name.bottom + 2, row.width - 16 - bars_w - 12, slider_h)
        bars = pygame.Rect(track.right + 12, track.top, bars_w, slider_h)
        values = pygame.Rect(row.left + 6, track.bottom + 2, row.width - 12, small_h * (1 + (tall[k] > rh)))
        rows.append(RowParts(row, name, track, bars, values))
        y += tall[k]
    footer = pygame.Rect(12, header.bottom + rows_h + 2, left_w - 24, footer_h)
    right = pygame.Rect(left_w + GAP, panel_top, w - left_w - 24, h - panel_top - bottom_h - GAP)
    free = pygame.Rect(panel.left, panel.bottom + GAP, panel.width, right.bottom - panel.bottom - GAP)
    least = min(round(44 * scale) * 4, right.height // 2)

    def gauges_height(width: int, most: int) -> int:
        """What the gauges' captions need, within `most` (past that they are shortened)."""
        return max(least, min(most, needs.gauges(width)))

    gauges_h = max(least, needs.gauges(free.width - 16))
    room = None
    if free.height >= gauges_h and not keep_room:
        log = right
        gauges = pygame.Rect(free.left + 8, free.top, free.width - 16, gauges_h)
    else:
        gauges_h = gauges_height(right.width, right.height - 3 * line_h - 12 - GAP)  # the log keeps a few lines
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
        legend_lines,
    )

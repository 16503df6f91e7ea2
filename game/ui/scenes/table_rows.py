"""The issue rows: per issue its name, the slider of the draft, both sides' proposals with the gap between
them, each side's value, and the declared red lines; the marks drawn over the sliders."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.scenario.preferences import Side
from game.ui.fonts import font, line_height, shorten
from game.ui.scenes.table_gauges import gauges_height
from game.ui.scenes.table_layout import Fonts, Needs, RowParts, TableLayout
from game.ui.scenes.table_panels import legend_captions
from game.ui.scenes.table_view import TableView, Text, blit, level_of, priority_words, value_text
from game.ui.theme import font_size
from game.ui.widgets import diamond, triangle


def draw_header(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, issues: int) -> None:
    p = view.palette
    small = font(lay.fonts.small)
    last = lay.first + lay.visible
    caption = (
        tr("Issues")
        if lay.visible == issues
        else tr("Issues {a}–{b} of {n} (Up/Down)", a=lay.first + 1, b=last, n=issues)
    )
    image = small.render(caption, True, p.rgb("muted"))
    blit(texts, surface, image, image.get_rect(topleft=(lay.header.left + 6, lay.header.top)), lay.header)
    right = (
        tr("value: {a} · {b}", a=view.short(view.me), b=view.short(view.me.other))
        if view.watch
        else tr("value: you · them (est.)")
    )
    image = small.render(right, True, p.rgb("muted"))
    if image.get_width() + small.size(caption)[0] + 24 <= lay.header.width:
        blit(texts, surface, image, image.get_rect(topright=(lay.header.right - 6, lay.header.top)), lay.header)


def draw_scroll(surface: pygame.Surface, view: TableView, lay: TableLayout, issues: int) -> None:
    """The issue list's scroll bar: its thumb shows which of the issues are on screen."""
    if lay.scroll is None:
        return
    p = view.palette
    pygame.draw.rect(surface, p.rgb("track"), lay.scroll, border_radius=4)
    thumb = scroll_thumb(lay, issues)
    pygame.draw.rect(surface, p.rgb("muted"), thumb, border_radius=4)


def scroll_thumb(lay: TableLayout, issues: int) -> pygame.Rect:
    bar = lay.scroll
    assert bar is not None
    top = bar.top + round(bar.height * lay.first / issues)
    height = max(12, round(bar.height * lay.visible / issues))
    return pygame.Rect(bar.left, min(top, bar.bottom - height), bar.width, height)


def paged(lay: TableLayout | None, issues: int, selected: int, pos: tuple[int, int]) -> tuple[int, int] | None:
    """The first issue shown and the selected one after a click at `pos` on the scroll bar (above its thumb:
    a page up, below it: a page down); None for a click elsewhere."""
    if lay is None or lay.scroll is None or not lay.scroll.inflate(8, 0).collidepoint(pos):
        return None
    thumb = scroll_thumb(lay, issues)
    step = lay.visible if pos[1] >= thumb.bottom else -lay.visible if pos[1] < thumb.top else 0
    first = max(0, min(lay.first + step, issues - lay.visible))
    return first, max(first, min(selected, first + lay.visible - 1))


def gap_words(view: TableView, issue: int, a: int, b: int | None) -> str:
    if b is None:
        return ""
    if a == b:
        return tr("same")
    domain = view.left.space.domains[issue]
    if domain.kind == "numeric":
        return tr("gap {gap}", gap=domain.format(abs(float(domain.levels[a]) - float(domain.levels[b]))))  # type: ignore[arg-type]
    steps = abs(a - b)
    return tr("1 step apart") if steps == 1 else tr("{n} steps apart", n=steps)


def draw_row(
    surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, issue: int, parts: RowParts, selected: bool
) -> None:
    p = view.palette
    obs = view.left
    space = obs.space
    domain = space.domains[issue]
    row = parts.row
    blocked = issue == view.blocked
    if blocked:  # their value here keeps Accept closed
        pygame.draw.rect(surface, p.rgb("bad"), row.inflate(8, 6), 2, border_radius=5)
    if selected:
        pygame.draw.rect(surface, p.rgb("focus"), row.inflate(4, 2), 2, border_radius=4)
    bold = font(lay.fonts.name, bold=True)
    small = font(lay.fonts.small)
    them = view.me.other
    # line 1: the name (never lost: the short name when the full one does not fit), priority, their red line
    badge_text = tr("beyond your red line") if blocked else ""
    for who in (them, view.me) if view.watch else (them,):
        for i, level in view.declared(who):
            if i == issue:
                badge_text = (badge_text + " · " if badge_text else "") + tr(
                    "{who} red line: {value}", who=view.short(who), value=domain.format(domain.levels[level])
                )
    badge = small.render(badge_text, True, p.rgb("bad")) if badge_text else None
    room = parts.name.width - (badge.get_width() + 12 if badge else 0)
    text = next((t for t in (space.names[issue], space.shorts[issue]) if bold.size(t)[0] <= room), None)
    if text is None:
        badge, room = None, parts.name.width
        text = next(
            (t for t in (space.names[issue], space.shorts[issue]) if bold.size(t)[0] <= room), space.shorts[issue]
        )
    name = bold.render(text, True, p.rgb("text"))
    blit(texts, surface, name, name.get_rect(topleft=parts.name.topleft), row)
    if not view.watch:
        weights = [float(x) for x in obs.preferences.weights]
        tag = small.render(priority_words(weights[issue], weights), True, p.rgb("muted"))
        if name.get_width() + tag.get_width() + 12 <= room:
            blit(
                texts,
                surface,
                tag,
                tag.get_rect(midleft=(parts.name.left + name.get_width() + 12, parts.name.centery)),
                row,
            )
    if badge is not None:
        blit(texts, surface, badge, badge.get_rect(midright=(parts.name.right, parts.name.centery)), row)
    # line 2 (behind the slider): the gap between the two proposals, as a band around the track
    mine = view.draft.levels[issue] if view.draft is not None else level_of(view.offer(view.me), issue)
    theirs = level_of(view.offer(them), issue)
    if view.watch:
        pygame.draw.rect(surface, p.rgb("track"), parts.track.inflate(0, -parts.track.height // 2), border_radius=3)
    if mine is not None and theirs is not None and mine != theirs:
        a, b = sorted((x_of(parts.track, domain, mine), x_of(parts.track, domain, theirs)))
        band = pygame.Rect(a, parts.track.top - 3, b - a, parts.track.height + 6)
        pygame.draw.rect(surface, p.rgb("track"), band, border_radius=3)
    draw_value_bars(surface, view, parts.bars, issue, mine, theirs)
    # line 3: each proposal's words under its marker, the gap between them; a line each when they need it
    left_words, right_words = value_words(view, issue, mine, theirs)
    gap = gap_words(view, issue, mine, theirs) if mine is not None else ""
    area = parts.values
    stacked = area.height >= 2 * line_height(small)
    half = area.width if stacked else (area.width - LABEL_SPACE) // 2
    left = small.render(shorten(left_words, small, half), True, view.colour(view.me))
    right = small.render(shorten(right_words, small, half), True, view.colour(them))
    ends = (area.left, area.right)
    marks = [ends[k] if level is None else x_of(parts.track, domain, level) for k, level in enumerate((mine, theirs))]
    lower = area.top + (line_height(small) if stacked else 0)
    xs = by_markers(area, [left.get_width(), right.get_width()], marks, stacked)
    placed = [left.get_rect(topleft=(xs[0], area.top)), right.get_rect(topleft=(xs[1], lower))]
    for image, rect in zip((left, right), placed, strict=True):
        blit(texts, surface, image, rect, row)
    middle = small.render(gap, True, p.rgb("muted"))
    spot = gap_spot(area, placed, middle.get_width()) if gap else None
    if spot is not None:
        blit(texts, surface, middle, middle.get_rect(topleft=spot), row)


LABEL_SPACE = 12
"""Pixels kept between two words on a row's value line."""


def by_markers(area: pygame.Rect, widths: list[int], marks: list[int], stacked: bool) -> list[int]:
    """The left x of each label (yours, theirs): centred under its marker, inside the area; on one line,
    pushed apart around the markers' midpoint where they would overlap, in the markers' order."""

    def inside(x: int, width: int) -> int:
        return max(area.left, min(x - width // 2, area.right - width))

    xs = [inside(x, w) for x, w in zip(marks, widths, strict=True)]
    if stacked:
        return xs
    a, b = (0, 1) if marks[0] <= marks[1] else (1, 0)  # a: the label whose marker is further left
    if xs[a] + widths[a] + LABEL_SPACE <= xs[b]:
        return xs
    total = widths[a] + LABEL_SPACE + widths[b]
    start = max(area.left, min((marks[a] + marks[b]) // 2 - total // 2, area.right - total))
    xs[a], xs[b] = start, start + widths[a] + LABEL_SPACE
    return xs


def gap_spot(area: pygame.Rect, placed: list[pygame.Rect], width: int) -> tuple[int, int] | None:
    """Where the gap's words go: centred in the widest free stretch of a value line, clear of the labels
    on it by LABEL_SPACE; None where no stretch has room."""
    spans = []
    for top in sorted({rect.top for rect in placed}):
        taken = sorted((r.left, r.right) for r in placed if r.top == top)
        edges = [area.left - LABEL_SPACE, *(x for pair in taken for x in pair), area.right + LABEL_SPACE]
        for left, right in zip(edges[::2], edges[1::2], strict=True):
            spans.append((right - left - 2 * LABEL_SPACE, left + LABEL_SPACE, top))
    room, x, top = max(spans)
    return (x + (room - width) // 2, top) if room >= width else None


def value_words(view: TableView, issue: int, mine: int | None, theirs: int | None) -> tuple[str, str]:
    """Your proposal's words and theirs (watching: each side's, by name)."""
    domain = view.left.space.domains[issue]
    me, them = view.me, view.me.other
    return (
        tr("{who}: {value}", who=view.short(me) if view.watch else tr("You"), value=value_text(domain, mine)),
        tr("{who}: {value}", who=view.short(them), value=value_text(domain, theirs)),
    )


def needs(view: TableView, scale: float) -> Needs:
    """What the table's words need of its layout, measured."""
    small = Fonts.of(scale).small
    return Needs(
        lambda issue, width: two_value_lines(view, small, issue, width),
        legend_captions(view),
        lambda width: gauges_height(view, font_size(scale, -3), width),
    )


def two_value_lines(view: TableView, size: int, issue: int, width: int) -> bool:
    """Whether an issue's proposals need a line each: its longest values, side by side, do not fit in `width`
    (the row keeps its height however the values change)."""
    small = font(size)
    levels = range(len(view.left.space.domains[issue]))
    widest = [max(small.size(value_words(view, issue, k, k)[side])[0] for k in levels) for side in (0, 1)]
    return sum(widest) + 24 > width


def x_of(track: pygame.Rect, domain, level: int) -> int:  # noqa: ANN001
    """Where a level sits on a slider's track (inside its two arrow buttons)."""
    inner = pygame.Rect(track.left + track.height + 2, track.top, track.width - 2 * track.height - 4, track.height)
    return inner.left + round(inner.width * level / max(1, len(domain) - 1))


def draw_value_bars(
    surface: pygame.Surface, view: TableView, rect: pygame.Rect, issue: int, mine: int | None, theirs: int | None
) -> None:
    """The issue's value for each side: yours for the draft (or your offer), theirs for their offer."""
    p = view.palette
    half = (rect.height - 2) // 2
    for k, (side, level) in enumerate(((view.me, mine), (view.me.other, theirs))):
        bar = pygame.Rect(rect.left, rect.top + k * (half + 2), rect.width, half)
        pygame.draw.rect(surface, p.rgb("track"), bar, border_radius=2)
        value = None if level is None else view.issue_value(side, issue, level)
        if value is not None:
            filled = bar.copy()
            filled.width = max(1, round(bar.width * value))
            pygame.draw.rect(surface, view.colour(side), filled, border_radius=2)


def draw_marks(surface: pygame.Surface, view: TableView, lay: TableLayout) -> list[pygame.Rect]:
    """The marks on each track, over the slider (targets, red lines, the tabled offers); returns where they
    went. They stay within 2 pixels of the track, so they never cover the issue's name or values."""
    p = view.palette
    obs = view.left
    drawn = []
    for k, parts in enumerate(lay.rows):
        issue = lay.first + k
        track, domain = parts.track, obs.space.domains[issue]
        mark = max(4, track.height // 3)
        if not view.watch:
            rx = x_of(track, domain, obs.preferences.red_lines[issue])
            drawn.append(pygame.draw.line(surface, p.rgb("red_line"), (rx, track.top - 1), (rx, track.bottom), 3))
            target = x_of(track, domain, obs.preferences.targets[issue])
            drawn.append(diamond(surface, p.rgb("target"), target, track.centery, min(mark, track.height // 2)))
        for side in Side:
            for i, level in view.declared(side):
                if i == issue and (view.watch or side is not view.me):
                    x = x_of(track, domain, level)
                    drawn.append(pygame.draw.line(surface, p.rgb("bad"), (x, track.top - 2), (x, track.bottom + 1), 3))
        size = min(mark + 1, track.height // 2)
        for side, up in ((view.me, False), (view.me.other, True)):
            level = level_of(view.offer(side), issue)
            if level is not None:  # inside the track: ours points down from its top, theirs up from its bottom
                y = track.bottom - size if up else track.top + size
                drawn.append(triangle(surface, view.colour(side), x_of(track, domain, level), y, size, up=up))
    return drawn

"""The negotiating table's panels: the title bar, the delegations and what was just said, the issue rows,
the footer and the gauges. Each draws from a `TableView`: the seat it is seen from (or, watching, both)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from game.engine.observation import Observation
from game.engine.rules import AUDIENCE_COST_TRUST, score
from game.engine.state import EntryKind, LogEntry
from game.i18n import tr
from game.scenario.preferences import Package, Side
from game.ui import pictures
from game.ui.fonts import font, wrap
from game.ui.palette import Colour, Palette
from game.ui.scenes.table_layout import RowParts, TableLayout
from game.ui.widgets import diamond, gauge, triangle

Text = list[tuple[pygame.Rect, pygame.Rect]]


def priority_words(weight: float, weights: list[float]) -> str:
    rank = sorted(weights, reverse=True).index(weight)
    share = weight / max(weights)
    if rank == 0 or share > 0.9:
        return tr("top priority")
    if share > 0.6:
        return tr("high priority")
    if share > 0.35:
        return tr("medium priority")
    return tr("low priority")


@dataclass(frozen=True)
class TableView:
    """The table as one seat sees it (`watch`: both sides, nobody's 'you'); left is that seat, or the US."""

    left: Observation
    right: Observation | None
    """The other side's own view: only when watching (a player never sees the other brief)."""
    watch: bool
    draft: Package | None
    palette: Palette

    @property
    def me(self) -> Side:
        return self.left.side

    def colour(self, side: Side) -> Colour:
        return self.palette.rgb("us" if side is Side.US else "ussr")

    def short(self, side: Side) -> str:
        return self.left.public.delegations[side.index].short

    def offer(self, side: Side) -> Package | None:
        return self.left.my_offer if side is self.me else self.left.their_offer

    def declared(self, side: Side) -> tuple[tuple[int, int], ...]:
        return self.left.declared_mine if side is self.me else self.left.declared_theirs

    def issue_value(self, side: Side, issue: int, level: int) -> float | None:
        """What a level of an issue is worth to a side: known for your own side (and both, watching);
        estimated for the other side from how far it lies from their opening offer."""
        if side is self.me:
            return self.left.preferences.issue_utility(issue, level)
        if self.right is not None:
            return self.right.preferences.issue_utility(issue, level)
        offers = self.left.their_offers
        if not offers:
            return None
        opening = offers[0].levels[issue]
        span = max(opening, len(self.left.space.domains[issue]) - 1 - opening, 1)
        return 1.0 - min(1.0, abs(level - opening) / span)


def blit(texts: Text, surface: pygame.Surface, image: pygame.Surface, rect: pygame.Rect, area: pygame.Rect) -> None:
    texts.append((surface.blit(image, rect), area))


def shorten(text: str, f: pygame.font.Font, width: int) -> str:
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


# ----- the title bar --------------------------------------------------------------------------------
def draw_top(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, turn: str, mine: bool) -> None:
    p = view.palette
    obs = view.left
    w = lay.top.width
    f = font(lay.fonts.name, bold=True)
    small = font(lay.fonts.small)
    area = lay.top
    meeting = obs.public.meetings[obs.meeting]
    left = f.render(f"{meeting.title} · {meeting.date:%d %B %Y}", True, p.rgb("text"))
    room = w - 32
    if left.get_width() > room // 2:
        left = f.render(shorten(meeting.title, f, room // 2), True, p.rgb("text"))
    title = surface.blit(left, left.get_rect(topleft=(16, 5)))
    texts.append((title, area))
    who = (
        tr("Watching: AI against AI")
        if view.watch
        else tr("You lead the {name} delegation", name=obs.public.delegations[view.me.index].name)
    )
    sub = small.render(who, True, p.rgb("muted") if view.watch else view.colour(view.me))
    blit(texts, surface, sub, sub.get_rect(topleft=(16, title.bottom)), area)
    left_meetings = len(obs.public.meetings) - obs.meeting - 1
    exchanges = (
        tr("1 exchange left in this meeting")
        if obs.exchanges_left == 1
        else tr("{n} exchanges left in this meeting", n=obs.exchanges_left)
    )
    meetings = (
        tr("last meeting")
        if left_meetings == 0
        else tr("1 more meeting")
        if left_meetings == 1
        else tr("{m} more meetings", m=left_meetings)
    )
    deadline = f"{obs.public.deadline}: {obs.public.deadline_date:%d %b %Y}"
    room = w - 32 - max(title.width, sub.get_width()) - 24
    options = (f"{exchanges} · {meetings} · {deadline}", f"{exchanges} · {meetings}", exchanges, "")
    status = next(t for t in options if small.size(t)[0] <= room)
    right = small.render(status, True, p.rgb("text"))
    blit(texts, surface, right, right.get_rect(topright=(w - 16, 6)), area)
    t = small.render(shorten(turn, small, room), True, p.rgb("focus") if mine else p.rgb("muted"))
    line2 = 6 + small.get_linesize()
    bar_w = min(420, w // 3, w - 16 - 12 - t.get_width() - (max(title.right, 16 + sub.get_width()) + 16))
    if bar_w < 40:
        blit(texts, surface, t, t.get_rect(topright=(w - 16, line2)), area)
        return
    bar = pygame.Rect(w - 16 - bar_w, line2 + (t.get_height() - 8) // 2, bar_w, 8)
    pygame.draw.rect(surface, p.rgb("track"), bar, border_radius=3)
    done = bar.copy()
    done.width = round(bar.width * obs.relative_time)
    pygame.draw.rect(surface, p.rgb("muted"), done, border_radius=3)
    blit(texts, surface, t, t.get_rect(topright=(bar.left - 12, line2)), area)


# ----- the two delegations and what was just said --------------------------------------------------
def last_said(obs: Observation) -> LogEntry | None:
    """The latest move's words: the bubble shows the very entry the engine logged with that move."""
    return next((e for e in reversed(obs.history) if e.kind is EntryKind.MOVE and e.side is not None), None)


def draw_delegations(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout) -> None:
    p = view.palette
    area = lay.delegations
    pygame.draw.rect(surface, p.rgb("panel"), area, border_radius=6)
    pygame.draw.rect(surface, p.rgb("panel_border"), area, 1, border_radius=6)
    bold = font(lay.fonts.name, bold=True)
    small = font(lay.fonts.small)

    def needed(d) -> int:  # noqa: ANN001
        lead = next((m for m in d.members if m.lead), d.members[0])
        flag = small.get_linesize() * 3 // 2 + 6
        return max(bold.size(d.name)[0] + flag, small.size(lead.name)[0], small.size(lead.role)[0])

    face_w = min(area.height - 8, round((area.width * 0.3) * 0.35))
    side_w = min(int(area.width * 0.3), max(needed(d) for d in view.left.public.delegations) + face_w + 16)
    boxes = {
        view.me: pygame.Rect(area.left + 8, area.top + 4, side_w, area.height - 8),
        view.me.other: pygame.Rect(area.right - 8 - side_w, area.top + 4, side_w, area.height - 8),
    }
    for side, box in boxes.items():
        delegation = view.left.public.delegations[side.index]
        lead = next((m for m in delegation.members if m.lead), delegation.members[0])
        colour = view.colour(side)
        face = min(box.height, face_w)
        flag_h = max(12, min(box.height // 2, small.get_linesize()))
        flag_size = (flag_h * 3 // 2, flag_h)
        at_left = box.left == area.left + 8
        face_rect = pygame.Rect(0, box.top + (box.height - face) // 2, face, face)
        face_rect.left = box.left if at_left else box.right - face
        surface.blit(pictures.portrait(lead.role or lead.name, colour, face_rect.size), face_rect)
        text_left = face_rect.right + 8 if at_left else box.left
        text_w = box.width - face - 8
        lines = [
            (bold, shorten(delegation.name, bold, text_w - flag_size[0] - 6), colour),
            (small, shorten(lead.name, small, text_w), p.rgb("text")),
            (small, shorten(lead.role, small, text_w), p.rgb("muted")),
        ]
        height = sum(f.get_linesize() for f, _, _ in lines)
        while height > box.height and len(lines) > 2:
            height -= lines.pop()[0].get_linesize()
        y = box.top + (box.height - height) // 2
        for k, (f, line, c) in enumerate(lines):
            image = f.render(line, True, c)
            x = text_left if at_left else text_left + text_w - image.get_width()
            if k == 0:
                flag_rect = pygame.Rect(0, y + (f.get_linesize() - flag_h) // 2, *flag_size)
                if at_left:
                    flag_rect.left, x = x, x + flag_size[0] + 6
                else:
                    flag_rect.right, x = text_left + text_w, x - flag_size[0] - 6
                surface.blit(pictures.flag(side.value, colour, flag_size), flag_rect)
            blit(texts, surface, image, image.get_rect(topleft=(x, y)), area)
            y += f.get_linesize()
    bubble = pygame.Rect(
        boxes[view.me].right + 24, area.top + 6, boxes[view.me.other].left - boxes[view.me].right - 48, area.height - 12
    )
    draw_bubble(surface, texts, view, lay, bubble, last_said(view.left), boxes)


def draw_bubble(
    surface: pygame.Surface,
    texts: Text,
    view: TableView,
    lay: TableLayout,
    bubble: pygame.Rect,
    said: LogEntry | None,
    boxes: dict[Side, pygame.Rect],
) -> None:
    p = view.palette
    small = font(lay.fonts.small)
    head_font = font(lay.fonts.small, bold=True)
    if said is None or said.side is None:
        hint = small.render(shorten(tr("Nothing has been said yet."), small, bubble.width), True, p.rgb("muted"))
        blit(texts, surface, hint, hint.get_rect(center=bubble.center), bubble)
        return
    colour = view.colour(said.side)
    pygame.draw.rect(surface, p.rgb("background"), bubble, border_radius=10)
    pygame.draw.rect(surface, colour, bubble, 2, border_radius=10)
    speaker = boxes[said.side]
    tip_x = bubble.left - 14 if speaker.centerx < bubble.centerx else bubble.right + 14
    base_x = bubble.left + 1 if speaker.centerx < bubble.centerx else bubble.right - 1
    cy = bubble.centery
    pygame.draw.polygon(surface, p.rgb("background"), [(base_x, cy - 8), (tip_x, cy), (base_x, cy + 8)])
    pygame.draw.lines(surface, colour, False, [(base_x, cy - 8), (tip_x, cy), (base_x, cy + 8)], 2)
    inner = bubble.inflate(-20, -8)
    head = f"{said.speaker} · {said.label}" if said.label else said.speaker
    y = inner.top
    image = head_font.render(shorten(head, head_font, inner.width), True, colour)
    blit(texts, surface, image, image.get_rect(topleft=(inner.left, y)), bubble)
    y += head_font.get_linesize()
    lines = wrap(f"“{said.text}”", small, inner.width)
    room = max(0, (inner.bottom - y) // small.get_linesize())
    if len(lines) > room > 0:
        lines = [*lines[: room - 1], shorten(lines[room - 1] + " " + " ".join(lines[room:]), small, inner.width)]
    for line in lines[:room]:
        image = small.render(line, True, p.rgb("text"))
        blit(texts, surface, image, image.get_rect(topleft=(inner.left, y)), bubble)
        y += small.get_linesize()


# ----- the issue rows ---------------------------------------------------------------------------
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
    if selected:
        pygame.draw.rect(surface, p.rgb("focus"), row.inflate(4, 2), 2, border_radius=4)
    bold = font(lay.fonts.name, bold=True)
    small = font(lay.fonts.small)
    them = view.me.other
    # line 1: the name (never lost: the short name when the full one does not fit), priority, their red line
    badge_text = ""
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
    mine = view.draft.levels[issue] if view.draft is not None else _level(view.offer(view.me), issue)
    theirs = _level(view.offer(them), issue)
    if view.watch:
        pygame.draw.rect(surface, p.rgb("track"), parts.track.inflate(0, -parts.track.height // 2), border_radius=3)
    if mine is not None and theirs is not None and mine != theirs:
        a, b = sorted((x_of(parts.track, domain, mine), x_of(parts.track, domain, theirs)))
        band = pygame.Rect(a, parts.track.top - 3, b - a, parts.track.height + 6)
        pygame.draw.rect(surface, p.rgb("track"), band, border_radius=3)
    draw_value_bars(surface, view, parts.bars, issue, mine, theirs)
    # line 3: the two proposals side by side, the gap between them
    half = (parts.values.width - 8) // 2
    words = [
        (view.me, tr("{who}: {value}", who=view.short(view.me) if view.watch else tr("You"), value=_fmt(domain, mine))),
        (them, tr("{who}: {value}", who=view.short(them), value=_fmt(domain, theirs))),
    ]
    left = small.render(shorten(words[0][1], small, half), True, view.colour(words[0][0]))
    right = small.render(shorten(words[1][1], small, half), True, view.colour(words[1][0]))
    blit(texts, surface, left, left.get_rect(topleft=parts.values.topleft), row)
    blit(texts, surface, right, right.get_rect(topright=parts.values.topright), row)
    gap = gap_words(view, issue, mine, theirs) if mine is not None else ""
    middle = small.render(gap, True, p.rgb("muted"))
    room_mid = parts.values.width - left.get_width() - right.get_width() - 24
    if gap and middle.get_width() <= room_mid:
        x = parts.values.left + left.get_width() + 12 + (room_mid - middle.get_width()) // 2
        blit(texts, surface, middle, middle.get_rect(topleft=(x, parts.values.top)), row)


def _level(package: Package | None, issue: int) -> int | None:
    return None if package is None else package.levels[issue]


def _fmt(domain, level: int | None) -> str:  # noqa: ANN001
    return "—" if level is None else domain.format(domain.levels[level])


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


def draw_marks(surface: pygame.Surface, view: TableView, lay: TableLayout) -> None:
    """The marks on each track, over the slider: targets and red lines, and the tabled offers."""
    p = view.palette
    obs = view.left
    for k, parts in enumerate(lay.rows):
        issue = lay.first + k
        track, domain = parts.track, obs.space.domains[issue]
        mark = max(4, track.height // 3)
        if not view.watch:
            rx = x_of(track, domain, obs.preferences.red_lines[issue])
            pygame.draw.line(surface, p.rgb("red_line"), (rx, track.top - 2), (rx, track.bottom + 1), 3)
            diamond(surface, p.rgb("target"), x_of(track, domain, obs.preferences.targets[issue]), track.centery, mark)
        for side in Side:
            for i, level in view.declared(side):
                if i == issue and (view.watch or side is not view.me):
                    x = x_of(track, domain, level)
                    pygame.draw.line(surface, p.rgb("bad"), (x, track.top - 4), (x, track.bottom + 3), 3)
        size = min(mark + 1, track.height // 2)
        for side, up in ((view.me, False), (view.me.other, True)):
            level = _level(view.offer(side), issue)
            if level is not None:  # inside the track: ours points down from its top, theirs up from its bottom
                y = track.bottom - size if up else track.top + size
                triangle(surface, view.colour(side), x_of(track, domain, level), y, size, up=up)


# ----- the footer and the gauges ----------------------------------------------------------------
def draw_footer(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, message: str) -> None:
    p = view.palette
    f = font(lay.fonts.row)
    area = lay.footer
    y = area.top + 4
    x = area.left + 8
    mark = max(5, f.get_height() // 3)
    cy = y + f.get_height() // 2
    me, them = view.colour(view.me), view.colour(view.me.other)
    legend = [
        (
            lambda x: triangle(surface, me, x, cy + mark // 2, mark, up=False),
            tr("{who} offer", who=view.short(view.me)),
        ),
        (
            lambda x: triangle(surface, them, x, cy - mark // 2, mark, up=True),
            tr("{who} offer", who=view.short(view.me.other)),
        ),
        (lambda x: pygame.draw.line(surface, p.rgb("bad"), (x, cy - mark), (x, cy + mark), 3), tr("declared red line")),
    ]
    if not view.watch:
        legend[:0] = [
            (lambda x: diamond(surface, p.rgb("target"), x, cy, mark), tr("your target")),
            (
                lambda x: pygame.draw.line(surface, p.rgb("red_line"), (x, cy - mark), (x, cy + mark), 3),
                tr("your red line"),
            ),
        ]
    for draw_mark, caption in legend if lay.legend else ():
        img = f.render(caption, True, p.rgb("muted"))
        if x + 2 * mark + 6 + img.get_width() > area.right:
            break
        draw_mark(x + mark)
        x = surface.blit(img, img.get_rect(topleft=(x + 2 * mark + 6, y))).right + 18
        texts.append((pygame.Rect(x - 18 - img.get_width(), y, img.get_width(), img.get_height()), area))
    if lay.legend:
        y += f.get_linesize() + 4
    bold = font(lay.fonts.row, bold=True)
    lines = [message] if message else summary_lines(view)
    line = next((t for t in lines if bold.size(t)[0] <= area.width - 16), shorten(lines[-1], bold, area.width - 16))
    img = bold.render(line, True, p.rgb("bad") if message else p.rgb("text"))
    blit(texts, surface, img, img.get_rect(topleft=(area.left + 8, y)), area)


def summary_lines(view: TableView) -> list[str]:
    obs = view.left
    if view.watch:
        assert view.right is not None
        parts = []
        for o in (obs, view.right):
            if o.my_offer is not None:
                s = score(o.utility(o.my_offer), o.preferences.no_deal)
                parts.append(tr("{who}'s offer: {s:.0f}/100 for {who}", who=view.short(o.side), s=s))
        return ["; ".join(parts) or tr("No offer on the table yet."), " · ".join(p.split(":")[0] for p in parts) or "—"]
    assert view.draft is not None
    mine = f"{score(obs.utility(view.draft), obs.preferences.no_deal):.0f}"
    if obs.their_offer is None:
        return [tr("Your proposal scores {mine}/100 for you.", mine=mine), tr("Your proposal: {mine}/100", mine=mine)]
    theirs = f"{score(obs.utility(obs.their_offer), obs.preferences.no_deal):.0f}"
    return [
        tr("Your proposal scores {mine}/100 for you; their standing offer, {theirs}/100.", mine=mine, theirs=theirs),
        tr("Your proposal: {mine}/100 · theirs: {theirs}/100", mine=mine, theirs=theirs),
    ]


def draw_gauges(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, size: int) -> None:
    p = view.palette
    r = lay.gauges
    h = r.height // 4
    text, track = p.rgb("text"), p.rgb("track")
    obs = view.left
    rows: list[tuple[str, float | None, Colour, float | None, str]] = []
    if view.watch:
        assert view.right is not None
        latest = next(
            (e.move.package for e in reversed(obs.history) if e.move is not None and hasattr(e.move, "package")), None
        )
        for o in (obs, view.right):
            them = view.short(o.side.other)
            rows.append(
                (tr("{a}'s trust in {b}", a=view.short(o.side), b=them), o.trust, view.colour(o.side), None, "")
            )
        for o in (obs, view.right):
            support = None if latest is None else o.support(latest)
            caption = tr("{body}: support for the latest offer", body=o.brief.domestic.body)
            good = support is not None and support >= o.brief.domestic.threshold
            rows.append((caption, support, p.rgb("good") if good else p.rgb("bad"), o.brief.domestic.threshold, ""))
    else:
        assert view.draft is not None
        backed_off = sum(1 for e in obs.history if e.label == "audience cost" and e.side is view.me)
        support = obs.support(view.draft)
        domestic = obs.brief.domestic
        theirs = view.colour(view.me.other)
        them = obs.public.delegations[view.me.other.index]
        estimate = _their_support_estimate(view)
        rows = [
            (tr("Your trust in them"), obs.trust, view.colour(view.me), None, ""),
            (
                tr("Their trust in you (your estimate)"),
                max(0.0, 0.5 - AUDIENCE_COST_TRUST * backed_off),
                theirs,
                None,
                " est.",
            ),
            (
                tr("{body}: support for your proposal", body=domestic.body),
                support,
                p.rgb("good") if support >= domestic.threshold else p.rgb("bad"),
                domestic.threshold,
                "",
            ),
            (tr("{body}: support for it (your estimate)", body=them.ratifier), estimate, theirs, None, " est."),
        ]
    for k, (caption, value, colour, mark, note) in enumerate(rows):
        box = pygame.Rect(r.left, r.top + k * h, r.width, h - 4)
        texts += [(t, r) for t in gauge(surface, box, caption, value, colour, text, track, size, mark=mark, note=note)]


def _their_support_estimate(view: TableView) -> float | None:
    """A guess at the other legislature's support for the draft: how close it comes to what their side has
    asked for, on a scale from their opening (0.9) to the far end of each issue (0.3)."""
    obs = view.left
    if not obs.their_offers or view.draft is None:
        return None
    values = [view.issue_value(view.me.other, i, level) for i, level in enumerate(view.draft.levels)]
    return 0.3 + 0.6 * sum(v or 0.0 for v in values) / len(values)


def thinking_dots() -> str:
    return "." * (1 + int(time.monotonic() * 2) % 3)

"""The negotiating table's panels around the issue rows: the title bar, the two delegations facing each
other with what was just said, the footer and the gauges."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pygame

from game.engine.observation import Observation
from game.engine.rules import score
from game.engine.state import EntryKind, LogEntry
from game.i18n import long_date, short_date, tr
from game.scenario.preferences import Side
from game.ui import assets
from game.ui.fonts import font, line_height, shorten, wrap
from game.ui.palette import Colour
from game.ui.scenes.table_layout import TableLayout, legend_mark
from game.ui.scenes.table_view import TableView, Text, blit, spelled_out
from game.ui.widgets import diamond, triangle


# ----- the title bar --------------------------------------------------------------------------------
def draw_top(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, turn: str, mine: bool) -> None:
    """Line 1: the meeting and its date, and at the right the deadline and its date (the calendar the talks
    run against: neither date is ever cut; a long title gives way to them). Line 2: whose delegation you
    lead; at the right whose move it is, the time used, and the exchanges and meetings left."""
    p = view.palette
    obs = view.left
    w = lay.top.width
    f = font(lay.fonts.name, bold=True)
    small = font(lay.fonts.small)
    area = lay.top
    meeting = obs.public.meetings[obs.meeting]
    deadline = small.render(
        f"{obs.public.deadline}: {short_date(obs.public.deadline_date, year=True)}", True, p.rgb("text")
    )
    date = f" · {long_date(meeting.date)}"
    # a title too long loses its least useful part first (what follows its first comma or bracket), then
    # takes the smaller type; only then is it cut
    forms = [meeting.title, re.split(r",|\s\(|:", meeting.title)[0].strip() or meeting.title]
    fonts = (f, font(lay.fonts.small, bold=True))
    room = [w - 32 - deadline.get_width() - 24 - face.size(date)[0] for face in fonts]
    fitting = ((face, form) for face, r in zip(fonts, room, strict=True) for form in forms if face.size(form)[0] <= r)
    face, whole = next(fitting, (fonts[1], shorten(forms[-1], fonts[1], room[1])))
    left = face.render(whole + date, True, p.rgb("text"))
    title = surface.blit(left, left.get_rect(topleft=(16, 5)))
    texts.append((title, area))
    if title.right + 24 + deadline.get_width() <= w - 16:
        blit(
            texts,
            surface,
            deadline,
            deadline.get_rect(topright=(w - 16, 5 + (left.get_height() - deadline.get_height()) // 2)),
            area,
        )
    who = (
        tr("Watching: AI against AI")
        if view.watch
        else tr("You lead the {name} delegation", name=obs.public.delegations[view.me.index].name)
    )
    sub = small.render(who, True, p.rgb("muted") if view.watch else view.colour(view.me))
    sub_rect = sub.get_rect(topleft=(16, title.bottom))
    blit(texts, surface, sub, sub_rect, area)
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
    line2 = title.bottom
    t = small.render(turn, True, p.rgb("focus") if mine else p.rgb("muted"))
    room = w - 16 - (sub_rect.right + 24) - t.get_width() - 12
    status = next((x for x in (f"{exchanges} · {meetings}", exchanges, "") if small.size(x)[0] <= room), "")
    right = w - 16
    if status:
        image = small.render(status, True, p.rgb("text"))
        right = blit_right(texts, surface, image, right, line2, area) - 16
    bar_w = min(420, w // 3, right - t.get_width() - 12 - (sub_rect.right + 24))
    if bar_w >= 40:
        bar = pygame.Rect(right - bar_w, line2 + (t.get_height() - 8) // 2, bar_w, 8)
        pygame.draw.rect(surface, p.rgb("track"), bar, border_radius=3)
        done = bar.copy()
        done.width = round(bar.width * obs.relative_time)
        pygame.draw.rect(surface, p.rgb("muted"), done, border_radius=3)
        right = bar.left - 12
    if right - t.get_width() >= sub_rect.right + 12:
        blit_right(texts, surface, t, right, line2, area)


def blit_right(
    texts: Text, surface: pygame.Surface, image: pygame.Surface, right: int, top: int, area: pygame.Rect
) -> int:
    """Draw a text ending at `right`; returns where it starts."""
    rect = image.get_rect(topright=(right, top))
    blit(texts, surface, image, rect, area)
    return rect.left


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

    def needed(side: Side) -> int:
        d, lead = view.left.public.delegations[side.index], view.member(side)
        flag = line_height(small) * 3 // 2 + 6
        return max(bold.size(d.name)[0] + flag, small.size(lead.called)[0], small.size(lead.role)[0])

    face_w = min(area.height - 8, round((area.width * 0.3) * 0.35))
    side_w = min(int(area.width * 0.3), max(needed(side) for side in Side) + face_w + 16)
    boxes = {
        view.me: pygame.Rect(area.left + 8, area.top + 4, side_w, area.height - 8),
        view.me.other: pygame.Rect(area.right - 8 - side_w, area.top + 4, side_w, area.height - 8),
    }
    for side, box in boxes.items():
        delegation = view.left.public.delegations[side.index]
        lead = view.member(side)
        colour = view.colour(side)
        flag_h = max(12, min(box.height // 2, line_height(small)))
        flag_size = (flag_h * 3 // 2, flag_h)
        at_left = box.left == area.left + 8
        # who speaks and their role may take a text two or three steps smaller (never below the smallest size's)
        smalls = (small, *(font(lay.fonts.small - k) for k in (2, 3) if lay.fonts.small - k >= SMALLEST))
        face, lines = card_lines(view, side, box, min(box.height, face_w), bold, smalls, flag_size[0] + 6)
        face_rect = pygame.Rect(0, box.top + (box.height - face) // 2, face, face)
        face_rect.left = box.left if at_left else box.right - face
        surface.blit(assets.portrait(lead.role or lead.name, colour, face_rect.size), face_rect)
        text_left = face_rect.right + 8 if at_left else box.left
        text_w = box.width - face - 8
        height = sum(line_height(f) for f, _, _ in lines)
        y = box.top + (box.height - height) // 2
        for k, (f, line, c) in enumerate(lines):
            image = f.render(line, True, c)
            x = text_left if at_left else text_left + text_w - image.get_width()
            if k == 0:
                flag_rect = pygame.Rect(0, y + (line_height(f) - flag_h) // 2, *flag_size)
                if at_left:
                    flag_rect.left, x = x, x + flag_size[0] + 6
                else:
                    flag_rect.right, x = text_left + text_w, x - flag_size[0] - 6
                surface.blit(assets.flag(delegation.id, colour, flag_size), flag_rect)
            blit(texts, surface, image, image.get_rect(topleft=(x, y)), area)
            y += line_height(f)
    bubble = pygame.Rect(
        boxes[view.me].right + 24, area.top + 4, boxes[view.me.other].left - boxes[view.me].right - 48, area.height - 8
    )
    draw_bubble(surface, texts, view, lay, bubble, last_said(view.left), boxes)


Line = tuple[pygame.font.Font, str, Colour]
SMALLEST = 12
"""The smallest text a delegation card or the speech bubble is given (the small text at the smallest size)."""


def card_lines(
    view: TableView,
    side: Side,
    box: pygame.Rect,
    face: int,
    bold: pygame.font.Font,
    smalls: tuple[pygame.font.Font, ...],
    flag_w: int,
) -> tuple[int, list[Line]]:
    """A delegation card's portrait size and lines: its name (beside the flag), who speaks and their role, each
    wrapped, never cut. Where they do not fit the portrait gives way, then the name gives its short form, then
    who speaks and their role take a smaller text, then the role and the speaker's name go (the brief has
    them)."""
    delegation, lead = view.left.public.delegations[side.index], view.member(side)
    colour, p = view.colour(side), view.palette

    def lines(face: int, name: str, parts: int, small: pygame.font.Font) -> list[Line]:
        width = box.width - face - 8
        heads = wrap(name, bold, width - flag_w)
        if len(heads) > 1:  # the flag beside the first line only: the rest have its width too
            heads = [*wrap(name, bold, width - flag_w)[:1], *wrap(" ".join(heads[1:]), bold, width)]
        out: list[Line] = [(bold, t, colour) for t in heads]
        for text, c in ((lead.called, p.rgb("text")), (lead.role, p.rgb("muted")))[:parts]:
            out += [(small, t, c) for t in wrap(text, small, width)]
        return out

    def fits(candidate: list[Line], width: int) -> bool:
        tall = sum(line_height(f) for f, _, _ in candidate) <= box.height
        return tall and all(f.size(t)[0] + (flag_w if k == 0 else 0) <= width for k, (f, t, _) in enumerate(candidate))

    tries = [
        (f, n, k, small)
        for k in (2, 1, 0)
        for small in (smalls if k else smalls[:1])
        for n in (delegation.name, delegation.short)
        for f in (face, face * 2 // 3, face // 2)
    ]
    for f, name, parts, small in tries:
        candidate = lines(f, name, parts, small)
        if fits(candidate, box.width - f - 8):
            return f, candidate
    return face * 2 // 3, [(bold, shorten(delegation.short, bold, box.width - face * 2 // 3 - 8 - flag_w), colour)]


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
    inner = bubble.inflate(-20, -6)
    heads, lines, (head_font, body) = bubble_lines(said, view, inner, lay.fonts.small)
    y = inner.top
    for head in heads:
        image = head_font.render(head, True, colour)
        blit(texts, surface, image, image.get_rect(topleft=(inner.left, y)), bubble)
        y += line_height(head_font)
    for line in lines:
        image = body.render(line, True, p.rgb("text"))
        blit(texts, surface, image, image.get_rect(topleft=(inner.left, y)), bubble)
        y += line_height(body)


BubbleFonts = tuple[pygame.font.Font, pygame.font.Font]


def bubble_lines(
    said: LogEntry, view: TableView, inner: pygame.Rect, size: int
) -> tuple[list[str], list[str], BubbleFonts]:
    """The speech bubble's heading lines and words' lines, and the fonts they are in: the whole line if it
    fits, with the issues' full names or the record's short ones, in the bubble's text size or up to three
    steps smaller; else two lines of it at least, in the largest text that has room for them, cut at the end
    of the last."""

    def layout(label: str, text: str, step: int) -> tuple[list[str], list[str], int, BubbleFonts]:
        """The heading's lines (two at most, a multi-issue trade is a long heading; one where two would leave
        no room for the words), the words' lines, and how many of those have room."""
        head_font, body = font(size - step, bold=True), font(size - step)
        head = f"{said.speaker} · {label}" if label else said.speaker
        heads = wrap(head, head_font, inner.width)
        most = 2 if inner.height >= 2 * line_height(head_font) + line_height(body) else 1  # a line left for words
        if len(heads) > most:
            heads = [*heads[: most - 1], shorten(" ".join(heads[most - 1 :]), head_font, inner.width)]
        heads = [shorten(h, head_font, inner.width) for h in heads]
        room = max(0, (inner.height - len(heads) * line_height(head_font)) // line_height(body))
        return heads, wrap(f"“{text}”", body, inner.width), room, (head_font, body)

    texts = [spelled_out(view.left.space, said), (said.label, said.text)]
    steps = [step for step in (0, 1, 2, 3) if step == 0 or size - step >= SMALLEST]
    tries = [layout(label, text, step) for step in steps for label, text in texts]
    whole = [t for t in tries if len(t[1]) <= t[2] and t[2] > 0]
    if whole:
        heads, lines, _, fonts = whole[0]
        return heads, lines, fonts
    # nothing shows all of it: two lines at least in the largest text that has them (else the most lines),
    # the last one cut at its end
    two = [t for t in tries if t[2] >= 2]
    heads, lines, room, fonts = two[0] if two else max(tries, key=lambda t: min(len(t[1]), t[2]))
    if len(lines) > room > 0:
        lines = [*lines[: room - 1], shorten(lines[room - 1] + " " + " ".join(lines[room:]), fonts[1], inner.width)]
    return heads, lines[:room], fonts


# ----- the footer and the gauges ----------------------------------------------------------------
def legend_captions(view: TableView) -> tuple[str, ...]:
    """The legend's captions, in the order `draw_footer` draws their marks."""
    return (
        *(() if view.watch else (tr("your target"), tr("your red line"))),
        tr("{who} offer", who=view.short(view.me)),
        tr("{who} offer", who=view.short(view.me.other)),
        tr("declared red line"),
    )


def draw_footer(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, message: list[str]) -> None:
    """The legend, then one line: the first of `message` that fits (a refusal, why Accept is closed), else the
    scores."""
    p = view.palette
    f = font(lay.fonts.row)
    area = lay.footer
    y = area.top + 4
    mark = legend_mark(f)
    me, them = view.colour(view.me), view.colour(view.me.other)

    def marks(x: int, cy: int) -> list[Callable[[], object]]:
        return [
            *(
                ()
                if view.watch
                else (
                    lambda: diamond(surface, p.rgb("target"), x, cy, mark),
                    lambda: pygame.draw.line(surface, p.rgb("red_line"), (x, cy - mark), (x, cy + mark), 3),
                )
            ),
            lambda: triangle(surface, me, x, cy + mark // 2, mark, up=False),
            lambda: triangle(surface, them, x, cy - mark // 2, mark, up=True),
            lambda: pygame.draw.line(surface, p.rgb("bad"), (x, cy - mark), (x, cy + mark), 3),
        ]

    # the whole legend, on as many lines as it takes (a cut legend explains half the marks)
    captions = legend_captions(view)
    for line in lay.legend_lines:
        x = area.left + 8
        for k in line:
            img = f.render(captions[k], True, p.rgb("muted"))
            marks(x + mark, y + f.get_height() // 2)[k]()
            blit(texts, surface, img, img.get_rect(topleft=(x + 2 * mark + 6, y)), area)
            x += 2 * mark + 6 + img.get_width() + 18
        y += line_height(f)
    if lay.legend_lines:
        y += 4
    bold = font(lay.fonts.row, bold=True)
    lines = message or summary_lines(view)
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


def thinking_dots() -> str:
    return "." * (1 + int(time.monotonic() * 2) % 3)

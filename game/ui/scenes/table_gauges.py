"""The negotiating table's gauges: trust both ways and each legislature's support, their captions wrapped."""

from __future__ import annotations

import pygame

from game.engine.rules import AUDIENCE_COST_TRUST
from game.i18n import tr
from game.ui.palette import Colour
from game.ui.scenes.table_layout import TableLayout
from game.ui.scenes.table_view import TableView, Text
from game.ui.widgets import gauge, gauge_caption, gauge_height

Gauge = tuple[str, float | None, Colour, float | None, str]
"""A gauge's caption, value, colour, threshold mark and note."""


def gauges_height(view: TableView, size: int, width: int) -> int:
    """The height the gauges need at a width: their captions wrap rather than being cut."""
    unknown = tr("no offer yet")
    return sum(gauge_height(len(gauge_caption(g[0], g[4], unknown, width, size)), size) for g in gauge_rows(view))


def draw_gauges(surface: pygame.Surface, texts: Text, view: TableView, lay: TableLayout, size: int) -> None:
    """The gauges, each as tall as its caption's lines, the spare height shared between them."""
    p = view.palette
    r = lay.gauges
    text, track = p.rgb("text"), p.rgb("track")
    unknown = tr("no offer yet")
    rows = gauge_rows(view)
    wanted = [len(gauge_caption(g[0], g[4], unknown, r.width, size)) for g in rows]
    lines = [1] * len(rows)  # where the window is too small for every caption's lines, the first ones get theirs
    step = gauge_height(2, size) - gauge_height(1, size)
    for k, n in enumerate(wanted):  # packed closer (4px under each, not 10) before a caption loses a line
        while lines[k] < n and sum(gauge_height(m, size) - 6 for m in lines) + step <= r.height:
            lines[k] += 1
    heights = [gauge_height(n, size) for n in lines]
    spare = max(-6, (r.height - sum(heights)) // len(rows))  # the space under each is 10px, 4 at least
    y = r.top
    for (caption, value, colour, mark, note), h in zip(rows, heights, strict=True):
        box = pygame.Rect(r.left, y, r.width, h - 10 + max(0, spare))
        texts += [(t, r) for t in gauge(surface, box, caption, value, colour, text, track, size, mark, note, unknown)]
        y += h + spare


def gauge_rows(view: TableView) -> list[Gauge]:
    p = view.palette
    obs = view.left
    rows: list[Gauge] = []
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
                " " + tr("est."),
            ),
            (
                tr("{body}: support for your proposal", body=domestic.body),
                support,
                p.rgb("good") if support >= domestic.threshold else p.rgb("bad"),
                domestic.threshold,
                "",
            ),
            (
                tr("{body}: support for it (your estimate)", body=them.ratifier),
                estimate,
                theirs,
                None,
                " " + tr("est."),
            ),
        ]
    return rows


def _their_support_estimate(view: TableView) -> float | None:
    """A guess at the other legislature's support for the draft: how close it comes to what their side has
    asked for, on a scale from their opening (0.9) to the far end of each issue (0.3)."""
    obs = view.left
    if not obs.their_offers or view.draft is None:
        return None
    values = [view.issue_value(view.me.other, i, level) for i, level in enumerate(view.draft.levels)]
    return 0.3 + 0.6 * sum(v or 0.0 for v in values) / len(values)

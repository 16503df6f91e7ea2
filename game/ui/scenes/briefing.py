"""The confidential brief of the player's delegation: first one screen (goals ranked, red lines, what is known
of the other side, the calendar), then the full text on request. It opens before the game and at the table."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.engine.observation import Observation
from game.i18n import long_date, tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Side
from game.session import Session
from game.ui.scene import Scene
from game.ui.scenes.table_view import priority_words


def brief_html(session: Session, side: Side) -> str:
    obs = session.observe(side)
    space = obs.space
    prefs = obs.preferences
    me = obs.public.delegations[side.index]
    parts = [f"<b>{escape(tr('CONFIDENTIAL: for the {name} delegation only', name=me.name))}</b><br><br>"]
    parts.append(escape(obs.brief.text).replace("\n\n", "<br><br>").replace("\n", " "))
    parts.append(f"<br><br><b>{escape(tr('Your team'))}</b><br>")
    parts += [f"{escape(m.called)}, {escape(m.role)}<br>" for m in me.members]
    parts.append(f"<br><b>{escape(tr('Your instructions, issue by issue'))}</b><br>")
    weights = [float(w) for w in prefs.weights]
    for i, name in enumerate(space.names):
        d = space.domains[i]
        opening, target, red = (
            escape(d.format(d.levels[k])) for k in (prefs.openings[i], prefs.targets[i], prefs.red_lines[i])
        )
        parts.append(
            f"<b>{escape(name)}</b> ({priority_words(weights[i], weights)}): "
            + escape(tr("open at"))
            + f" {opening}; "
            + escape(tr("aim for"))
            + f" {target}; "
            + escape(tr("never accept beyond"))
            + f" {red}.<br>"
            f"<i>{escape(space.descriptions[i])}</i><br>"
        )
    domestic = obs.brief.domestic
    parts.append(
        f"<br><b>{escape(tr('At home'))}</b><br>"
        + escape(
            tr(
                "Any agreement must be ratified by the {body}, which needs {t:.0%} support.",
                body=domestic.body,
                t=domestic.threshold,
            )
        )
        + (f" {escape(domestic.note)}" if domestic.note else "")
        + "<br>"
        + escape(
            tr(
                "With no agreement at all you keep your fallback (worth {nd:.0%} of your best case); "
                "you score 0 to 100 by how much better than that the ratified outcome is.",
                nd=prefs.no_deal,
            )
        )
    )
    parts.append(f"<br><br><b>{escape(tr('The calendar'))}</b><br>")
    for m in obs.public.meetings:
        place = f", {escape(m.place)}" if named_apart(m.title, m.place) else ""
        parts.append(f"{long_date(m.date)}: {escape(m.title)}{place} ({m.exchanges} {escape(tr('exchanges'))})<br>")
    parts.append(f"{long_date(obs.public.deadline_date)}: <b>{escape(obs.public.deadline)}</b>")
    return "".join(parts)


def _h(text: str) -> str:
    return f"<b>{escape(text)}</b><br>"


def _raw(obs: Observation, issue: int, level: int) -> str:
    domain = obs.space.domains[issue]
    return domain.format(domain.levels[level])


def _value(obs: Observation, issue: int, level: int) -> str:
    return escape(_raw(obs, issue, level))


def goals_html(obs: Observation) -> str:
    """The issues from the most to the least important to this side, each with its aim and its opening."""
    prefs = obs.preferences
    weights = [float(w) for w in prefs.weights]
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    parts = [_h(tr("Your goals, most important first"))]
    for rank, i in enumerate(order, 1):
        parts.append(
            f"{rank}. <b>{escape(obs.space.names[i])}</b> ({escape(priority_words(weights[i], weights))}): "
            + escape(
                tr(
                    "aim for {target}, open at {opening}",
                    target=_raw(obs, i, prefs.targets[i]),
                    opening=_raw(obs, i, prefs.openings[i]),
                )
            )
            + "<br>"
        )
    return "".join(parts)


def red_lines_html(obs: Observation) -> str:
    prefs = obs.preferences
    parts = [_h(tr("Your red lines: never accept beyond"))]
    parts += [
        f"<b>{escape(name)}</b>: {_value(obs, i, prefs.red_lines[i])}<br>" for i, name in enumerate(obs.space.names)
    ]
    domestic = obs.brief.domestic
    parts.append(
        "<br>"
        + escape(
            tr(
                "At home, the {body} must ratify any agreement with {t:.0%} support.",
                body=domestic.body,
                t=domestic.threshold,
            )
        )
    )
    return "".join(parts)


def theirs_html(obs: Observation) -> str:
    """What this side knows of the other: only what is public, and what they have said at the table."""
    them = obs.public.delegations[obs.side.other.index]
    lead = next((m for m in them.members if m.lead), them.members[0])
    parts = [_h(tr("What you know of the {name} delegation", name=them.name))]
    parts.append(escape(tr("Led by {name}, {role}.", name=lead.called, role=lead.role)))
    if them.ratifier:
        parts.append(" " + escape(tr("Their agreement must pass the {body}.", body=them.ratifier)))
    parts.append("<br><br>")
    if obs.declared_theirs:
        parts.append(_h(tr("Their declared red lines")))
        parts += [f"{escape(obs.space.names[i])}: {_value(obs, i, level)}<br>" for i, level in obs.declared_theirs]
    else:
        parts.append(escape(tr("They have declared no red line yet.")) + "<br>")
    if obs.their_offer is not None:
        parts.append("<br>" + _h(tr("Their standing offer")))
        parts += [
            f"{escape(obs.space.names[i])}: {_value(obs, i, level)}<br>"
            for i, level in enumerate(obs.their_offer.levels)
        ]
    else:
        parts.append(escape(tr("They have not tabled a package yet.")))
    return "".join(parts)


def named_apart(title: str, place: str) -> bool:
    """Whether a meeting's place is worth adding to its title: not when the title names it already, in any
    grammatical case ("Встреча министров в Москве", Москва: the brief said Moscow twice)."""
    if not place:
        return False
    stem = place.lower()[: max(4, len(place) - 2)]
    return stem not in title.lower()


def calendar_html(obs: Observation) -> str:
    parts = [_h(tr("The calendar to the deadline: {deadline}", deadline=obs.public.deadline))]
    for k, m in enumerate(obs.public.meetings):
        now = k == obs.meeting
        line = f"{long_date(m.date)}: {escape(m.title)}" + (
            f", {escape(m.place)}" if named_apart(m.title, m.place) else ""
        )
        line += f" ({m.exchanges} {escape(tr('exchanges'))})"
        parts.append((f"<b>▶ {line} · {escape(tr('now'))}</b>" if now else line) + "<br>")
    parts.append(f"{long_date(obs.public.deadline_date)}: <b>{escape(obs.public.deadline)}</b>")
    return "".join(parts)


class BriefingScene(Scene):
    """The brief on one screen. Before the game it leads to the table (or the next person's brief);
    at the table (`at_table`) it closes back onto the table as it was."""

    def __init__(
        self,
        app,  # noqa: ANN001
        session: Session,
        side: Side,
        briefed: tuple[Side, ...] = (),
        at_table: bool = False,
    ) -> None:
        super().__init__(app)
        self.session, self.side, self.briefed, self.at_table = session, side, (*briefed, side), at_table

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        me = self.session.rules.public.delegations[self.side.index]
        heading = self.label((30, 14, w - 60, round(44 * s)), "", "heading")
        words = (
            tr("Briefing: the {name} delegation (confidential)", name=me.name),
            tr("Briefing: {name}", name=me.name),
        )
        heading.set_text(next((t for t in words if heading.font.size(t)[0] <= w - 60), words[-1]))
        if self.at_table:
            specs = [
                (tr("Read the full brief"), self.full, pygame.K_f),
                (tr("Back to the table"), self.app.pop, pygame.K_RETURN),
            ]
        else:
            specs = [
                (tr("Title screen"), self.app.to_title, pygame.K_ESCAPE),
                (tr("Read the full brief"), self.full, pygame.K_f),
                (tr("To the table"), self.next, pygame.K_RETURN),
            ]
        bottom = self.button_row(specs, s) - 8
        obs = self.session.observe(self.side)
        top = 24 + round(44 * s)
        col = (w - 60 - 16) // 2
        self.room: pygame.Rect | None = None
        coach = self.app.coach.ahead("briefing") if self.app.coach is not None else None
        if coach is not None and not self.at_table:
            # the tutorial's bubble gets a strip of its own above the buttons: over the panels it hid the calendar
            shape = coach.shapes(w, pygame.Rect(0, 0, w - 60, (bottom - top) // 3))
            self.room = pygame.Rect(30, bottom - shape.height, w - 60, shape.height)
            bottom = self.room.top - 8
        room = bottom - top - 12
        self.brief_rect = pygame.Rect(30, top, w - 60, room + 12)
        panels = (goals_html(obs), red_lines_html(obs), theirs_html(obs), calendar_html(obs))
        heights = self.row_heights(panels, col, room)
        self.panels = []
        for k, html in enumerate(panels):
            x = 30 + (k % 2) * (col + 16)
            y = top + (k // 2) * (heights[0] + 12)
            self.panels.append(UITextBox(html, pygame.Rect(x, y, col, heights[k // 2]), self.manager).rect)
        if self.focus < 0:
            self.focus = len(self.actions) - 1

    def row_heights(self, panels: tuple[str, ...], col: int, room: int) -> tuple[int, int]:
        """The two rows of panels share the room by what their text needs: equal halves left the goals and
        red lines scrolling over a half-empty calendar."""
        needed = []
        for row in (panels[:2], panels[2:]):
            boxes = [
                UITextBox(html, pygame.Rect(0, 0, col, -1), self.manager) for html in row
            ]  # -1: as tall as its text
            needed.append(max(box.rect.height for box in boxes) + 4)
            for box in boxes:
                box.kill()
        first, second = needed
        if first + second <= room:  # everything fits: the spare height is shared in proportion
            first = round(room * first / (first + second))
        else:  # the row that needs less keeps what it needs, up to half; the other scrolls
            first = room - min(second, room // 2) if first >= second else min(first, room // 2)
        return first, room - first

    def full(self) -> None:
        self.app.push(FullBriefScene(self.app, self.session, self.side))

    def tutorial_target(self, name: str) -> pygame.Rect | None:
        return pygame.Rect(self.brief_rect) if name == "brief" else None

    def coach_room(self) -> pygame.Rect | None:
        return self.room

    def coach_avoid(self) -> list[pygame.Rect]:
        """The goals, the red lines, what is known of them and the calendar: the coach covers none."""
        return [pygame.Rect(r) for r in self.panels]

    def back(self) -> None:
        self.app.pop() if self.at_table else self.app.to_title()

    def next(self) -> None:
        from game.ui.scenes.handover import private
        from game.ui.scenes.table import TableScene

        session = self.session
        unbriefed = [side for side in session.people if side not in self.briefed]
        if unbriefed:
            brief = BriefingScene(self.app, session, unbriefed[0], self.briefed)
            self.app.replace(private(self.app, session, unbriefed[0], brief))
            return
        first = session.state.to_move if session.is_person(session.state.to_move) else self.side
        table = TableScene(self.app, session, first)
        self.app.replace(table if first is self.side else private(self.app, session, first, table))


class FullBriefScene(Scene):
    """The whole confidential brief as the scenario writes it."""

    def __init__(self, app, session: Session, side: Side) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session, self.side = session, side

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        me = self.session.rules.public.delegations[self.side.index]
        self.label(
            (30, 14, w - 60, round(44 * s)), tr("The full brief: the {name} delegation", name=me.name), "heading"
        )
        top = 24 + round(44 * s)
        bottom = self.button_row([(tr("Back to the summary"), self.app.pop, pygame.K_ESCAPE)], s) - 8
        UITextBox(brief_html(self.session, self.side), pygame.Rect(30, top, w - 60, bottom - top), self.manager)
        self.focus = 0

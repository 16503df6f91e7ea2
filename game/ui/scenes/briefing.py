"""The confidential brief of the player's delegation: the situation, the team, the issues, the calendar."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import long_date, tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Side
from game.session import Session
from game.ui.scene import Scene
from game.ui.scenes.table import priority_words


def brief_html(session: Session, side: Side) -> str:
    obs = session.observe(side)
    space = obs.space
    prefs = obs.preferences
    me = obs.public.delegations[side.index]
    parts = [f"<b>{escape(tr('CONFIDENTIAL: for the {name} delegation only', name=me.name))}</b><br><br>"]
    parts.append(escape(obs.brief.text).replace("\n\n", "<br><br>").replace("\n", " "))
    parts.append(f"<br><br><b>{escape(tr('Your team'))}</b><br>")
    parts += [f"{escape(m.name)}, {escape(m.role)}<br>" for m in me.members]
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
        place = f", {escape(m.place)}" if m.place else ""
        parts.append(f"{long_date(m.date)}: {escape(m.title)}{place} ({m.exchanges} {escape(tr('exchanges'))})<br>")
    parts.append(f"{long_date(obs.public.deadline_date)}: <b>{escape(obs.public.deadline)}</b>")
    return "".join(parts)


class BriefingScene(Scene):
    def __init__(self, app, session: Session, side: Side, briefed: tuple[Side, ...] = ()) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session, self.side, self.briefed = session, side, (*briefed, side)

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(42 * s)
        me = self.session.rules.public.delegations[self.side.index]
        self.label((30, 14, w - 60, round(44 * s)), tr("Briefing: the {name} delegation", name=me.name), "heading")
        top = 24 + round(44 * s)
        self.brief_rect = pygame.Rect(30, top, w - 60, h - top - bh - 36)
        UITextBox(brief_html(self.session, self.side), self.brief_rect, self.manager)
        self.button((30, h - bh - 20, 220, bh), tr("Title screen"), self.app.to_title)
        self.button((w - 330, h - bh - 20, 300, bh), tr("To the table"), self.next, pygame.K_RETURN)
        if self.focus < 0:
            self.focus = 1

    def tutorial_target(self, name: str) -> pygame.Rect | None:
        return pygame.Rect(self.brief_rect) if name == "brief" else None

    def back(self) -> None:
        self.app.to_title()

    def next(self) -> None:
        from game.ui.scenes.handover import HandoverScene
        from game.ui.scenes.table import TableScene

        session = self.session
        unbriefed = [side for side in session.people if side not in self.briefed]
        if unbriefed:
            brief = BriefingScene(self.app, session, unbriefed[0], self.briefed)
            self.app.replace(HandoverScene(self.app, session, unbriefed[0], then=brief))
            return
        first = session.state.to_move if session.is_person(session.state.to_move) else self.side
        table = TableScene(self.app, session, first)
        if first is not self.side:
            self.app.replace(HandoverScene(self.app, session, first, then=table))
        else:
            self.app.replace(table)

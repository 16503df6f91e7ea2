"""How the talks end, before the debrief: the signing of the joint statement, the ratification votes
counted to the result the engine drew, or the scene of a walk-out, a missed deadline or a forfeit.

The engine has decided everything already (state.ending, state.ratification): these scenes only show it.
"""

from __future__ import annotations

import datetime as dt
import time

import pygame

from game.engine.moves import Accept
from game.engine.state import Ending, GameState, Ratification
from game.i18n import N_, long_date, tr
from game.scenario.preferences import Side
from game.session import Session
from game.ui import assets
from game.ui.fonts import font, line_height, shorten, wrap
from game.ui.scene import Scene
from game.ui.theme import font_size

COUNT_SECONDS = 3.0
"""How long the count of a vote takes on screen (at the normal AI speed; instant in tests)."""


def after_the_talks(app, session: Session, side: Side) -> Scene:  # noqa: ANN001
    """The first scene after the last move: a signing when there is an agreement, else what ended the talks."""
    if session.state.agreement is not None:
        return SigningScene(app, session, side)
    return NoDealScene(app, session, side)


def to_debrief(app, session: Session, side: Side) -> None:  # noqa: ANN001
    from game.ui.scenes.debrief import DebriefScene

    app.reset_to(DebriefScene(app, session, side))


def closing_date(session: Session) -> dt.date:
    """The date of the meeting the game ended in."""
    state = session.state
    meeting = state.log[-1].meeting if state.log else state.meeting
    return session.rules.public.meetings[meeting].date


class EndingScene(Scene):
    """A page on the table with one button on to the next scene."""

    next_label = N_("Continue")

    def __init__(self, app, session: Session, side: Side) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session, self.side = session, side
        self.opened = time.monotonic()

    @property
    def state(self) -> GameState:
        return self.session.state

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(42 * s)
        bw = min(w - 60, round(320 * s))
        self.paper = pygame.Rect(60, 20, w - 120, h - bh - 60)
        self.button((w - 30 - bw, h - bh - 20, bw, bh), tr(self.next_label), self.next, pygame.K_RETURN)
        self.focus = 0

    def back(self) -> None:
        """Esc does nothing here: these pages have no way back, and going on is the button's (Enter) alone,
        so Esc never skips the signing or the vote unseen."""

    def next(self) -> None:
        to_debrief(self.app, self.session, self.side)

    def elapsed(self) -> float:
        """Seconds since the scene opened, scaled by the AI speed (0: everything shown at once)."""
        delay = self.app.settings.ai_delay
        return float("inf") if delay == 0 else (time.monotonic() - self.opened) / delay

    def lines(
        self,
        surface: pygame.Surface,
        texts: list[tuple[pygame.font.Font, str, tuple[int, int, int]]],
        y: int,
        bottom: int,
    ) -> int:
        """Wrapped paragraphs down the paper from y, stopping above `bottom`; returns where they end."""
        inner = self.paper.inflate(-60, 0)
        for f, text, colour in texts:
            for line in wrap(text, f, inner.width):
                if y + line_height(f) > bottom:
                    return y
                image = f.render(line, True, colour)
                self.text(surface, image, image.get_rect(topleft=(inner.left, y)), self.paper)
                y += line_height(f)
            y += line_height(f) // 2
        return y

    def draw_paper(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, self.palette.rgb("panel"), self.paper, border_radius=4)
        pygame.draw.rect(surface, self.palette.rgb("panel_border"), self.paper, 1, border_radius=4)


class SigningScene(EndingScene):
    """The joint statement as agreed, signed by both delegation heads, with the date."""

    next_label = N_("To the ratification votes")
    room: pygame.Rect | None = None
    """The paper left blank between the clauses and the signatures."""

    def coach_room(self) -> pygame.Rect | None:
        return self.room

    def next(self) -> None:
        if self.state.ratification:
            self.app.replace(RatificationScene(self.app, self.session, self.side))
        else:
            to_debrief(self.app, self.session, self.side)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_paper(surface)
        p = self.palette
        s = self.app.settings.text_scale
        rules = self.session.rules
        public = rules.public
        state = self.state
        assert state.agreement is not None
        title = font(font_size(s, 10), bold=True)
        body = font(font_size(s, -1))
        bold = font(font_size(s, -1), bold=True)
        us, ussr = public.delegations
        date = closing_date(self.session)
        accepted = next((e for e in reversed(state.log) if isinstance(e.move, Accept)), None)
        meeting = public.meetings[accepted.meeting if accepted else state.meeting]
        heading = title.render(tr("Joint statement"), True, p.rgb("text"))
        y = self.paper.top + 16
        self.text(surface, heading, heading.get_rect(midtop=(self.paper.centerx, y)), self.paper)
        y += line_height(title) + 4
        # the place, not the meeting's title: "meeting at Karpov–Baker meeting" is not English
        names = {"a": us.name, "b": ussr.name, "ra": us.ratifier, "rb": ussr.ratifier, "place": meeting.place}
        # the place, not the meeting's title: "meeting at Karpov–Baker meeting" is not English
        intro = tr(
            N_(
                "The {a} and the {b} delegations, meeting in {place}, agree ad referendum on the following, "
                "subject to ratification by the {ra} and the {rb}:"
            )
            if meeting.place
            else N_(
                "The {a} and the {b} delegations agree ad referendum on the following, "
                "subject to ratification by the {ra} and the {rb}:"
            ),
            **names,
        )
        clauses = [(body, intro, p.rgb("text"))]
        for k, (name, domain, level) in enumerate(
            zip(public.space.names, public.space.domains, state.agreement.levels, strict=True), 1
        ):
            clauses.append((bold, f"{k}. {name}: {domain.format(domain.levels[level])}.", p.rgb("text")))
        sign_h = font_size(s, 12) * 2 + line_height(font(font_size(s, -3))) * 3 + 16
        end = self.lines(surface, clauses, y, self.paper.bottom - sign_h)
        self.room = pygame.Rect(self.paper.left + 30, end, self.paper.width - 60, self.paper.bottom - sign_h - end)
        signed = self.elapsed()
        for k, side in enumerate(Side):
            box = pygame.Rect(0, self.paper.bottom - sign_h, (self.paper.width - 90) // 2, sign_h - 8)
            box.left = self.paper.left + 30 + k * (box.width + 30)
            self.signature(surface, box, side, date, shown=signed > 0.8 + 1.2 * k)

    def signature(self, surface: pygame.Surface, box: pygame.Rect, side: Side, date: dt.date, shown: bool) -> None:
        p = self.palette
        s = self.app.settings.text_scale
        rules = self.session.rules
        delegation = rules.public.delegations[side.index]
        # who signs is who spoke for the side at the meeting that agreed (Shevardnadze in Moscow)
        speaker = rules.speaker_name(self.state, side)
        lead = next((m for m in delegation.members if m.name == speaker), None) or next(
            (m for m in delegation.members if m.lead), delegation.members[0]
        )
        name = lead.called
        colour = p.rgb("us" if side is Side.US else "ussr")
        hand = font(font_size(s, 12), italic=True)
        small = font(font_size(s, -3))
        line_y = box.top + line_height(hand) + 6
        if shown:
            image = hand.render(name, True, colour)
            if image.get_width() > box.width:
                image = font(font_size(s, 2), italic=True).render(name, True, colour)
            self.text(surface, image, image.get_rect(bottomleft=(box.left + 8, line_y)), box)
        pygame.draw.line(surface, p.rgb("text"), (box.left, line_y + 2), (box.right, line_y + 2), 1)
        flag_h = line_height(small)
        surface.blit(assets.flag(delegation.id, colour, (flag_h * 3 // 2, flag_h)), (box.left, line_y + 6))
        x = box.left + flag_h * 3 // 2 + 6
        # the role on a line of its own: "Eduard Shevardnadze, Minister..." is not how Russian writes a title
        for k, text in enumerate(
            (
                name,
                lead.role,
                tr("For the {name} delegation", name=delegation.name) + f" · {long_date(date)}",
            )
        ):
            image = small.render(shorten(text, small, box.right - x), True, p.rgb("muted") if k == 2 else p.rgb("text"))
            self.text(surface, image, image.get_rect(topleft=(x, line_y + 6 + k * line_height(small))), box)


class RatificationScene(EndingScene):
    """Each ratifying body's vote, counted up to the share the engine drew, against the share it needs."""

    next_label = N_("Debrief")

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_paper(surface)
        p = self.palette
        s = self.app.settings.text_scale
        title = font(font_size(s, 8), bold=True)
        y = self.paper.top + 16
        heading = title.render(tr("Ratification"), True, p.rgb("text"))
        self.text(surface, heading, heading.get_rect(midtop=(self.paper.centerx, y)), self.paper)
        y += line_height(title) + 12
        votes = self.state.ratification
        verdict_font = font(font_size(s, 2), bold=True)
        verdict_top = self.paper.bottom - 10 - line_height(verdict_font)
        each = min((verdict_top - 12 - y) // max(1, len(votes)), self.vote_height())
        # the votes under the heading, the paper between them and the verdict left for the tutorial's coach
        self.room = pygame.Rect(self.paper.left + 30, y + each * len(votes), self.paper.width - 60, 0)
        self.room.height = max(0, verdict_top - 8 - self.room.top)
        self.boxes = []
        self.legends: list[str] = []
        self.thresholds: list[pygame.Rect] = []
        for k, vote in enumerate(votes):
            box = pygame.Rect(self.paper.left + 30, y + k * each, self.paper.width - 60, each - 12)
            self.vote(surface, box, vote, self.elapsed() - 1.5 * k)
            self.boxes.append(box)
        if self.elapsed() >= 1.5 * len(votes) + COUNT_SECONDS:
            verdict = (
                tr("The agreement is ratified by both sides.")
                if self.state.ending is Ending.RATIFIED
                else tr("Ratification fails: the agreement does not enter into force.")
            )
            image = verdict_font.render(verdict, True, p.rgb("good" if self.state.ending is Ending.RATIFIED else "bad"))
            self.text(
                surface, image, image.get_rect(midbottom=(self.paper.centerx, self.paper.bottom - 10)), self.paper
            )

    def coach_avoid(self) -> list[pygame.Rect]:
        """The votes: the tutorial's coach talks about them, so it stands clear of them."""
        return list(getattr(self, "boxes", []))

    def coach_room(self) -> pygame.Rect | None:
        return getattr(self, "room", None)

    def seat_size(self) -> int:
        """The side of one seat: fifty to a row across the paper, not larger than a line of text."""
        return max(6, min(round(30 * self.app.settings.text_scale), (self.paper.width - 62) // 50))

    def vote_height(self) -> int:
        s = self.app.settings.text_scale
        cell = self.seat_size()
        return (
            line_height(font(font_size(s, 2), bold=True)) + 6 + 2 * cell + 10 + line_height(font(font_size(s, -2))) + 18
        )

    def vote(self, surface: pygame.Surface, box: pygame.Rect, vote: Ratification, t: float) -> None:
        p = self.palette
        s = self.app.settings.text_scale
        bold = font(font_size(s, 2), bold=True)
        small = font(font_size(s, -2))
        share = vote.vote * max(0.0, min(1.0, t / COUNT_SECONDS))
        done = t >= COUNT_SECONDS
        colour = p.rgb("us" if vote.side is Side.US else "ussr")
        name = bold.render(vote.body, True, colour)
        self.text(surface, name, name.get_rect(topleft=box.topleft), box)
        need = tr("{t:.0%} needed", t=vote.threshold) if abs(vote.threshold - 2 / 3) > 0.01 else tr("two thirds needed")
        count = tr("for: {v:.0%}", v=share) + (
            " · " + (tr("ratified") if vote.passed else tr("rejected")) if done else ""
        )
        right = small.render(f"{count} · {need}", True, p.rgb("text"))
        self.text(surface, right, right.get_rect(topright=(box.right, box.top + 4)), box)
        seats_top = box.top + line_height(bold) + 6
        self.seats(surface, pygame.Rect(box.left, seats_top, box.width, 0), vote, share, done)
        self.legend(surface, box, seats_top + 2 * self.seat_size() + 8, vote, done)

    def legend(self, surface: pygame.Surface, box: pygame.Rect, y: int, vote: Ratification, done: bool) -> None:
        """What the seats' colours and the mark mean: for, against (or not yet counted), the share needed."""
        p = self.palette
        small = font(font_size(self.app.settings.text_scale, -2))
        colour = p.rgb("us" if vote.side is Side.US else "ussr")
        swatch = line_height(small) * 2 // 3
        x = box.left
        items = [
            ((p.rgb("good") if vote.passed else p.rgb("bad")) if done else colour, tr("for")),
            (p.rgb("track"), tr("against") if done else tr("against, or not yet counted")),
            (None, tr("the share needed")),
        ]
        for fill, words in items:
            mid = y + line_height(small) // 2
            if fill is None:
                pygame.draw.line(
                    surface, p.rgb("focus"), (x + swatch // 2, y), (x + swatch // 2, y + line_height(small)), 4
                )
            else:
                pygame.draw.rect(surface, fill, pygame.Rect(x, mid - swatch // 2, swatch, swatch), border_radius=2)
            image = small.render(words, True, p.rgb("text"))
            drawn = self.text(surface, image, image.get_rect(topleft=(x + swatch + 6, y)), box)
            self.legends.append(words)
            x = drawn.right + 18

    def seats(self, surface: pygame.Surface, area: pygame.Rect, vote: Ratification, share: float, done: bool) -> None:
        """One hundred seats, each a hundredth of the body, filled in as the votes are counted; a line at
        the share needed."""
        p = self.palette
        cols = 50  # two rows of 50
        cell = self.seat_size()
        gap = max(1, cell // 6)
        colour = p.rgb("us" if vote.side is Side.US else "ussr")
        counted = round(100 * share)
        for k in range(100):
            r, c = divmod(k, cols)
            seat = pygame.Rect(area.left + c * cell, area.top + r * cell, cell - gap, cell - gap)
            if k < counted:
                fill = (p.rgb("good") if vote.passed else p.rgb("bad")) if done else colour
                pygame.draw.rect(surface, fill, seat, border_radius=2)
            else:
                pygame.draw.rect(surface, p.rgb("track"), seat, border_radius=2)
        # the mark after the last seat needed (the 50th ends the first row, not starts the second), taller than
        # a row and in the focus colour: where the rows wrap a thin line at a row's start was easy to miss
        needed = round(100 * vote.threshold)
        r, c = divmod(max(0, needed - 1), cols)
        x = area.left + (c + 1) * cell - gap // 2 - 1
        mark = pygame.Rect(x - 2, area.top + r * cell - cell // 2, 5, cell + cell // 2 + cell // 2)
        mark.top = max(mark.top, area.top - 4)
        pygame.draw.rect(surface, p.rgb("focus"), mark)
        self.thresholds.append(mark)


class NoDealScene(EndingScene):
    """A walk-out, a missed deadline or a forfeit: who ended the talks, and when."""

    next_label = N_("Debrief")

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_paper(surface)
        p = self.palette
        s = self.app.settings.text_scale
        state = self.state
        public = self.session.rules.public
        date = closing_date(self.session)
        by = state.ended_by
        who = public.delegations[by.index].name if by is not None else ""
        last = next((e for e in reversed(state.log) if e.side is not None and e.move is not None), None)
        if state.ending is Ending.WALKOUT:
            heading = tr("The {who} delegation walks out", who=who)
        elif state.ending is Ending.FORFEIT:
            heading = tr("The {who} delegation cannot go on", who=who)
        else:
            heading = tr("{deadline}: no agreement", deadline=public.deadline)
        paragraphs = [(font(font_size(s, 10), bold=True), heading, p.rgb("text"))]
        if state.ending is Ending.DEADLINE:
            text = tr(
                "The calendar has run out: {deadline}, {date}, and the delegations have nothing to sign.",
                date=long_date(public.deadline_date),
                deadline=public.deadline,
            )
        else:
            text = tr(
                "{date}, {meeting}.", date=long_date(date), meeting=public.meetings[last.meeting if last else 0].title
            )
        paragraphs.append((font(font_size(s)), text, p.rgb("muted")))
        if last is not None and state.ending is not Ending.DEADLINE:
            paragraphs.append((font(font_size(s, 2), italic=True), f"{last.speaker}: “{last.text}”", p.rgb("text")))
        paragraphs.append(
            (font(font_size(s)), tr("Both sides keep what they had without an agreement."), p.rgb("text"))
        )
        paragraphs += self.where_it_stopped()
        self.lines(surface, paragraphs, self.paper.top + 24, self.paper.bottom - 8)

    def where_it_stopped(self) -> list[tuple[pygame.font.Font, str, tuple[int, int, int]]]:
        """Each side's last offer, issue by issue: what the talks came to (the page was otherwise blank)."""
        s = self.app.settings.text_scale
        rules, history = self.session.rules, self.state.offer_history
        last = [offers[-1] if offers else None for offers in history]
        if last == [None, None]:
            return []
        body, ink = font(font_size(s, -1)), self.palette.rgb("text")
        shorts = [rules.side_model(side).short for side in Side]
        rows = []
        for i, (name, domain) in enumerate(zip(rules.space.names, rules.space.domains, strict=True)):
            values = [
                f"{short} {domain.format(domain.levels[pk.levels[i]]) if pk is not None else '—'}"
                for short, pk in zip(shorts, last, strict=True)
            ]
            rows.append(f"{name}: {values[0]} · {values[1]}")
        # one paragraph, a line per issue: no gap between them, so the largest text still fits them all
        heading = (font(font_size(s, 2), bold=True), tr("Where the talks stopped: each side's last offer"), ink)
        return [heading, (body, "\n".join(rows), ink)]

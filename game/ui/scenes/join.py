"""Join a class: the server's address, the class code and one's name; then the lobby until seated.

The address and code of the class this computer last sat in are filled in: a window that was closed or
crashed mid-class rejoins its seat (with the token kept on disk, `game.net.seats`) once the student types
the same name.

Once seated, the game goes on through the usual briefing and table scenes with a `RemoteSession`:
each screen is one student's, so there is no hand-over screen.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextEntryLine

from game.i18n import tr
from game.net import seats
from game.net.remote import RemoteSession, Stoppable
from game.ui.scene import Scene


class JoinScene(Scene):
    def __init__(self, app, address: str = "", code: str = "", server: Stoppable | None = None, note: str = "") -> None:  # noqa: ANN001
        super().__init__(app)
        kept = seats.last() if not address and not code else None
        if kept is not None:  # the class this computer last sat in (the window closed, or crashed): its seat is kept
            address, code = kept.address, kept.code
        self.fields = {"address": address, "code": code, "name": ""}
        self.server = server
        """The game this window hosts, if any: it stops when the player backs out."""
        self.note = note
        self.entries: dict[str, UITextEntryLine] = {}

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        row = round(40 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("Join a class"), "heading")
        y = 34 + round(44 * s)
        hints = {
            "address": (tr("Address"), tr("as the teacher's screen shows it, e.g. 192.168.1.5:8765")),
            "code": (tr("Class code"), tr("six letters and digits")),
            "name": (tr("Your name"), tr("as your teacher knows you")),
        }
        width = min(520, w - 260)
        for key, (caption, placeholder) in hints.items():
            self.label((30, y, 200, row), caption)
            entry = UITextEntryLine(pygame.Rect(240, y, width, row), self.manager, placeholder_text=placeholder)
            entry.set_text_length_limit(40 if key == "name" else 60)
            entry.set_text(self.fields[key])
            self.entries[key] = entry
            y += row + 12
        self.status = self.label((30, y + 8, w - 60, row), self.note, "muted")
        self.button((30, h - row - 20, 200, row), tr("Back"), self.back, pygame.K_ESCAPE)
        self.button((w - 260, h - row - 20, 230, row), tr("Join"), self.join, pygame.K_RETURN)
        self.focus_in = 0.2  # seconds: the key that opened this screen must not be typed into it

    def update(self, dt: float) -> None:
        if self.focus_in > 0:
            self.focus_in -= dt
            if self.focus_in <= 0:
                empty = next((k for k, v in self.fields.items() if not v), "name")
                self.entries[empty].focus()

    def join(self) -> None:
        self.fields = {k: e.get_text().strip() for k, e in self.entries.items()}
        missing = [k for k, v in self.fields.items() if not v]
        if missing:
            self.status.set_text(tr("Fill in every line: the address, the class code and your name."))
            return
        session = RemoteSession(self.fields["address"], self.fields["code"].upper(), self.fields["name"], self.server)
        self.server = None  # the session stops it now
        self.app.replace(LobbyScene(self.app, session, self.fields))

    def back(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.app.pop()


class LobbyScene(Scene):
    """Waiting for a partner (or the teacher); a refusal goes back to the join screen with the reason."""

    def __init__(self, app, session: RemoteSession, fields: dict[str, str]) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session
        self.fields = fields
        self.shown = ""

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        row = round(40 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("The lobby"), "heading")
        self.line = self.label((30, 34 + round(44 * s), w - 60, row), self.session.lobby_text())
        self.button((30, h - row - 20, 200, row), tr("Leave"), self.back)

    def update(self, dt: float) -> None:
        session = self.session
        if session.error:
            server, session.server = session.server, None  # a hosted game survives a mistyped name
            join = JoinScene(self.app, self.fields["address"], self.fields["code"], server, session.error)
            self.app.replace(join)
            return
        if session.seated:
            from game.ui.scenes.briefing import BriefingScene

            self.app.replace(BriefingScene(self.app, session, session.side))
            return
        text = session.lobby_text()
        if text != self.shown:
            self.shown = text
            self.line.set_text(text)

    def back(self) -> None:
        self.app.to_title()

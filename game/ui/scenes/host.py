"""Host a game: a class server inside this window, for a classmate to join from another computer."""

from __future__ import annotations

import pygame

from game.errors import CruiseControlError
from game.i18n import tr
from game.net.embedded import EmbeddedServer
from game.net.server import lan_address
from game.paths import saves_dir
from game.ui.scene import Scene

WHERE = ("lan", "local")


class HostScene(Scene):
    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.where = 0
        self.message = ""

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        row = round(40 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("Host a game"), "heading")
        y = 34 + round(44 * s)
        self.label(
            (30, y, w - 60, row),
            tr("This computer runs the game; your classmate chooses 'Join a class' on theirs."),
        )
        y += row + 12
        options = [
            (tr("the local network ({address})", address=lan_address()), "lan"),
            (tr("this computer only"), "local"),
        ]
        self.choice((30, y, min(640, w - 60), row), tr("Open to"), options, self.where, self.pick)
        self.label((30, y + row + 12, w - 60, row), self.message, "muted")
        self.button((30, h - row - 20, 200, row), tr("Back"), self.app.pop, pygame.K_ESCAPE)
        self.button((w - 300, h - row - 20, 270, row), tr("Start hosting"), self.host, pygame.K_RETURN)
        if self.focus < 0:
            self.focus = len(self.actions) - 1

    def pick(self, index: int) -> None:
        self.where = index

    def host(self) -> None:
        from game.ui.scenes.join import JoinScene

        address = lan_address() if WHERE[self.where] == "lan" else "127.0.0.1"
        try:
            server = EmbeddedServer(address, saves_dir() / "hosted")
        except CruiseControlError as exc:
            self.message = str(exc)
            self.rebuild()
            return
        note = tr(
            "Tell your classmate: address {address}, class code {code}.", address=server.address, code=server.code
        )
        self.app.replace(JoinScene(self.app, server.address, server.code, server, note))

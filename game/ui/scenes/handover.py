"""Between two people on one screen: hide everything until the next delegation takes the seat."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.scenario.preferences import Side
from game.session import Session
from game.ui.fonts import font
from game.ui.scene import Scene
from game.ui.theme import font_size


def private(app, session: Session, side: Side, scene: Scene) -> Scene:  # noqa: ANN001
    """`scene` (which shows `side`'s confidential brief or table), behind a hand-over screen when two people
    share this screen: whatever led here (a new game, Continue, a load, an event), the other person looks away first."""
    return HandoverScene(app, session, side, then=scene) if len(session.people) > 1 else scene


class HandoverScene(Scene):
    def __init__(self, app, session: Session, side: Side, then: Scene | None = None) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session, self.side, self.then = session, side, then

    @property
    def delegation(self) -> str:
        return self.session.rules.public.delegations[self.side.index].name

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(48 * s)
        bw = min(w - 80, round(560 * s))
        self.button(
            ((w - bw) // 2, h // 2 + 40, bw, bh),
            tr("I am the {name} delegation: show my table", name=self.delegation),
            self.done,
            pygame.K_RETURN,
        )
        self.focus = 0

    def done(self) -> None:
        if self.then is not None:
            self.app.replace(self.then)
        else:
            self.app.pop()

    def back(self) -> None:
        pass  # nobody may peek: only the named delegation goes on

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        colour = self.palette.rgb("us" if self.side is Side.US else "ussr")
        text = font(font_size(s, 14), bold=True).render(
            tr("Pass to the {name} delegation", name=self.delegation), True, colour
        )
        surface.blit(text, text.get_rect(midbottom=(w // 2, h // 2 - 20)))
        note = font(font_size(s, -2)).render(
            tr("The other delegation's brief and table stay hidden until you press Enter."),
            True,
            self.palette.rgb("muted"),
        )
        surface.blit(note, note.get_rect(midtop=(w // 2, h // 2 - 8)))

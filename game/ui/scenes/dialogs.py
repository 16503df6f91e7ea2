"""Modal screens over the table: confirmations, argument cards, the game menu."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Space
from game.scenario.schema import Argument
from game.session import Session
from game.ui.scene import Scene


class Modal(Scene):
    """A scene drawn over a dimmed picture of the screen beneath it."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.backdrop = app.window.copy()
        shade = pygame.Surface(self.backdrop.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        self.backdrop.blit(shade, (0, 0))

    def box(self, width: int, height: int) -> pygame.Rect:
        w, h = self.size
        return pygame.Rect((w - width) // 2, (h - height) // 2, min(width, w - 40), min(height, h - 40))

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(pygame.transform.scale(self.backdrop, self.size), (0, 0))
        if hasattr(self, "frame"):
            pygame.draw.rect(surface, self.palette.rgb("background"), self.frame, border_radius=8)
            pygame.draw.rect(surface, self.palette.rgb("focus"), self.frame, 2, border_radius=8)


def html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


class ConfirmScene(Modal):
    def __init__(  # noqa: ANN001
        self, app, title: str, body: str, confirm: str, on_confirm: Callable[[], None], *, cancel: bool = True
    ) -> None:
        """`cancel=False`: a notice, with one button (Enter or Esc): what it tells has already happened,
        and a Cancel would promise to undo it."""
        super().__init__(app)
        self.title_text, self.body, self.confirm_text, self.on_confirm = title, body, confirm, on_confirm
        self.cancel = cancel

    def build(self) -> None:
        s = self.app.settings.text_scale
        bh = round(40 * s)
        chrome = 60 + bh + round(34 * s)
        # as tall as the text needs (the window allowing): the Accept dialog's package was below the fold
        measure = UITextBox(html(self.body), pygame.Rect(0, 0, round(620 * s) - 40, -1), self.manager)
        needed = measure.rect.height + chrome + 4
        measure.kill()
        self.frame = self.box(round(620 * s), max(round(380 * s), needed))
        f = self.frame
        self.label((f.left + 20, f.top + 12, f.width - 40, round(34 * s)), self.title_text, "subheading")
        UITextBox(
            html(self.body),
            pygame.Rect(f.left + 20, f.top + 20 + round(34 * s), f.width - 40, f.height - 60 - bh - round(34 * s)),
            self.manager,
        )
        if not self.cancel:
            self.button((f.right - 260, f.bottom - bh - 16, 240, bh), self.confirm_text, self.confirm, pygame.K_ESCAPE)
            self.focus = 0
            return
        self.button((f.left + 20, f.bottom - bh - 16, 200, bh), tr("Cancel"), self.app.pop, pygame.K_ESCAPE)
        self.button((f.right - 260, f.bottom - bh - 16, 240, bh), self.confirm_text, self.confirm, pygame.K_RETURN)
        if self.focus < 0:
            self.focus = 1

    def confirm(self) -> None:
        self.app.pop()
        self.on_confirm()

    def key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_RETURN and self.focus == 0 and self.cancel:
            self.app.pop()
            return True
        if event.key == pygame.K_RETURN:
            self.confirm()
            return True
        return super().key(event)


class ArgumentScene(Modal):
    """The scenario's arguments for this side, as cards with their text."""

    def __init__(
        self,
        app,
        cards: Sequence[Argument],
        tabled: Sequence[str],
        space: Space,  # noqa: ANN001
        on_choose: Callable[[str], None],
    ) -> None:
        super().__init__(app)
        self.cards, self.tabled, self.space, self.on_choose = list(cards), list(tabled), space, on_choose

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        self.frame = pygame.Rect(30, 30, w - 60, h - 60)
        self.label((50, 40, w - 100, round(34 * s)), tr("Table an argument"), "subheading")
        n = max(1, len(self.cards))
        cols = 2 if n > 3 else 1
        rows = (n + cols - 1) // cols
        top = 50 + round(34 * s)
        bh = round(40 * s)
        cell_w = (w - 100 - (cols - 1) * 16) // cols
        cell_h = (h - top - bh - 80 - (rows - 1) * 10) // rows
        for k, card in enumerate(self.cards):
            x = 50 + (k % cols) * (cell_w + 16)
            y = top + (k // cols) * (cell_h + 10)
            issues = ", ".join(self.space.names[self.space.ids.index(t)] for t in card.targets)
            used = self.tabled.count(card.id)
            note = tr(" (tabled {n}×: it weighs less each time)", n=used) if used else ""
            key = pygame.K_1 + k if k < 9 else None
            self.button((x, y, cell_w, bh), f"{card.title}{note}", lambda c=card.id: self.choose(c), key)
            UITextBox(
                f"{html(card.text)}<br><i>{html(tr('Bears on: {issues}', issues=issues))}</i>",
                pygame.Rect(x, y + bh + 2, cell_w, max(30, cell_h - bh - 4)),
                self.manager,
            )
        self.button((50, h - bh - 46, 200, bh), tr("Cancel"), self.app.pop, pygame.K_ESCAPE)
        if self.focus < 0:
            self.focus = 0

    def choose(self, argument_id: str) -> None:
        self.app.pop()
        self.on_choose(argument_id)


class MenuScene(Modal):
    def __init__(self, app, session: Session) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session

    def build(self) -> None:
        from game.ui.scenes.saves import LoadScene, SaveAsScene
        from game.ui.scenes.settings import SettingsScene

        s = self.app.settings.text_scale
        bh = round(42 * s)
        self.frame = self.box(round(460 * s), bh * 6 + 100)
        f = self.frame
        self.label((f.left + 20, f.top + 12, f.width - 40, round(34 * s)), tr("Menu"), "subheading")
        y = f.top + 20 + round(34 * s)
        items = [
            (tr("Resume"), self.app.pop, pygame.K_ESCAPE),
            (tr("Save as…"), lambda: self.app.replace(SaveAsScene(self.app, self.session)), pygame.K_s),
            (tr("Load…"), lambda: self.app.replace(LoadScene(self.app)), pygame.K_l),
            (tr("Settings"), lambda: self.app.replace(SettingsScene(self.app)), pygame.K_o),
            (tr("Title screen (game autosaved)"), self.app.to_title, pygame.K_t),
        ]
        for text, run, key in items:
            self.button((f.left + 20, y, f.width - 40, bh), text, run, key)
            y += bh + 8
        if self.focus < 0:
            self.focus = 0

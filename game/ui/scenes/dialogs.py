"""Modal screens over the table: confirmations, argument cards, the game menu."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.i18n import tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Space
from game.scenario.schema import Argument
from game.session import Session
from game.ui.fonts import font
from game.ui.scene import Scene
from game.ui.theme import font_size


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
    """The scenario's arguments for this side: their titles down the left, and the full text of the one
    selected (or under the mouse) on the right, with a "Table it" button for the selected card.

    A click (or Up/Down) selects a card; "Table it" (Enter) tables it; a card's number tables it at once."""

    def __init__(
        self,
        app,
        cards: Sequence[Argument],
        tabled: Sequence[str],
        space: Space,  # noqa: ANN001
        on_choose: Callable[[str], None],
        stale: Sequence[str] = (),
        first: str = "",
    ) -> None:
        super().__init__(app)
        self.cards, self.tabled, self.space, self.on_choose = list(cards), list(tabled), space, on_choose
        self.stale = set(stale)
        """Cards whose premise no longer holds (shown greyed, and cannot be tabled)."""
        self.shown = -1
        # `first` (the card the tutorial's coach names) selected if it can be tabled, else the first that can
        usable = [k for k, c in enumerate(self.cards) if c.id not in self.stale]
        self.selected: int | None = next(
            (k for k in usable if self.cards[k].id == first), usable[0] if usable else None
        )
        self.detail: UITextBox | None = None
        self.table_button: UIButton | None = None

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        self.frame = pygame.Rect(30, 30, w - 60, h - 60)
        self.label((50, 40, w - 100, round(34 * s)), tr("Table an argument"), "subheading")
        top = 50 + round(34 * s)
        bh = round(40 * s)
        bottom = h - bh - 56
        labels = [self.card_label(k) for k in range(len(self.cards))]
        measure = font(font_size(s))
        widest = max((measure.size(f"{text}  [{k + 1}]")[0] for k, text in enumerate(labels)), default=0) + 28
        # the list as wide as its longest title needs (at the largest text a title was cut), the text the rest
        list_w = min(max(round(460 * s), widest), (w - 100) * 3 // 5) if widest > (w - 100) * 2 // 5 else None
        list_w = list_w or min(round(460 * s), (w - 100) * 2 // 5)
        step = max(bh + 2, min(bh + 10, (bottom - top) // max(1, len(self.cards))))
        for k, card in enumerate(self.cards):
            key = pygame.K_1 + k if k < 9 else None
            self.button(
                (50, top + k * step, list_w, min(bh, step - 2)),
                labels[k],
                lambda k=k: self.select(k),
                key,
                tooltip=tr("No longer true of the talks: it cannot be tabled now") if card.id in self.stale else None,
                enabled=card.id not in self.stale,
            )
        self.detail_rect = pygame.Rect(50 + list_w + 20, top, w - 100 - list_w - 20, bottom - top)
        first = self.focus if 0 <= self.focus < len(self.cards) else (self.selected or 0)
        self.detail = UITextBox(self.card_html(first), self.detail_rect, self.manager)
        self.show(first)
        label_w = lambda text: measure.size(f"{text}  [Enter]")[0] + 40  # noqa: E731
        cancel_w = max(200, measure.size(tr("Cancel") + "  [Esc]")[0] + 40)
        self.button((50, h - bh - 46, cancel_w, bh), tr("Cancel"), self.app.pop, pygame.K_ESCAPE)
        table_w = max(240, label_w(tr("Table it")))
        self.table_button = self.button(
            (w - 50 - table_w, h - bh - 46, table_w, bh),
            tr("Table it"),
            self.table_selected,
            pygame.K_RETURN,
            enabled=self.selected is not None,
        )
        if self.focus < 0:
            self.focus = self.selected if self.selected is not None else len(self.cards)

    def card_label(self, k: int) -> str:
        card = self.cards[k]
        used = self.tabled.count(card.id)
        note = tr(" (tabled {n}×: it weighs less each time)", n=used) if used else ""
        return f"{card.title}{note}"

    def show(self, k: int) -> None:
        """A card's text in the box beside the list, in smaller type where it would need scrolling (a long
        card in Russian at the largest text lost its end below the box)."""
        self.shown = k
        assert self.detail is not None
        scale = self.app.settings.text_scale
        for step in (0, -2, -4, -6):
            text = self.card_html(k)
            self.detail.set_text(f"<font pixel_size={font_size(scale, step)}>{text}</font>" if step else text)
            if self.detail.scroll_bar is None:
                return

    def card_html(self, k: int) -> str:
        if not self.cards:
            return ""
        card = self.cards[min(k, len(self.cards) - 1)]
        issues = ", ".join(self.space.names[self.space.ids.index(t)] for t in card.targets)
        stale = (
            f"<br><br><b>{html(tr('No longer true of the talks: it cannot be tabled now'))}</b>"
            if card.id in self.stale
            else ""
        )
        return (
            f"<b>{html(card.title)}</b><br><br>{html(card.text)}<br><br>"
            f"<i>{html(tr('Bears on: {issues}', issues=issues))}</i>{stale}"
        )

    def select(self, k: int) -> None:
        """A card clicked or reached with the arrows: its text shown, and "Table it" tables it."""
        if self.cards[k].id in self.stale:
            return
        self.selected = k
        self.focus = k
        if self.table_button is not None:
            self.table_button.enable()

    def table_selected(self) -> None:
        if self.selected is not None:
            self.choose(self.cards[self.selected].id)

    def showing(self) -> int:
        """The card whose text is shown: the one under the mouse, else the one selected."""
        for k, action in enumerate(self.actions[: len(self.cards)]):
            if action.button.hovered:
                return k
        if 0 <= self.focus < len(self.cards):
            return self.focus
        return self.selected if self.selected is not None else self.shown

    def update(self, dt: float) -> None:
        k = self.showing()
        if k != self.shown and self.detail is not None and 0 <= k < len(self.cards):
            self.show(k)

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):  # the list of cards goes up and down like Tab
            self.move_focus(1 if event.key == pygame.K_DOWN else -1)
            if 0 <= self.focus < len(self.cards):
                self.select(self.focus)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.focus == len(self.cards):  # on Cancel
                self.app.pop()
            elif 0 <= self.focus < len(self.cards):
                self.select(self.focus)
                self.table_selected()
            else:
                self.table_selected()
            return True
        if pygame.K_1 <= event.key <= pygame.K_9:  # a card's number tables it at once
            k = event.key - pygame.K_1
            if k < len(self.cards) and self.cards[k].id not in self.stale:
                self.select(k)
                self.table_selected()
            return True
        if event.key == pygame.K_TAB:
            handled = super().key(event)
            if 0 <= self.focus < len(self.cards):
                self.select(self.focus)
            return handled
        return super().key(event)

    def tutorial_target(self, name: str) -> pygame.Rect | None:
        """In the tutorial's argument step the coach points at "Table it"."""
        if name == "argument" and self.table_button is not None:
            return pygame.Rect(self.table_button.rect)
        return None

    def coach_avoid(self) -> list[pygame.Rect]:
        return [pygame.Rect(self.detail_rect)]

    def coach_room(self) -> pygame.Rect | None:
        """The tutorial's bubble goes under the list of cards, over nothing it needs."""
        cards = [a.button.rect for a in self.actions[: len(self.cards)]]
        if not cards or self.table_button is None:
            return None
        top, bottom = max(r.bottom for r in cards) + 12, self.table_button.rect.top - 12
        return pygame.Rect(cards[0].left - 20, top, self.detail_rect.left - cards[0].left + 10, bottom - top)

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

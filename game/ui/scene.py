"""Scenes: one screen each, on a stack. Every action is a button with a keyboard shortcut."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.engine.observation import Delegation, PublicInfo
from game.i18n import N_, tr
from game.safe_text import for_html
from game.ui.fonts import cut_to_fit, font
from game.ui.theme import font_size

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass
class Action:
    button: UIButton | UITextEntryLine
    """A button, or a text field (which Tab reaches like a button, and whose `run` gives it the keyboard)."""
    run: Callable[[], None]
    key: int | None


BUTTON_GAP = 8

KEY_NAMES = {  # as printed on the keys
    pygame.K_RETURN: "Enter",
    pygame.K_ESCAPE: "Esc",
    pygame.K_PAGEUP: "PgUp",
    pygame.K_PAGEDOWN: "PgDn",
}
SAID_KEYS = {  # keys whose names are not printed on them: said in the player's language
    pygame.K_SPACE: N_("Space"),
    pygame.K_LEFT: N_("Left"),
    pygame.K_RIGHT: N_("Right"),
    pygame.K_UP: N_("Up"),
    pygame.K_DOWN: N_("Down"),
}


def fit(element: UIButton | UILabel, text: str, keep: int = 0) -> str:
    """The text, shortened with an ellipsis (keeping its last `keep` characters) to fit the element."""
    font = element.font
    if font is None:
        return text
    return cut_to_fit(text, lambda s: font.size(s)[0], element.rect.width - 12, keep)


def button_grid(w: int, h: int, scale: float, labels: list[str]) -> tuple[list[pygame.Rect], int]:
    """Buttons across the bottom of the window: in one row if their labels fit, else in as many rows as
    they need; returns their rectangles and the height of the area they take."""
    label_font = font(font_size(scale))

    def rows_of(padding: int) -> int:
        widest = max(label_font.size(text)[0] for text in labels) + padding
        return -(-len(labels) // max(1, min(len(labels), (w - 24) // (widest + BUTTON_GAP))))

    # the labels' usual margins, or narrower ones where that saves a row (the largest text: room for the table)
    rows = min(rows_of(28), rows_of(16))
    per_row = -(-len(labels) // rows)  # the rows as even as they can be
    bh = round(36 * scale)
    bottom_h = rows * (bh + BUTTON_GAP) + 12
    bw = (w - 32 - BUTTON_GAP * (per_row - 1)) // per_row
    rects = []
    for i in range(len(labels)):
        r, c = divmod(i, per_row)
        rects.append(pygame.Rect(16 + c * (bw + BUTTON_GAP), h - bottom_h + BUTTON_GAP + r * (bh + BUTTON_GAP), bw, bh))
    return rects, bottom_h


def key_label(key: int) -> str:
    if key in SAID_KEYS:
        return tr(SAID_KEYS[key])
    return KEY_NAMES.get(key, pygame.key.name(key).upper())


class Scene:
    """A screen. `build` creates its widgets for the current window size and theme."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.actions: list[Action] = []
        self.cyclers: dict[UIButton, Callable[[int], None]] = {}
        self.drawn_texts: list[tuple[pygame.Rect, pygame.Rect]] = []
        self.shortened: list[str] = []
        """Labels that had to be shortened to fit their button (the layout tests allow none)."""
        self.focus = -1

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def palette(self):  # noqa: ANN201 - Palette
        """The theme's colours, with the colours of the sides of the game on screen (if any)."""
        delegations = self.delegations_shown()
        if delegations is None:
            return self.app.palette
        return self.app.palette.with_sides(delegations[0].colour, delegations[1].colour)

    def delegations_shown(self) -> tuple[Delegation, Delegation] | None:
        """The two sides of the game this scene shows, None on a screen of no game (a scene with a
        `session` or `rules` shows that game's)."""
        rules = getattr(self, "rules", None) or getattr(getattr(self, "session", None), "rules", None)
        public = getattr(rules, "public", None)
        return public.delegations if isinstance(public, PublicInfo) else None

    @property
    def size(self) -> tuple[int, int]:
        return self.app.size

    def rebuild(self) -> None:
        self.manager.clear_and_reset()
        self.actions = []
        self.cyclers = {}
        self.shortened = []
        self.focus = min(self.focus, 0) if self.focus < 0 else self.focus
        self.build()
        self.focus = min(self.focus, len(self.actions) - 1)

    def build(self) -> None:
        """Create the widgets; called on entering, on resize and when the theme changes."""

    # --- widgets ---
    def button(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        run: Callable[[], None],
        key: int | None = None,
        tooltip: str | None = None,
        enabled: bool = True,
        **kwargs: Any,
    ) -> UIButton:
        shortcut = f"  [{key_label(key)}]" if key is not None else ""
        label = text + shortcut
        # a tool tip is pygame_gui HTML: a label or tip may carry a scenario's or a save's text
        tip = None if tooltip is None else for_html(tooltip)
        button = UIButton(pygame.Rect(rect), label, self.manager, tool_tip_text=tip, **kwargs)
        fitted = fit(button, label, keep=len(shortcut))  # shortened, a button still shows its key
        if fitted != label:
            self.shortened.append(label)
            button.set_text(fitted)
            if tooltip is None:
                button.set_tooltip(for_html(label))
        if not enabled:
            button.disable()
        self.actions.append(Action(button, run, key))
        return button

    def button_row(self, specs: list[tuple[str, Callable[[], None], int | None]], scale: float) -> int:
        """Buttons (text, action, key) across the bottom of the window, in as many rows as their labels need;
        returns the top of the area they take."""
        w, h = self.size
        labels = [f"{text}  [{key_label(key)}]" if key is not None else text for text, _, key in specs]
        rects, height = button_grid(w, h, scale, labels)
        for rect, (text, run, key) in zip(rects, specs, strict=True):
            self.button(rect, text, run, key)
        return h - height

    def choice(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        caption: str,
        options: list[tuple[str, Any]],
        current: int,
        changed: Callable[[int], None],
        tooltip: str | None = None,
    ) -> UIButton:
        """A button that cycles through options (Enter or click: next; Left/Right when focused)."""
        state = {"index": current}

        def text() -> str:
            full = f"{caption}: {options[state['index']][0]}  < >" if caption else f"{options[state['index']][0]}  < >"
            fitted = fit(button, full, keep=4)
            if fitted != full:
                self.shortened.append(full)
            return fitted

        def shift(step: int) -> None:
            state["index"] = (state["index"] + step) % len(options)
            button.set_text(text())
            changed(state["index"])

        button = self.button(rect, "", lambda: shift(1), tooltip=tooltip)
        button.set_text(text())
        self.cyclers[button] = shift
        return button

    def field(self, entry: UITextEntryLine) -> UITextEntryLine:
        """A text field in the Tab order, after the widgets made before it."""
        self.actions.append(Action(entry, entry.focus, None))
        return entry

    def label(self, rect: pygame.Rect | tuple[int, int, int, int], text: str, style: str | None = None) -> UILabel:
        object_id = ObjectID(class_id=f"@{style}") if style else None
        return UILabel(pygame.Rect(rect), text, self.manager, object_id=object_id)

    # --- events ---
    def handle(self, event: pygame.event.Event) -> bool:
        """React to an event; True if it was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for action in self.actions:
                if event.ui_element is action.button:
                    self.focus = self.actions.index(action)
                    action.run()
                    return True
        if event.type == pygame.KEYDOWN:
            return self.key(event)
        return False

    def typing(self) -> bool:
        """Whether a text field has the keyboard: then letters are text, never shortcuts."""
        return any(isinstance(e, UITextEntryLine) and e.is_focused for e in self.manager.get_sprite_group().sprites())

    def key(self, event: pygame.event.Event) -> bool:
        through = (pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE)
        # on a list of options a one-line field has no use for Up/Down: they go on down the list
        if self.typing() and event.key not in through + ((pygame.K_UP, pygame.K_DOWN) if self.cyclers else ()):
            return False
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if self.cyclers and event.key in (pygame.K_UP, pygame.K_DOWN):
            # a screen of options (New game, Settings) is a list: the arrows go up and down it like Tab
            self.move_focus(1 if event.key == pygame.K_DOWN else -1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and 0 <= self.focus < len(self.actions):
            action = self.actions[self.focus]
            if action.button.is_enabled:
                action.run()
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and 0 <= self.focus < len(self.actions):
            shift = self.cyclers.get(self.actions[self.focus].button)
            if shift is not None:
                shift(1 if event.key == pygame.K_RIGHT else -1)
                return True
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        for action in self.actions:
            if (
                action.key is not None
                and event.key == action.key
                and action.button.is_enabled
                and action.button.visible
            ):
                action.run()
                return True
        return False

    def move_focus(self, step: int) -> None:
        typed = [i for i, a in enumerate(self.actions) if isinstance(a.button, UITextEntryLine) and a.button.is_focused]
        if typed:  # a field clicked into: Tab goes on from there
            self.focus = typed[0]
        enabled = [i for i, a in enumerate(self.actions) if a.button.is_enabled and a.button.visible]
        if not enabled:
            return
        if self.focus not in enabled:
            self.focus = enabled[0] if step > 0 else enabled[-1]
            self.focus_field()
            return
        self.focus = enabled[(enabled.index(self.focus) + step) % len(enabled)]
        self.focus_field()

    def focus_field(self) -> None:
        """Give the keyboard to the text field Tab landed on, and take it from one Tab left."""
        focused = self.actions[self.focus].button if 0 <= self.focus < len(self.actions) else None
        for action in self.actions:
            if isinstance(action.button, UITextEntryLine) and action.button is not focused:
                action.button.unfocus()
        if isinstance(focused, UITextEntryLine):
            self.manager.set_focus_set(focused)

    def back(self) -> None:
        """Esc: leave this screen (the title screen overrides this and stays)."""
        if len(self.app.scenes) > 1:
            self.app.pop()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget (behind the widgets)."""

    def draw_focus(self, surface: pygame.Surface) -> None:
        if 0 <= self.focus < len(self.actions):
            rect = self.actions[self.focus].button.rect.inflate(6, 6)
            pygame.draw.rect(surface, self.palette.rgb("focus"), rect, 3, border_radius=6)

    def text(
        self, surface: pygame.Surface, image: pygame.Surface, rect: pygame.Rect, container: pygame.Rect | None = None
    ) -> pygame.Rect:
        """Blit rendered text, remembering where it went and what should hold it (for layout tests)."""
        drawn = surface.blit(image, rect)
        self.drawn_texts.append((drawn, container or surface.get_rect()))
        return drawn

    def title(self) -> str:
        return tr("Cruise Control")

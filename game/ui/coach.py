"""The tutorial's coach: a bubble over whatever scene is showing that points at the part of the screen
it talks about and waits until the player has done what it asks (the steps are `game.tutorial`).

The coach lives on the app, not in a scene, so it follows the player from the brief to the table,
the ending and the debrief. Its progress is kept in the settings and its game in its own save, so
the tutorial resumes where it was left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pygame

from game import tutorial
from game.errors import CruiseControlError
from game.i18n import tr
from game.paths import saves_dir
from game.scenario.loader import resolve
from game.session import PERSON, Session, Setup
from game.ui.fonts import font, wrap
from game.ui.pointer import pointer_end
from game.ui.theme import font_size

if TYPE_CHECKING:
    from game.ui.app import App

SAVE = "tutorial.yaml"
SKIP_KEY = pygame.K_F10
NEXT_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
# The move a step points at, by the shortcut of its button on the table.
MOVE_KEYS = {"propose": pygame.K_p, "argument": pygame.K_g, "accept": pygame.K_a}
MENU_KEY = pygame.K_m


GAP = 12
"""The least space between the bubble's title and its buttons on the same line."""


@dataclass(frozen=True)
class Shape:
    """The bubble's size and how its text and buttons are laid out in it."""

    width: int
    height: int
    step: int
    """The text size, in steps from the player's (the buttons' one smaller)."""
    lines: list[str]
    inline: bool
    """The buttons on the title's line (a wide bubble), else under the text."""
    button_h: int
    buttons: int
    """The width both buttons take, with their margins."""

    @property
    def least(self) -> int:
        """The narrowest the bubble may be: its two buttons side by side (in Russian they overlapped at 460 px)."""
        return self.buttons + 14


def scene_kind(scene: object) -> str:
    name = type(scene).__name__
    if name == "BriefingScene":
        return "briefing"
    if name == "TableScene":
        session = getattr(scene, "session", None)
        return "ending" if session is not None and session.state.over else "table"
    if name == "DebriefScene":
        return "debrief"
    if name == "ArgumentScene":
        return "arguments"
    return "ending" if getattr(scene, "session", None) is not None else "other"


class Coach:
    def __init__(self, app: App, index: int = 0) -> None:
        self.app = app
        self.index = index
        self.next_rect: pygame.Rect | None = None
        self.skip_rect: pygame.Rect | None = None
        self.bubble: pygame.Rect | None = None
        self.saved_turn = -1
        self.placed: tuple[object, Shape, pygame.Rect] | None = None
        self.dot: pygame.Rect | None = None
        """Where the pointer's dot was drawn (beside its target, never on it)."""
        self.line: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.highlight: pygame.Rect | None = None

    @property
    def step(self) -> tutorial.Step:
        return tutorial.STEPS[self.index]

    def ahead(self, scene: str) -> Coach | None:
        """The coach as it will be on a scene about to open (to measure its bubble there): this step, or the
        next one if this one ends on reaching that scene."""
        if self.step.scene == scene:
            return self
        if self.step.until_scene == scene and self.index + 1 < len(tutorial.STEPS):
            return Coach(self.app, self.index + 1)
        return None

    def session(self) -> Session | None:
        """The game on screen; under a dialog (the argument cards), the game beneath it."""
        for scene in reversed(self.app.scenes):
            session = getattr(scene, "session", None)
            if isinstance(session, Session):
                return session
        return None

    def showing(self) -> bool:
        """Whether the current step's scene is on screen and the other side has answered."""
        kind = scene_kind(self.app.scene)
        if kind == "arguments":  # the coach stays with the player in the argument dialog, pointing at "Table it"
            return self.step.target == "argument"
        if self.step.scene == "ending":
            if kind not in ("ending", "debrief"):
                return False
        elif kind != self.step.scene:
            return False
        session = self.session()
        ready = self.step.ready
        return ready is None or (session is not None and ready(session.state))

    # --- progress ---
    def advance(self) -> None:
        if self.index + 1 >= len(tutorial.STEPS):
            self.finish("done")
            return
        self.index += 1
        self.keep(tutorial.STEPS[self.index].id)

    def keep(self, progress: str) -> None:
        """Write the tutorial's progress into the settings file (without rebuilding the window)."""
        self.app.settings = replace(self.app.settings, tutorial=progress)
        self.app.settings.save(self.app.settings_path)

    def finish(self, how: str) -> None:
        self.keep(how)
        self.app.coach = None
        if self.app.scenes:  # the room the scene kept for the bubble goes back to what it shows
            self.app.scenes[-1].rebuild()

    def update(self) -> None:
        session = self.session()
        if session is not None and session.state.turn != self.saved_turn:
            self.saved_turn = session.state.turn
            session.save_as(saves_dir() / SAVE)
        kind = scene_kind(self.app.scene)
        step = self.step
        left = step.until_scene != "" and kind == step.until_scene
        if left or (step.done is not None and session is not None and step.done(session.state)):
            self.advance()
        elif session is not None and session.state.over and step.scene == "table":
            # the game ended early (a walk-out, the deadline, an early accept): go on to its ending
            self.index = tutorial.step_index("ratify")

    # --- input ---
    def handle(self, event: pygame.event.Event) -> bool:
        """The coach's own buttons and keys; everything else goes on to the scene."""
        if event.type == pygame.KEYDOWN:
            if event.key == SKIP_KEY:
                self.finish("skipped")
                return True
            if event.key in NEXT_KEYS and self.waits_for_next():
                self.advance()
                return True
        if self.blocks(event):
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.skip_rect is not None and self.skip_rect.collidepoint(event.pos):
                self.finish("skipped")
                return True
            if self.next_rect is not None and self.next_rect.collidepoint(event.pos) and self.waits_for_next():
                self.advance()
                return True
        return False

    def blocks(self, event: pygame.event.Event) -> bool:
        """At the table, only the move the coach asks for (and the menu) can be made: the lesson keeps its order."""
        if scene_kind(self.app.scene) != "table":
            return False
        allowed = {MENU_KEY, MOVE_KEYS.get(self.step.target) if self.showing() else None}
        for action in getattr(self.app.scene, "actions", []):
            if action.key is None or action.key in allowed:
                continue
            if event.type == pygame.KEYDOWN and event.key == action.key:
                return True
            if event.type == pygame.MOUSEBUTTONDOWN and action.button.rect.collidepoint(event.pos):
                return True
        return False

    def waits_for_next(self) -> bool:
        return self.showing() and self.step.done is None and not self.step.until_scene

    # --- drawing ---
    def target(self) -> pygame.Rect | None:
        name = self.step.target
        key = MOVE_KEYS.get(name) if scene_kind(self.app.scene) != "arguments" else None
        if key is not None:
            for action in getattr(self.app.scene, "actions", []):
                if action.key == key and action.button.visible:
                    return pygame.Rect(action.button.rect)
            return None
        region = getattr(self.app.scene, "tutorial_target", None)
        return region(name) if callable(region) and name else None

    def texts(self, target: pygame.Rect) -> list[pygame.Rect]:
        """The texts on screen the pointer must keep off: the scene's drawn texts and its buttons, but for those
        inside the target it points at."""
        rects = [pygame.Rect(drawn) for drawn, _ in getattr(self.app.scene, "drawn_texts", [])]
        rects += [pygame.Rect(a.button.rect) for a in getattr(self.app.scene, "actions", []) if a.button.visible]
        return [r for r in rects if not target.contains(r)]

    def room(self) -> pygame.Rect | None:
        room = getattr(self.app.scene, "coach_room", None)
        return room() if callable(room) else None

    def labels(self) -> tuple[str, str, str]:
        count = tr("Tutorial {n} of {total}", n=self.index + 1, total=len(tutorial.STEPS))
        return (
            count,
            tr("Skip tutorial  [F10]"),
            tr("Finish  [Enter]") if self.step.id == "done" else tr("Next  [Enter]"),
        )

    def shape(self, width: int, step: int) -> Shape:
        """The bubble at a width and a text size (`step` from the player's size): its lines, and whether
        its buttons fit on its title's line (a wide, low bubble) or go under the text."""
        scale = self.app.settings.text_scale
        body, bold = font(font_size(scale, step)), font(font_size(scale, step), bold=True)
        small, small_bold = font(font_size(scale, step - 1)), font(font_size(scale, step - 1), bold=True)
        count, skip, label = self.labels()
        buttons = small.size(skip)[0] + small_bold.size(label)[0] + 2 * 20 + 14
        button_h = small_bold.get_linesize() + 10
        session = self.session()
        said = tutorial.say(self.step, *((session.rules, session.state) if session is not None else (None, None)))
        if scene_kind(self.app.scene) == "arguments":
            said = tutorial.say_in_dialog(*((session.rules, session.state) if session is not None else (None, None)))
        lines = wrap(said, body, width - 28)
        inline = bold.size(count)[0] + 14 + GAP + buttons + 28 <= width  # the title clear of the skip button
        top = max(bold.get_linesize(), button_h) if inline else bold.get_linesize() + 6
        below = 0 if inline else 12 + button_h
        height = 14 + top + 6 + len(lines) * body.get_linesize() + below + 14
        return Shape(width, height, step, lines, inline, button_h, buttons + 28)

    def shapes(self, screen_width: int, room: pygame.Rect | None) -> Shape:
        """The bubble's usual shape; in the scene's room, the narrowest that fits it, in a smaller text
        if need be (at the largest text sizes the room is tight)."""
        usual = self.shape(max(min(460, screen_width // 3), self.shape(0, -1).least), -1)
        if room is None:
            return usual
        for step in (-1, -2, -3, -4, -5):  # the largest text in Russian needs a size smaller still to fit the room
            width = max(usual.width, self.shape(0, step).least)
            while width <= room.width:
                shape = self.shape(width, step)
                if shape.height <= room.height:
                    return shape
                width += 40
        return usual

    def place(self, shape: Shape, screen: pygame.Rect, target: pygame.Rect | None) -> tuple[Shape, pygame.Rect]:
        """The bubble's shape and place: in the scene's room if it fits, else where it covers nothing the player
        needs (the target it points at, the scene's `coach_avoid` panels, its buttons and texts), trying wider,
        lower shapes too; if nowhere is free, where it covers least, the target above all."""
        room = self.room()
        if room is not None and room.width >= shape.width and room.height >= shape.height:
            return shape, pygame.Rect((0, 0), (shape.width, shape.height)).move(
                room.centerx - shape.width // 2, room.centery - shape.height // 2
            )
        avoid = getattr(self.app.scene, "coach_avoid", None)
        needed = list(avoid()) if callable(avoid) else []
        needed += [pygame.Rect(a.button.rect) for a in getattr(self.app.scene, "actions", []) if a.button.visible]
        needed += [pygame.Rect(drawn) for drawn, _ in getattr(self.app.scene, "drawn_texts", [])]
        large = target is not None and target.width * target.height > screen.width * screen.height // 3
        must = [target.inflate(20, 20)] if target is not None and not large else []
        key = (shape.width, shape.height, shape.step, tuple(screen), tuple(map(tuple, must + needed)))
        if self.placed is not None and self.placed[0] == key:  # the search is too slow for every frame
            return self.placed[1], self.placed[2]
        shapes = [shape] + [  # wider and lower, then in a smaller text
            self.shape(width, step)
            for step in (shape.step, shape.step - 1)
            for width in range(shape.width + 80 * (step == shape.step), screen.width - 31, 80)
        ]
        everything = must + needed
        found = None
        for candidate in shapes:  # a free spot, the usual corners first (collidelist is quick)
            for at in self.spots(candidate, screen):
                if pygame.Rect(at, (candidate.width, candidate.height)).collidelist(everything) == -1:
                    found = (candidate, pygame.Rect(at, (candidate.width, candidate.height)))
                    break
            if found is not None:
                break
        if found is None:

            def cost(at: tuple[int, int]) -> tuple[int, int]:
                r = pygame.Rect(at, (shape.width, shape.height))
                covered = (sum(c.width * c.height for c in map(r.clip, rects)) for rects in (must, needed))
                return next(covered), next(covered)

            found = (shape, pygame.Rect(min(self.spots(shape, screen), key=cost), (shape.width, shape.height)))
        self.placed = (key, *found)
        return found

    @staticmethod
    def spots(shape: Shape, screen: pygame.Rect) -> list[tuple[int, int]]:
        """Where the bubble may stand: the four corners (top right first), then all over the screen."""
        right, bottom = screen.right - 16 - shape.width, screen.bottom - 16 - shape.height
        corners = [(right, 60), (right, bottom), (16, 60), (16, bottom)]
        return corners + [(x, y) for y in range(8, bottom + 9, 12) for x in range(8, right + 9, 12)]

    def draw(self, surface: pygame.Surface) -> None:
        self.next_rect = self.skip_rect = self.bubble = None
        if not self.showing():
            return
        p = self.app.palette
        w, h = surface.get_size()
        target = self.target()
        shape = self.shapes(w, self.room())
        self.highlight = None
        if target is not None:
            # inside the window: around the clock, at the top edge, half the frame was off the screen
            self.highlight = target.inflate(10, 10).clip(surface.get_rect())
            pygame.draw.rect(surface, p.rgb("focus"), self.highlight, 4, border_radius=8)
        shape, bubble = self.place(shape, surface.get_rect(), target)
        bubble.clamp_ip(surface.get_rect())
        self.bubble = bubble
        large = target is not None and target.width * target.height > w * h // 3
        self.dot = self.line = None
        if target is not None and not large:
            # the pointer ends just outside the target, on no text (it sat on the legend's "USSR offer"), and
            # is drawn only where it crosses no text it does not point at (across the table it crossed them all)
            end = pointer_end(bubble, target, self.texts(target), surface.get_rect())
            if end is not None:
                pygame.draw.line(surface, p.rgb("focus"), bubble.center, end, 3)
                self.line = (bubble.center, end)
                self.dot = pygame.draw.circle(surface, p.rgb("focus"), end, 6)
        shadow = pygame.Surface(bubble.size, pygame.SRCALPHA)
        shadow.fill((0, 0, 0, 70))
        surface.blit(shadow, bubble.move(4, 4))
        pygame.draw.rect(surface, (255, 253, 236), bubble, border_radius=10)
        pygame.draw.rect(surface, p.rgb("focus"), bubble, 3, border_radius=10)
        ink = (27, 27, 27)
        scale = self.app.settings.text_scale
        body, bold = font(font_size(scale, shape.step)), font(font_size(scale, shape.step), bold=True)
        count, skip, label = self.labels()
        y = bubble.y + 14
        top = max(bold.get_linesize(), shape.button_h) if shape.inline else bold.get_linesize() + 6
        surface.blit(bold.render(count, True, ink), (bubble.x + 14, y + (top - bold.get_linesize()) // 2))
        buttons_y = y + (top - shape.button_h) // 2
        y += top + (6 if shape.inline else 0)
        for line in shape.lines:
            surface.blit(body.render(line, True, ink), (bubble.x + 14, y))
            y += body.get_linesize()
        if not shape.inline:
            buttons_y = y + 12
        skip_x = bubble.right - shape.buttons if shape.inline else bubble.x + 14
        self.skip_rect = self._button(surface, skip, (skip_x, buttons_y), shape, primary=False)
        if self.waits_for_next():
            self.next_rect = self._button(surface, label, (bubble.right - 14, buttons_y), shape, primary=True)

    def _button(
        self, surface: pygame.Surface, text: str, at: tuple[int, int], shape: Shape, primary: bool
    ) -> pygame.Rect:
        """A drawn button; the primary one stands with its right edge at `at`, the other with its left."""
        p = self.app.palette
        f = font(font_size(self.app.settings.text_scale, shape.step - 1), bold=primary)
        image = f.render(text, True, p.rgb("button_text") if primary else (60, 60, 60))
        rect = pygame.Rect(at, (image.get_width() + 20, shape.button_h))
        if primary:
            rect.right = at[0]
            pygame.draw.rect(surface, p.rgb("button"), rect, border_radius=5)
        else:
            pygame.draw.rect(surface, (60, 60, 60), rect, 1, border_radius=5)
        surface.blit(image, image.get_rect(center=rect.center))
        return rect


def start(app: App, resume: bool = True) -> None:
    """Open the tutorial: where it was left (its own save), or a new guided game of the warm-up."""
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.table import TableScene

    index = tutorial.step_index(app.settings.tutorial) if resume and app.settings.tutorial_under_way else 0
    session = None
    if index > 0:
        try:
            session = Session.load(saves_dir() / SAVE)
        except (CruiseControlError, OSError):
            index = 0
    if session is None:
        players = {tutorial.PLAYER: PERSON, tutorial.COACH: tutorial.COACH_SPEC}
        session = Session(Setup(str(resolve(tutorial.SCENARIO)), players, tutorial.SEED))
    app.coach = Coach(app, index)
    app.coach.keep(tutorial.STEPS[index].id)
    if index == 0:
        app.reset_to(BriefingScene(app, session, tutorial.PLAYER))
    else:
        app.reset_to(TableScene(app, session, tutorial.PLAYER))

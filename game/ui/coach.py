"""The tutorial's coach: a bubble over whatever scene is showing that points at the part of the screen
it talks about and waits until the player has done what it asks (the steps are `game.tutorial`).

The coach lives on the app, not in a scene, so it follows the player from the brief to the table,
the ending and the debrief. Its progress is kept in the settings and its game in its own save, so
the tutorial resumes where it was left.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game import tutorial
from game.errors import CruiseControlError
from game.i18n import tr
from game.paths import saves_dir
from game.scenario.loader import resolve
from game.session import PERSON, Session, Setup
from game.ui.fonts import font, wrap
from game.ui.theme import font_size

if TYPE_CHECKING:
    from game.ui.app import App

SAVE = "tutorial.yaml"
SKIP_KEY = pygame.K_F10
NEXT_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
# The move a step points at, by the shortcut of its button on the table.
MOVE_KEYS = {"propose": pygame.K_p, "argument": pygame.K_g, "accept": pygame.K_a}
MENU_KEY = pygame.K_m


def scene_kind(scene: object) -> str:
    name = type(scene).__name__
    if name == "BriefingScene":
        return "briefing"
    if name == "TableScene":
        session = getattr(scene, "session", None)
        return "ending" if session is not None and session.state.over else "table"
    if name == "DebriefScene":
        return "debrief"
    return "ending" if getattr(scene, "session", None) is not None else "other"


class Coach:
    def __init__(self, app: App, index: int = 0) -> None:
        self.app = app
        self.index = index
        self.next_rect: pygame.Rect | None = None
        self.skip_rect: pygame.Rect | None = None
        self.bubble: pygame.Rect | None = None
        self.saved_turn = -1

    @property
    def step(self) -> tutorial.Step:
        return tutorial.STEPS[self.index]

    def session(self) -> Session | None:
        session = getattr(self.app.scene, "session", None)
        return session if isinstance(session, Session) else None

    def showing(self) -> bool:
        """Whether the current step's scene is on screen and the other side has answered."""
        kind = scene_kind(self.app.scene)
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
        key = MOVE_KEYS.get(name)
        if key is not None:
            for action in getattr(self.app.scene, "actions", []):
                if action.key == key and action.button.visible:
                    return pygame.Rect(action.button.rect)
            return None
        region = getattr(self.app.scene, "tutorial_target", None)
        return region(name) if callable(region) and name else None

    def room(self) -> pygame.Rect | None:
        room = getattr(self.app.scene, "coach_room", None)
        return room() if callable(room) else None

    def draw(self, surface: pygame.Surface) -> None:
        self.next_rect = self.skip_rect = self.bubble = None
        if not self.showing():
            return
        p = self.app.palette
        scale = self.app.settings.text_scale
        w, h = surface.get_size()
        target = self.target()
        body = font(font_size(scale, -1))
        bold = font(font_size(scale, -1), bold=True)
        small = font(font_size(scale, -2))
        buttons = (
            small.size(tr("Skip tutorial  [F10]"))[0]
            + font(font_size(scale, -2), bold=True).size(
                tr("Finish  [Enter]") if self.step.id == "done" else tr("Next  [Enter]")
            )[0]
        )
        # wide enough for both buttons side by side (in Russian they overlapped at 460 px)
        width = max(min(460, w // 3), buttons + 2 * 20 + 3 * 14)
        lines = wrap(tr(self.step.text), body, width - 28)
        button_h = bold.get_linesize() + 10
        height = 14 + bold.get_linesize() + 6 + len(lines) * body.get_linesize() + 12 + button_h + 14
        bubble = pygame.Rect(0, 0, width, height)
        bubble.topright = (w - 16, 60)
        large = target is not None and target.width * target.height > w * h // 3
        if target is not None:
            pygame.draw.rect(surface, p.rgb("focus"), target.inflate(10, 10), 4, border_radius=8)
        room = self.room()
        if room is not None and room.height >= height and room.width >= width:
            # the scene's free space: the bubble covers nothing (not the speech bubble, not the other side)
            bubble.center = room.center
        elif large:
            # a target filling the screen: stand low on the right, over the end of its text
            bubble.bottomright = (w - 24, h - 90)
        elif target is not None and bubble.colliderect(target.inflate(20, 20)):
            bubble.bottomright = (w - 16, h - 16) if target.centery < h // 2 else (w - 16, 60 + height)
            if bubble.colliderect(target.inflate(20, 20)):
                bubble.topleft = (16, 60)
        bubble.clamp_ip(surface.get_rect())
        self.bubble = bubble
        if target is not None and not large:
            pygame.draw.line(surface, p.rgb("focus"), bubble.center, target.center, 3)
            pygame.draw.circle(surface, p.rgb("focus"), target.center, 6)
        shadow = pygame.Surface(bubble.size, pygame.SRCALPHA)
        shadow.fill((0, 0, 0, 70))
        surface.blit(shadow, bubble.move(4, 4))
        pygame.draw.rect(surface, (255, 253, 236), bubble, border_radius=10)
        pygame.draw.rect(surface, p.rgb("focus"), bubble, 3, border_radius=10)
        ink = (27, 27, 27)
        count = tr("Tutorial {n} of {total}", n=self.index + 1, total=len(tutorial.STEPS))
        y = bubble.y + 14
        surface.blit(bold.render(count, True, ink), (bubble.x + 14, y))
        y += bold.get_linesize() + 6
        for line in lines:
            surface.blit(body.render(line, True, ink), (bubble.x + 14, y))
            y += body.get_linesize()
        y += 12
        self.skip_rect = self._button(surface, tr("Skip tutorial  [F10]"), (bubble.x + 14, y), button_h, primary=False)
        if self.waits_for_next():
            label = tr("Finish  [Enter]") if self.step.id == "done" else tr("Next  [Enter]")
            self.next_rect = self._button(surface, label, (bubble.right - 14, y), button_h, primary=True)

    def _button(
        self, surface: pygame.Surface, text: str, at: tuple[int, int], height: int, primary: bool
    ) -> pygame.Rect:
        """A drawn button; the primary one stands with its right edge at `at`, the other with its left."""
        p = self.app.palette
        f = font(font_size(self.app.settings.text_scale, -2), bold=primary)
        image = f.render(text, True, p.rgb("button_text") if primary else (60, 60, 60))
        rect = pygame.Rect(at, (image.get_width() + 20, height))
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

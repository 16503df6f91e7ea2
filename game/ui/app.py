"""The window: the frame loop, the scene stack, the settings and the theme."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.i18n import set_language, tr
from game.ui import fonts, sound, widgets
from game.ui.palette import PALETTES, Palette
from game.ui.scene import Scene
from game.ui.settings import MIN_SIZE, Settings
from game.ui.theme import font_size, theme
from game.ui.toast import Toast

if TYPE_CHECKING:
    from game.ui.coach import Coach

FPS = 60


class App:
    def __init__(
        self, settings: Settings | None = None, settings_path: Path | None = None, language_override: str | None = None
    ) -> None:
        self.settings_path = settings_path
        self.settings = settings or Settings.load(settings_path)
        if language_override is not None:
            self.settings = replace(self.settings, language=language_override)
        set_language(self.settings.language)
        pygame.init()
        pygame.display.set_caption(tr("Cruise Control: START 1990"))
        pygame.key.set_repeat(400, 40)
        self.window = self._open_window()
        self.palette: Palette = PALETTES[self.settings.theme]
        self.manager = self._make_manager()
        self.clock = pygame.time.Clock()
        self.scenes: list[Scene] = []
        self.running = True
        self.coach: Coach | None = None
        self.toast: Toast | None = None
        self.sound = sound.Sounds(enabled=self.settings.sound)

    # --- window and theme ---
    def _open_window(self) -> pygame.Surface:
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        size = (0, 0) if self.settings.fullscreen else self.settings.size
        return pygame.display.set_mode(size, flags)

    def _make_manager(self) -> pygame_gui.UIManager:
        # pygame_gui's own texts (text boxes, file dialogs) follow the game's language
        manager = pygame_gui.UIManager(
            self.size, theme(self.palette, self.settings.text_scale), starting_language=self.settings.language
        )
        sizes = {font_size(self.settings.text_scale, step) for step in (-2, 0, 2, 8)}
        with warnings.catch_warnings():  # the theme has loaded some of these already
            warnings.simplefilter("ignore")
            manager.preload_fonts(
                [
                    {"name": "dejavu_sans", "point_size": n, "style": style}
                    for n in sizes
                    for style in ("bold", "italic")
                ]
            )
        return manager

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings now and keep them for the next run."""
        resize = (settings.size, settings.fullscreen) != (self.settings.size, self.settings.fullscreen)
        relocalise = settings.language != self.settings.language
        self.settings = settings
        settings.save(self.settings_path)
        self.sound.enabled = settings.sound
        set_language(settings.language)
        for scene in self.scenes if relocalise else ():  # a game under way: its names in the new language
            session = getattr(scene, "session", None)
            if callable(getattr(session, "relocalise", None)):
                session.relocalise()
        pygame.display.set_caption(tr("Cruise Control: START 1990"))
        if resize:
            self.window = self._open_window()
        self.palette = PALETTES[settings.theme]
        self.manager = self._make_manager()
        if self.scenes:
            self.scenes[-1].rebuild()

    def resized(self, width: int, height: int) -> None:
        width, height = max(MIN_SIZE[0], width), max(MIN_SIZE[1], height)
        if (width, height) != self.size:
            self.window = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        self.manager.set_window_resolution((width, height))
        if not self.settings.fullscreen:
            self.settings = Settings(**{**self.settings.__dict__, "width": width, "height": height})
            self.settings.save(self.settings_path)
        if self.scenes:
            self.scenes[-1].rebuild()

    # --- the scene stack ---
    @property
    def scene(self) -> Scene:
        return self.scenes[-1]

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)
        scene.rebuild()

    def pop(self) -> None:
        dropped = [self.scenes.pop()]
        if self.scenes:
            self.scene.rebuild()
        self._discard(dropped)

    def replace(self, scene: Scene) -> None:
        dropped = [self.scenes.pop()]
        self.push(scene)
        self._discard(dropped)

    def to_title(self) -> None:
        """Back to the title screen, which is always at the bottom of the stack."""
        dropped = self.scenes[1:]
        del self.scenes[1:]
        self.scene.rebuild()
        self._discard(dropped)

    def reset_to(self, scene: Scene) -> None:
        """Go to a scene with nothing under it but the title screen."""
        dropped = self.scenes[1:]
        del self.scenes[1:]
        self.push(scene)
        self._discard(dropped)

    def _discard(self, dropped: list[Scene]) -> None:
        """Close what left scenes held (a game's AI thread) unless a scene still on the stack uses it."""
        kept = {id(getattr(scene, "session", None)) for scene in self.scenes}
        for scene in dropped:
            session = getattr(scene, "session", None)
            if session is not None and id(session) not in kept:
                session.close()

    def confirm(self, say: Callable[[], str]) -> None:
        """Tell the player for a few seconds, over whatever scene comes next, that an action took effect."""
        self.toast = Toast.of(say)

    # --- the loop ---
    def step(self) -> float:
        """One frame: events, update, draw. Returns the frame's duration in seconds."""
        dt = self.clock.tick(FPS) / 1000.0
        shortcut_ran = False
        for event in pygame.event.get():
            if event.type == pygame.TEXTINPUT and shortcut_ran:
                continue  # the letter of a shortcut that opened a text field is not text for it
            if event.type == pygame.QUIT:
                self.running = False
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resized(event.w, event.h)
                continue
            if self.coach is not None and self.coach.handle(event):
                continue
            used = self.manager.process_events(event)
            if not used or event.type in (pygame_gui.UI_BUTTON_PRESSED, pygame.KEYDOWN):
                scene = self.scene
                if self.scene.handle(event) and event.type == pygame.KEYDOWN and self.scene is not scene:
                    shortcut_ran = True
                    pygame.event.clear(pygame.TEXTINPUT)
        self.manager.update(dt)
        widgets.place_tooltips(self.manager, self.window.get_rect(), dt)
        self.scene.update(dt)
        if self.coach is not None:
            self.coach.update()
        self.draw()
        return dt

    def draw(self) -> None:
        self.window.fill(self.palette.rgb("background"))
        self.scene.drawn_texts = []
        self.scene.draw(self.window)
        self.manager.draw_ui(self.window)
        self.scene.draw_focus(self.window)
        if hasattr(self.scene, "draw_overlay"):
            self.scene.draw_overlay(self.window)
        if self.coach is not None:
            self.coach.draw(self.window)
        if self.toast is not None and self.toast.showing:
            self.toast.draw(self.window, self.palette, self.settings.text_scale)
        pygame.display.flip()

    def run(self) -> None:
        self.step()
        if os.environ.get("CRUISE_CONTROL_FIRST_FRAME_EXIT"):  # for bench/bench_ui.py: time to first frame
            self.running = False
        while self.running and self.scenes:
            self.step()
        self.close()

    def close(self) -> None:
        dropped, self.scenes = self.scenes, []
        self._discard(dropped)
        pygame.quit()
        fonts.font.cache_clear()  # fonts die with pygame.quit; a later window makes new ones


def has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or os.name == "nt"


def main(language: str | None = None) -> int:
    """Open the window on the title screen (in `language`, else the saved one); without a display,
    say so in one clear line."""
    if not has_display():
        print(
            "No display found: the game window needs one. Headless, play with "
            "'python main.py run --us ai:hard --ussr ai:normal' (see 'python main.py --help')."
        )
        return 2
    from game.ui import coach
    from game.ui.scenes.title import TitleScene

    try:
        app = App(language_override=language)
    except pygame.error as exc:
        print(f"The window could not open ({exc}). Headless, see 'python main.py --help'.")
        return 2
    app.push(TitleScene(app))
    if app.settings.tutorial == "":  # the first launch: the guided game, which F10 skips
        coach.start(app)
    app.run()
    return 0

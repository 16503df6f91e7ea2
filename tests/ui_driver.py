"""Drive the real window with posted input events, under SDL's dummy video driver."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.app import App
from game.ui.scenes.title import TitleScene
from game.ui.settings import Settings


class Driver:
    def __init__(self, config: Path, settings: Settings | None = None) -> None:
        path = config / "settings.json"
        if settings is not None:
            settings.save(path)
        self.app = App(settings_path=path)
        self.app.push(TitleScene(self.app))
        self.frames(2)

    @property
    def scene(self) -> object:
        return self.app.scene

    @property
    def scene_name(self) -> str:
        return type(self.app.scene).__name__

    def frames(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.step()

    def key(self, key: int, mod: int = 0, frames: int = 2) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frames(frames)

    def type(self, text: str, frames: int = 2) -> None:
        """Type text as a keyboard does: each letter a key press and its text input."""
        for char in text:
            key = pygame.key.key_code(char) if char.isalnum() else 0
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0))
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=char, scancode=0))
            self.frames(frames)

    def click(self, rect: pygame.Rect, frames: int = 2) -> None:
        pos = rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames(frames)

    def wait_for(self, name: str, limit: int = 2000) -> None:
        for _ in range(limit):
            if self.scene_name == name:
                return
            self.frames()
        raise AssertionError(f"never reached {name}; stuck on {self.scene_name}")

    def through_the_ending(self, limit: int = 4000) -> list[str]:
        """Wait for the talks to end, then go on (Enter) through the ending scenes to the debrief; returns them."""
        seen: list[str] = []
        for _ in range(limit):
            name = self.scene_name
            if name == "DebriefScene":
                return seen
            if name in ("SigningScene", "RatificationScene", "NoDealScene"):
                seen.append(name)
                self.key(pygame.K_RETURN)
            else:
                self.frames()
        raise AssertionError(f"never reached the debrief; stuck on {self.scene_name}")

    def close(self) -> None:
        self.app.close()

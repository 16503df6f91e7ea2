"""Sound cues from assets/sounds; silent where no audio device exists or a file is missing."""

from __future__ import annotations

import pygame

from game.ui import assets

# What the scenes ask for, and the recording that answers: a move is a page turned, news a murmur
# in the room, the end of a game the gavel.
CUES = {"move": "paper", "news": "murmur", "end": "gavel", **{name: name for name in assets.SOUNDS}}


class Sounds:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._cues: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _load(self) -> None:
        """Open the audio device on first use, so a player with sound off never touches it."""
        self._ready = True
        try:
            pygame.mixer.init(frequency=22050, size=-16, channels=1)
        except pygame.error:
            return  # no audio device: the game runs silent
        for cue, name in CUES.items():
            path = assets.sound_path(name)
            if path is None:
                continue
            try:
                self._cues[cue] = pygame.mixer.Sound(file=str(path))
            except pygame.error:
                continue

    def play(self, name: str) -> None:
        if self.enabled and not self._ready:
            self._load()
        if self.enabled and name in self._cues:
            self._cues[name].play()

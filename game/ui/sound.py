"""Short cues, made with numpy; silent where no audio device exists."""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050


def _tone(freqs: tuple[float, ...], seconds: float) -> np.ndarray:
    t = np.linspace(0, seconds, int(RATE * seconds), endpoint=False)
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    envelope = np.minimum(1.0, 8 * (seconds - t) / seconds) * np.minimum(1.0, t * 200)
    return (wave * envelope * 0.25 * 32767).astype(np.int16)


class Sounds:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._cues: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _load(self) -> None:
        """Open the audio device on first use, so a player with sound off never touches it."""
        self._ready = True
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            for name, freqs, seconds in (
                ("move", (660.0,), 0.08),
                ("news", (440.0, 554.0), 0.25),
                ("end", (523.0, 659.0, 784.0), 0.6),
            ):
                self._cues[name] = pygame.mixer.Sound(buffer=_tone(freqs, seconds).tobytes())
        except pygame.error:
            self._cues = {}  # no audio device: the game runs silent

    def play(self, name: str) -> None:
        if self.enabled and not self._ready:
            self._load()
        if self.enabled and name in self._cues:
            self._cues[name].play()

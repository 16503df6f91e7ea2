"""Player settings, kept in a JSON file between runs."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from game.i18n import LANGUAGES, N_
from game.paths import config_dir

TEXT_SIZES = {N_("small"): 0.9, N_("medium"): 1.0, N_("large"): 1.2, N_("x-large"): 1.4}
THEMES = ("okabe-ito", "high-contrast")
AI_SPEEDS = {N_("slow"): 2.0, N_("normal"): 1.0, N_("fast"): 0.4, N_("instant"): 0.0}
"""Seconds an AI delegation is shown conferring before it speaks."""
MIN_SIZE = (1024, 600)
TUTORIAL_ENDED = ("done", "skipped", "played")
"""Finished, skipped, or finished and followed by a game of one's own."""


@dataclass(frozen=True)
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    text_size: str = "medium"
    theme: str = "okabe-ito"
    ai_speed: str = "normal"
    sound: bool = True
    language: str = "en"
    tutorial: str = ""
    """The tutorial's progress: "" never opened, a step id while under way, then one of TUTORIAL_ENDED."""
    new_game: tuple[str, str, str] = ("", "", "")
    """The last New game's scenario id, side ("us"/"ussr") and opponent spec, offered again next time."""

    @property
    def tutorial_under_way(self) -> bool:
        return self.tutorial not in ("", *TUTORIAL_ENDED)

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES.get(self.text_size, 1.0)

    @property
    def ai_delay(self) -> float:
        return AI_SPEEDS.get(self.ai_speed, 1.0)

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def load(path: Path | None = None) -> Settings:
        """The saved settings; anything missing or unreadable falls back to the default."""
        path = path or config_dir() / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Settings()
        if not isinstance(data, dict):
            return Settings()
        known = {f.name: f.type for f in fields(Settings)}
        if isinstance(data.get("new_game"), list):  # JSON has no tuples
            data["new_game"] = tuple(data["new_game"])
        clean = {k: v for k, v in data.items() if k in known and isinstance(v, type(getattr(Settings(), k)))}
        if len(clean.get("new_game", ())) != 3 or not all(isinstance(x, str) for x in clean.get("new_game", ())):
            clean.pop("new_game", None)
        settings = replace(Settings(), **clean)
        if settings.text_size not in TEXT_SIZES or settings.theme not in THEMES or settings.ai_speed not in AI_SPEEDS:
            return Settings()
        if settings.language not in LANGUAGES:
            settings = replace(settings, language="en")
        return replace(settings, width=max(MIN_SIZE[0], settings.width), height=max(MIN_SIZE[1], settings.height))

"""Where the project's files live: scenarios, saves. Light to import (the title screen needs it first)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_DIR = ROOT / "scenarios"
AUTOSAVE = "autosave.yaml"


def saves_dir() -> Path:
    """Where games are saved: the project's saves/ folder, or $CRUISE_CONTROL_SAVES."""
    return Path(os.environ.get("CRUISE_CONTROL_SAVES", ROOT / "saves"))

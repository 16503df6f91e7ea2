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


def config_dir() -> Path:
    """The player's own folder for settings and the seats held in classes: $CRUISE_CONTROL_CONFIG, or
    cruise-control in $XDG_CONFIG_HOME (~/.config)."""
    if "CRUISE_CONTROL_CONFIG" in os.environ:
        return Path(os.environ["CRUISE_CONTROL_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "cruise-control"

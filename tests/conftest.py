from __future__ import annotations

import os
from pathlib import Path

# The window's tests run on SDL's dummy video and audio drivers: no display or sound card needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest

from game.engine.rules import Rules
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny.yaml"
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
ALL_SCENARIOS = [TINY, *SHIPPED]
# shared/reference (the record of 20 April, the fact sheet) sits beside the repository in CI, and
# beside the folder of worktrees in a worktree checkout.
REFERENCE_DIR = next(
    (d for d in (ROOT.parent / "shared" / "reference", ROOT.parent.parent / "shared" / "reference") if d.is_dir()),
    ROOT.parent / "shared" / "reference",
)


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and the seats kept for classes go to a folder of each test (made when first written), never
    the user's own nor another test's; a test that looks at them may set its own folder."""
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / ".config"))


@pytest.fixture(scope="session")
def tiny() -> Rules:
    return Rules(load_scenario(str(TINY))[0])


_rules_cache: dict[Path, Rules] = {}


def rules_for(path: Path) -> Rules:
    if path not in _rules_cache:
        _rules_cache[path] = Rules(load_scenario(str(path))[0])
    return _rules_cache[path]

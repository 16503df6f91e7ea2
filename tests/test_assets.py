"""The bundled assets: every file credited, every picture loads, and nothing missing stops the game."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from game.ui import assets

CREDITS = assets.ROOT / "CREDITS.md"


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.init()


def test_every_file_under_assets_is_credited_and_every_credit_exists() -> None:
    credited = set(re.findall(r"^\| `([^`]+)` \|", CREDITS.read_text(encoding="utf-8"), flags=re.M))
    present = {
        str(p.relative_to(assets.ROOT)) for p in assets.ROOT.rglob("*") if p.is_file() and p.name != "CREDITS.md"
    }
    present = {p for p in present if "__pycache__" not in p}
    assert present - credited == set(), "files without a credit line"
    assert credited - present == set(), "credits naming no file"


def test_the_font_covers_cyrillic_and_the_symbols_the_game_draws() -> None:
    face = pygame.font.Font(str(assets.font_path()), 20)
    for char in "Карпов Шеварднадзе→≈≥≤✓✗•…№":
        assert face.metrics(char)[0] is not None, char


@pytest.mark.parametrize("kind", assets.MOVE_KINDS)
def test_every_kind_of_move_has_its_own_drawn_icon(kind: str) -> None:
    assert (assets.IMAGES / "icons" / f"{kind}.svg").is_file()
    surface = assets.icon(kind, (48, 48))
    assert surface.get_size() == (48, 48)
    assert surface.get_at((24, 24)).a > 0 or surface.get_bounding_rect().width > 10


def test_pictures_load_at_the_size_asked_and_the_bundled_flag_is_not_the_fallback() -> None:
    drawn = assets.flag("us", (10, 20, 30), (95, 50))
    assert drawn.get_size() == (95, 50)
    fallback = assets.flag("no-such-side", (10, 20, 30), (95, 50))
    assert pygame.image.tobytes(drawn, "RGBA") != pygame.image.tobytes(fallback, "RGBA")
    assert assets.emblem("ussr", (200, 0, 0), (64, 64)).get_bounding_rect().width >= 60
    assert assets.room((320, 180)).get_bounding_rect().size == (320, 180)


def test_a_missing_install_falls_back_to_drawn_pictures(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(assets, "IMAGES", tmp_path / "nothing")
    assets._picture.cache_clear()
    try:
        for surface in (
            assets.flag("us", (0, 40, 104), (60, 32)),
            assets.emblem("us", (0, 40, 104), (40, 40)),
            assets.portrait("Secretary of State", (0, 40, 104), (40, 48)),
            assets.room((64, 36)),
            assets.icon("accept", (24, 24)),
        ):
            assert surface.get_bounding_rect().width > 0
    finally:
        assets._picture.cache_clear()


def test_a_scenario_image_outside_the_game_folders_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text((assets.IMAGES / "flags" / "us.svg").read_text(encoding="utf-8"), encoding="utf-8")
    from_outside = assets.flag("x", (10, 20, 30), (60, 32), custom=outside)
    assert pygame.image.tobytes(from_outside, "RGBA") == pygame.image.tobytes(
        assets.flag("x", (10, 20, 30), (60, 32)), "RGBA"
    )
    inside = assets.flag("x", (10, 20, 30), (60, 32), custom=assets.IMAGES / "flags" / "us.svg")
    assert pygame.image.tobytes(inside, "RGBA") == pygame.image.tobytes(assets.flag("us", (1, 2, 3), (60, 32)), "RGBA")


@pytest.mark.parametrize(
    ("role", "military"),
    [
        ("Marshal; adviser to President Gorbachev", True),
        ("Major General, General Staff", True),
        ("Secretary of State", False),
    ],
)
def test_a_uniform_for_military_roles_only(role: str, military: bool) -> None:
    assert (assets.portrait_kind(role) == "military") is military
    assert assets.portrait(role, (1, 2, 3), (50, 60)).get_size() == (50, 60)


@pytest.mark.parametrize("name", assets.SOUNDS)
def test_every_sound_cue_is_a_short_wav(name: str) -> None:
    import wave

    path = assets.sound_path(name)
    assert path is not None
    with wave.open(str(path)) as cue:
        assert 0.3 < cue.getnframes() / cue.getframerate() < 3.0

"""The game's font, pictures and sounds: the one module that knows where `assets/` is.

Every picture has a drawn fallback, so a missing or unreadable file (an install without `assets/`, a
scenario naming an image that is not there) never stops the game. Pictures are SVG, loaded at the
size they are shown, and cached by name and size.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[2] / "assets"
IMAGES = ROOT / "images"
MOVE_KINDS = ("propose", "accept", "red_line", "argument", "consult", "adjourn", "walk_out")
SOUNDS = ("gavel", "paper", "murmur", "signing")
MAX_IMAGE_BYTES = 4 * 1024 * 1024  # a scenario's own image larger than this is not read
Colour = tuple[int, int, int]
Size = tuple[int, int]

# Words in a member's role that call for the uniformed silhouette.
MILITARY = ("marshal", "general", "admiral", "colonel", "major", "captain", "officer", "military")
CIVILIAN_KINDS = ("civilian", "civilian-glasses", "civilian-long-hair")


def font_path(bold: bool = False) -> Path:
    """DejaVu Sans, bundled: Latin, Cyrillic, arrows and the symbols the game draws."""
    return ROOT / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def font_paths() -> dict[str, str]:
    """The four faces as pygame_gui's theme wants them, so HTML text boxes use the same font."""
    fonts = ROOT / "fonts"
    return {
        "regular_path": str(fonts / "DejaVuSans.ttf"),
        "bold_path": str(fonts / "DejaVuSans-Bold.ttf"),
        "italic_path": str(fonts / "DejaVuSans-Oblique.ttf"),
        "bold_italic_path": str(fonts / "DejaVuSans-BoldOblique.ttf"),
    }


def _load(path: Path, size: Size) -> pygame.Surface | None:
    """The picture at `path` scaled to `size`, or None when it is missing, too large or unreadable."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        if path.suffix.lower() == ".svg":
            image = pygame.image.load_sized_svg(str(path), size)
        else:
            image = pygame.image.load(str(path))
    except (pygame.error, OSError, ValueError):
        return None
    if pygame.display.get_surface() is not None:
        image = image.convert_alpha()
    return image if image.get_size() == size else pygame.transform.smoothscale(image, size)


@cache
def _picture(path: Path, size: Size) -> pygame.Surface | None:
    return _load(path, size)


def _shade(colour: Colour, factor: float) -> Colour:
    r, g, b = (max(0, min(255, round(c * factor))) for c in colour)
    return (r, g, b)


def _own(custom: Path | None, size: Size) -> pygame.Surface | None:
    """A scenario's own image, read only from inside the game's folders."""
    if custom is None or not custom.resolve().is_relative_to(ROOT.parent):
        return None
    return _picture(custom.resolve(), size)


def flag(side_id: str, colour: Colour, size: Size, custom: Path | None = None) -> pygame.Surface:
    """The side's flag: a scenario's own image, the bundled one for its id, or two bands of its colour."""
    found = _own(custom, size) or _picture(IMAGES / "flags" / f"{side_id}.svg", size)
    if found is not None:
        return found
    surface = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    surface.fill(colour)
    pygame.draw.rect(surface, _shade(colour, 0.6), (0, h * 2 // 3, w, h - h * 2 // 3))
    pygame.draw.rect(surface, (240, 240, 240), (0, h // 3, w, max(1, h // 12)))
    return surface


def emblem(side_id: str, colour: Colour, size: Size, custom: Path | None = None) -> pygame.Surface:
    found = _own(custom, size) or _picture(IMAGES / "emblems" / f"{side_id}.svg", size)
    if found is not None:
        return found
    surface = pygame.Surface(size, pygame.SRCALPHA)
    centre = (size[0] // 2, size[1] // 2)
    radius = min(size) // 2
    pygame.draw.circle(surface, _shade(colour, 0.7), centre, radius)
    pygame.draw.circle(surface, (242, 194, 48), centre, max(1, radius - 3), width=max(1, radius // 12))
    pygame.draw.circle(surface, colour, centre, max(1, radius * 2 // 3))
    return surface


def portrait_kind(key: str) -> str:
    """Which silhouette stands for a member: the uniform for a military role, else one of the suits."""
    lowered = key.lower()
    if any(word in lowered for word in MILITARY):
        return "military"
    return CIVILIAN_KINDS[zlib.crc32(key.encode("utf-8")) % len(CIVILIAN_KINDS)]


def portrait(key: str, colour: Colour, size: Size, custom: Path | None = None) -> pygame.Surface:
    """A member's portrait (a scenario's own image) or the silhouette for their role, edged in the side's colour."""
    found = _own(custom, size) or _picture(IMAGES / "portraits" / f"{portrait_kind(key)}.svg", size)
    if found is None:
        found = pygame.Surface(size, pygame.SRCALPHA)
        found.fill((217, 222, 228))
        w, h = size
        pygame.draw.ellipse(found, (59, 69, 82), (w * 0.08, h * 0.65, w * 0.84, h * 0.7))
        pygame.draw.ellipse(found, (59, 69, 82), (w * 0.31, h * 0.23, w * 0.38, h * 0.38))
    framed = found.copy()
    pygame.draw.rect(framed, colour, framed.get_rect(), width=max(2, min(size) // 30))
    return framed


def room(size: Size) -> pygame.Surface:
    """The negotiating room behind the title and the ending scenes."""
    found = _picture(IMAGES / "room.svg", size)
    if found is not None:
        return found
    surface = pygame.Surface(size)
    w, h = size
    for y in range(h):
        t = y / max(1, h - 1)
        surface.fill(_shade((91, 70, 54), 1.0 - 0.45 * t), (0, y, w, 1))
    pygame.draw.polygon(
        surface, (46, 90, 58), [(w * 0.12, h), (w * 0.35, h * 0.67), (w * 0.65, h * 0.67), (w * 0.88, h)]
    )
    return surface


def icon(move_kind: str, size: Size) -> pygame.Surface:
    """The picture for a kind of move (see MOVE_KINDS); an unknown kind gets a plain marker."""
    found = _picture(IMAGES / "icons" / f"{move_kind}.svg", size) if move_kind in MOVE_KINDS else None
    if found is not None:
        return found
    surface = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.circle(
        surface, (42, 47, 54), (size[0] // 2, size[1] // 2), min(size) // 2 - 1, width=max(1, min(size) // 10)
    )
    return surface


def sound_path(name: str) -> Path | None:
    """The WAV file of a cue (see SOUNDS), or None when it is not installed."""
    path = ROOT / "sounds" / f"{name}.wav"
    return path if name in SOUNDS and path.is_file() else None

"""Draws the game's pictures as SVG files under assets/images/ (run: python assets/src/draw_images.py).

Plain Python writing SVG text, so the pictures stay editable and scale to any window size; the game
loads them with pygame's SVG loader at the size it needs.
"""

from __future__ import annotations

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "images"

GOLD = "#F2C230"
INK = "#2A2F36"


def svg(width: float, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}">\n{body}\n</svg>\n'
    )


def star(cx: float, cy: float, r: float, fill: str, rotate: float = -90.0) -> str:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.382
        a = math.radians(rotate + 36 * k)
        points.append(f"{cx + radius * math.cos(a):.2f},{cy + radius * math.sin(a):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{fill}"/>'


def star_outline(cx: float, cy: float, r: float, stroke: str, width: float) -> str:
    return star(cx, cy, r, "none").replace('fill="none"', f'fill="none" stroke="{stroke}" stroke-width="{width}"')


def us_flag() -> str:
    w, h = 190.0, 100.0
    stripe = h / 13
    body = [f'<rect width="{w}" height="{h}" fill="#FFFFFF"/>']
    body += [f'<rect y="{k * stripe:.3f}" width="{w}" height="{stripe:.3f}" fill="#B22234"/>' for k in range(0, 13, 2)]
    cw, ch = 76.0, stripe * 7
    body.append(f'<rect width="{cw}" height="{ch:.3f}" fill="#3C3B6E"/>')
    for row in range(9):
        for col in range(6 if row % 2 == 0 else 5):
            x = cw / 12 * (2 * col + 1 + (row % 2))
            y = ch / 10 * (row + 1)
            body.append(star(x, y, 2.4, "#FFFFFF"))
    return svg(w, h, "\n".join(body))


def hammer_and_sickle(cx: float, cy: float, s: float, fill: str) -> str:
    """The Soviet emblem's hammer and sickle, centred at (cx, cy), about 2s across."""
    sickle = (
        f'<path d="M {cx - 0.55 * s:.2f} {cy - 0.75 * s:.2f} '
        f"A {0.85 * s:.2f} {0.85 * s:.2f} 0 1 0 {cx + 0.75 * s:.2f} {cy + 0.1 * s:.2f} "
        f'A {0.68 * s:.2f} {0.68 * s:.2f} 0 1 1 {cx - 0.55 * s:.2f} {cy - 0.75 * s:.2f} Z" fill="{fill}"/>'
        f'<rect x="{cx - 0.95 * s:.2f}" y="{cy + 0.55 * s:.2f}" width="{0.45 * s:.2f}" height="{0.16 * s:.2f}" '
        f'fill="{fill}" transform="rotate(-45 {cx - 0.72 * s:.2f} {cy + 0.63 * s:.2f})"/>'
    )
    hammer = (
        f'<g transform="rotate(45 {cx:.2f} {cy:.2f})">'
        f'<rect x="{cx - 0.08 * s:.2f}" y="{cy - 0.6 * s:.2f}" width="{0.16 * s:.2f}" height="{1.45 * s:.2f}" fill="{fill}"/>'
        f'<rect x="{cx - 0.38 * s:.2f}" y="{cy - 0.78 * s:.2f}" width="{0.62 * s:.2f}" height="{0.26 * s:.2f}" fill="{fill}"/>'
        "</g>"
    )
    return sickle + hammer


def ussr_flag() -> str:
    w, h = 200.0, 100.0
    body = [
        f'<rect width="{w}" height="{h}" fill="#CC0000"/>',
        star_outline(33.0, 12.5, 6.0, GOLD, 1.4),
        hammer_and_sickle(31.0, 33.0, 11.0, GOLD),
    ]
    return svg(w, h, "\n".join(body))


def laurel(cx: float, cy: float, r: float, colour: str) -> str:
    """Two branches of leaves round the lower half of a circle."""
    leaves = []
    for side in (-1, 1):
        for k in range(7):
            a = math.radians(100 + side * (12 + 19 * k))
            x, y = cx + r * math.cos(a), cy + r * math.sin(a)
            angle = math.degrees(a) + 90 + side * 35
            leaves.append(
                f'<ellipse cx="{x:.2f}" cy="{y:.2f}" rx="{r * 0.09:.2f}" ry="{r * 0.2:.2f}" fill="{colour}" '
                f'transform="rotate({angle:.1f} {x:.2f} {y:.2f})"/>'
            )
    return "\n".join(leaves)


def us_emblem() -> str:
    c = 50.0
    body = [
        f'<circle cx="{c}" cy="{c}" r="48" fill="#1F2A5A"/>',
        f'<circle cx="{c}" cy="{c}" r="44" fill="none" stroke="{GOLD}" stroke-width="2"/>',
        laurel(c, c + 2, 34, "#6E9E4A"),
    ]
    for k in range(13):
        a = math.radians(-90 + (k - 6) * 14)
        body.append(star(c + 22 * math.cos(a), c - 6 + 22 * math.sin(a) + 14, 2.6, "#FFFFFF"))
    body.append(
        f'<path d="M {c - 12} {c - 4} L {c + 12} {c - 4} L {c + 12} {c + 14} Q {c} {c + 24} {c - 12} {c + 14} Z" '
        'fill="#FFFFFF" stroke="#B22234" stroke-width="1"/>'
    )
    body += [
        f'<rect x="{c - 12 + 3.4 * k + 0.6:.2f}" y="{c + 2}" width="1.8" height="{14 - abs(k - 3) * 0.9:.2f}" fill="#B22234"/>'
        for k in range(7)
    ]
    body.append(f'<rect x="{c - 12}" y="{c - 4}" width="24" height="6" fill="#3C3B6E"/>')
    return svg(100, 100, "\n".join(body))


def ussr_emblem() -> str:
    c = 50.0
    body = [
        f'<circle cx="{c}" cy="{c}" r="48" fill="#8E0F0F"/>',
        f'<circle cx="{c}" cy="{c}" r="44" fill="none" stroke="{GOLD}" stroke-width="2"/>',
        laurel(c, c + 2, 34, GOLD),
        star(c, c - 26, 7.5, GOLD),
        f'<circle cx="{c}" cy="{c + 4}" r="17" fill="#2F6DB5"/>',
        hammer_and_sickle(c, c + 4, 12.0, GOLD),
    ]
    return svg(100, 100, "\n".join(body))


def silhouette(kind: str) -> str:
    """Head and shoulders: a civilian in a suit (three variants) or an officer in uniform."""
    w, h = 100.0, 120.0
    bg = "#D9DEE4"
    figure = "#3B4552"
    body = [f'<rect width="{w}" height="{h}" rx="6" fill="{bg}"/>']
    body.append(f'<path d="M 8 120 C 10 88 26 80 50 78 C 74 80 90 88 92 120 Z" fill="{figure}"/>')
    body.append(f'<ellipse cx="50" cy="50" rx="19" ry="23" fill="{figure}"/>')
    body.append(f'<rect x="42" y="66" width="16" height="14" fill="{figure}"/>')
    if kind == "military":
        body += [
            '<path d="M 24 36 Q 50 14 76 36 L 74 40 L 26 40 Z" fill="#4B5A3A"/>',
            '<rect x="22" y="38" width="56" height="6" rx="2" fill="#2E3626"/>',
            star(50, 29, 4.0, GOLD),
            '<rect x="12" y="88" width="20" height="6" rx="2" fill="#B8962E" transform="rotate(12 22 91)"/>',
            '<rect x="68" y="88" width="20" height="6" rx="2" fill="#B8962E" transform="rotate(-12 78 91)"/>',
            '<rect x="34" y="96" width="10" height="4" fill="#B22234"/><rect x="46" y="96" width="10" height="4" fill="#2F6DB5"/>',
        ]
    else:
        body += [
            '<path d="M 40 80 L 50 104 L 60 80 Z" fill="#F4F4F4"/>',
            '<path d="M 47 82 L 50 100 L 53 82 Z" fill="#8E2B2B"/>',
        ]
        if kind == "civilian-glasses":
            body += [
                '<circle cx="43" cy="50" r="5.5" fill="none" stroke="#C9D1DA" stroke-width="1.6"/>',
                '<circle cx="57" cy="50" r="5.5" fill="none" stroke="#C9D1DA" stroke-width="1.6"/>',
                '<line x1="48.5" y1="50" x2="51.5" y2="50" stroke="#C9D1DA" stroke-width="1.6"/>',
            ]
        if kind == "civilian-long-hair":
            body.append(
                f'<path d="M 30 46 Q 30 22 50 22 Q 70 22 70 46 L 74 76 L 64 74 L 50 40 L 36 74 L 26 76 Z" fill="{figure}"/>'
            )
    return svg(w, h, "\n".join(body))


def room() -> str:
    """A negotiating room: panelled wall, tall windows, a chandelier and the long baize table."""
    w, h = 1600.0, 900.0
    body = [
        "<defs>"
        '<linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5B4636"/>'
        '<stop offset="1" stop-color="#3A2C22"/></linearGradient>'
        '<linearGradient id="win" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9FB8CC"/>'
        '<stop offset="1" stop-color="#D8E2EA"/></linearGradient>'
        '<radialGradient id="glow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#FFF1C4" stop-opacity="0.55"/>'
        '<stop offset="1" stop-color="#FFF1C4" stop-opacity="0"/></radialGradient>'
        "</defs>",
        f'<rect width="{w}" height="{h}" fill="url(#wall)"/>',
        f'<rect y="560" width="{w}" height="340" fill="#2B211B"/>',
        f'<rect y="548" width="{w}" height="14" fill="#6E5641"/>',
    ]
    for k in range(8):
        x = 40 + k * 200
        body.append(
            f'<rect x="{x}" y="380" width="160" height="150" rx="4" fill="none" stroke="#6E5641" stroke-width="4"/>'
        )
    for x in (230, 700, 1170):
        body += [
            f'<rect x="{x}" y="60" width="200" height="300" fill="url(#win)"/>',
            f'<rect x="{x + 97}" y="60" width="6" height="300" fill="#E9E2D0"/>',
            f'<rect x="{x}" y="205" width="200" height="6" fill="#E9E2D0"/>',
            f'<path d="M {x - 40} 40 L {x + 30} 40 Q {x + 10} 200 {x + 30} 380 L {x - 40} 380 Z" fill="#7A1E1E"/>',
            f'<path d="M {x + 170} 40 L {x + 240} 40 L {x + 240} 380 L {x + 170} 380 Q {x + 190} 200 {x + 170} 40 Z" fill="#7A1E1E"/>',
        ]
    body += [
        '<ellipse cx="800" cy="120" rx="260" ry="160" fill="url(#glow)"/>',
        '<line x1="800" y1="0" x2="800" y2="70" stroke="#C9A94B" stroke-width="4"/>',
        '<path d="M 740 70 L 860 70 L 830 120 L 770 120 Z" fill="#C9A94B"/>',
    ]
    body += [f'<circle cx="{745 + 22 * k}" cy="{128 + (k % 2) * 6}" r="6" fill="#FFF3C8"/>' for k in range(6)]
    body += [
        '<path d="M 200 900 L 560 600 L 1040 600 L 1400 900 Z" fill="#2E5A3A"/>',
        '<path d="M 200 900 L 560 600 L 1040 600 L 1400 900" fill="none" stroke="#6E5641" stroke-width="10"/>',
    ]
    for k in range(5):
        t = k / 4
        lx, rx = 560 - 300 * t, 1040 + 300 * t
        y = 610 + 250 * t
        body += [
            f'<rect x="{lx - 70 - 20 * t:.0f}" y="{y - 60:.0f}" width="{50 + 20 * t:.0f}" height="{90 + 40 * t:.0f}" rx="8" fill="#4A2F22"/>',
            f'<rect x="{rx + 20:.0f}" y="{y - 60:.0f}" width="{50 + 20 * t:.0f}" height="{90 + 40 * t:.0f}" rx="8" fill="#4A2F22"/>',
        ]
    body.append('<rect x="776" y="610" width="48" height="30" fill="#F4F1E8" opacity="0.7"/>')
    return svg(w, h, "\n".join(body))


ICON_BODIES = {
    "propose": (
        '<path d="M 16 6 L 40 6 L 50 16 L 50 58 L 16 58 Z" fill="#F4F1E8" stroke="{ink}" stroke-width="3"/>'
        '<path d="M 40 6 L 40 16 L 50 16" fill="none" stroke="{ink}" stroke-width="3"/>'
        '<line x1="22" y1="26" x2="44" y2="26" stroke="{ink}" stroke-width="3"/>'
        '<line x1="22" y1="36" x2="44" y2="36" stroke="{ink}" stroke-width="3"/>'
        '<line x1="22" y1="46" x2="36" y2="46" stroke="{ink}" stroke-width="3"/>'
    ),
    "accept": (
        '<circle cx="32" cy="32" r="26" fill="#2E7D4F" stroke="{ink}" stroke-width="3"/>'
        '<path d="M 19 33 L 28 42 L 46 22" fill="none" stroke="#FFFFFF" stroke-width="6" stroke-linecap="round" '
        'stroke-linejoin="round"/>'
    ),
    "red_line": (
        '<line x1="14" y1="6" x2="14" y2="58" stroke="{ink}" stroke-width="4" stroke-linecap="round"/>'
        '<path d="M 16 8 L 52 14 L 16 30 Z" fill="#C62828" stroke="{ink}" stroke-width="2"/>'
        '<line x1="6" y1="48" x2="58" y2="48" stroke="#C62828" stroke-width="6" stroke-linecap="round"/>'
    ),
    "argument": (
        '<path d="M 8 12 Q 8 6 14 6 L 50 6 Q 56 6 56 12 L 56 38 Q 56 44 50 44 L 26 44 L 14 56 L 16 44 L 14 44 '
        'Q 8 44 8 38 Z" fill="#F4F1E8" stroke="{ink}" stroke-width="3"/>'
        '<circle cx="21" cy="25" r="3.5" fill="{ink}"/><circle cx="32" cy="25" r="3.5" fill="{ink}"/>'
        '<circle cx="43" cy="25" r="3.5" fill="{ink}"/>'
    ),
    "consult": (
        '<path d="M 14 10 Q 6 14 8 24 Q 14 44 38 56 Q 48 60 54 50 L 46 40 Q 42 38 38 42 L 34 44 Q 24 38 20 28 '
        'L 22 24 Q 26 20 24 16 Z" fill="#F4F1E8" stroke="{ink}" stroke-width="3" stroke-linejoin="round"/>'
    ),
    "adjourn": (
        '<path d="M 16 6 L 48 6 M 16 58 L 48 58" stroke="{ink}" stroke-width="4" stroke-linecap="round"/>'
        '<path d="M 19 8 Q 19 26 32 32 Q 19 38 19 56 L 45 56 Q 45 38 32 32 Q 45 26 45 8 Z" fill="#F4F1E8" '
        'stroke="{ink}" stroke-width="3"/>'
        '<path d="M 24 54 Q 32 44 40 54 Z" fill="#C9A94B"/>'
    ),
    "walk_out": (
        '<rect x="10" y="6" width="28" height="52" fill="#8A6A4A" stroke="{ink}" stroke-width="3"/>'
        '<circle cx="32" cy="34" r="2.5" fill="{ink}"/>'
        '<path d="M 40 32 L 58 32 M 50 24 L 58 32 L 50 40" fill="none" stroke="#C62828" stroke-width="5" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    ),
}


def icon(kind: str) -> str:
    return svg(64, 64, ICON_BODIES[kind].format(ink=INK))


def main() -> None:
    files = {
        "flags/us.svg": us_flag(),
        "flags/ussr.svg": ussr_flag(),
        "emblems/us.svg": us_emblem(),
        "emblems/ussr.svg": ussr_emblem(),
        "room.svg": room(),
    }
    for kind in ("civilian", "civilian-glasses", "civilian-long-hair", "military"):
        files[f"portraits/{kind}.svg"] = silhouette(kind)
    for kind in ICON_BODIES:
        files[f"icons/{kind}.svg"] = icon(kind)
    for name, text in files.items():
        path = OUT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

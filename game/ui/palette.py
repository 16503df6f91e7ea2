"""Colours: the Okabe–Ito palette (safe for colour blindness) and a high-contrast theme."""

from __future__ import annotations

from dataclasses import dataclass, replace

Colour = tuple[int, int, int]


def hex_colour(text: str) -> Colour:
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    panel: str
    panel_border: str
    text: str
    muted: str
    button: str
    button_hover: str
    button_text: str
    focus: str
    us: str
    ussr: str
    target: str
    red_line: str
    news: str
    good: str
    bad: str
    cloud: str
    frontier: str
    nash: str
    history: str
    track: str
    thumb: str

    def rgb(self, name: str) -> Colour:
        return hex_colour(str(getattr(self, name)))

    def with_sides(self, first: str | None, second: str | None) -> Palette:
        """This palette with a scenario's colours for its two sides (`us` is the first side's, `ussr` the
        second's), where it gives them. The high-contrast theme keeps its own: a player chose it to read."""
        if self.name == "high-contrast" or (first is None and second is None):
            return self
        return replace(self, us=first or self.us, ussr=second or self.ussr)


PALETTES = {
    "okabe-ito": Palette(
        name="okabe-ito",
        background="#F3F0E8",
        panel="#FFFFFF",
        panel_border="#B9B2A3",
        text="#1B1B1B",
        muted="#5A5A5A",
        button="#2F3B4C",
        button_hover="#46566D",
        button_text="#FFFFFF",
        focus="#E69F00",
        us=OKABE_ITO["blue"],
        ussr=OKABE_ITO["vermillion"],
        target=OKABE_ITO["green"],
        red_line="#000000",
        news="#6B4E00",
        good=OKABE_ITO["green"],
        bad=OKABE_ITO["vermillion"],
        cloud="#B8B8B8",
        frontier=OKABE_ITO["purple"],
        nash=OKABE_ITO["orange"],
        history=OKABE_ITO["green"],
        track="#C9C2B3",
        thumb="#2F3B4C",
    ),
    "high-contrast": Palette(
        name="high-contrast",
        background="#000000",
        panel="#000000",
        panel_border="#FFFFFF",
        text="#FFFFFF",
        muted="#E0E0E0",
        button="#FFFFFF",
        button_hover="#F0E442",
        button_text="#000000",
        focus="#F0E442",
        us=OKABE_ITO["sky"],
        ussr=OKABE_ITO["orange"],
        target=OKABE_ITO["green"],
        red_line="#FFFFFF",
        news=OKABE_ITO["yellow"],
        good=OKABE_ITO["green"],
        bad=OKABE_ITO["orange"],
        cloud="#707070",
        frontier=OKABE_ITO["purple"],
        nash=OKABE_ITO["yellow"],
        history=OKABE_ITO["green"],
        track="#5A5A5A",
        thumb=OKABE_ITO["yellow"],
    ),
}

"""The pygame_gui theme, built from the palette and the text size so both apply everywhere."""

from __future__ import annotations

from typing import Any

from game.ui import assets
from game.ui.palette import Palette

BASE_FONT = 16
TOOLTIP_WIDTH = 380
"""A tool tip's width at the medium text size (pygame_gui's default, 170 px, broke Russian words)."""


def font_size(scale: float, step: int = 0) -> int:
    return max(10, round((BASE_FONT + step) * scale))


def theme(palette: Palette, scale: float) -> dict[str, Any]:
    p = palette
    size = str(font_size(scale))
    small = str(font_size(scale, -2))
    colours = {
        "normal_bg": p.button,
        "hovered_bg": p.button_hover,
        "disabled_bg": p.panel_border,
        "selected_bg": p.focus,
        "active_bg": p.button_hover,
        "dark_bg": p.panel,
        "normal_text": p.button_text,
        "hovered_text": p.button_text,
        "disabled_text": p.muted,
        "selected_text": p.button_text,
        "active_text": p.button_text,
        "normal_border": p.panel_border,
        "hovered_border": p.focus,
        "disabled_border": p.panel_border,
        "selected_border": p.focus,
        "active_border": p.focus,
        "text_cursor": p.text,
        "filled_bar": p.us,
        "unfilled_bar": p.panel_border,
    }
    font = {"name": "dejavu_sans", "size": size, **assets.font_paths()}
    text_on_panel = {"normal_text": p.text, "dark_bg": p.panel, "normal_bg": p.panel, "normal_border": p.panel_border}
    return {
        "defaults": {"colours": colours, "font": font, "misc": {"border_width": "1", "shadow_width": "0"}},
        "button": {
            "font": font,
            "misc": {"shape": "rounded_rectangle", "shape_corner_radius": "4", "border_width": "1"},
        },
        "label": {"font": font, "colours": {"normal_text": p.text, "dark_bg": "#00000000"}},
        "@muted": {"colours": {"normal_text": p.muted}},
        "@heading": {"font": {**font, "size": str(font_size(scale, 8)), "bold": "1"}},
        "@subheading": {"font": {**font, "size": str(font_size(scale, 2)), "bold": "1"}},
        "text_box": {"font": font, "colours": text_on_panel, "misc": {"padding": "8,6"}},
        "tool_tip": {  # wide enough for whole words: at 170 px a Russian word was broken ("объявлени-я")
            "font": {**font, "size": small},
            "colours": {"dark_bg": "#FFFFE8", "normal_text": "#1B1B1B"},
            "misc": {"rect_width": str(round(TOOLTIP_WIDTH * scale))},
        },
        "tool_tip.text_box": {
            "font": {**font, "size": small},
            "colours": {"dark_bg": "#FFFFE8", "normal_text": "#1B1B1B"},
        },
        "drop_down_menu": {"font": font},
        "selection_list": {"font": font, "colours": text_on_panel},
        "selection_list.@selection_list_item": {"font": font},
        "text_entry_line": {"font": font, "colours": {**text_on_panel, "normal_text": p.text}},
        "horizontal_slider": {"colours": {"dark_bg": p.track, "disabled_dark_bg": p.track}},
        "horizontal_slider.#sliding_button": {
            "colours": {"normal_bg": p.thumb, "hovered_bg": p.focus, "active_bg": p.focus, "disabled_bg": p.muted}
        },
        "panel": {"colours": {"dark_bg": p.panel, "normal_border": p.panel_border}},
        "window": {"colours": {"dark_bg": p.background}},
    }

"""Settings: window size, full screen, text size, theme, AI speed, sound, language. Kept between runs."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.i18n import LANGUAGES, tr
from game.ui.scene import Scene
from game.ui.settings import AI_SPEEDS, TEXT_SIZES, THEMES

SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080))


class SettingsScene(Scene):
    def build(self) -> None:
        w, h = self.size
        st = self.app.settings
        s = st.text_scale
        row = round(40 * s)
        width = min(640, w - 60)
        x = (w - width) // 2
        self.label((x, 14, width, round(44 * s)), tr("Settings"), "heading")
        y = 30 + round(44 * s)
        sizes = [(f"{a}×{b}", (a, b)) for a, b in SIZES]
        current = next((i for i, (_, v) in enumerate(sizes) if v == st.size), 1)
        rows = [
            (tr("Window size"), sizes, current, lambda i: self.set(width=sizes[i][1][0], height=sizes[i][1][1])),
            (
                tr("Full screen"),
                [(tr("off"), False), (tr("on"), True)],
                int(st.fullscreen),
                lambda i: self.set(fullscreen=bool(i)),
            ),
            (
                tr("Text size"),
                [(tr(k), k) for k in TEXT_SIZES],
                list(TEXT_SIZES).index(st.text_size),
                lambda i: self.set(text_size=list(TEXT_SIZES)[i]),
            ),
            (
                tr("Colours"),
                [(tr("colour-blind safe (Okabe–Ito)"), THEMES[0]), (tr("high contrast"), THEMES[1])],
                THEMES.index(st.theme),
                lambda i: self.set(theme=THEMES[i]),
            ),
            (
                tr("AI speed"),
                [(tr(k), k) for k in AI_SPEEDS],
                list(AI_SPEEDS).index(st.ai_speed),
                lambda i: self.set(ai_speed=list(AI_SPEEDS)[i]),
            ),
            (tr("Sound"), [(tr("off"), False), (tr("on"), True)], int(st.sound), lambda i: self.set(sound=bool(i))),
            (
                tr("Language"),
                [(name, code) for code, name in LANGUAGES.items()],
                list(LANGUAGES).index(st.language) if st.language in LANGUAGES else 0,
                lambda i: self.set(language=list(LANGUAGES)[i]),
            ),
        ]
        for caption, options, index, changed in rows:
            self.choice((x, y, width, row), caption, options, index, changed)
            y += row + 8
        self.button((x, h - row - 20, 200, row), tr("Back"), self.app.pop, pygame.K_ESCAPE)
        if self.focus < 0:
            self.focus = 0

    def set(self, **changes: object) -> None:
        self.app.apply_settings(replace(self.app.settings, **changes))  # type: ignore[arg-type]

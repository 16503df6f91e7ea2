"""The title screen: New game, Continue, Load, Settings, Quit."""

from __future__ import annotations

import pygame

from game.i18n import tr
from game.session import AUTOSAVE, saves_dir
from game.ui.fonts import font, wrap
from game.ui.scene import Scene
from game.ui.theme import font_size


class TitleScene(Scene):
    def build(self) -> None:
        from game.ui.scenes.new_game import NewGameScene
        from game.ui.scenes.saves import LoadScene
        from game.ui.scenes.settings import SettingsScene

        w, h = self.size
        bw, bh = min(420, w // 3), max(44, round(44 * self.app.settings.text_scale))
        x, y = (w - bw) // 2, int(h * 0.42)
        gap = bh + 12
        autosave = saves_dir() / AUTOSAVE
        self.button((x, y, bw, bh), tr("New game"), lambda: self.app.push(NewGameScene(self.app)), pygame.K_n)
        self.button(
            (x, y + gap, bw, bh),
            tr("Continue"),
            self.resume,
            pygame.K_c,
            enabled=autosave.exists(),
            tooltip=tr("Resume the last game exactly where it stopped"),
        )
        self.button((x, y + 2 * gap, bw, bh), tr("Load"), lambda: self.app.push(LoadScene(self.app)), pygame.K_l)
        self.button(
            (x, y + 3 * gap, bw, bh), tr("Settings"), lambda: self.app.push(SettingsScene(self.app)), pygame.K_s
        )
        self.button((x, y + 4 * gap, bw, bh), tr("Quit"), self.quit, pygame.K_q)
        if self.focus < 0:
            self.focus = 1 if autosave.exists() else 0

    def resume(self) -> None:
        from game.ui.scenes.saves import open_save

        open_save(self.app, saves_dir() / AUTOSAVE)

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.size
        scale = self.app.settings.text_scale
        title = font(font_size(scale, 30), bold=True).render(tr("Cruise Control"), True, self.palette.rgb("text"))
        surface.blit(title, title.get_rect(midtop=(w // 2, int(h * 0.1))))
        sub = font(font_size(scale, 4)).render(
            tr("The START talks on cruise missiles, spring 1990"), True, self.palette.rgb("muted")
        )
        surface.blit(sub, sub.get_rect(midtop=(w // 2, int(h * 0.1) + title.get_height() + 8)))
        blurb = tr(
            "Lead the American or the Soviet delegation from the Baker–Karpov meeting of 20 April 1990 "
            "to the Washington summit. Trade on missile ranges, bombers and sea-launched cruise missiles; "
            "what you sign must still pass the Senate or the Supreme Soviet."
        )
        f = font(font_size(scale, -1))
        y = int(h * 0.1) + title.get_height() + sub.get_height() + 24
        for line in wrap(blurb, f, min(760, w - 80)):
            img = f.render(line, True, self.palette.rgb("muted"))
            surface.blit(img, img.get_rect(midtop=(w // 2, y)))
            y += f.get_linesize()
        hint = font(font_size(scale, -3)).render(
            tr("Keyboard: Tab moves, Enter chooses, Esc goes back; letters in brackets are shortcuts."),
            True,
            self.palette.rgb("muted"),
        )
        surface.blit(hint, hint.get_rect(midbottom=(w // 2, h - 12)))

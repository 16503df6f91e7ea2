"""The title screen: New game, Continue (when a game is under way), Replay, Load, Settings, Quit."""

from __future__ import annotations

import pygame

from game.i18n import N_, tr
from game.paths import saves_dir
from game.record import slots
from game.ui.fonts import font, wrap
from game.ui.scene import Scene
from game.ui.theme import font_size

BLURB = N_(
    "Lead the American or the Soviet delegation from the Baker–Karpov meeting of 20 April 1990 "
    "to the Washington summit. Trade on missile ranges, bombers and sea-launched cruise missiles; "
    "what you sign must still pass the Senate or the Supreme Soviet."
)


class TitleScene(Scene):
    def heading_lines(self) -> list[tuple[pygame.Surface, int]]:
        """The title, subtitle and blurb as rendered lines with their y; the buttons go below them."""
        w, h = self.size
        scale = self.app.settings.text_scale
        p = self.palette
        lines = [(font(font_size(scale, 30), bold=True).render(tr("Cruise Control"), True, p.rgb("text")), 0)]
        lines.append(
            (
                font(font_size(scale, 4)).render(
                    tr("The START talks on cruise missiles, spring 1990"), True, p.rgb("muted")
                ),
                8,
            )
        )
        f = font(font_size(scale, -1))
        for i, line in enumerate(wrap(tr(BLURB), f, min(760, w - 80))):
            lines.append((f.render(line, True, p.rgb("muted")), 16 if i == 0 else 0))
        y = int(h * 0.06)
        placed = []
        for image, gap in lines:
            y += gap
            placed.append((image, y))
            y += image.get_height()
        return placed

    def build(self) -> None:
        from game.ui.scenes.new_game import NewGameScene
        from game.ui.scenes.saves import LoadScene
        from game.ui.scenes.settings import SettingsScene

        w, h = self.size
        self.latest = slots.latest(saves_dir())
        items = [
            (tr("New game"), lambda: self.app.push(NewGameScene(self.app)), pygame.K_n, None, True),
            (
                tr("Replay 20 April 1990"),
                self.replay,
                pygame.K_h,
                tr("The Baker–Karpov meeting as the record tells it; take over at any moment"),
                True,
            ),
            (
                tr("Resume the tutorial") if self.app.settings.tutorial_under_way else tr("Tutorial"),
                self.tutorial,
                pygame.K_t,
                tr("A guided game of the warm-up in about five minutes: the table, proposals, arguments, red lines"),
                True,
            ),
            (tr("Load"), lambda: self.app.push(LoadScene(self.app)), pygame.K_l, None, True),
            (
                tr("Join a class"),
                self.join,
                pygame.K_j,
                tr("Play at a class server, or a game a classmate hosts"),
                True,
            ),
            (tr("Host a game"), self.host, pygame.K_o, tr("Let a classmate join this computer's game"), True),
            (tr("Settings"), lambda: self.app.push(SettingsScene(self.app)), pygame.K_s, None, True),
            (tr("Quit"), self.quit, pygame.K_q, None, True),
        ]
        if self.latest is not None:  # a finished game is reviewed from Load: with none under way, no Continue
            resume = (tr("Continue"), self.resume, pygame.K_c, tr("Resume the last game exactly where it stopped"))
            items.insert(1, (*resume, True))
        image, last = self.heading_lines()[-1]
        top = last + image.get_height() + 24
        hint = font(font_size(self.app.settings.text_scale, -3)).get_linesize() + 16
        room = h - top - hint
        gap = 8
        bh = min(max(36, round(44 * self.app.settings.text_scale)), (room - gap * (len(items) - 1)) // len(items))
        bw = min(460, w // 2)
        x = (w - bw) // 2
        for i, (text, run, key, tip, enabled) in enumerate(items):
            self.button((x, top + i * (bh + gap), bw, bh), text, run, key, tooltip=tip, enabled=enabled)
        if self.focus < 0:
            self.focus = 1 if self.latest is not None else 0

    def resume(self) -> None:
        from game.ui.scenes.saves import open_save

        if self.latest is not None:
            open_save(self.app, self.latest)

    def tutorial(self) -> None:
        from game.ui import coach

        coach.start(self.app, resume=self.app.settings.tutorial_under_way)

    def join(self) -> None:
        from game.ui.scenes.join import JoinScene

        self.app.push(JoinScene(self.app))

    def host(self) -> None:
        from game.ui.scenes.host import HostScene

        self.app.push(HostScene(self.app))

    def replay(self) -> None:
        from game.ui.scenes.replay import ReplayScene

        self.app.push(ReplayScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        pass  # Esc backs out of every other screen; leaving the game takes Quit

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.size
        for image, y in self.heading_lines():
            self.text(surface, image, image.get_rect(midtop=(w // 2, y)))
        hint = font(font_size(self.app.settings.text_scale, -3)).render(
            tr("Keyboard: Tab moves, Enter chooses, Esc goes back; letters in brackets are shortcuts."),
            True,
            self.palette.rgb("muted"),
        )
        self.text(surface, hint, hint.get_rect(midbottom=(w // 2, h - 8)))

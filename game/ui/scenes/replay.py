"""The meeting of 20 April 1990 as it happened, beat by beat; take over either delegation at any beat."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.engine.rules import Rules
from game.i18n import tr
from game.record.historical import Beat, load_beats, replay_states, take_over
from game.safe_text import for_html as escape
from game.scenario.loader import load_scenario, resolve
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from game.ui.scene import Scene
from game.ui.theme import font_size
from game.ui.widgets import LogLine, LogView

SPEEDS = (8.0, 5.0, 3.0, 1.5)
"""Seconds a beat stays on screen while playing, slowest first."""
SEED = 1990


class ReplayScene(Scene):
    def __init__(self, app, scenario_id: str = "april-1990") -> None:  # noqa: ANN001
        super().__init__(app)
        self.scenario_id = scenario_id
        scenario, _ = load_scenario(scenario_id)
        self.rules = Rules(scenario)
        self.beats: tuple[Beat, ...] = load_beats(scenario_id, scenario)
        self.states = replay_states(self.rules, self.beats, SEED)
        self.index = 0  # beats shown: 0 is before the first
        self.playing = False
        self.speed = 1
        self.clock = 0.0

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        self.label((24, 10, w - 48, round(44 * s)), tr("20 April 1990, as it happened"), "heading")
        top = 18 + round(44 * s)
        left_w = int(w * 0.55)
        us, ussr = (self.rules.public.delegations[side.index].name for side in Side)
        bottom = self.button_row(
            [
                (tr("Pause") if self.playing else tr("Play"), self.toggle, pygame.K_SPACE),
                (tr("Back"), lambda: self.go(-1), pygame.K_LEFT),
                (tr("Forward"), lambda: self.go(1), pygame.K_RIGHT),
                (tr("Slower"), lambda: self.set_speed(-1), pygame.K_MINUS),
                (tr("Faster"), lambda: self.set_speed(1), pygame.K_EQUALS),
                (tr("Take over: {name}", name=us), lambda: self.take(Side.US), pygame.K_u),
                (tr("Take over: {name}", name=ussr), lambda: self.take(Side.USSR), pygame.K_s),
                (tr("Title screen"), self.app.to_title, pygame.K_ESCAPE),
            ],
            s,
        )
        bottom -= 8
        UITextBox(self.beat_html(), pygame.Rect(24, top, left_w - 24, bottom - top), self.manager)
        self.log = LogView(
            pygame.Rect(left_w + 16, top, w - left_w - 40, bottom - top),
            font_size(s, -3),
            self.palette.rgb("panel"),
            self.palette.rgb("panel_border"),
        )
        self.log.set_lines(self.log_lines())
        if self.focus < 0:
            self.focus = 0

    def beat_html(self) -> str:
        total = len(self.beats)
        if self.index == 0:
            return (
                escape(
                    tr(
                        "The record of conversation between Karpov and Baker, 20 April 1990, beat by beat: who spoke, "
                        "their words as the archive records them, and what they stand for in the game. Play, or step "
                        "with Left and Right; at any moment take over either delegation and play on to the summit "
                        "against the other side's historical negotiator."
                    )
                )
                + f"<br><br><i>{escape(tr('{n} beats', n=total))}</i>"
            )
        beat = self.beats[self.index - 1]
        who = escape(beat.speaker or tr("The record"))
        parts = [
            f"<i>{escape(tr('Beat {k} of {n} · paragraph {p} of the record', k=self.index, n=total, p=beat.paragraph))}"
            f"</i><br><br><b>{who}.</b> {escape(beat.quote)}"
        ]
        if beat.moves:
            after = self.states[self.index]
            before = self.states[self.index - 1]
            said = [e for e in after.log[len(before.log) :] if e.move is not None]
            parts += [f"<br><br>{escape(tr('In the game:'))} <b>{escape(e.label)}</b>" for e in said]
        elif beat.argument:
            argument = self.rules.arguments.get(beat.argument)
            if argument is not None:
                parts.append(
                    f"<br><br>{escape(tr('The argument:'))} <b>{escape(argument.title)}</b>"
                    f" {escape(tr('(spoken only: no move in the game)'))}"
                )
        if beat.note:
            parts.append(f"<br><br><i>{escape(tr('Note:'))} {escape(beat.note)}</i>")
        return "".join(parts)

    def log_lines(self) -> list[LogLine]:
        p = self.palette
        state = self.states[self.index]
        lines = []
        for entry in state.log:
            if entry.private_to is not None:
                continue
            if entry.side is not None:
                colour = p.rgb("us" if entry.side is Side.US else "ussr")
                lines.append(LogLine(f"{entry.speaker} · {entry.label}", entry.text, p.rgb("text"), colour))
            else:
                lines.append(LogLine(entry.label, entry.text, p.rgb("news"), p.rgb("news"), indent=True))
        return lines

    def go(self, step: int) -> None:
        self.index = max(0, min(len(self.beats), self.index + step))
        self.clock = 0.0
        if self.index == len(self.beats):
            self.playing = False
        self.rebuild()

    def toggle(self) -> None:
        self.playing = not self.playing
        self.clock = 0.0
        self.rebuild()

    def set_speed(self, step: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + step))

    def take(self, side: Side) -> None:
        from game.ui.scenes.table import TableScene

        start = take_over(self.rules, self.beats, self.index, SEED, side)
        setup = Setup(str(resolve(self.scenario_id)), start.players(PERSON), start.seed, start.beat)
        session = Session(setup, state=start.state)
        session.autosave()
        self.app.reset_to(TableScene(self.app, session, side))

    def update(self, dt: float) -> None:
        if not self.playing:
            return
        self.clock += dt
        if self.clock >= SPEEDS[self.speed]:
            self.go(1)

    def draw(self, surface: pygame.Surface) -> None:
        self.log.draw(surface)

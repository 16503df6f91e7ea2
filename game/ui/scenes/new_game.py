"""New game: scenario, side, opponent and seed."""

from __future__ import annotations

import random
from dataclasses import replace

import pygame
from pygame_gui.elements import UITextBox, UITextEntryLine

from game.i18n import N_, long_date, tr
from game.paths import SCENARIO_DIR
from game.safe_text import for_html as escape
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.session import PERSON, Session, Setup
from game.ui.fonts import font
from game.ui.scene import Scene
from game.ui.theme import font_size

DIFFICULTIES = ((N_("AI, easy"), "ai:easy"), (N_("AI, normal"), "ai:normal"), (N_("AI, hard"), "ai:hard"))
OTHER_PERSON = N_("another person on this screen")
WATCH = N_("AI against AI (watch)")


def shipped_scenarios() -> list[tuple[str, Scenario]]:
    found = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            found.append((str(path), load_scenario(str(path))[0]))
        except Exception:  # noqa: BLE001 - a broken file is reported by 'validate', not offered here
            continue
    found.sort(key=lambda item: (item[1].meta.id != "april-1990", item[1].meta.date))
    return found


class NewGameScene(Scene):
    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.scenarios = shipped_scenarios()
        self.after_tutorial = app.settings.tutorial == "done"
        ids = [scenario.meta.id for _, scenario in self.scenarios]
        scenario_id, side, self.last_opponent = app.settings.new_game
        # the first game after the tutorial: the warm-up, with April 1990 marked as the full game
        wanted = "warm-up" if self.after_tutorial else scenario_id
        self.scenario_index = ids.index(wanted) if wanted in ids else 0
        self.side = Side.USSR if side == Side.USSR.value else Side.US
        self.opponent = self.opponent_index()
        self.seed_text = ""

    def opponent_index(self) -> int:
        """The opponent chosen last time where this scenario and side offer it, else a newcomer's: AI, normal."""
        specs = [spec for _, spec in self.opponents()] if self.scenarios else []
        return specs.index(self.last_opponent) if self.last_opponent in specs else 1

    def opponents(self) -> list[tuple[str, str]]:
        _, scenario = self.scenarios[self.scenario_index]
        other = scenario.sides.ussr if self.side is Side.US else scenario.sides.us
        options = [(tr(label), spec) for label, spec in DIFFICULTIES]
        options += [(tr("AI as {name}", name=p.name), f"persona:{p.id}") for p in other.personas]
        options += [(tr(OTHER_PERSON), PERSON), (tr(WATCH), "watch")]
        return options

    def build(self) -> None:
        w, h = self.size
        scale = self.app.settings.text_scale
        row = max(40, round(40 * scale))
        label_font = font(font_size(scale))
        longest = max(
            (label_font.size(f"{tr('Scenario')}: {self.scenario_label(s)}  < >")[0] + 40 for _, s in self.scenarios),
            default=0,
        )
        left, width = 40, max(min(620, w // 2 - 60), min(longest, int(w * 0.6)))
        self.label((left, 20, w - 80, round(48 * scale)), tr("New game"), "heading")
        y = 30 + round(48 * scale)
        if not self.scenarios:
            self.label((left, y, w - 80, row), tr("No scenario found in {path}", path=str(SCENARIO_DIR)))
            self.back_button = self.button((left, h - row - 20, 200, row), tr("Back"), self.app.pop, pygame.K_ESCAPE)
            return
        names = [(self.scenario_label(s), i) for i, (_, s) in enumerate(self.scenarios)]
        if longest <= width:
            self.choice((left, y, width, row), tr("Scenario"), names, self.scenario_index, self.pick_scenario)
        else:  # the caption on a line of its own, the whole choice under it (in Russian at the largest text it was cut)
            caption = tr("Scenario") + ":"
            self.label((left, y, label_font.size(caption)[0] + 16, row), caption)  # at the left, over its choice
            y += row
            self.choice((left, y, width, row), "", names, self.scenario_index, self.pick_scenario)
        y += row + 10
        _, scenario = self.scenarios[self.scenario_index]
        sides = [(scenario.sides.us.name, Side.US), (scenario.sides.ussr.name, Side.USSR)]
        self.choice((left, y, width, row), tr("You lead"), sides, 0 if self.side is Side.US else 1, self.pick_side)
        y += row + 10
        opponents = self.opponents()
        self.opponent = min(self.opponent, len(opponents) - 1)
        across = tr("Across the table")
        if max(label_font.size(f"{across}: {label}  < >")[0] + 40 for label, _ in opponents) <= width:
            self.choice((left, y, width, row), across, opponents, self.opponent, self.pick_opponent)
        else:  # a persona's long name (Russian, the largest text): the caption over the choice, as the scenario's
            self.label((left, y, label_font.size(across + ":")[0] + 16, row), across + ":")
            y += row
            self.choice((left, y, width, row), "", opponents, self.opponent, self.pick_opponent)
        y += row + 10
        seed_w = max(180, label_font.size(tr("Seed (optional)"))[0] + 16)
        self.label((left, y, seed_w, row), tr("Seed (optional)"))
        self.seed_entry = self.field(
            UITextEntryLine(
                pygame.Rect(left + seed_w + 10, y, width - seed_w - 10, row),
                self.manager,
                placeholder_text=tr("random"),
            )
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(self.seed_text)
        _, scenario = self.scenarios[self.scenario_index]
        summary = (
            f"<b>{escape(scenario.meta.title)}</b><br>{long_date(scenario.meta.date)} – "
            f"{escape(scenario.calendar.deadline.title)}, {long_date(scenario.calendar.deadline.date)}<br><br>"
            f"{escape(scenario.meta.summary)}"
        )
        x2 = left + width + 40
        UITextBox(
            summary, pygame.Rect(x2, 30 + round(48 * scale), w - x2 - 40, h - 140 - round(48 * scale)), self.manager
        )
        self.back_button = self.button((left, h - row - 24, 200, row), tr("Back"), self.app.pop, pygame.K_ESCAPE)
        self.button((w - 280, h - row - 24, 240, row), tr("Start"), self.start, pygame.K_RETURN)
        if self.focus < 0:
            self.focus = len(self.actions) - 1

    def key(self, event: pygame.event.Event) -> bool:
        """Enter starts the game from any option (Back excepted); Up/Down move like Tab, Left/Right change."""
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            on_back = 0 <= self.focus < len(self.actions) and self.actions[self.focus].button is self.back_button
            self.app.pop() if on_back or not self.scenarios else self.start()
            return True
        return super().key(event)

    def scenario_label(self, scenario: Scenario) -> str:
        if not self.after_tutorial:
            return scenario.meta.title
        if scenario.meta.id == "warm-up":
            return tr("{title} (suggested next)", title=scenario.meta.title)
        if scenario.meta.id == "april-1990":
            return tr("{title} (the full game)", title=scenario.meta.title)
        return scenario.meta.title

    def pick_scenario(self, index: int) -> None:
        self.keep_choices()
        self.scenario_index = index
        self.opponent = self.opponent_index()
        self.rebuild()

    def pick_side(self, index: int) -> None:
        self.keep_choices()
        self.side = (Side.US, Side.USSR)[index]
        self.opponent = self.opponent_index()
        self.rebuild()

    def pick_opponent(self, index: int) -> None:
        self.opponent = index

    def keep_choices(self) -> None:
        """What the player typed and chose, kept across the rebuild another scenario or side needs."""
        self.seed_text = self.seed_entry.get_text()
        self.last_opponent = self.opponents()[self.opponent][1]

    def start(self) -> None:
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.scenes.handover import private
        from game.ui.scenes.table import TableScene

        text = self.seed_entry.get_text().strip()
        seed = int(text) if text.isdigit() else random.SystemRandom().randrange(1, 10**6)
        path, _ = self.scenarios[self.scenario_index]
        _, spec = self.opponents()[self.opponent]
        if spec == "watch":
            players = {Side.US: "ai:hard", Side.USSR: "ai:hard"}
        else:
            players = {self.side: PERSON, self.side.other: spec}
        session = Session(Setup(path, players, seed))
        session.autosave()
        scenario_id = self.scenarios[self.scenario_index][1].meta.id
        chosen = replace(self.app.settings, new_game=(scenario_id, self.side.value, spec))
        self.app.settings = replace(chosen, tutorial="played") if self.after_tutorial else chosen
        self.app.settings.save(self.app.settings_path)
        if spec == "watch":
            self.app.reset_to(TableScene(self.app, session, watch=True))
        else:
            first = session.state.to_move if spec == PERSON else self.side
            self.app.reset_to(private(self.app, session, first, BriefingScene(self.app, session, first)))

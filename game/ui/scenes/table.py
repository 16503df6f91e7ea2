"""The negotiating table: the scene that runs a game in the window (its state, its input, its turns).

Where things go is table_layout.py; how they are drawn, table_rows.py (the issues) and table_panels.py (the
rest), both from a table_view.TableView; the player's moves, table_moves.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider

from game.engine.moves import Move
from game.engine.observation import Observation
from game.engine.state import EntryKind, LogEntry
from game.errors import CruiseControlError, IllegalMoveError, ScenarioError
from game.i18n import short_date, tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Package, Side
from game.session import Session
from game.ui import widgets
from game.ui.fonts import font, wrap
from game.ui.scene import Scene, key_label
from game.ui.scenes import table_gauges, table_moves, table_panels, table_rows, table_view
from game.ui.scenes.table_layout import TableLayout, table_layout
from game.ui.scenes.table_view import TableView
from game.ui.theme import font_size
from game.ui.widgets import LogLine, LogView

SPEEDS = (3.0, 1.5, 0.7, 0.3, 0.1)


class TableScene(Scene):
    def __init__(self, app, session: Session, side: Side | None = None, watch: bool = False) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session
        self.watch = watch
        self.side = Side.US if watch else side or (session.people[0] if session.people else Side.US)
        self.selected = 0
        self.first = 0
        self.draft: list[int] | None = None
        self.paused = False
        self.step_once = False
        self.speed = 2
        self.ai_started = 0.0
        self.ending_at: float | None = None
        self._message: Callable[[], str] = str
        """The footer's message, said again each time it is drawn (in the language of the moment)."""
        self.since_check = 0.0
        self.log_view: LogView | None = None
        self.lay: TableLayout | None = None
        self.marks: list[pygame.Rect] = []
        self.shown_block: tuple[Package | None, int] | None = None
        """Their offer and the issue of it beyond the player's red line last brought into view."""

    # ----- state -------------------------------------------------------------------------
    @property
    def message(self) -> str:
        """What the footer says instead of the scores: a refusal, a red line reached ("" for none)."""
        return self._message()

    @message.setter
    def message(self, text: str) -> None:
        self._message = lambda: text

    def tell(self, say: Callable[[], str]) -> None:
        """Put a message in the footer that is said again in the new language when the language changes."""
        self._message = say

    @property
    def obs(self) -> Observation:
        return self.session.observe(self.side)

    @property
    def my_turn(self) -> bool:
        state = self.session.state
        return not self.watch and not state.over and state.to_move is self.side and self.session.is_person(self.side)

    def draft_package(self) -> Package:
        assert self.draft is not None
        return Package(tuple(self.draft))

    def reset_draft(self) -> None:
        obs = self.obs
        self.draft = list((obs.my_offer or obs.preferences.opening).levels)

    def view(self) -> TableView:
        right = self.session.observe(self.side.other) if self.watch else None
        draft = None if self.watch else self.draft_package()
        rules, state = self.session.rules, self.session.state
        speakers = (rules.speaker_name(state, Side.US), rules.speaker_name(state, Side.USSR))
        return TableView(self.obs, right, self.watch, draft, self.palette, speakers, rules.scenario.side_ids)

    # ----- layout -------------------------------------------------------------------------
    def build(self) -> None:
        if self.draft is None:
            self.reset_draft()
        table_moves.show_block(self)
        space = self.obs.space
        specs = table_moves.move_specs(self)
        labels = [f"{text}  [{key_label(key)}]" for text, _, key, _ in specs]
        scale = self.app.settings.text_scale
        coached = self.app.coach is not None
        needs = table_rows.needs(self.view(), scale)
        lay = table_layout(self.size, scale, len(space.ids), labels, self.selected, self.first, coached, needs)
        self.lay, self.first = lay, lay.first
        self.sliders: list[UIHorizontalSlider] = []
        for k, parts in enumerate(lay.rows if not self.watch else ()):
            i = lay.first + k
            slider = UIHorizontalSlider(
                parts.track,
                self.draft[i] if self.draft else 0,
                (0, len(space.domains[i]) - 1),
                self.manager,
                click_increment=1,
            )
            widgets.slider_tooltip(slider, f"<b>{escape(space.names[i])}</b><br>{escape(space.descriptions[i])}")
            self.sliders.append(slider)
        s = self.app.settings.text_scale
        self.log_view = LogView(lay.log, font_size(s, -3), self.palette.rgb("panel"), self.palette.rgb("panel_border"))
        self.move_buttons = [
            self.button(rect, text, run, key, tooltip=tip)
            for rect, (text, run, key, tip) in zip(lay.buttons, specs, strict=True)
        ]
        self.refresh()

    # ----- refresh after every change ----------------------------------------------------
    def refresh(self) -> None:
        obs = self.obs
        assert self.draft is not None
        for k, slider in enumerate(self.sliders):
            if int(slider.get_current_value()) != self.draft[self.first + k]:
                slider.set_current_value(self.draft[self.first + k])
        if not self.watch:
            mine = self.my_turn
            for button, (_, _, key, _) in zip(self.move_buttons, table_moves.move_specs(self), strict=True):
                usable = key in table_moves.ALWAYS or (
                    mine and (key != pygame.K_a or obs.can_accept) and (key != pygame.K_g or bool(obs.my_arguments))
                )
                button.enable() if usable else button.disable()
                if key == pygame.K_a:
                    table_moves.accept_tip(self, button)
        else:
            self.move_buttons[0].set_text(
                f"{tr('Resume') if self.paused else tr('Pause')}  [{key_label(pygame.K_SPACE)}]"
            )
        if self.log_view is not None:
            self.log_view.set_lines(self.log_lines(obs))

    def log_lines(self, obs: Observation) -> list[LogLine]:
        p = self.palette
        lines = []
        for entry in obs.history:
            date = short_date(obs.public.meetings[entry.meeting].date)
            if entry.kind is EntryKind.MOVE and entry.side is not None:
                who = obs.public.delegations[entry.side.index].short
                colour = p.rgb("us" if entry.side is Side.US else "ussr")
                label, text = self.told(obs, entry)
                label = f" · {label}" if label else ""
                lines.append(LogLine(f"{date}  {entry.speaker} ({who}){label}", text, p.rgb("text"), colour))
            elif entry.kind is EntryKind.NEWS:
                head = tr("NEWS") + (f" · {entry.label}" if entry.label else "")
                lines.append(LogLine(f"{date}  {head}", entry.text, p.rgb("news"), p.rgb("news"), indent=True))
            elif entry.kind is EntryKind.INSTRUCTIONS:
                head = f"{date}  " + tr("INSTRUCTIONS FROM YOUR CAPITAL")
                lines.append(LogLine(head, entry.text, p.rgb("text"), p.rgb("focus"), indent=True))
            else:
                lines.append(LogLine("", f"— {entry.text}", p.rgb("muted"), p.rgb("muted")))
        return lines

    def told(self, obs: Observation, entry: LogEntry) -> tuple[str, str]:
        """A move's label and words in the log: with the issues' full names where the log has room for
        them (they cost at most one more line), else the record's short ones."""
        label, text = table_view.spelled_out(obs.space, entry)
        if self.log_view is None or (label, text) == (entry.label, entry.text):
            return label, text
        body = font(self.log_view.size)
        width = self.log_view.rect.width - 20
        if len(wrap(text, body, width)) <= len(wrap(entry.text, body, width)) + 1:
            return label, text
        return entry.label, entry.text

    # ----- moves -------------------------------------------------------------------------
    def submit(self, move: Move) -> None:
        try:
            self.session.submit(move)
        except IllegalMoveError as exc:
            self.tell(exc.__str__)  # stored as the engine raised it: said in the language it is read in
            return
        self.message = ""
        self.app.sound.play("move")
        self.after_move()

    def after_move(self) -> None:
        if self.session.state.over:
            self.ending_at = time.monotonic()
        elif self.hand_over():
            return
        if table_moves.show_block(self):
            self.rebuild()  # the list scrolls to the issue that keeps Accept closed
            return
        self.refresh()

    def hand_over(self) -> bool:
        """On a shared screen, when the other person is to move: hide this table behind a hand-over screen
        (checked after every move, event and load, so no brief is ever shown to the wrong person)."""
        state = self.session.state
        if self.watch or state.over or state.to_move is self.side or not self.session.is_person(state.to_move):
            return False
        from game.ui.scenes.handover import HandoverScene

        self.side = state.to_move
        self.draft = None
        self.first = self.selected = 0
        self.app.push(HandoverScene(self.app, self.session, self.side))
        return True

    def menu(self) -> None:
        from game.ui.scenes.dialogs import MenuScene

        self.app.push(MenuScene(self.app, self.session))

    def brief(self) -> None:
        """The brief, over the table: the draft and the selected issue are kept for when it closes."""
        from game.ui.scenes.briefing import BriefingScene

        self.app.push(BriefingScene(self.app, self.session, self.side, at_table=True))

    def back(self) -> None:
        self.menu()

    def reload(self) -> None:
        """Read the scenario file again (F5, or by itself when the file changes); errors go on screen."""
        from game.ui.scenes.dialogs import ConfirmScene

        try:
            self.session = self.session.reload()
        except CruiseControlError as exc:
            body = tr("The game goes on with the scenario as it was. Fix these and save the file:") + "\n\n"
            body += "\n".join(map(str, exc.diagnostics)) if isinstance(exc, ScenarioError) else str(exc)
            self.app.push(
                ConfirmScene(self.app, tr("The scenario has errors"), body, tr("OK"), lambda: None, cancel=False)
            )
            return
        file = self.session.file
        self.tell(lambda: tr("Scenario reloaded from {file}.", file=file))
        self.draft = None
        self.rebuild()

    # --- watching ---
    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.refresh()

    def single_step(self) -> None:
        self.paused = True
        self.step_once = True

    def set_speed(self, step: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + step))

    # ----- input -------------------------------------------------------------------------
    def select(self, issue: int) -> None:
        self.selected = issue % len(self.obs.space.ids)
        if not self.first <= self.selected < self.first + (self.lay.visible if self.lay else 1):
            self.rebuild()  # the issue panel scrolls to show it

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.sliders:
            i = self.first + self.sliders.index(event.ui_element)
            assert self.draft is not None
            self.message = ""
            self.draft[i] = table_moves.within_red_line(self, i, int(round(event.ui_element.get_current_value())))
            self.selected = i
            self.refresh()
            return True
        if event.type == pygame.MOUSEWHEEL and self.log_view is not None:
            if self.log_view.rect.collidepoint(pygame.mouse.get_pos()):
                self.log_view.wheel(event.y)
                return True
            if self.lay is not None and self.lay.panel.collidepoint(pygame.mouse.get_pos()):
                self.first = max(0, self.first - event.y)
                self.selected = max(self.first, min(self.selected, self.first + self.lay.visible - 1))
                self.rebuild()
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.scroll_click(event.pos):
            return True
        if event.type == pygame.KEYDOWN and self.table_key(event):
            return True
        return super().handle(event)

    def scroll_click(self, pos: tuple[int, int]) -> bool:
        """A click on the issue list's scroll bar pages the list."""
        moved = table_rows.paged(self.lay, len(self.obs.space.ids), self.selected, pos)
        if moved is not None:
            self.first, self.selected = moved
            self.rebuild()
        return moved is not None

    def table_key(self, event: pygame.event.Event) -> bool:
        """The keys that work on the draft (which issue, which value), the log, and the scenario file."""
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            self.select(self.selected + (1 if event.key == pygame.K_DOWN else -1))
            return True
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.log_view is not None:
            self.log_view.wheel(5 if event.key == pygame.K_PAGEUP else -5)
            return True
        if self.watch:
            return False
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            assert self.draft is not None
            levels = len(self.obs.space.domains[self.selected])
            step = 1 if event.key == pygame.K_RIGHT else -1
            wanted = max(0, min(levels - 1, self.draft[self.selected] + step))
            self.message = ""
            self.draft[self.selected] = table_moves.within_red_line(self, self.selected, wanted)
            self.refresh()
            return True
        if event.key == pygame.K_F5:
            self.reload()
            return True
        if event.key == pygame.K_BACKSPACE:
            self.reset_draft()
            self.refresh()
            return True
        return False

    # ----- time passing ------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.since_check += dt
        if self.since_check > 1.0:
            self.since_check = 0.0
            if self.session.scenario_changed():
                self.reload()
                return
        session = self.session
        refused = getattr(session, "refusal", None)  # a class server may refuse a move it was sent
        if refused is not None and (why := refused()):
            self.message = why  # the move is already taken back: the student sees why, and plays again
            self.refresh()
        state = session.state
        if state.over:
            if self.ending_at is None:
                self.ending_at = time.monotonic()
            if time.monotonic() - self.ending_at > (0.0 if self.app.settings.ai_delay == 0 else 1.2):
                from game.ui.scenes.ending import after_the_talks

                self.app.sound.play("end")
                self.app.reset_to(after_the_talks(self.app, session, self.side))
            return
        if self.hand_over():
            return
        if session.is_person(state.to_move):
            return
        if self.watch and self.paused and not self.step_once:
            return
        if not session.ai_thinking:
            session.start_ai()
            self.ai_started = time.monotonic()
            return
        delay = SPEEDS[self.speed] * self.app.settings.ai_delay if self.watch else self.app.settings.ai_delay
        if time.monotonic() - self.ai_started >= delay and session.poll_ai():
            self.step_once = False
            news = session.state.log[-1].kind is EntryKind.NEWS
            self.app.sound.play("news" if news else "move")
            self.after_move()

    # ----- drawing -----------------------------------------------------------------------
    def turn_text(self) -> str:
        state = self.session.state
        if state.over:
            return tr("The talks are over")
        if self.my_turn:
            return tr("Your move")
        if self.watch and self.paused:
            return tr("Paused")
        other = self.obs.public.delegations[state.to_move.index].short
        note = getattr(self.session, "waiting_note", "")  # a game at a class server: the teacher, the classmate
        return (note or tr("The {who} delegation is conferring", who=other)) + table_panels.thinking_dots()

    def coach_room(self) -> pygame.Rect | None:
        """Free space for the tutorial's coach, away from everything it talks about."""
        return None if self.lay is None or self.lay.room is None else pygame.Rect(self.lay.room)

    def coach_avoid(self) -> list[pygame.Rect]:
        """What the coach's bubble must leave visible: the issues, the log, the gauges, who said what."""
        lay = self.lay
        if lay is None:
            return []
        return [lay.top, lay.delegations, lay.log, lay.gauges, lay.footer, *(parts.row for parts in lay.rows)]

    def tutorial_target(self, name: str) -> pygame.Rect | None:
        """Where a part of the table is, for the tutorial's coach to point at."""
        lay = self.lay
        if lay is None:
            return None
        if name == "issues" and lay.rows:
            return lay.rows[0].row.unionall([parts.row for parts in lay.rows[1:]])
        if name == "log":
            return pygame.Rect(lay.log)
        if name == "gauges":
            return pygame.Rect(lay.gauges)
        if name == "clock":
            return pygame.Rect(lay.panel.right, 0, self.size[0] - lay.panel.right, lay.top.height)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        lay = self.lay
        if lay is None:
            return
        p = self.palette
        view = self.view()
        texts = self.drawn_texts
        table_panels.draw_top(surface, texts, view, lay, self.turn_text(), self.my_turn)
        table_panels.draw_delegations(surface, texts, view, lay)
        pygame.draw.rect(surface, p.rgb("panel"), lay.panel, border_radius=6)
        pygame.draw.rect(surface, p.rgb("panel_border"), lay.panel, 1, border_radius=6)
        n = len(view.left.space.ids)
        table_rows.draw_header(surface, texts, view, lay, n)
        table_rows.draw_scroll(surface, view, lay, n)
        for k, parts in enumerate(lay.rows):
            selected = lay.first + k == self.selected and not self.watch
            table_rows.draw_row(surface, texts, view, lay, lay.first + k, parts, selected)
        why = [self.message] if self.message else view.blocked_words() if self.my_turn else []
        table_panels.draw_footer(surface, texts, view, lay, why)
        if self.log_view is not None:
            self.log_view.draw(surface)
        size = font_size(self.app.settings.text_scale, -3)
        table_gauges.draw_gauges(surface, texts, view, lay, size)

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.lay is not None:
            self.marks = table_rows.draw_marks(surface, self.view(), self.lay)

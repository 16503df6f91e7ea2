"""The negotiating table: the issues, the conversation, the calendar, and every move of the engine."""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider

from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    Move,
    Propose,
    TableArgument,
    WalkOut,
)
from game.engine.observation import Observation
from game.engine.rules import AUDIENCE_COST_TRUST, score
from game.engine.state import EntryKind
from game.errors import CruiseControlError, IllegalMoveError, ScenarioError
from game.i18n import long_date, short_date, tr
from game.safe_text import for_html as escape
from game.scenario.preferences import Package, Side
from game.session import Session
from game.ui.fonts import font
from game.ui.scene import Scene, key_label
from game.ui.theme import font_size
from game.ui.widgets import LogLine, LogView, diamond, gauge, sparkline, triangle

SPEEDS = (3.0, 1.5, 0.7, 0.3, 0.1)


def priority_words(weight: float, weights: list[float]) -> str:
    rank = sorted(weights, reverse=True).index(weight)
    share = weight / max(weights)
    if rank == 0 or share > 0.9:
        return tr("top priority")
    if share > 0.6:
        return tr("high priority")
    if share > 0.35:
        return tr("medium priority")
    return tr("low priority")


class TableScene(Scene):
    def __init__(self, app, session: Session, side: Side | None = None, watch: bool = False) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session
        self.watch = watch
        self.side = side or (session.people[0] if session.people else Side.US)
        self.selected = 0
        self.draft: list[int] | None = None
        self.paused = False
        self.speed = 2
        self.ai_started = 0.0
        self.ending_at: float | None = None
        self.message = ""
        self.since_check = 0.0
        self.log_view: LogView | None = None

    # ----- state -------------------------------------------------------------------------
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

    # ----- layout -------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        self.fs = font_size(s, -1)
        self.row_font = font_size(s, -2)
        if self.draft is None:
            self.reset_draft()
        obs = self.obs
        space = obs.space
        self.top_h = font(font_size(s, -1), bold=True).get_linesize() + font(font_size(s, -3)).get_linesize() + 10
        specs = self.move_specs()
        label_font = font(font_size(s))
        widest = max(label_font.size(f"{text}  [{key_label(key)}]")[0] for text, _, key, _ in specs) + 28
        self.buttons_per_row = len(specs) if widest * len(specs) + 8 * len(specs) <= w - 24 else (len(specs) + 1) // 2
        button_rows = -(-len(specs) // self.buttons_per_row)
        self.button_h = round(36 * s)
        self.bottom_h = button_rows * (self.button_h + 8) + 12
        self.left_w = int(w * 0.58)
        panel_top = self.top_h + 8
        n = len(space.ids)
        line = font(self.row_font).get_linesize()
        name_h = font(self.fs, bold=True).get_linesize()
        slider_h = max(16, round(18 * s))
        need_row = name_h + 6 + slider_h + round(8 * s) + 4
        avail = h - panel_top - self.bottom_h - 8
        self.legend = (avail - 2 * line - 8) // n >= need_row
        footer = (2 if self.legend else 1) * line + 8
        self.footer_h = footer
        self.row_h = (avail - footer) // n
        self.rows: list[pygame.Rect] = []
        self.sliders: list[UIHorizontalSlider] = []
        slider_w = self.left_w - 24 - 16 - 110
        for i in range(n):
            row = pygame.Rect(16, panel_top + i * self.row_h, self.left_w - 24, self.row_h - 4)
            self.rows.append(row)
            levels = len(space.domains[i])
            slider = UIHorizontalSlider(
                pygame.Rect(row.left + 8, row.top + name_h + 6, slider_w, slider_h),
                self.draft[i] if self.draft else 0,
                (0, levels - 1),
                self.manager,
                click_increment=1,
            )
            if self.watch:
                slider.disable()
            slider.set_tooltip(f"<b>{escape(space.names[i])}</b><br>{escape(space.descriptions[i])}")
            self.sliders.append(slider)
        self.footer_y = panel_top + n * self.row_h + 4
        right = pygame.Rect(self.left_w + 8, panel_top, w - self.left_w - 24, h - panel_top - self.bottom_h - 8)
        gauges_h = round(44 * s) * 4
        self.log_rect = pygame.Rect(right.left, right.top, right.width, right.height - gauges_h - 8)
        self.gauge_rect = pygame.Rect(right.left, self.log_rect.bottom + 8, right.width, gauges_h)
        self.log_view = LogView(
            self.log_rect, font_size(s, -3), self.palette.rgb("panel"), self.palette.rgb("panel_border")
        )
        self.build_buttons()
        self.refresh()

    def move_specs(self) -> list[tuple[str, Callable[[], None], int, str | None]]:
        if self.watch:
            specs = [
                (tr("Pause"), self.toggle_pause, pygame.K_SPACE, tr("Pause or resume the delegations")),
                (tr("Step"), self.single_step, pygame.K_n, tr("One move, then pause")),
                (tr("Slower"), lambda: self.set_speed(-1), pygame.K_MINUS, None),
                (tr("Faster"), lambda: self.set_speed(1), pygame.K_EQUALS, None),
                (tr("Menu"), self.menu, pygame.K_m, tr("Save, load, settings, or leave")),
            ]
        else:
            specs = [
                (tr("Propose"), self.propose, pygame.K_p, tr("Table the package set above")),
                (tr("Accept"), self.accept, pygame.K_a, tr("Accept their standing package, ad referendum")),
                (
                    tr("Red line"),
                    self.red_line,
                    pygame.K_r,
                    tr("Declare publicly that you will not go beyond the selected issue's value"),
                ),
                (tr("Argue"), self.argue, pygame.K_g, tr("Table one of your arguments")),
                (
                    tr("Consult"),
                    self.consult,
                    pygame.K_c,
                    tr("Consult your capital: costs time, may bring instructions"),
                ),
                (tr("Adjourn"), self.adjourn, pygame.K_j, tr("End this meeting now")),
                (tr("Walk out"), self.walk_out, pygame.K_w, tr("Leave the talks: no agreement")),
                (tr("Menu"), self.menu, pygame.K_m, tr("Save, load, settings, or leave")),
            ]
        return specs

    def build_buttons(self) -> None:
        w, h = self.size
        specs = self.move_specs()
        per_row = self.buttons_per_row
        gap = 8
        bw = (w - 32 - gap * (per_row - 1)) // per_row
        self.move_buttons = []
        for i, (text, run, key, tip) in enumerate(specs):
            row, col = divmod(i, per_row)
            y = h - self.bottom_h + 8 + row * (self.button_h + gap)
            rect = (16 + col * (bw + gap), y, bw, self.button_h)
            self.move_buttons.append(self.button(rect, text, run, key, tooltip=tip))

    # ----- refresh after every change ----------------------------------------------------
    def refresh(self) -> None:
        obs = self.obs
        assert self.draft is not None
        for i, slider in enumerate(self.sliders):
            if int(slider.get_current_value()) != self.draft[i]:
                slider.set_current_value(self.draft[i])
        mine = self.my_turn
        if not self.watch:
            for button in self.move_buttons[:-1]:
                button.enable() if mine else button.disable()
            if not obs.can_accept:
                self.move_buttons[1].disable()
            if not obs.my_arguments:
                self.move_buttons[3].disable()
        else:
            self.move_buttons[0].set_text((tr("Resume") if self.paused else tr("Pause")) + "  [Space]")
        if self.log_view is not None:
            self.log_view.set_lines(self.log_lines(obs))

    def log_lines(self, obs: Observation) -> list[LogLine]:
        p = self.palette
        rules = self.session.rules
        lines = []
        for entry in obs.history:
            meeting = obs.public.meetings[entry.meeting]
            date = short_date(meeting.date)
            if entry.kind is EntryKind.MOVE and entry.side is not None:
                who = obs.public.delegations[entry.side.index].short
                colour = p.rgb("us" if entry.side is Side.US else "ussr")
                label = f" · {entry.label}" if entry.label else ""
                lines.append(LogLine(f"{date}  {entry.speaker} ({who}){label}", entry.text, p.rgb("text"), colour))
            elif entry.kind is EntryKind.NEWS:
                head = tr("NEWS") + (f" · {entry.label}" if entry.label else "")
                lines.append(LogLine(f"{date}  {head}", entry.text, p.rgb("news"), p.rgb("news"), indent=True))
            elif entry.kind is EntryKind.INSTRUCTIONS:
                lines.append(
                    LogLine(
                        f"{date}  " + tr("INSTRUCTIONS FROM YOUR CAPITAL"),
                        entry.text,
                        p.rgb("text"),
                        p.rgb("focus"),
                        indent=True,
                    )
                )
            else:
                lines.append(LogLine("", f"— {entry.text}", p.rgb("muted"), p.rgb("muted")))
        del rules
        return lines

    # ----- the player's moves ------------------------------------------------------------
    def submit(self, move: Move) -> None:
        try:
            self.session.submit(move)
        except IllegalMoveError as exc:
            self.message = str(exc)
            return
        self.message = ""
        self.app.sound.play("move")
        self.after_move()

    def after_move(self) -> None:
        state = self.session.state
        if state.over:
            self.ending_at = time.monotonic()
        elif not self.watch and self.session.is_person(state.to_move) and state.to_move is not self.side:
            from game.ui.scenes.handover import HandoverScene

            self.side = state.to_move
            self.draft = None
            self.app.push(HandoverScene(self.app, self.session, self.side))
            return
        self.refresh()

    def propose(self) -> None:
        self.submit(Propose(self.draft_package()))

    def accept(self) -> None:
        from game.ui.scenes.dialogs import ConfirmScene

        obs = self.obs
        offer = obs.their_offer
        if offer is None:
            return
        mine = score(obs.utility(offer), obs.preferences.no_deal)
        support = obs.support(offer)
        body = tr(
            "It scores {score}/100 for you if ratified. {body} support for it: about {support:.0%} "
            "(needs {threshold:.0%}).\n\nThe {them} package:\n{package}",
            them=obs.public.delegations[self.side.other.index].short,
            package=obs.space.describe(offer).replace("; ", "\n"),
            score=f"{mine:.0f}",
            body=obs.brief.domestic.body,
            support=support,
            threshold=obs.brief.domestic.threshold,
        )
        self.app.push(
            ConfirmScene(self.app, tr("Accept their package"), body, tr("Accept"), lambda: self.submit(Accept()))
        )

    def red_line(self) -> None:
        from game.ui.scenes.dialogs import ConfirmScene

        obs = self.obs
        assert self.draft is not None
        i = self.selected
        domain = obs.space.domains[i]
        value = domain.format(domain.levels[self.draft[i]])
        body = tr(
            "Declare publicly that on {issue} you will not go beyond {value}?\n\n"
            "A declared red line makes your position credible. Going back on it later costs you "
            "the other side's trust and support at home.\n\n(Choose the issue with Up/Down and the value with "
            "Left/Right, or the slider, before declaring.)",
            issue=obs.space.names[i],
            value=value,
        )
        self.app.push(
            ConfirmScene(
                self.app,
                tr("Declare a red line"),
                body,
                tr("Declare"),
                lambda: self.submit(DeclareRedLine(i, self.draft[i] if self.draft else 0)),
            )
        )

    def argue(self) -> None:
        from game.ui.scenes.dialogs import ArgumentScene

        obs = self.obs
        cards = [a for a in obs.public.arguments if a.id in obs.my_arguments]
        self.app.push(
            ArgumentScene(
                self.app, cards, obs.tabled, obs.space, lambda argument_id: self.submit(TableArgument(argument_id))
            )
        )

    def consult(self) -> None:
        self.submit(ConsultCapital())

    def confirm(self, title: str, body: str, move: Move) -> None:
        from game.ui.scenes.dialogs import ConfirmScene

        self.app.push(ConfirmScene(self.app, title, body, title, lambda: self.submit(move)))

    def adjourn(self) -> None:
        self.confirm(
            tr("Adjourn"),
            tr("End this meeting now? The next meeting opens with the other exchanges unused."),
            Adjourn(),
        )

    def walk_out(self) -> None:
        self.confirm(
            tr("Walk out"),
            tr("Leave the talks for good? The game ends with no agreement; you score as no deal."),
            WalkOut(),
        )

    def menu(self) -> None:
        from game.ui.scenes.dialogs import MenuScene

        self.app.push(MenuScene(self.app, self.session))

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
            self.app.push(ConfirmScene(self.app, tr("The scenario has errors"), body, tr("OK"), lambda: None))
            return
        self.message = tr("Scenario reloaded from {file}.", file=self.session.file)
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

    # ----- events ------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.sliders:
            i = self.sliders.index(event.ui_element)
            assert self.draft is not None
            self.draft[i] = int(round(event.ui_element.get_current_value()))
            self.selected = i
            self.refresh()
            return True
        if event.type == pygame.MOUSEWHEEL and self.log_view is not None:
            if self.log_view.rect.collidepoint(pygame.mouse.get_pos()):
                self.log_view.wheel(event.y)
                return True
        if event.type == pygame.KEYDOWN and not self.watch:
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                n = len(self.sliders)
                self.selected = (self.selected + (1 if event.key == pygame.K_DOWN else -1)) % n
                return True
            focused_is_cycler = 0 <= self.focus < len(self.actions) and self.actions[self.focus].button in self.cyclers
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and not focused_is_cycler:
                assert self.draft is not None
                levels = len(self.obs.space.domains[self.selected])
                step = 1 if event.key == pygame.K_RIGHT else -1
                self.draft[self.selected] = max(0, min(levels - 1, self.draft[self.selected] + step))
                self.refresh()
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.log_view is not None:
                self.log_view.wheel(5 if event.key == pygame.K_PAGEUP else -5)
                return True
            if event.key == pygame.K_F5:
                self.reload()
                return True
            if event.key == pygame.K_BACKSPACE:
                self.reset_draft()
                self.refresh()
                return True
        return super().handle(event)

    def update(self, dt: float) -> None:
        self.since_check += dt
        if self.since_check > 1.0:
            self.since_check = 0.0
            if self.session.scenario_changed():
                self.reload()
                return
        session = self.session
        state = session.state
        if state.over:
            if self.ending_at is None:
                self.ending_at = time.monotonic()
            if time.monotonic() - self.ending_at > (0.0 if self.app.settings.ai_delay == 0 else 1.2):
                from game.ui.scenes.debrief import DebriefScene

                self.app.sound.play("end")
                self.app.reset_to(DebriefScene(self.app, session, self.side))
            return
        if session.is_person(state.to_move):
            return
        if self.watch and self.paused and not getattr(self, "step_once", False):
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
    def tutorial_target(self, name: str) -> pygame.Rect | None:
        """Where a part of the table is, for the tutorial's coach to point at."""
        if name == "issues" and self.rows:
            return self.rows[0].unionall(self.rows[1:])
        if name == "log":
            return pygame.Rect(self.log_rect)
        if name == "gauges":
            return pygame.Rect(self.gauge_rect)
        if name == "clock":
            return pygame.Rect(self.left_w, 0, self.size[0] - self.left_w, self.top_h)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        p = self.palette
        obs = self.obs
        w, _ = self.size
        self.draw_top(surface, obs)
        panel = pygame.Rect(8, self.top_h + 2, self.left_w - 8, self.footer_y + self.footer_h - self.top_h - 2)
        pygame.draw.rect(surface, p.rgb("panel"), panel, border_radius=6)
        pygame.draw.rect(surface, p.rgb("panel_border"), panel, 1, border_radius=6)
        for i, row in enumerate(self.rows):
            self.draw_row(surface, obs, i, row)
        self.draw_footer(surface, obs)
        if self.log_view is not None:
            self.log_view.draw(surface)
        self.draw_gauges(surface, obs)
        del w

    def draw_top(self, surface: pygame.Surface, obs: Observation) -> None:
        p = self.palette
        w, _ = self.size
        s = self.app.settings.text_scale
        meeting = obs.public.meetings[obs.meeting]
        f = font(font_size(s, -1), bold=True)
        small = font(font_size(s, -3))
        me = obs.public.delegations[self.side.index]
        area = pygame.Rect(0, 0, w, self.top_h + 2)
        left = f.render(f"{meeting.title} · {long_date(meeting.date)}", True, p.rgb("text"))
        title = self.text(surface, left, left.get_rect(topleft=(16, 6)), area)
        who = tr("Watching: AI against AI") if self.watch else tr("You lead the {name} delegation", name=me.name)
        colour = p.rgb("muted") if self.watch else p.rgb("us" if self.side is Side.US else "ussr")
        sub = small.render(who, True, colour)
        self.text(surface, sub, sub.get_rect(topleft=(16, title.bottom)), area)
        left_meetings = len(obs.public.meetings) - obs.meeting - 1
        exchanges = (
            tr("1 exchange left in this meeting")
            if obs.exchanges_left == 1
            else tr("{n} exchanges left in this meeting", n=obs.exchanges_left)
        )
        meetings = (
            tr("last meeting")
            if left_meetings == 0
            else tr("1 more meeting")
            if left_meetings == 1
            else tr("{m} more meetings", m=left_meetings)
        )
        deadline = f"{obs.public.deadline}: {short_date(obs.public.deadline_date, year=True)}"
        room = w - 32 - max(title.width, sub.get_width()) - 24
        status = next(
            (
                t
                for t in (f"{exchanges} · {meetings} · {deadline}", f"{exchanges} · {meetings}", exchanges)
                if small.size(t)[0] <= room
            ),
            "",
        )
        right = small.render(status, True, p.rgb("text"))
        self.text(surface, right, right.get_rect(topright=(w - 16, 6)), area)
        t = small.render(self.turn_text(obs), True, p.rgb("focus") if self.my_turn else p.rgb("muted"))
        line2 = 6 + small.get_linesize() + 2
        left_edge = max(title.right, 16 + sub.get_width()) + 16
        bar_w = min(420, w // 3, w - 16 - 12 - t.get_width() - left_edge)
        if bar_w < 40:
            self.text(surface, t, t.get_rect(topright=(w - 16, line2)), area)
            return
        bar = pygame.Rect(w - 16 - bar_w, line2 + (t.get_height() - 8) // 2, bar_w, 8)
        pygame.draw.rect(surface, p.rgb("track"), bar, border_radius=3)
        done = bar.copy()
        done.width = round(bar.width * obs.relative_time)
        pygame.draw.rect(surface, p.rgb("muted"), done, border_radius=3)
        self.text(surface, t, t.get_rect(topright=(bar.left - 12, line2)), area)

    def turn_text(self, obs: Observation) -> str:
        state = self.session.state
        if state.over:
            return tr("The talks are over")
        if self.my_turn:
            return tr("Your move")
        other = obs.public.delegations[state.to_move.index].short
        dots = "." * (1 + int(time.monotonic() * 2) % 3)
        if self.watch and self.paused:
            return tr("Paused")
        note = getattr(self.session, "waiting_note", "")  # a game at a class server: the teacher, the classmate
        return (note or tr("The {who} delegation is conferring", who=other)) + dots

    def draw_row(self, surface: pygame.Surface, obs: Observation, i: int, row: pygame.Rect) -> None:
        p = self.palette
        space = obs.space
        prefs = obs.preferences
        if i == self.selected and not self.watch:
            pygame.draw.rect(surface, p.rgb("focus"), row.inflate(4, 2), 2, border_radius=4)
        assert self.draft is not None
        domain = space.domains[i]
        own = p.rgb("us" if self.side is Side.US else "ussr")
        value = font(self.fs, bold=True).render(domain.format(domain.levels[self.draft[i]]), True, own)
        value_rect = value.get_rect(topright=(self.sliders[i].rect.right, row.top + 4))
        self.text(surface, value, value_rect, row)
        room = value_rect.left - row.left - 24
        bold = font(self.fs, bold=True)
        name_text = space.names[i] if bold.size(space.names[i])[0] <= room else space.shorts[i]
        name = bold.render(name_text, True, p.rgb("text"))
        if name.get_width() <= room:
            self.text(surface, name, name.get_rect(topleft=(row.left + 8, row.top + 4)), row)
        weights = [float(x) for x in prefs.weights]
        tag = font(self.row_font).render(priority_words(weights[i], weights), True, p.rgb("muted"))
        if not self.watch and name.get_width() + tag.get_width() + 12 <= room:
            self.text(surface, tag, tag.get_rect(topleft=(row.left + 18 + name.get_width(), row.top + 6)), row)
        slider = self.sliders[i].rect
        levels = len(space.domains[i])
        small = font(max(10, self.row_font - 2))
        top = slider.bottom + max(4, slider.height // 3) + 3
        if row.bottom - top >= small.get_linesize():
            for level, anchor in ((0, "topleft"), (levels - 1, "topright")):
                img = small.render(domain.format(domain.levels[level]), True, p.rgb("muted"))
                x = slider.left if anchor == "topleft" else slider.right
                self.text(surface, img, img.get_rect(**{anchor: (x, top)}), row)
        spark = pygame.Rect(row.right - 96, slider.top - 4, 88, max(12, row.bottom - slider.top))
        mine = [pk.levels[i] for pk in obs.my_offers][-12:]
        theirs = [pk.levels[i] for pk in obs.their_offers][-12:]
        own_colour = p.rgb("us" if self.side is Side.US else "ussr")
        their_colour = p.rgb("ussr" if self.side is Side.US else "us")
        sparkline(surface, spark, [(mine, own_colour, False), (theirs, their_colour, True)], levels)

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """The marks on each slider, drawn over the widgets so they stay inside the slider's track."""
        obs = self.obs
        p = self.palette
        prefs = obs.preferences
        for i, widget in enumerate(self.sliders):
            slider = widget.rect
            levels = len(obs.space.domains[i])
            track = pygame.Rect(
                slider.left + slider.height + 2, slider.top, slider.width - 2 * slider.height - 4, slider.height
            )

            def x_of(level: int, track: pygame.Rect = track, levels: int = levels) -> int:
                return track.left + round(track.width * level / max(1, levels - 1))

            mark = max(4, slider.height // 3)
            if not self.watch:
                rx = x_of(prefs.red_lines[i])
                pygame.draw.line(surface, p.rgb("red_line"), (rx, slider.top - 2), (rx, slider.bottom + 1), 3)
                diamond(surface, p.rgb("target"), x_of(prefs.targets[i]), slider.centery, mark)
            if obs.my_offer is not None:
                colour = p.rgb("us" if self.side is Side.US else "ussr")
                triangle(surface, colour, x_of(obs.my_offer.levels[i]), slider.top, mark + 1, up=False)
            if obs.their_offer is not None:
                colour = p.rgb("ussr" if self.side is Side.US else "us")
                triangle(surface, colour, x_of(obs.their_offer.levels[i]), slider.bottom - 1, mark + 1, up=True)

    def draw_footer(self, surface: pygame.Surface, obs: Observation) -> None:
        p = self.palette
        f = font(self.row_font)
        y = self.footer_y + 4
        if self.watch:
            text = tr("Speed: {speed}. Space pauses, N steps one move.", speed=self.speed + 1)
            surface.blit(f.render(text, True, p.rgb("muted")), (20, y))
            return
        area = pygame.Rect(12, self.footer_y, self.left_w - 24, self.footer_h)
        x = 20
        mark = max(5, f.get_height() // 3)
        cy = y + f.get_height() // 2
        own = p.rgb("us" if self.side is Side.US else "ussr")
        other = p.rgb("ussr" if self.side is Side.US else "us")
        legend = (
            (lambda x: diamond(surface, p.rgb("target"), x, cy, mark), tr("your target")),
            (lambda x: pygame.draw.line(surface, p.rgb("red_line"), (x, cy - mark), (x, cy + mark), 3), tr("red line")),
            (lambda x: triangle(surface, own, x, cy + mark // 2, mark, up=False), tr("your last offer")),
            (lambda x: triangle(surface, other, x, cy - mark // 2, mark, up=True), tr("their offer")),
        )
        for draw_mark, caption in legend if self.legend else ():
            img = f.render(caption, True, p.rgb("muted"))
            if x + 2 * mark + 6 + img.get_width() > area.right:
                break
            draw_mark(x + mark)
            x = self.text(surface, img, img.get_rect(topleft=(x + 2 * mark + 6, y)), area).right + 18
        if self.legend:
            y += f.get_linesize() + 4
        bold = font(self.row_font, bold=True)
        if self.message:
            lines = [self.message]
        else:
            mine = f"{score(obs.utility(self.draft_package()), obs.preferences.no_deal):.0f}"
            theirs = None
            if obs.their_offer is not None:
                theirs = f"{score(obs.utility(obs.their_offer), obs.preferences.no_deal):.0f}"
            lines = [
                tr(
                    "Your proposal scores {mine}/100 for you; their standing offer, {theirs}/100.",
                    mine=mine,
                    theirs=theirs,
                )
                if theirs
                else tr("Your proposal scores {mine}/100 for you.", mine=mine),
                tr("Your proposal: {mine}/100 · theirs: {theirs}/100", mine=mine, theirs=theirs)
                if theirs
                else tr("Your proposal: {mine}/100", mine=mine),
            ]
        line = next((t for t in lines if bold.size(t)[0] <= area.width - 12), lines[-1])
        while bold.size(line)[0] > area.width - 12 and len(line) > 4:
            line = line[:-5] + "…"
        img = bold.render(line, True, p.rgb("bad") if self.message else p.rgb("text"))
        self.text(surface, img, img.get_rect(topleft=(20, y)), area)

    def their_support_estimate(self, obs: Observation) -> float | None:
        """A guess at the other legislature's support for the draft: how close it comes to what their side
        has asked for (their offers), on a scale from their opening (0.9) to the far end of each issue (0.3)."""
        if not obs.their_offers:
            return None
        assert self.draft is not None
        first, last = obs.their_offers[0].levels, obs.their_offers[-1].levels
        closeness = []
        for i, level in enumerate(self.draft):
            span = max(abs(first[i] - 0), abs(first[i] - (len(obs.space.domains[i]) - 1)), 1)
            give = max(0, abs(level - last[i]))
            closeness.append(1.0 - min(1.0, give / span))
        return 0.3 + 0.6 * sum(closeness) / len(closeness)

    def draw_gauges(self, surface: pygame.Surface, obs: Observation) -> None:
        p = self.palette
        r = self.gauge_rect
        size = font_size(self.app.settings.text_scale, -3)
        h = r.height // 4
        assert self.draft is not None
        backed_off = sum(1 for e in obs.history if e.label == "audience cost" and e.side is self.side)
        their_trust = max(0.0, 0.5 - AUDIENCE_COST_TRUST * backed_off)
        domestic = obs.brief.domestic
        support = obs.support(self.draft_package())
        text, track = p.rgb("text"), p.rgb("track")
        mine = p.rgb("us" if self.side is Side.US else "ussr")
        texts: list[pygame.Rect] = []
        theirs = p.rgb("ussr" if self.side is Side.US else "us")
        texts += gauge(
            surface,
            pygame.Rect(r.left, r.top, r.width, h - 4),
            tr("Your trust in them"),
            obs.trust,
            mine,
            text,
            track,
            size,
        )
        texts += gauge(
            surface,
            pygame.Rect(r.left, r.top + h, r.width, h - 4),
            tr("Their trust in you (your estimate)"),
            their_trust,
            theirs,
            text,
            track,
            size,
            note=" " + tr("est."),
        )
        texts += gauge(
            surface,
            pygame.Rect(r.left, r.top + 2 * h, r.width, h - 4),
            tr("{body}: support for your proposal", body=domestic.body),
            support,
            p.rgb("good") if support >= domestic.threshold else p.rgb("bad"),
            text,
            track,
            size,
            mark=domestic.threshold,
        )
        them = obs.public.delegations[self.side.other.index]
        texts += gauge(
            surface,
            pygame.Rect(r.left, r.top + 3 * h, r.width, h - 4),
            tr("{body}: support for it (your estimate)", body=them.ratifier),
            self.their_support_estimate(obs),
            theirs,
            text,
            track,
            size,
            note=" " + tr("est."),
        )
        self.drawn_texts += [(t, self.gauge_rect) for t in texts]

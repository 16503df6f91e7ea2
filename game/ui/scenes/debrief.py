"""The debrief: the ending, both scores, ratification, what was possible, and the transcript."""

from __future__ import annotations

import numpy as np
import pygame
from pygame_gui.elements import UITextBox

from game.analysis.outcomes import analyze
from game.analysis.verdict import Verdict, verdict
from game.engine.moves import Propose
from game.engine.state import Ending
from game.i18n import N_, tr
from game.record.epilogue import epilogue, history_doc
from game.record.export import export_html, export_markdown
from game.record.transcript import ENDINGS
from game.safe_text import for_html as escape
from game.scenario.preferences import Package, Preferences, Side
from game.session import Session
from game.ui.charts import concession_curves, utility_plane
from game.ui.scene import Scene
from game.ui.theme import font_size


def verdict_lines(words: Verdict, name: str) -> list[str]:
    """The result in words for one side: the score against history's, each issue, what would have done better."""
    lines = [f"<br><b>{escape(tr('For the {name} delegation', name=name))}</b>", escape(words.headline)]
    lines += [f"• {escape(line)}" for line in words.issues]
    if words.better:
        lines.append(f"<i>{escape(tr('What would have done better'))}</i>")
        lines += [f"• {escape(line)}" for line in words.better]
    return lines


NASH_WORDS = N_(
    "(The Nash bargaining point is a fair split: the package that makes the two sides' gains over no deal, "
    "multiplied together, the largest.)"
)


class DebriefScene(Scene):
    def __init__(self, app, session: Session, side: Side) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session, self.side = session, side
        rules = session.rules
        self.prefs = {s: Preferences.of(rules.space, rules.side_model(s)) for s in Side}
        self.analysis = analyze(rules.scenario)
        rng = np.random.default_rng(0)
        sizes = rules.space.sizes
        sample = rng.integers(0, sizes, size=(3000, len(sizes)))
        us = sum(
            self.prefs[Side.US].weights[i] * self.prefs[Side.US].tables[i][sample[:, i]] for i in range(len(sizes))
        )
        ussr = sum(
            self.prefs[Side.USSR].weights[i] * self.prefs[Side.USSR].tables[i][sample[:, i]] for i in range(len(sizes))
        )
        self.cloud = np.column_stack([us, ussr])
        self.status = ""
        self.text_rects: list[pygame.Rect] = []

    def point(self, package: Package | None) -> tuple[float, float] | None:
        if package is None:
            return None
        return self.prefs[Side.US].utility(package), self.prefs[Side.USSR].utility(package)

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        state = self.session.state
        rules = self.session.rules
        assert state.ending is not None
        heading = {
            Ending.RATIFIED: tr("Agreement ratified"),
            Ending.NOT_RATIFIED: tr("Agreement signed, but not ratified"),
        }.get(state.ending, tr("No agreement"))
        self.label((24, 10, w - 48, round(44 * s)), heading, "heading")
        lines = [f"<b>{escape(tr(ENDINGS[state.ending]))}</b>"]
        for side in Side:
            d = rules.public.delegations[side.index]
            you = tr(" (you)") if self.session.is_person(side) else ""
            lines.append(f"{escape(d.name + you)}: <b>{state.scores[side.index]:.0f}/100</b>")
        for vote in state.ratification:
            result = tr("ratified") if vote.passed else tr("rejected")
            lines.append(escape(f"{vote.body}: {vote.vote:.0%} / {vote.threshold:.0%} — {result}"))
        for side in self.session.people or tuple(Side):
            lines += verdict_lines(verdict(rules.scenario, state, side), rules.public.delegations[side.index].name)
        if state.agreement is not None:
            lines.append("<br>" + escape(rules.space.describe(state.agreement, full=True)).replace("; ", "<br>"))
        if self.analysis.nash is not None:
            lines.append(
                "<br><i>"
                + escape(tr("Nash bargaining point:"))
                + "</i> "
                + escape(rules.space.describe(self.analysis.nash.package, full=True))
            )
            lines.append("<i>" + escape(tr(NASH_WORDS)) + "</i>")
        rows = [row for row in epilogue(rules.scenario, state) if row.history or row.stages]
        if rows:
            lines.append("<br><b>" + escape(tr("What happened next")) + "</b>")
            for row in rows:
                mark = " ✓" if row.same else ""
                lines.append(
                    f"<b>{escape(row.name)}</b>: {escape(tr('you'))} {escape(row.result)}{mark}; "
                    f"{escape(tr('history'))} {escape(row.history)}"
                )
                lines += [f"<i>{escape(title)}:</i> {escape(text)}" for title, text in row.stages]
            if (doc := history_doc(rules.scenario)) is not None:
                more = tr("What happened day by day, with its sources: {path}", path=doc)
                lines.append("<i>" + escape(more) + "</i>")
        top = 18 + round(44 * s)
        side_w = int(w * 0.4)
        buttons_top = self.button_row(
            [
                (tr("Title screen"), self.app.to_title, pygame.K_ESCAPE),
                (tr("New game"), self.new_game, pygame.K_n),
                (tr("Export record"), self.export, pygame.K_e),
                (tr("Save game"), self.save_game, pygame.K_s),
            ],
            s,
        )
        UITextBox("<br>".join(lines), pygame.Rect(24, top, side_w, buttons_top - top - 8), self.manager)
        self.chart_left = 24 + side_w + 16
        self.chart_top = top
        self.bottom = buttons_top - 10
        self.room: pygame.Rect | None = None
        coach = self.app.coach.ahead("debrief") if self.app.coach is not None else None
        if coach is not None:
            # the tutorial's last word gets a strip under the charts: nowhere else is free at 1280x720
            chart_w = w - self.chart_left - 24
            shape = coach.shapes(w, pygame.Rect(0, 0, chart_w, (self.bottom - top) // 3))
            self.room = pygame.Rect(self.chart_left, self.bottom - shape.height, chart_w, shape.height)
            self.bottom = self.room.top - 10

    def back(self) -> None:
        self.app.to_title()

    def new_game(self) -> None:
        from game.ui.scenes.new_game import NewGameScene

        self.app.reset_to(NewGameScene(self.app))

    def export(self) -> None:
        """The record of conversation, as an HTML page that prints on A4 and as Markdown."""
        session = self.session
        stem = session.saves_dir / f"record-{session.rules.scenario.meta.id}-{session.setup.seed}"
        header = session.record().header
        beats = session.beats()
        try:
            stem.parent.mkdir(parents=True, exist_ok=True)
            stem.with_suffix(".html").write_text(
                export_html(session.rules, session.state, header, beats), encoding="utf-8"
            )
            stem.with_suffix(".md").write_text(
                export_markdown(session.rules, session.state, header, beats), encoding="utf-8"
            )
        except OSError as exc:
            self.status = tr("Cannot write the record: {why}", why=exc.strerror or str(exc))
            return
        self.status = tr("Record of conversation written to {path}", path=str(stem.with_suffix(".html")))

    def save_game(self) -> None:
        from game.ui.scenes.saves import SaveAsScene

        self.app.push(SaveAsScene(self.app, self.session))

    def coach_room(self) -> pygame.Rect | None:
        return self.room

    def coach_avoid(self) -> list[pygame.Rect]:
        """The summary and the charts: the tutorial's last word stands clear of what it talks about."""
        boxes = [e.rect for e in self.manager.get_sprite_group().sprites() if isinstance(e, UITextBox)]
        return [*boxes, *getattr(self, "charts", [])]

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        rules = self.session.rules
        state = self.session.state
        size = font_size(s, -4)
        chart_w = w - self.chart_left - 24
        plane_h = int((self.bottom - self.chart_top) * 0.55)
        plane = pygame.Rect(self.chart_left, self.chart_top, chart_w, plane_h)
        us_trail = [p for p in (self.point(pk) for pk in state.offer_history[0]) if p]
        ussr_trail = [p for p in (self.point(pk) for pk in state.offer_history[1]) if p]
        historical = None
        if rules.scenario.historical is not None:
            historical = self.point(rules.space.package(rules.scenario.historical.package))
        nash = self.analysis.nash
        labelled = [
            (tr("Nash point"), "nash", "star", (nash.us, nash.ussr) if nash else None),
            (tr("agreement"), "text", "ring", self.point(state.agreement)),
            (tr("what history produced"), "history", "diamond", historical),
            (tr("no deal"), "muted", "cross", (self.prefs[Side.US].no_deal, self.prefs[Side.USSR].no_deal)),
        ]
        first, second = rules.scenario.sides.us.short, rules.scenario.sides.ussr.short
        trails = [
            (tr("{side} offers", side=first), "us", "circle", us_trail),
            (tr("{side} offers", side=second), "ussr", "square", ussr_trail),
        ]
        frontier = list(zip(self.analysis.frontier.us.tolist(), self.analysis.frontier.ussr.tolist(), strict=True))
        self.text_rects = utility_plane(
            surface,
            plane,
            self.palette,
            size,
            self.cloud,
            frontier,
            labelled,
            trails,
            (
                tr("{side} utility (0 to 1)", side=first),
                tr("{side} utility (0 to 1)", side=second),
                tr("{side} utility", side=second),  # the upright axis where its label is too long for it
            ),
        )
        curves = pygame.Rect(self.chart_left, plane.bottom + 10, chart_w, self.bottom - plane.bottom - 10)
        space = rules.space
        end = max(1, state.turn)
        offers = [(e.turn / end, e.side, e.move.package) for e in state.log if isinstance(e.move, Propose)]
        us_levels = [[(t, pk.levels[i]) for t, side, pk in offers if side is Side.US] for i in range(len(space.ids))]
        ussr_levels = [
            [(t, pk.levels[i]) for t, side, pk in offers if side is Side.USSR] for i in range(len(space.ids))
        ]
        ends = [(d.format(d.levels[0]), d.format(d.levels[-1])) for d in space.domains]
        self.text_rects += concession_curves(
            surface,
            curves,
            self.palette,
            size,
            list(space.names),
            list(space.sizes),
            us_levels,
            ussr_levels,
            ends,
            list(space.shorts),
        )
        self.charts = [plane, curves]
        if self.status:
            from game.ui.fonts import font

            img = font(size).render(self.status, True, self.palette.rgb("text"))
            surface.blit(img, img.get_rect(bottomright=(w - 24, self.bottom + 8)))

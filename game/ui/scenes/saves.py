"""Load and save-as screens: each save with its scenario, sides, date and state; broken ones say why.

The list reads only each file's header and last line (`slots.summary`), so it opens at once whatever
the folder holds; a game is replayed only when it is opened.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pygame
from pygame_gui.elements import UITextEntryLine

from game.engine.state import Ending
from game.errors import CruiseControlError
from game.i18n import language, tr
from game.record import slots
from game.record.scenario_copy import local_scenario
from game.report.class_report import ENDINGS
from game.scenario.preferences import Side
from game.session import PERSON, Session
from game.tutorial import COACH_SPEC
from game.ui.scene import Scene, fit, key_label
from game.ui.scenes.new_game import DIFFICULTIES


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    summary: str
    problem: str = ""
    shorter: tuple[str, ...] = ()
    """The summary with less in it, for a row too narrow for the whole: the date and the move always kept."""


def describe(path: Path) -> SaveInfo:
    """One line about a save from its header, or why it cannot be loaded (whether the scenario's rules
    changed since is said when it is opened: telling it here would mean reading every scenario)."""
    s = slots.summary(path)
    if s.problem:
        return SaveInfo(path, path.name, s.problem)
    # the scenario's own title and side names in the current language when this computer has it (the
    # save's words are in the language it was saved in)
    known = _scenario_words(s.scenario_id, language())
    names = known[1] if known else s.sides
    sides = " · ".join(f"{names.get(k, k.upper())[:20]}: {_who(s.players.get(k, '?'))[:40]}" for k in ("us", "ussr"))
    where = tr("ended: {how}", how=_ended(s.ended)) if s.ended else tr("move {n}", n=s.moves)
    title = (known[0] if known else s.title or s.scenario_id)[:80]  # bounded before it reaches a widget
    when = s.created[:16].replace("T", " ")
    name = tr("autosave") if slots.is_autosave(path) else path.stem[:60]  # an autosave's file name says no more
    shorter = (
        f"{name} — {title} — {sides} — {when} — {where}",
        f"{when} — {where} — {name} — {sides} — {title}",  # cut at its end: a title's start still names it
    )
    return SaveInfo(path, f"{path.stem[:60]} — {title} — {sides} — {when} — {where}", shorter=shorter)


@functools.cache
def _scenario_words(scenario_id: str, lang: str) -> tuple[str, dict[str, str]] | None:
    """A scenario's title and its sides' short names in a language, if the game's folder has that scenario
    (read once per language: the list stays quick)."""
    found = local_scenario(scenario_id)
    if found is None:
        return None
    scenario = found[0]
    return scenario.meta.title, {"us": scenario.sides.us.short, "ussr": scenario.sides.ussr.short}


def _who(spec: str) -> str:
    """Who played a side, in the player's words ("AI, hard", not "ai:hard")."""
    if spec == PERSON:
        return tr("player")
    if spec == COACH_SPEC:
        return tr("the tutorial")
    label = next((label for label, known in DIFFICULTIES if known == spec), None)
    if label is not None:
        return tr(label)
    kind, _, name = spec.partition(":")
    if kind == "ai" and name:  # an AI chosen on the command line ("ai:linear"): its strategy's name
        return tr("AI ({strategy})", strategy=name)
    if kind == "persona" and name:
        return tr("AI as {name}", name=name)
    return spec


def _ended(value: str) -> str:
    try:
        return tr(ENDINGS[Ending(value)])
    except ValueError:  # a save's word for its ending, from outside: bounded, shown as it is
        return value[:30]


def open_save(app, path: Path) -> None:  # noqa: ANN001
    from game.ui.scenes.dialogs import ConfirmScene
    from game.ui.scenes.handover import private
    from game.ui.scenes.table import TableScene

    try:
        session = Session.load(path)
    except CruiseControlError as exc:
        app.push(ConfirmScene(app, tr("This save cannot be loaded"), str(exc), tr("OK"), lambda: None, cancel=False))
        return
    people = session.people
    side = session.state.to_move if session.state.to_move in people else (people[0] if people else Side.US)
    app.reset_to(private(app, session, side, TableScene(app, session, side, watch=not people)))
    if session.notes:
        app.manager.update(0.0)  # the list's widgets go at the next update, before this picture
        app.draw()  # the dialog dims a picture of the screen: the game's (or its hand-over), not this list's
        app.push(
            ConfirmScene(app, tr("About this save"), "\n".join(session.notes), tr("OK"), lambda: None, cancel=False)
        )


class LoadScene(Scene):
    """The saves, newest first, a page at a time (only the page shown is read)."""

    page = 0

    def build(self) -> None:
        from game.session import saves_dir

        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(38 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("Load a game"), "heading")
        folder = saves_dir()
        paths = slots.list_saves(folder)
        y = 24 + round(44 * s)
        if not paths:
            self.label((30, y, w - 60, bh), tr("No saved games yet in {path}", path=str(folder)), "muted")
        visible = max(1, (h - y - bh - 40) // (bh + 6))
        pages = max(1, -(-len(paths) // visible))
        self.page = min(self.page, pages - 1)
        for k, path in enumerate(paths[self.page * visible : (self.page + 1) * visible]):
            info = describe(path)
            text = info.summary if not info.problem else f"{info.summary}: {tr('cannot be loaded')}: {info.problem}"
            key = pygame.K_1 + k if k < 9 else None
            row = self.button(
                (30, y, w - 60, bh),
                text,
                lambda p=info.path: open_save(self.app, p),
                key,
                tooltip=info.problem or text,
                enabled=not info.problem,
            )
            shortcut = f"  [{key_label(key)}]" if key is not None else ""
            for fewer in (text, *info.shorter) if row.text != text + shortcut else ():
                row.set_text(fit(row, fewer + shortcut, keep=len(shortcut)))
                if row.text == fewer + shortcut:
                    break
            y += bh + 6
        self.button((30, h - bh - 20, 200, bh), tr("Back"), self.app.pop, pygame.K_ESCAPE)
        if pages > 1:
            where = tr("page {n} of {pages}", n=self.page + 1, pages=pages)
            self.label((250, h - bh - 20, w - 760, bh), where, "muted")
            self.button(
                (w - 490, h - bh - 20, 220, bh),
                tr("Newer"),
                lambda: self.turn(-1),
                pygame.K_PAGEUP,
                enabled=self.page > 0,
            )
            self.button(
                (w - 250, h - bh - 20, 220, bh),
                tr("Older"),
                lambda: self.turn(1),
                pygame.K_PAGEDOWN,
                enabled=self.page < pages - 1,
            )
        if self.focus < 0:
            self.focus = 0

    def turn(self, by: int) -> None:
        self.page = max(0, self.page + by)
        self.focus = 0
        self.rebuild()


class SaveAsScene(Scene):
    def __init__(self, app, session: Session) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session
        self.message = ""
        self.replacing: Path | None = None

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(40 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("Save the game as"), "heading")
        y = 34 + round(44 * s)
        self.entry = UITextEntryLine(pygame.Rect(30, y, min(600, w - 60), bh), self.manager)
        self.entry.set_text(f"{self.session.rules.scenario.meta.id}-{self.session.setup.seed}")
        self.entry.focus()
        self.status = self.label(
            (30, y + bh + 10, w - 60, bh),
            self.message or tr("Saved games live in {path}", path=str(self.session.saves_dir)),
            "muted",
        )
        self.button((30, h - bh - 20, 200, bh), tr("Back"), self.app.pop, pygame.K_ESCAPE)
        self.button((w - 260, h - bh - 20, 230, bh), tr("Save"), self.save, pygame.K_RETURN)

    def save(self) -> None:
        name = "".join(c for c in self.entry.get_text().strip() if c.isalnum() or c in "-_ ").strip()
        if not name:
            self.status.set_text(tr("Give the save a name (letters, digits, - and _)."))
            return
        path = self.session.saves_dir / f"{name[:80]}.yaml"
        if path.exists() and path != self.replacing:
            self.replacing = path  # a named save is replaced only when asked twice
            self.status.set_text(tr("A save named {name} exists: press Save again to replace it.", name=path.stem))
            return
        try:
            self.session.save_as(path)
        except CruiseControlError as exc:
            self.status.set_text(str(exc))
            return
        name = path.stem
        self.app.confirm(lambda: tr("Saved as “{name}”", name=name))
        self.app.pop()

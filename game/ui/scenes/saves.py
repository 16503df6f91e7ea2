"""Load and save-as screens: each save with its scenario, sides, date and state; broken ones say why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame
from pygame_gui.elements import UITextEntryLine

from game.errors import CruiseControlError
from game.i18n import tr
from game.record import save
from game.scenario.preferences import Side
from game.session import AUTOSAVE, Session
from game.ui.scene import Scene


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    summary: str
    problem: str = ""


def describe(path: Path) -> SaveInfo:
    """One line about a save, or why it cannot be loaded."""
    try:
        record, rules, state = save.load(path)
    except CruiseControlError as exc:
        return SaveInfo(path, path.name, str(exc).split("\n")[0].replace(f"{path}: ", ""))
    h = record.header
    sides = " · ".join(f"{rules.public.delegations[s.index].short}: {h.players.get(s.value, '?')}" for s in Side)
    where = (
        tr("ended: {how}", how=state.ending.value.replace("_", " "))
        if state.ending
        else tr("{meeting}, move {n}", meeting=rules.meetings[state.meeting].title, n=state.turn)
    )
    return SaveInfo(
        path, f"{path.stem} — {rules.scenario.meta.title} — {sides} — {h.created[:16].replace('T', ' ')} — {where}"
    )


def modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def open_save(app, path: Path) -> None:  # noqa: ANN001
    from game.ui.scenes.dialogs import ConfirmScene
    from game.ui.scenes.handover import private
    from game.ui.scenes.table import TableScene

    try:
        session = Session.load(path)
    except CruiseControlError as exc:
        app.push(ConfirmScene(app, tr("This save cannot be loaded"), str(exc), tr("OK"), lambda: None))
        return
    people = session.people
    side = session.state.to_move if session.state.to_move in people else (people[0] if people else Side.US)
    app.reset_to(private(app, session, side, TableScene(app, session, side, watch=not people)))


class LoadScene(Scene):
    def build(self) -> None:
        from game.session import saves_dir

        w, h = self.size
        s = self.app.settings.text_scale
        bh = round(38 * s)
        self.label((30, 14, w - 60, round(44 * s)), tr("Load a game"), "heading")
        folder = saves_dir()
        paths = sorted(
            (p for p in folder.glob("*.yaml") if p.is_file()), key=lambda p: (p.name != AUTOSAVE, -modified(p))
        )
        infos = [describe(p) for p in paths]
        y = 24 + round(44 * s)
        if not infos:
            self.label((30, y, w - 60, bh), tr("No saved games yet in {path}", path=str(folder)), "muted")
        visible = max(1, (h - y - bh - 40) // (bh + 6))
        for k, info in enumerate(infos[:visible]):
            text = info.summary if not info.problem else f"{info.summary}: {tr('cannot be loaded')}: {info.problem}"
            key = pygame.K_1 + k if k < 9 else None
            self.button(
                (30, y, w - 60, bh),
                text,
                lambda p=info.path: open_save(self.app, p),
                key,
                tooltip=info.problem or None,
                enabled=not info.problem,
            )
            y += bh + 6
        self.button((30, h - bh - 20, 200, bh), tr("Back"), self.app.pop)
        if self.focus < 0:
            self.focus = 0


class SaveAsScene(Scene):
    def __init__(self, app, session: Session) -> None:  # noqa: ANN001
        super().__init__(app)
        self.session = session
        self.message = ""

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
        try:
            self.session.save_as(path)
        except CruiseControlError as exc:
            self.status.set_text(str(exc))
            return
        self.app.pop()

"""Saves as a player expects: an autosave per game, named saves, Continue, a Load screen that never hangs."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pygame
import pytest

from game.record import save, slots
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup

from .conftest import FIXTURES, TINY

FAST_PLAYERS = {Side.US: PERSON, Side.USSR: "ai:linear"}


def _play(session: Session, moves: int) -> None:
    """Moves for both sides: the person proposes the standing package or opens, the AI answers."""
    from game.engine.moves import Propose

    for _ in range(moves):
        if session.state.over:
            return
        if session.waiting_for_person:
            obs = session.observe(session.state.to_move)
            session.submit(Propose(obs.preferences.best))
        else:
            session.start_ai()
            while not session.poll_ai():
                pass


def test_each_game_has_its_own_autosave_and_continue_takes_the_newest(tmp_path: Path) -> None:
    first = Session(Setup(str(TINY), FAST_PLAYERS, 1), folder=tmp_path)
    first.autosave()
    _play(first, 3)
    second = Session(Setup(str(TINY), FAST_PLAYERS, 2), folder=tmp_path)
    second.autosave()
    _play(second, 1)
    autosaves = sorted(tmp_path.glob("autosave-tiny-*.yaml"))
    assert len(autosaves) == 2 and first.journal.path != second.journal.path
    os.utime(first.journal.path, (1, 1))  # the first game is older
    assert slots.latest(tmp_path) == second.journal.path
    assert save.load(first.journal.path)[2] == first.state  # the second game overwrote nothing
    first.close()
    second.close()


def test_a_named_save_stays_as_saved_while_the_autosave_goes_on(tmp_path: Path) -> None:
    session = Session(Setup(str(TINY), FAST_PLAYERS, 3), folder=tmp_path)
    session.autosave()
    _play(session, 2)
    named = tmp_path / "before the deal.yaml"
    session.save_as(named)
    kept = named.read_bytes()
    _play(session, 2)
    assert named.read_bytes() == kept and save.load(session.journal.path)[2] == session.state
    session.close()

    resumed = Session.load(named, folder=tmp_path)
    assert resumed.journal.path != named and slots.is_autosave(resumed.journal.path)
    _play(resumed, 1)
    assert named.read_bytes() == kept
    resumed.close()

    again = Session.load(session.journal.path, folder=tmp_path)  # an autosave goes on in itself
    assert again.journal.path == session.journal.path and again.state == session.state
    _play(again, 1)
    assert save.load(session.journal.path)[2] == again.state
    again.close()


def test_autosave_names_never_collide() -> None:
    now = dt.datetime(2026, 12, 4, 18, 0, 0)
    folder = Path("/nonexistent-folder-for-names")
    assert slots.autosave_path(folder, "tiny", now).name == "autosave-tiny-20261204-180000.yaml"


def test_autosave_names_count_up_when_taken(tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 4, 18, 0, 0)
    (tmp_path / "autosave-tiny-20261204-180000.yaml").touch()
    assert slots.autosave_path(tmp_path, "tiny", now).name == "autosave-tiny-20261204-180000-2.yaml"


def _hostile_folder(folder: Path) -> dict[str, str]:
    """A saves folder as a careless or hostile class could leave it; the words each row must show."""
    folder.mkdir(parents=True, exist_ok=True)
    session = Session(Setup(str(TINY), FAST_PLAYERS, 4), folder=folder)
    session.autosave()
    _play(session, 3)
    session.close()
    os.mkfifo(folder / "pipe.yaml")
    with (folder / "huge.yaml").open("wb") as f:
        f.truncate(100_000_000)
    (folder / "junk.yaml").write_bytes(os.urandom(5000))
    shutil.copy(FIXTURES / "saves" / "v1-warm-up.yaml", folder / "old.yaml")
    (folder / "deep.yaml").write_text("cruise_control_save: 1\nx: " + "[" * 60_000, encoding="utf-8")
    return {
        session.journal.path.stem: "move 3",
        "pipe": "not a regular file",
        "huge": "over the limit",
        "junk": "not a Cruise Control save",
        "old": "Warm-up: two numbers, two meetings",  # an old save named by its scenario, as found here
        "deep": "not a Cruise Control save",
    }


def test_the_load_screen_lists_a_hostile_folder_from_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.settings import Settings

    from .ui_driver import Driver

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    expected = _hostile_folder(tmp_path / "saves")
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    d.key(pygame.K_l)
    assert d.scene_name == "LoadScene"
    rows = [a.button.text for a in d.scene.actions if a.button.text != "Back"]  # type: ignore[attr-defined]
    for stem, words in expected.items():
        row = next(r for r in rows if stem in r)
        assert words in row, row
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_c)  # Continue: the newest readable save
    assert d.scene_name in ("TableScene", "ConfirmScene", "HandoverScene")
    d.close()


def test_summaries_never_read_more_than_the_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game import bounded_files

    session = Session(Setup(str(TINY), FAST_PLAYERS, 5), folder=tmp_path)
    session.autosave()
    _play(session, 4)
    session.close()
    path = session.journal.path
    with path.open("ab") as f:  # a game padded to megabytes: the list reads its two ends only
        f.write(b"# padding\n" * 400_000)
        f.write(save.line({"n": 5, "move": {"kind": "accept"}}).encode())
    read: list[int] = []
    real = bounded_files._read

    def counting(fd: int, count: int) -> bytes:
        data = real(fd, count)
        read.append(len(data))
        return data

    monkeypatch.setattr(bounded_files, "_read", counting)
    summary = slots.summary(path)
    assert summary.scenario_id == "tiny" and summary.moves == 5 and summary.problem == ""
    assert sum(read) <= slots.HEAD_BYTES + slots.TAIL_BYTES < path.stat().st_size // 40


def test_a_game_whose_rules_changed_here_goes_on_under_its_own_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.errors import CruiseControlError
    from game.record import scenario_copy

    here = tmp_path / "scenarios"
    here.mkdir()
    local = here / "tiny.yaml"
    original = TINY.read_text(encoding="utf-8")
    local.write_text(original, encoding="utf-8")
    monkeypatch.setattr(scenario_copy, "SCENARIO_DIR", here)
    session = Session(Setup(str(local), FAST_PLAYERS, 6), folder=tmp_path)
    session.autosave()
    _play(session, 2)
    session.close()

    local.write_text("# edited\n" + original.replace("title: ", "title: New ", 1), encoding="utf-8")
    same = Session.load(session.journal.path, folder=tmp_path)
    assert same.file == str(local) and same.notes == () and same.state == session.state
    assert same.rules.scenario.meta.title.startswith("New ")  # text edits show; the file is watched
    same.close()

    local.write_text(original.replace("exchanges: 6}", "exchanges: 9}", 1), encoding="utf-8")
    other = Session.load(session.journal.path, folder=tmp_path)
    assert other.file == "" and other.state == session.state and not other.scenario_changed()
    assert "have changed since" in other.notes[0] and "exchanges: 6 is now 9" in other.notes[1]
    with pytest.raises(CruiseControlError, match="no scenario file to reload"):
        other.reload()
    _play(other, 1)  # and it goes on, in its own autosave
    assert save.load(other.journal.path)[2] == other.state
    other.close()


KILLED_WINDOW_GAME = """
import os, signal, sys
from pathlib import Path
from game.scenario.preferences import Side
from game.session import PERSON, Session, Setup
from tests.test_save_slots import _play
session = Session(Setup(sys.argv[1], {Side.US: PERSON, Side.USSR: "ai:linear"}, 8), folder=Path(sys.argv[2]))
session.autosave()
_play(session, int(sys.argv[3]))
print(len(session.state.moves), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_window_game_is_offered_by_continue_with_every_move(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    run = subprocess.run(
        [sys.executable, "-c", KILLED_WINDOW_GAME, str(TINY), str(tmp_path), "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -9, run.stderr
    played = int(run.stdout.split()[-1])
    latest = slots.latest(tmp_path)
    assert latest is not None and slots.is_autosave(latest) and slots.summary(latest).moves == played
    resumed = Session.load(latest, folder=tmp_path)
    assert len(resumed.state.moves) == played and not resumed.state.over
    resumed.close()


def test_the_load_screen_pages_through_every_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.settings import Settings

    from .ui_driver import Driver

    folder = tmp_path / "saves"
    folder.mkdir()
    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(folder))
    session = Session(Setup(str(TINY), FAST_PLAYERS, 9), folder=folder)
    session.autosave()
    session.close()
    for i in range(40):
        copy = folder / f"game-{i:02}.yaml"
        shutil.copy(session.journal.path, copy)
        os.utime(copy, (1000 + i, 1000 + i))  # game-39 the newest
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    d.key(pygame.K_l)
    seen: list[str] = []
    for _ in range(20):
        rows = [a.button.text for a in d.scene.actions if a.button.text.startswith("game-")]  # type: ignore[attr-defined]
        assert rows and not set(rows) & set(seen)
        seen += rows
        if "game-00" in rows[-1]:
            break
        d.key(pygame.K_PAGEDOWN)
    assert [r.split(" ")[0] for r in seen] == [f"game-{i:02}" for i in range(39, -1, -1)]
    d.key(pygame.K_PAGEUP)
    assert d.scene.page > 0  # type: ignore[attr-defined]
    d.close()

"""Text from files is text, never markup: hostile scenario text in every scene, terminal, CSV and export."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from pygame_gui.core.text.hyperlink_text_chunk import HyperlinkTextChunk
from pygame_gui.core.text.image_layout_rect import ImageLayoutRect
from pygame_gui.elements import UITextBox

from game.safe_text import for_csv, for_html, for_markdown, for_terminal
from game.scenario.preferences import Side

from .conftest import ROOT, TINY
from .hostile import HOSTILE, hostile_beats, hostile_scenario
from .test_ui import ENDINGS, FAST, folders, new_game, play_to_debrief  # noqa: F401 - the fixture is used by name
from .ui_driver import Driver

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\r\x00\u202e"


def shown_as_text(d: Driver) -> list[str]:
    """The HTML of every text box on screen, after checking none made an image or a link of it."""
    boxes = [e for e in d.app.scene.manager.get_sprite_group().sprites() if isinstance(e, UITextBox)]  # type: ignore[attr-defined]
    for box in boxes:
        for row in box.text_box_layout.layout_rows:
            assert not any(isinstance(item, ImageLayoutRect | HyperlinkTextChunk) for item in row.items)
    return [box.html_text for box in boxes]


def markup_shown(d: Driver) -> bool:
    return any("&lt;img src=&quot;x&quot;&gt;" in html for html in shown_as_text(d))


def test_every_scene_shows_hostile_scenario_text_as_text(folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import game.ui.scenes.new_game as new_game_scene
    from game.ui.scenes.replay import ReplayScene

    path = hostile_scenario(folders)
    hostile_beats(folders)
    monkeypatch.setattr(new_game_scene, "SCENARIO_DIR", folders)
    d = Driver(folders / "config", FAST)
    new_game(d, side=Side.USSR)
    assert d.scene_name == "BriefingScene" and markup_shown(d)
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene"
    d.frames(30)
    seen = {}
    for key, name in ((pygame.K_g, "ArgumentScene"), (pygame.K_r, "ConfirmScene"), (pygame.K_m, "MenuScene")):
        d.key(key)
        seen[name] = d.scene_name == name and (markup_shown(d) or name == "MenuScene")
        shown_as_text(d)
        d.key(pygame.K_ESCAPE)
    assert seen == {"ArgumentScene": True, "ConfirmScene": True, "MenuScene": True}
    play_to_debrief(d)
    assert d.scene_name == "DebriefScene" and markup_shown(d)
    d.app.to_title()
    d.frames(2)
    d.key(pygame.K_l)  # a finished game is reviewed from Load (Continue is for one under way)
    d.key(pygame.K_1)  # its members' names differ from the shipped april-1990's, and it says so
    assert d.scene_name == "ConfirmScene" and markup_shown(d)
    d.key(pygame.K_RETURN)  # then the finished game opens on its ending and its debrief again
    while d.scene_name in ENDINGS:
        d.key(pygame.K_RETURN)
    assert d.scene_name == "DebriefScene" and markup_shown(d)
    d.app.to_title()
    d.key(pygame.K_l)
    assert d.scene_name == "LoadScene"
    shown_as_text(d)
    d.app.push(ReplayScene(d.app, str(path)))
    d.frames(2)
    shown = []
    for _ in range(6):
        d.key(pygame.K_RIGHT)
        shown.append(markup_shown(d))
    assert any(shown)
    d.close()


def test_the_sinks_take_markup_and_escapes_as_text() -> None:
    assert for_html(HOSTILE).startswith("&lt;img src=&quot;x&quot;&gt;")
    assert "\x1b" not in for_terminal(ESCAPES) and "\x00" not in for_terminal(ESCAPES)
    assert for_terminal("a\tb\nc") == "a\tb\nc"
    assert for_terminal(ESCAPES + "ok") == "ok"
    assert [for_csv(c) for c in ("=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "-0.25", "12", "plain")] == [
        "'=1+1", "+1", "'-2+3", "'@SUM(A1)", " x", "x", "-0.25", "12", "plain",
    ]  # fmt: skip
    assert for_markdown("<img src=x> *b* [l](http://x)") == "\\<img src=x\\> \\*b\\* [l]\\(http://x)"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_run_prints_no_escape_sequence_from_a_plug_in(tmp_path: Path) -> None:
    plugin = tmp_path / "loud.py"
    plugin.write_text(
        f"class Loud:\n    def reset(self, side, rng):\n        pass\n\n    def act(self, obs):\n        raise RuntimeError({ESCAPES!r})\n"
    )
    result = cli("run", "--scenario", str(TINY), "--ussr", f"py:{plugin}:Loud")
    assert result.returncode == 0, result.stderr
    assert "its agent failed: RuntimeError" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x00\r\u202e")


def test_a_scenario_cannot_carry_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text(TINY.read_text().replace("name: United States", 'name: "United \\e[2J States"'))
    result = cli("validate", str(path))
    assert result.returncode == 1 and "control character (U+001B)" in result.stdout
    assert f"{path}:29:11:" in result.stdout and "\x1b" not in result.stdout


def test_the_class_reports_csv_writes_no_formula(tmp_path: Path) -> None:
    from game.report.class_report import read_games
    from game.report.class_report_text import write_csv

    save = tmp_path / "g.yaml"
    formula = '=HYPERLINK("http://127.0.0.1/x","click")'
    assert cli("run", "--scenario", str(TINY), "--us", "ai:linear", "--seed", "5", "--save", str(save)).returncode == 0
    save.write_text(save.read_text().replace("ai:linear", formula.replace('"', "'")))
    out = tmp_path / "games.csv"
    write_csv(read_games([str(save)]), out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and rows[0]["us_player"] == "'" + formula.replace('"', "'")
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())


def test_exports_show_hostile_text_as_text(tmp_path: Path) -> None:
    from game.record.export import export_save

    path = hostile_scenario(tmp_path)
    save = tmp_path / "g.yaml"
    done = cli("run", "--scenario", str(path), "--us", "ai:linear", "--ussr", "ai:linear", "--save", str(save))
    assert done.returncode == 0, done.stderr
    assert "<img" not in export_save(save, "html") and "&lt;img" in export_save(save, "html")
    assert "<img" not in export_save(save, "md").replace("\\<img", "")

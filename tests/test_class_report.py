"""`python main.py report saves/*.yaml`: a class's games in one table, summaries and the utility plane.

A folder of saves made by playing games headless, over several scenarios, with broken files among
them: each good game is a row, each broken file is reported with its reason and skipped.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.agents.registry import make
from game.engine.rules import Rules
from game.engine.state import Ending
from game.match import Match
from game.paths import SCENARIO_DIR
from game.record import save
from game.record.scenario_copy import scenario_source
from game.report import class_report, class_report_html, class_report_text
from game.report.plane import PlotError
from game.scenario.preferences import Side

from .conftest import ROOT, TINY

GAMES = [
    ("warm-up", "person", "ai:normal", 1),
    ("warm-up", "ai:hard", "ai:linear", 2),
    ("warm-up", "ai:linear", "ai:boulware", 3),
    ("stray-missile", "ai:hard", "persona:the-admiral", 1),
    ("stray-missile", "ai:random", "ai:random", 2),
]
BROKEN = {
    "truncated.yaml": "truncated",
    "foreign.yaml": "not a Cruise Control save",
    "not-yaml.yaml": "not valid YAML",
    "binary.yaml": "not a Cruise Control save",
}


def _save(folder: Path, name: str, file: str, players: tuple[str, str], seed: int, moves: int | None = None) -> Path:
    scenario, copy = scenario_source(file)
    rules = Rules(scenario)
    agents = {side: make("ai:conceder" if spec == "person" else spec) for side, spec in zip(Side, players, strict=True)}
    state = Match(rules, agents, seed).play()
    header = save.new_header(scenario, copy, seed, {"us": players[0], "ussr": players[1]})
    path = folder / name
    save.write(path, save.Record(header, state.moves[:moves], copy), rules)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class")
    saves = root / "saves"
    for i, (scenario, us, ussr, seed) in enumerate(GAMES):
        _save(saves, f"game{i}.yaml", str(SCENARIO_DIR / f"{scenario}.yaml"), (us, ussr), seed)
    _save(saves, "unfinished.yaml", str(TINY), ("ai:boulware", "ai:conceder"), 7, moves=3)
    good = (saves / "game0.yaml").read_text(encoding="utf-8")
    (saves / "truncated.yaml").write_text(good[: len(good) // 2], encoding="utf-8")
    (saves / "foreign.yaml").write_text("name: a packing list\nitems: [tent, stove]\n", encoding="utf-8")
    (saves / "not-yaml.yaml").write_text("{{{ not: [yaml\n", encoding="utf-8")
    (saves / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return saves


@pytest.fixture(scope="module")
def result(folder: Path) -> class_report.ClassReport:
    return class_report.read_games([str(p) for p in sorted(folder.glob("*.yaml"))])


def test_every_good_game_is_a_row_and_every_broken_file_is_skipped_with_its_reason(
    result: class_report.ClassReport,
) -> None:
    rows = {Path(r.file).name: r for r in result.rows}
    assert len(rows) == len(GAMES) + 1
    assert [g.scenario.scenario.meta.id for g in result.groups] == ["stray-missile", "tiny", "warm-up"]
    reasons = {Path(s.file).name: s.reason for s in result.skipped}
    assert set(reasons) == set(BROKEN)
    for name, words in BROKEN.items():
        assert words in reasons[name], reasons[name]
    first = rows["game0.yaml"]
    assert first.players == ("person", "ai:normal") and first.scenario_id == "warm-up" and first.finished
    unfinished = rows["unfinished.yaml"]
    assert not unfinished.finished and unfinished.moves == 3 and unfinished.to_frontier is None
    for row in result.rows:
        if not row.finished:
            continue
        assert row.scores is not None and row.point is not None and row.to_frontier is not None
        assert row.to_frontier >= 0 and row.to_nash is not None
        assert (row.to_history is None) == (row.scenario_id == "stray-missile")  # no historical counterpart
        if row.ending is Ending.RATIFIED:
            assert row.point == row.agreement_point and len(row.votes) == 2
        else:
            group = next(g for g in result.groups if g.scenario.scenario.meta.id == row.scenario_id)
            assert row.point == group.scenario.analysis.no_deal


def test_the_summaries(result: class_report.ClassReport) -> None:
    by_id = {g.scenario.scenario.meta.id: s for g, s in result.per_scenario()}
    assert by_id["warm-up"].games == 3 and by_id["tiny"].games == 0  # the unfinished game counts in none
    rows = [r for r in result.rows if r.scenario_id == "warm-up"]
    assert by_id["warm-up"].ratified == sum(r.ratified for r in rows)
    mean = by_id["warm-up"].mean_score_us
    assert mean is not None and mean == pytest.approx(sum(r.scores[0] for r in rows if r.scores) / 3)
    sides = [(s.scenario_id, s.side, s.player) for s in result.per_side()]
    assert ("warm-up", Side.US, "person") in sides and ("warm-up", Side.USSR, "ai:boulware") in sides
    text = class_report_text.format_text(result)
    for words in ("Per scenario", "Per side", "stray-missile", "unfinished (3 moves)", "Skipped 4 files"):
        assert words in text


def test_the_html_is_self_contained_with_a_plot_per_scenario(result: class_report.ClassReport) -> None:
    images, note = class_report_html.plots(result)
    assert not note and set(images) == {"stray-missile", "tiny", "warm-up"}
    assert all(png.startswith(b"\x89PNG") for png in images.values())
    page = class_report_html.format_html(result, images, note)
    assert page.count('<img src="data:image/png;base64,') == 3
    assert "<style>" in page and "<link" not in page and "<script" not in page
    assert page.count("<table") == 3
    for reason in BROKEN.values():
        assert reason in page


def test_without_matplotlib_the_report_says_so(
    result: class_report.ClassReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*args: object, **kwargs: object) -> None:
        raise PlotError("--plot needs matplotlib, which is optional")

    monkeypatch.setattr("game.report.plane.plane_figure", missing)
    images, note = class_report_html.plots(result)
    assert images == {} and "matplotlib" in note
    page = class_report_html.format_html(result, images, note)
    assert "data:image/png" not in page and "matplotlib" in page


def test_the_command(folder: Path, tmp_path: Path) -> None:
    html, table = tmp_path / "report.html", tmp_path / "games.csv"
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "report", str(folder), "--out", str(html), "--csv", str(table)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "Skipped 4 files" in run.stdout and "Traceback" not in run.stderr
    assert "data:image/png;base64," in html.read_text(encoding="utf-8")
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(GAMES) + 1
    assert set(rows[0]) == set(class_report_text.csv_columns(("us", "ussr")))
    broken = [str(folder / name) for name in BROKEN]
    none = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "report", *broken, str(tmp_path / "absent.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert none.returncode == 1 and "no game could be read" in none.stderr and "Traceback" not in none.stderr
    assert "no such save file" in none.stdout


def test_a_save_of_a_scenario_edited_or_absent_since_is_reported_on_the_copy_it_carries(tmp_path: Path) -> None:
    changing = tmp_path / "my-scenario.yaml"
    shutil.copy(TINY, changing)
    path = _save(tmp_path, "g.yaml", str(changing), ("ai:hard", "ai:normal"), 2)
    changing.write_text(changing.read_text(encoding="utf-8").replace("exchanges: 6}", "exchanges: 8}", 1))
    rows = class_report.read_games([str(path)]).rows
    assert [r.file for r in rows] == [str(path)]
    changing.unlink()
    again = class_report.read_games([str(path)]).rows
    assert [(r.file, r.moves, r.scores) for r in again] == [(r.file, r.moves, r.scores) for r in rows]


def test_a_class_servers_save_is_reported_with_the_students_names(tmp_path: Path) -> None:
    scenario, copy = scenario_source(str(TINY))
    rules = Rules(scenario)
    state = Match(rules, {side: make("ai:conceder") for side in Side}, 3).play()
    players = {"us": "person", "us_name": "Ada <b>", "ussr": "ai:hard"}
    save.write(
        tmp_path / "table-01.yaml", save.Record(save.new_header(scenario, copy, 3, players), state.moves, copy), rules
    )
    report = class_report.read_games([str(tmp_path / "table-01.yaml")])
    assert report.rows[0].players == ("Ada <b>", "ai:hard")
    assert "Ada &lt;b&gt;" in class_report_html.format_html(report, {}, "")


def test_a_folder_of_saves_named_as_a_student_may_is_read_whole(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.json", "c.YML"):
        _save(tmp_path, name, str(SCENARIO_DIR / "warm-up.yaml"), ("ai:hard", "ai:linear"), 2)
    (tmp_path / "notes.txt").write_text("not a save")
    assert [p.name for p in class_report.expand([str(tmp_path)])] == ["a.yaml", "b.json", "c.YML"]
    read = class_report.read_games([str(tmp_path)])
    assert (len(read.rows), read.skipped) == (3, ())

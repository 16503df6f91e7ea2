"""Attacks through files: saves, scenarios and folders of them, each written as the attack.

Every attack must end in a clean refusal (one line, no traceback) and read nothing the rules hide.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine.moves import move_from_data
from game.errors import MalformedMoveError, SaveFormatError
from game.record import save
from game.record.scenario_copy import scenario_source

from .conftest import ROOT, TINY, rules_for
from .test_saves import saved_game

HUGE = 10**400  # a JSON integer past a float's range: float() raises OverflowError, not ValueError


def _with_first_move(path: Path, move: dict[str, object]) -> Path:
    """The save with its first move replaced by `move`, written by hand as an attacker would."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith('--- {"n": 1,'))
    lines[first] = "--- " + json.dumps({"n": 1, "move": move}) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return path


HUGE_MOVES = [
    {"kind": "propose", "package": {"range": HUGE, "form": "treaty"}},
    {"kind": "propose", "package": {"range": -HUGE, "form": "treaty"}},
    {"kind": "red_line", "issue": "range", "value": HUGE},
]


@pytest.mark.parametrize("move", HUGE_MOVES)
def test_a_move_with_a_huge_integer_is_a_malformed_move(move: dict[str, object]) -> None:
    with pytest.raises(MalformedMoveError) as caught:
        move_from_data(move, rules_for(TINY).space)
    assert len(str(caught.value)) < 200  # the 400 digits are not echoed whole


def test_a_class_server_table_refuses_a_huge_integer_as_a_malformed_move() -> None:
    from game.net.table import Table

    table = Table(1, str(TINY), 3, {"us": "ai:linear", "ussr": "ai:linear"}, "2026-01-01T00:00:00+00:00")
    with pytest.raises(MalformedMoveError):
        table.parse(HUGE_MOVES[0])


@pytest.mark.parametrize("command", ["replay", "export", "report"])
def test_a_save_with_a_huge_integer_in_a_move_is_refused_in_one_line(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    path, _ = saved_game(tmp_path)
    _with_first_move(path, HUGE_MOVES[0])
    with pytest.raises(SaveFormatError, match="not a finite number"):
        save.load(path)
    assert main([command, str(path)]) != 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "OverflowError" not in out + err
    assert "not a finite number" in out + err and "0" * 100 not in out + err


def test_a_scenario_number_past_a_float_is_refused_at_its_line(tmp_path: Path) -> None:
    from game.scenario.loader import check_text

    text = TINY.read_text(encoding="utf-8").replace("max: 1000", f"max: {HUGE}", 1)
    scenario, problems = check_text(text, "huge.yaml")
    assert scenario is None and problems
    line = next(i for i, row in enumerate(text.splitlines(), 1) if str(HUGE) in row)
    assert problems[0].line == line and len(problems[0].message) < 200


def test_a_5000_digit_number_in_a_scenario_is_not_echoed_whole() -> None:
    from game.scenario.loader import check_text

    text = TINY.read_text(encoding="utf-8").replace("max: 1000", "max: " + "1" * 5000, 1)
    _, problems = check_text(text, "long.yaml")
    assert problems and all(len(p.message) < 200 for p in problems)
    assert not any(re.search("set_int_max_str_digits", p.message) for p in problems)


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_the_class_report_csv_keeps_no_control_character_or_formula(tmp_path: Path) -> None:
    """Player names and a file name holding newlines, escape sequences and NUL stay one clean cell each."""
    import csv

    from game.agents.registry import make
    from game.cli import main
    from game.match import Match
    from game.record.scenario_copy import scenario_source
    from game.scenario.preferences import Side

    found, copy = scenario_source(str(TINY))
    rules = rules_for(TINY)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:random")}, 4).play()
    players = {"us": "=cmd|' /C calc'!A0\n\x1b[31mred\x00", "ussr": "\x1b]0;title\x07\r\n@SUM(1)"}
    header = save.new_header(found, copy, 4, players)
    path = tmp_path / "=evil\x1b[2J\n.yaml"
    save.write(path, save.Record(header, state.moves, copy), rules)
    out = tmp_path / "report.csv"
    assert main(["report", str(path), "--csv", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not CONTROLS.search(text.replace("\r\n", "")), "a control character survived in a cell"
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 2 and len({len(row) for row in rows}) == 1
    for cell in rows[1]:
        assert not cell.lstrip(" ").startswith(("=", "+", "@")) or cell.startswith("'")


class _CountingFont:
    """A font 7 pixels a character that counts how often it is asked to measure."""

    def __init__(self) -> None:
        self.calls = 0

    def size(self, text: str) -> tuple[int, int]:
        self.calls += 1
        return 7 * len(text), 16


@pytest.mark.parametrize("keep", [0, 6])
def test_a_30000_character_name_is_fitted_in_a_few_measurements(keep: int) -> None:
    """The window once measured a name once per character it dropped: 30,000 characters froze it."""
    import pygame

    from game.ui.scene import fit

    font = _CountingFont()
    element = type("Label", (), {"font": font, "rect": pygame.Rect(0, 0, 212, 30)})()
    name = "Ambassador " * 3000
    shown = fit(element, name, keep)  # type: ignore[arg-type]
    assert font.calls < 40
    assert shown.endswith(name[len(name) - keep :] if keep else "…") and 7 * len(shown) <= 200
    assert fit(element, "Short", keep) == "Short"  # type: ignore[arg-type]


def _tiny_with(old: str, new: str) -> str:
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "key"),
    [
        ("name: ALCM range threshold", "name"),
        ("short: US", "short"),
    ],
)
def test_a_30000_character_name_is_refused_at_its_line_with_the_limit(old: str, key: str) -> None:
    from game.scenario.loader import check_text

    text = _tiny_with(old, f"{key}: " + "A" * 30_000)
    scenario, problems = check_text(text, "long.yaml")
    assert scenario is None
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "A" * 100 in row)
    (problem,) = [p for p in problems if p.line == line]
    assert re.search(r"at most \d+ characters, not 30,000", problem.message) and len(problem.message) < 200


def test_a_long_name_in_another_language_is_refused_too() -> None:
    from game.scenario.loader import check_text

    text = _tiny_with("name: ALCM range threshold", "name: {en: ALCM range, ru: " + "Б" * 500 + "}")
    _, problems = check_text(text, "long.yaml")
    assert any(p.message.startswith("issues[0].name.ru: an issue's name of at most 80") for p in problems)


def _with_copy_edited(path: Path, old: str, new: str) -> Path:
    """The save with its scenario copy edited by hand, its header's digest left as it was."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith('--- {"scenario_copy"'))
    body = json.loads(lines[at][4:])
    assert old in body["scenario_copy"]
    body["scenario_copy"] = body["scenario_copy"].replace(old, new, 1)
    lines[at] = "--- " + json.dumps(body) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_save_whose_scenario_copy_was_edited_is_flagged_and_not_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A student edits the rules in the copy (here the value of no deal) so that the game scores otherwise."""
    from game.cli import main

    path, _ = saved_game(tmp_path)
    _with_copy_edited(path, "no_deal: 0.2", "no_deal: 0.9")
    record, _, _ = save.load(path)
    assert record.altered and save.ALTERED in record.notes
    assert main(["report", str(path)]) != 0
    out, err = capsys.readouterr()
    assert "changed after the game was saved" in out + err and "Traceback" not in out + err
    assert main(["replay", str(path)]) == 0
    assert "changed after the game was saved" in capsys.readouterr().err


def test_a_save_whose_copy_changed_only_in_prose_is_not_flagged(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    _with_copy_edited(path, "Hold 600 km.", "Hold 600 km, firmly.")
    record, _, _ = save.load(path)
    assert not record.altered and not record.notes


SECRET = "root:$6$SECRETHASH:19000:0:99999:7:::\n"


def _secret(tmp_path: Path) -> Path:
    """A file outside the folders given, standing for /etc/shadow."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_a_scenario_that_is_a_link_to_a_file_outside_is_refused_unread(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    link = tmp_path / "link.yaml"
    link.symlink_to(_secret(tmp_path))
    assert main([command, str(link)]) != 0
    out, err = capsys.readouterr()
    assert "symbolic link" in out + err and "SECRETHASH" not in out + err and "Traceback" not in out + err


@pytest.mark.parametrize("command", ["replay", "export", "report"])
def test_a_save_that_is_a_link_is_refused_even_to_a_real_save(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    path, _ = saved_game(tmp_path)
    link = tmp_path / "hand-in.yaml"
    link.symlink_to(path)
    assert main([command, str(link)]) != 0
    out, err = capsys.readouterr()
    assert "symbolic link" in out + err and "Traceback" not in out + err


def test_a_folder_of_saves_with_links_reads_only_its_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    folder = tmp_path / "class"
    folder.mkdir()
    saved_game(folder, name="alice.yaml")
    (folder / "bob.yaml").symlink_to(_secret(tmp_path))
    (folder / "carol.yaml").symlink_to(tmp_path / "nowhere.yaml")  # a dangling link
    assert main(["report", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.count("symbolic link") == 2 and "SECRETHASH" not in out + err


def test_the_load_list_refuses_a_link_in_the_saves_folder(tmp_path: Path) -> None:
    from game.bounded_files import LinkRefused, read_ends

    link = tmp_path / "autosave.yaml"
    link.symlink_to(_secret(tmp_path))
    with pytest.raises(LinkRefused, match="symbolic link"):
        read_ends(link, 1_000_000, 64_000, 8_000, "save file")


def test_a_save_swapped_for_a_link_is_not_appended_through(tmp_path: Path) -> None:
    """A save replaced by a link to another file while the game runs: the next move must not be
    appended to that file; the save is written whole again in the link's place."""
    from game.agents.registry import make
    from game.match import Match
    from game.record.journal import Journal
    from game.record.scenario_copy import scenario_source
    from game.scenario.preferences import Side

    found, copy = scenario_source(str(TINY))
    rules = rules_for(TINY)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:random")}, 4).play()
    path = tmp_path / "game.yaml"
    journal = Journal(path, save.new_header(found, copy, 4, {"us": "a", "ussr": "b"}), copy, rules.space)
    journal.follow(rules.apply(rules.initial(4, {}), state.moves[0]))
    secret = _secret(tmp_path)
    path.unlink()
    path.symlink_to(secret)
    journal.follow(state)
    assert secret.read_text(encoding="utf-8") == SECRET
    assert not path.is_symlink() and save.load(path)[2] == state


def test_saving_in_the_home_folder_deletes_no_dotfile_that_looks_like_a_temporary(tmp_path: Path) -> None:
    """`run --save ~/game.yaml` cleans the home folder of the save's dead temporaries, and only those."""
    import os

    from game.record.journal import write_atomically

    home = tmp_path / "home"
    home.mkdir()
    lookalikes = [
        home / ".profile.abcdefgh.tmp",  # an old dotfile of another program, in the pattern's shape
        home / ".cache.99999999.abcdefgh.tmp",  # and one with a "process id" that is not running
        home / ".bashrc",
    ]
    for p in lookalikes:
        p.write_text("keep me")
        os.utime(p, (0, 0))
    target = tmp_path / "elsewhere"
    target.write_text("keep me too")
    (home / ".game.yaml.99999999.linkxxxx.tmp").symlink_to(target)  # a link named like ours
    ours = home / ".game.yaml.99999999.abcdefgh.tmp"
    ours.write_text("partial")
    write_atomically(home / "game.yaml", "saved\\n")
    assert all(p.read_text() == "keep me" for p in lookalikes) and target.read_text() == "keep me too"
    assert (home / ".game.yaml.99999999.linkxxxx.tmp").is_symlink() and not ours.exists()


def test_a_save_naming_a_scenario_with_a_page_of_text_is_refused_without_echoing_it(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "tiny"', '"id": "' + "x" * 4000 + '"', 1), encoding="utf-8")
    with pytest.raises(SaveFormatError) as caught:
        save.load(path)
    assert "header names scenario" in str(caught.value) and len(str(caught.value)) < len(str(path)) + 200


def test_a_game_played_on_from_an_edited_save_stays_flagged(tmp_path: Path) -> None:
    """Continue on an edited save used to write a fresh digest into the new autosave: the edit was laundered."""
    from game.session import Session

    _, state = saved_game(tmp_path)
    found, copy = scenario_source(str(TINY))
    header = save.new_header(found, copy, 4, {"us": "person", "ussr": "ai:linear"})
    path = tmp_path / "half.yaml"
    save.write(path, save.Record(header, state.moves[:2], copy), rules_for(TINY))  # type: ignore[attr-defined]
    _with_copy_edited(path, "no_deal: 0.2", "no_deal: 0.9")
    session = Session.load(path, folder=tmp_path / "saves")
    assert save.ALTERED in session.notes
    session.autosave()
    record, _, _ = save.load(session.journal.path)
    assert record.altered and save.ALTERED in record.notes


def _warm_up_with(change: Callable[[dict[str, Any]], None]) -> str:
    data = yaml.safe_load((ROOT / "scenarios" / "warm-up.yaml").read_text(encoding="utf-8"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _linear(data: dict[str, Any]) -> None:
    """The US wants more of the SLCM ceiling in a straight line (its brief has a table of values)."""
    position = data["sides"]["us"]["positions"]["slcm_limit"]
    position.pop("values", None)
    position["prefers"] = "higher"


def test_issues_whose_frontier_would_take_gigabytes_are_refused_at_once() -> None:
    """Two issues of thousands of steps that each side wants the other way round put every one of the
    48 million packages on the Pareto frontier: validate took 25 s and 4.6 GB, and more killed it."""
    from game.scenario.loader import check_text

    def finely_stepped(data: dict[str, Any]) -> None:
        for issue, top in zip(data["issues"], (5999, 7999), strict=True):
            issue.update(min=0, max=top, step=1)
        _linear(data)

    started = time.perf_counter()
    scenario, problems = check_text(_warm_up_with(finely_stepped), "bomb.yaml")
    assert time.perf_counter() - started < 2.0
    assert scenario is None and len(problems) == 1
    assert (
        problems[0].message.startswith("issues[1] (slcm_limit): ")
        and "over the limit of 1,000,000" in problems[0].message
    )
    assert problems[0].line > 1  # at the issue, not the top of the file


def test_hundreds_of_values_on_each_issue_are_still_accepted() -> None:
    from game.analysis.frontier import MAX_CANDIDATES
    from game.scenario.loader import check_text

    def fine(data: dict[str, Any]) -> None:  # 601 x 401 values, every step traded off: 241,001 compared
        for issue in data["issues"]:
            issue["step"] = 1
        _linear(data)

    scenario, problems = check_text(_warm_up_with(fine), "fine.yaml")
    assert scenario is not None, problems
    assert MAX_CANDIDATES > 601 * 401


def test_a_lone_surrogate_in_a_text_is_refused_where_it_is() -> None:
    """`"ALCM \\udfff"` passed validate, then every command that wrote the text died with UnicodeEncodeError."""
    from game.scenario.loader import check_text

    text = _tiny_with("name: ALCM range threshold", 'name: "ALCM \\udfff"')
    scenario, problems = check_text(text, "surrogate.yaml")
    assert scenario is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(16, "a lone surrogate (U+DFFF) in a text")]


def test_a_save_carrying_a_lone_surrogate_is_refused_in_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    path, _ = saved_game(tmp_path)
    _with_copy_edited(path, "name: ALCM range threshold", 'name: "ALCM \\udfff"')
    for command in (["replay", str(path)], ["export", "--format", "html", str(path)], ["report", str(path)]):
        assert main(command) != 0 or command[0] == "replay"
        out, err = capsys.readouterr()
        assert "lone surrogate" in out + err and "Traceback" not in out + err


def test_a_number_yaml_reads_as_text_is_still_held_to_the_limit() -> None:
    """YAML 1.1 reads `1e308` (no dot) as text; the model took it for a weight, and every weight became 0."""
    from game.scenario.loader import check_text

    text = _tiny_with("weight: 2, prefers: higher}", "weight: 1e308, prefers: higher}")
    scenario, problems = check_text(text, "huge.yaml")
    assert scenario is None and "larger than the limit" in problems[0].message

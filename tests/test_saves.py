"""Saves: replayed exactly, written move by move, carried to other computers, read only as bounded data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from game.agents.registry import make
from game.errors import CruiseControlError, SaveFormatError
from game.match import Match
from game.record import save, scenario_copy
from game.record.journal import Journal, clean_temporaries
from game.record.rules_digest import rules_digest
from game.record.scenario_copy import changes_since, scenario_source
from game.scenario.preferences import Side

from .conftest import FIXTURES, ROOT, TINY, rules_for

V1 = FIXTURES / "saves" / "v1-warm-up.yaml"


def saved_game(tmp_path: Path, scenario: Path = TINY, name: str = "game.yaml") -> tuple[Path, object]:
    found, copy = scenario_source(str(scenario))
    rules = rules_for(TINY)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:random")}, 4).play()
    header = save.new_header(found, copy, 4, {"us": "a", "ussr": "b"})
    path = tmp_path / name
    save.write(path, save.Record(header, state.moves, copy), rules)
    return path, state


def test_a_save_replays_to_the_identical_state(tmp_path: Path) -> None:
    path, state = saved_game(tmp_path)
    record, _, loaded = save.load(path)
    assert loaded == state and not record.notes
    assert record.header.seed == 4 and record.header.players == {"us": "a", "ussr": "b"}
    assert [p.name for p in tmp_path.iterdir()] == ["game.yaml"]  # no temporary file left behind


def test_a_save_is_a_yaml_stream_of_a_header_the_scenario_and_the_moves(tmp_path: Path) -> None:
    import yaml

    path, state = saved_game(tmp_path)
    documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    assert documents[0]["cruise_control_save"] == save.SAVE_FORMAT
    assert documents[1]["scenario_copy"] == TINY.read_text(encoding="utf-8")
    assert [d["n"] for d in documents[2:-1]] == list(range(1, len(state.moves) + 1))  # type: ignore[attr-defined]
    assert documents[-1] == {"end": state.ending.value, "moves": len(state.moves)}  # type: ignore[attr-defined]


# ----- no game is lost -------------------------------------------------------------------------
def test_a_move_cut_off_in_flight_is_the_only_one_lost(tmp_path: Path) -> None:
    path, state = saved_game(tmp_path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    cut = "".join(lines[:-2]) + lines[-2][:20]  # the end line gone, the last move half written
    path.write_text(cut, encoding="utf-8")
    record, _, loaded = save.load(path)
    assert record.moves == state.moves[:-1] and not loaded.over  # type: ignore[attr-defined]
    assert any("is lost" in note for note in record.notes)


@pytest.mark.parametrize("command", ["export", "replay"])
def test_export_and_replay_of_a_cut_save_say_the_move_is_lost(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.cli import main

    path, _ = saved_game(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-2]) + lines[-2][:20], encoding="utf-8")
    assert main([command, str(path)]) == 0
    out, err = capsys.readouterr()
    assert "that move is lost" in err and "that move is lost" not in out
    assert out.strip()  # the record itself still comes out


def test_a_save_without_its_last_newline_loses_nothing(tmp_path: Path) -> None:
    path, state = saved_game(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\r\n"), encoding="utf-8")
    record, _, loaded = save.load(path)
    assert loaded == state and not record.notes


def test_a_save_damaged_in_the_middle_or_in_its_header_is_refused(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:5] + ["--- {not json\n"] + lines[6:]), encoding="utf-8")
    with pytest.raises(SaveFormatError, match="damaged"):
        save.load(path)
    path.write_text("".join(lines[:3]) + lines[3][:100], encoding="utf-8")  # the scenario copy cut off
    with pytest.raises(SaveFormatError, match="truncated"):
        save.load(path)
    path.write_text("".join(lines[:4] + lines[5:]), encoding="utf-8")  # a move missing
    with pytest.raises(SaveFormatError, match="out of order"):
        save.load(path)


def test_the_journal_appends_each_move_without_rewriting_the_file(tmp_path: Path) -> None:
    rules = rules_for(TINY)
    scenario, copy = scenario_source(str(TINY))
    journal = Journal(tmp_path / "g.yaml", save.new_header(scenario, copy, 3, {}), copy, rules.space)
    match = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, 3)
    journal.follow(match.state)
    inode = journal.path.stat().st_ino
    before = journal.path.read_bytes()
    while not match.state.over:
        journal.follow(match.step())
        after = journal.path.read_bytes()
        assert after.startswith(before) and after.count(b"\n") - before.count(b"\n") in (1, 2)
        before = after
    assert journal.path.stat().st_ino == inode  # appended to, never replaced
    assert save.load(journal.path)[2] == match.state


def _slow_agent(folder: Path) -> str:
    agent = folder / "slow_agent.py"
    agent.write_text(
        "import time\n"
        "from game.agents.registry import make\n"
        "class Slow:\n"
        "    def __init__(self):\n"
        "        self.inner = make('ai:boulware')\n"
        "    def reset(self, side, rng):\n"
        "        self.inner.reset(side, rng)\n"
        "    def act(self, obs):\n"
        "        time.sleep(0.3)\n"
        "        return self.inner.act(obs)\n",
        encoding="utf-8",
    )
    return f"py:{agent}:Slow"


def _moves_in(path: Path) -> int:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0
    return data[: data.rfind(b"\n") + 1].count(b'--- {"n": ')  # whole lines only


def test_a_killed_headless_game_resumes_with_every_move_kept(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    path = tmp_path / "g.yaml"
    command = [sys.executable, str(ROOT / "main.py"), "run", "--scenario", "april-1990"]
    command += ["--us", _slow_agent(tmp_path), "--ussr", "ai:conceder", "--seed", "11", "--save", str(path)]
    command += ["--time-budget", "10"]
    game = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while _moves_in(path) < 4 and time.monotonic() < deadline and game.poll() is None:
        time.sleep(0.05)
    os.killpg(game.pid, signal.SIGKILL)
    game.wait()
    kept = _moves_in(path)
    assert kept >= 4
    record, _, state = save.load(path)
    assert len(record.moves) == kept and not state.over
    before = record.moves

    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"Resuming the unfinished game in {path} after move {kept}" in again.stderr
    record, _, state = save.load(path)
    assert state.over and record.moves[:kept] == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]

    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 1 and "finished game, kept as it is" in finished.stderr
    other = subprocess.run([*command[:-2], "--seed", "12"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert other.returncode == 1 and "Traceback" not in other.stderr


def test_run_save_never_overwrites_another_game_or_another_file(tmp_path: Path) -> None:
    import subprocess

    path, _ = saved_game(tmp_path)
    text = path.read_text(encoding="utf-8")
    for target, content in ((path, text), (tmp_path / "notes.yaml", "my notes\n")):
        target.write_text(content, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "run", "--scenario", str(TINY), "--save", str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 1 and "kept as it is" in run.stderr and "Traceback" not in run.stderr
        assert target.read_text(encoding="utf-8") == content


def test_temporary_files_of_dead_writers_are_cleaned_up_and_live_ones_kept(tmp_path: Path) -> None:
    import subprocess

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = tmp_path / f".game.yaml.{dead.stdout.strip()}.ab12cd34.tmp"
    live = tmp_path / f".other.yaml.{os.getppid()}.ef56gh78.tmp"
    old = tmp_path / ".game.yaml.zz99yy88.tmp"  # an older version's, without a process id
    other = tmp_path / ".older.yaml.zz99yy88.tmp"  # another save's: left to the game's own folder's clean-up
    mine = tmp_path / "mine.tmp"  # not one of ours
    for p in (gone, live, old, other, mine):
        p.write_text("partial")
    os.utime(old, (0, 0))
    os.utime(other, (0, 0))
    saved_game(tmp_path)
    assert not gone.exists() and not old.exists() and live.exists() and mine.exists() and other.exists()
    assert clean_temporaries(tmp_path) == [other]  # the saves folder's clean-up takes any of ours
    assert clean_temporaries(tmp_path / "absent") == []


# ----- saves travel ------------------------------------------------------------------------------
def _other_machine(path: Path, file: str) -> None:
    """The save as made on another computer: its scenario at a path that does not exist here."""
    text = path.read_text(encoding="utf-8").replace('"file": "tiny.yaml"', f'"file": "{file}"', 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("file", ["/home/alice/cruise/scenarios/tiny.yaml", "C:\\\\Users\\\\bob\\\\tiny.yaml"])
def test_a_save_from_another_computer_opens_and_reports(tmp_path: Path, file: str) -> None:
    import subprocess

    path, state = saved_game(tmp_path)
    _other_machine(path, file)
    assert save.load(path)[2] == state
    for command in (("replay", str(path)), ("export", str(path)), ("report", str(path))):
        run = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *command], cwd=ROOT, capture_output=True, text=True
        )
        assert run.returncode == 0 and run.stdout and "Traceback" not in run.stderr, (command, run.stderr)


def test_a_comment_or_text_edit_keeps_the_save_and_a_rules_change_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "scenarios"
    here.mkdir()
    local = here / "tiny.yaml"
    local.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(scenario_copy, "SCENARIO_DIR", here)
    path, state = saved_game(tmp_path, local)
    original = local.read_text(encoding="utf-8")
    edited = "# a comment added by the instructor\n" + original.replace("title: ", "title: Renamed ", 1)
    local.write_text(edited.replace("\n", "\n\n", 3), encoding="utf-8")
    record, rules, loaded = save.load(path)
    assert loaded == state and changes_since(record, rules.scenario) == []
    assert rules_digest(scenario_source(str(local))[0]) == record.header.scenario_hash

    local.write_text(original.replace("exchanges: 6}", "exchanges: 7}", 1), encoding="utf-8")
    record, rules, loaded = save.load(path)  # still opens, as it was played
    assert loaded == state
    changed = changes_since(record, rules.scenario)
    assert len(changed) == 1 and "exchanges: 6 is now 7" in changed[0]


def test_an_older_save_from_another_computer_is_upgraded() -> None:
    record, rules, state = save.load(V1)
    assert record.header.format == 1 and len(record.moves) == 6 and state.turn == 6
    assert record.header.scenario_file == "warm-up.yaml" and record.copy is not None
    assert any("older save" in note for note in record.notes)
    assert save.parse(save.to_text(record, rules).encode(), V1).header.scenario_id == "warm-up"


@pytest.mark.parametrize("file", ["/etc/passwd", "../../x.yaml", "/dev/zero", "/proc/self/environ"])
def test_a_save_never_makes_the_game_read_a_file_it_names(tmp_path: Path, file: str) -> None:
    opened: list[str] = []

    def spy(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            opened.append(os.fsdecode(args[0]))

    path, state = saved_game(tmp_path)
    _other_machine(path, file)
    v1 = tmp_path / "old.yaml"
    v1.write_text(V1.read_text(encoding="utf-8").replace("/home/student/cruise-control/scenarios/warm-up.yaml", file))
    sys.addaudithook(spy)  # hooks cannot be removed: it only records
    opened.clear()
    assert save.load(path)[2] == state
    save.load(v1)
    names = list(opened)
    opened.clear()
    assert not [n for n in names if n.startswith(("/etc", "/dev", "/proc")) or "x.yaml" in n], names


def test_a_save_that_names_a_plug_in_never_runs_it(tmp_path: Path) -> None:
    from game.session import PERSON, Session

    path, _ = saved_game(tmp_path)
    evil = tmp_path / "evil.py"
    evil.write_text("open(__file__ + '.ran', 'w').close()\nclass X:\n    pass\n")
    text = path.read_text().replace('"us": "a"', f'"us": "py:{evil}:X"').replace('"ussr": "b"', '"ussr": "ai:linear"')
    path.write_text(text)
    session = Session.load(path, folder=tmp_path)
    assert session.setup.players[Side.US] == PERSON and session.setup.players[Side.USSR] == "ai:linear"
    assert not (tmp_path / "evil.py.ran").exists()
    session.close()


# ----- only bounded, regular files ---------------------------------------------------------------
def test_devices_fifos_and_huge_files_are_refused_in_one_line(tmp_path: Path) -> None:
    import subprocess

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(100_000_000)  # sparse: 100 MB that costs nothing to make
    folder = tmp_path / "class"
    folder.mkdir()
    os.mkfifo(folder / "x.yaml")
    cases = {
        ("replay", "/dev/zero"): "not a regular file",
        ("export", str(fifo)): "not a regular file",
        ("replay", str(huge)): "the limit",
        ("report", str(folder)): "not a regular file",
        ("validate", str(fifo)): "not a regular file",
        ("analyze", "/dev/zero"): "not a regular file",
        ("run", "--scenario", str(huge)): "the limit",
        ("replay", str(tmp_path)): "folder",
    }
    for command, words in cases.items():
        run = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *command], cwd=ROOT, capture_output=True, text=True, timeout=30
        )
        said = run.stdout + run.stderr
        assert run.returncode != 0 and words in said and "Traceback" not in said, (command, said)
    for path in (fifo, huge, Path("/dev/zero")):
        with pytest.raises(SaveFormatError):
            save.load(path)


DEEP = ["cruise_control_save: 1\nx: " + "[" * 60_000, "--- " + '{"a": ' * 60_000, "--- {}\n--- " + "[" * 60_000]


@pytest.mark.parametrize("content", ["", "just text", "a: 1\n", "cruise_control_save: 99\n", "\xff", "--- {}\n", *DEEP])
def test_foreign_files_are_refused_clearly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(content)
    with pytest.raises(SaveFormatError):
        save.load(path)


def test_a_save_with_a_negative_seed_is_refused(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    path.write_text(path.read_text().replace('"seed": 4', '"seed": -4'))
    with pytest.raises(SaveFormatError, match="seed"):
        save.load(path)


def test_saves_are_ordinary_files(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CruiseControlError, match="cannot save"):
        saved_game(blocker)


# ----- the scenario's side ids ----------------------------------------------------------------
KESTREL = FIXTURES / "shapes" / "kestrel-water-2037.yaml"


def _kestrel_save(tmp_path: Path, players: dict[str, str]) -> tuple[Path, object]:
    found, copy = scenario_source(str(KESTREL))
    rules = rules_for(KESTREL)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:boulware")}, 4).play()
    path = tmp_path / "kestrel.yaml"
    save.write(path, save.Record(save.new_header(found, copy, 4, players), state.moves, copy), rules)
    return path, state


def test_a_save_names_the_sides_and_players_by_the_scenarios_side_ids(tmp_path: Path) -> None:
    import json

    players = {"us": "persona:proud-minister", "ussr": "person", "ussr_name": "Ada"}  # a class server's seat
    path, state = _kestrel_save(tmp_path, players)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[2].removeprefix(save.PREFIX))
    assert first["side_ids"] == ["highland", "lowmark"]
    assert first["sides"] == {"highland": "HL", "lowmark": "LM"}
    assert first["players"] == {"highland": "persona:proud-minister", "lowmark": "person", "lowmark_name": "Ada"}
    record, _, loaded = save.load(path)
    assert loaded == state  # the persona's speaker found under its side
    h = record.header
    assert (h.players, h.sides, h.side_ids) == (players, {"us": "HL", "ussr": "LM"}, ("highland", "lowmark"))
    from game.record import slots

    assert slots.summary(path).players == players


def test_a_save_written_before_headers_named_side_ids_still_loads(tmp_path: Path) -> None:
    import json

    players = {"us": "persona:proud-minister", "ussr": "ai:boulware"}
    path, state = _kestrel_save(tmp_path, players)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = json.loads(lines[2].removeprefix(save.PREFIX))
    del first["side_ids"]
    first["sides"], first["players"] = {"us": "HL", "ussr": "LM"}, players  # the slots, as saves were written
    lines[2] = save.line(first)
    path.write_text("".join(lines), encoding="utf-8")
    record, _, loaded = save.load(path)
    assert loaded == state
    assert (record.header.players, record.header.side_ids) == (players, ("highland", "lowmark"))
    assert save.by_side_id(record.header.players, record.header.side_ids) == {
        "highland": "persona:proud-minister",
        "lowmark": "ai:boulware",
    }


@pytest.mark.parametrize(
    "side_ids, words",
    [
        (["lowmark", "highland"], "names the sides 'lowmark and highland' but its scenario's sides are highland"),
        (["highland"], "'side_ids' must be two different side ids"),
        (["highland", "highland"], "'side_ids' must be two different side ids"),
    ],
)
def test_a_header_whose_side_ids_are_not_its_scenarios_is_refused(
    tmp_path: Path, side_ids: list[str], words: str
) -> None:
    import json

    path, _ = _kestrel_save(tmp_path, {"us": "a", "ussr": "b"})
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = json.loads(lines[2].removeprefix(save.PREFIX))
    first["side_ids"] = side_ids
    lines[2] = save.line(first)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SaveFormatError, match=words):
        save.load(path)


def test_an_unfinished_game_in_the_way_names_its_players_by_the_scenarios_side_ids(tmp_path: Path) -> None:
    from game.cli_saves import open_save

    found, copy = scenario_source(str(KESTREL))
    rules = rules_for(KESTREL)
    path = tmp_path / "unfinished.yaml"
    open_save(path, rules, copy, 4, {Side.US: "ai:linear", Side.USSR: "ai:hard"})  # started, no move yet
    with pytest.raises(CruiseControlError) as caught:
        open_save(path, rules, copy, 4, {Side.US: "ai:easy", Side.USSR: "ai:hard"})
    assert "(seed 4; highland: 'ai:linear', lowmark: 'ai:hard')" in str(caught.value)

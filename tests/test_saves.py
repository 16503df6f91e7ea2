from __future__ import annotations

from pathlib import Path

import pytest

from game.agents.registry import make
from game.errors import SaveFormatError
from game.match import Match
from game.record import save
from game.scenario.loader import content_hash
from game.scenario.preferences import Side

from .conftest import TINY, rules_for


def saved_game(tmp_path: Path, scenario: Path = TINY) -> tuple[Path, object]:
    rules = rules_for(TINY)
    state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:random")}, 4).play()
    header = save.new_header("tiny", content_hash(scenario.read_text()), str(scenario), 4, {"us": "a", "ussr": "b"})
    path = tmp_path / "game.yaml"
    save.write(path, save.Record(header, state.moves), rules)
    return path, state


def test_a_save_replays_to_the_identical_state(tmp_path: Path) -> None:
    path, state = saved_game(tmp_path)
    record, _, loaded = save.load(path)
    assert loaded == state
    assert record.header.seed == 4 and record.header.players == {"us": "a", "ussr": "b"}
    assert [p.name for p in tmp_path.iterdir()] == ["game.yaml"]  # no temporary file left behind


def test_a_truncated_save_is_refused(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[: len(lines) - 4]) + "\n")
    with pytest.raises(SaveFormatError, match="truncated"):
        save.load(path)
    path.write_text(path.read_text() + '\n"unterminated')
    with pytest.raises(SaveFormatError, match="damaged or truncated"):
        save.load(path)


def test_a_save_for_a_changed_scenario_is_refused(tmp_path: Path) -> None:
    changed = tmp_path / "tiny.yaml"
    changed.write_text(TINY.read_text().replace("exchanges: 6}", "exchanges: 7}", 1))
    path, _ = saved_game(tmp_path)
    text = path.read_text().replace(str(TINY.resolve()), str(changed))
    path.write_text(text)
    with pytest.raises(SaveFormatError, match="has changed"):
        save.load(path)


def test_a_save_with_an_illegal_move_is_refused(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    text = path.read_text()
    moves_at = text.index("moves:\n") + len("moves:\n")
    path.write_text(text[:moves_at] + "- kind: accept\n" + text[moves_at:])
    text = path.read_text()
    count = text.count("- kind:")
    path.write_text(text.replace(f"move_count: {count - 1}", f"move_count: {count}"))
    with pytest.raises(SaveFormatError, match="move 1 cannot be replayed"):
        save.load(path)


@pytest.mark.parametrize("content", ["", "just text", "a: 1\n", "cruise_control_save: 99\n", "\xff"])
def test_foreign_files_are_refused_clearly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(content)
    with pytest.raises(SaveFormatError):
        save.load(path)


def test_a_save_never_runs_a_plug_in_it_names(tmp_path: Path) -> None:
    from game.session import PERSON, Session

    path, _ = saved_game(tmp_path)
    evil = tmp_path / "evil.py"
    evil.write_text("open(__file__ + '.ran', 'w').close()\nclass X:\n    pass\n")
    path.write_text(path.read_text().replace("us: a", f"us: py:{evil}:X").replace("ussr: b", "ussr: ai:linear"))
    session = Session.load(path, folder=tmp_path)
    assert session.setup.players[Side.US] == PERSON and session.setup.players[Side.USSR] == "ai:linear"
    assert not (tmp_path / "evil.py.ran").exists()
    session.close()


@pytest.mark.parametrize("file", ["/dev/zero", "/etc/passwd", "../README.md"])
def test_a_save_may_only_name_a_scenario_file(tmp_path: Path, file: str) -> None:
    path, _ = saved_game(tmp_path)
    text = path.read_text().replace(str(TINY.resolve()), file)
    path.write_text(text)
    with pytest.raises(SaveFormatError, match="not available as a scenario file"):
        save.load(path)


def test_a_save_with_a_negative_seed_is_refused(tmp_path: Path) -> None:
    path, _ = saved_game(tmp_path)
    path.write_text(path.read_text().replace("seed: 4", "seed: -4"))
    with pytest.raises(SaveFormatError, match="seed"):
        save.load(path)


def test_saves_are_ordinary_files(tmp_path: Path) -> None:
    import os

    path, _ = saved_game(tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask

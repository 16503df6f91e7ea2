from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

from .conftest import ROOT, TINY

GOLDEN = ROOT / "tests" / "golden"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_run_then_replay_gives_the_same_transcript_byte_for_byte(tmp_path: Path) -> None:
    save_path = tmp_path / "g.yaml"
    run = cli(
        "run",
        "--scenario",
        str(TINY),
        "--us",
        "ai:boulware",
        "--ussr",
        "ai:conceder",
        "--seed",
        "7",
        "--save",
        str(save_path),
    )
    assert run.returncode == 0, run.stderr
    replay = cli("replay", str(save_path))
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout == run.stdout


def test_golden_transcript() -> None:
    run = cli("run", "--scenario", str(TINY), "--us", "ai:boulware", "--ussr", "ai:conceder", "--seed", "7")
    assert run.stdout == (GOLDEN / "tiny-boulware-conceder-7.txt").read_text()


def test_help_lists_the_subcommands() -> None:
    out = cli("--help").stdout
    for command in ("run", "validate", "replay", "play"):
        assert command in out


def test_no_commands_help_assumes_the_start_sides(capsys: pytest.CaptureFixture[str]) -> None:
    """A command's help is read by instructors of any scenario: only the game's own description and the
    --us/--ussr short forms may name the START talks' sides."""
    for command in ("validate", "play", "run", "replay", "export", "analyze", "tournament", "report", "serve"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = re.sub(r"--(us|ussr)( AGENT| |=)|--side ussr=AGENT", "", capsys.readouterr().out)
        assert not re.findall(r"\b(US|USSR|Soviet|Senate|START|ussr|United States)\b", text), (command, text)


def test_user_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("moves: [")
    for args in (
        ("run", "--scenario", "no-such-scenario"),
        ("run", "--scenario", str(TINY), "--us", "ai:nobody"),
        ("run", "--scenario", str(TINY), "--us", "py:missing.py:Agent"),
        ("replay", str(broken)),
        ("replay", str(tmp_path / "absent.yaml")),
    ):
        result = cli(*args)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and result.stderr.strip()


def test_headless_packages_do_not_import_pygame() -> None:
    code = (
        "import sys, game.engine, game.agents, game.scenario, game.record, game.match; print('pygame' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_bad_numbers_on_the_command_line_are_messages(tmp_path: Path) -> None:
    for args in (
        ("run", "--scenario", str(TINY), "--seed", "-1"),
        ("replay", "--historical", "april-1990", "--delay", "-1"),
        ("replay", "--historical", "april-1990", "--take-over", "999"),
        ("run", "--scenario", str(TINY), "--save", str(tmp_path)),
    ):
        result = cli(*args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr and result.stderr.strip(), args

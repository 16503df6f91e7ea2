"""Hostile plug-ins, written as the attacks (tests/fixtures/plugins/hostile_agents.py): each game must
end, in a forfeit of the attacker or with the attack refused, with nothing run in the game process,
nothing read or written outside the plug-in's own folder, and no process of the plug-in left."""

from __future__ import annotations

import builtins
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from game.agents import landlock, no_sockets
from game.agents.plugin_confine import Limits
from game.agents.registry import make
from game.agents.sandbox import SandboxedAgent
from game.cli_plugins import note_confinement
from game.engine.moves import Forfeit
from game.engine.rules import Rules
from game.engine.state import Ending, GameState
from game.match import Match
from game.scenario.preferences import Side

from .conftest import FIXTURES, ROOT, TINY

pytestmark = [
    pytest.mark.attack,
    pytest.mark.skipif(
        not Path("/proc/self/stat").exists(), reason="Linux only: the confinement and these checks use /proc"
    ),
]

HOSTILE = FIXTURES / "plugins" / "hostile_agents.py"
SPINNERS = 6
"""The processes BusyChildren and BusyReset start (the hostile plug-ins' SPINNERS)."""
CONFINED_FILES = landlock.abi_version() >= 1
needs_landlock = pytest.mark.skipif(not CONFINED_FILES, reason="this kernel has no Landlock: files are not confined")


@pytest.fixture
def tag() -> str:
    return f"cc-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def hostile(tmp_path: Path, tag: str) -> Path:
    """The hostile plug-ins, told where the game is (a confined plug-in can read nothing to find out)."""
    return hostile_copy(tmp_path, tag)


def hostile_copy(tmp_path: Path, tag: str, udp_port: int = 0, unix_path: str = "") -> Path:
    config = {
        "root": str(ROOT),
        "home": str(Path.home()),
        "game_pid": os.getpid(),
        "tag": tag,
        "udp_port": udp_port,
        "unix_path": unix_path,
    }
    path = tmp_path / "hostile_agents.py"
    blank = 'CONFIG = {"root": "", "home": "", "game_pid": 0, "tag": "", "udp_port": 0, "unix_path": ""}'
    path.write_text(HOSTILE.read_text().replace(blank, f"CONFIG = {config!r}"))
    return path


def named(tag: str) -> list[int]:
    """Live processes that named themselves `tag` (zombies are dead already)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == tag[:15]:
                if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def play(rules: Rules, us: object, ussr: object, budget: float) -> tuple[GameState, list[Forfeit]]:
    """Play to the end in a thread (a game that hangs fails the test instead of the test run); the
    game and its forfeits."""
    state, forfeits = play_sides(rules, us, ussr, budget)
    return state, [forfeit for _, forfeit in forfeits]


def play_sides(
    rules: Rules, us: object, ussr: object, budget: float
) -> tuple[GameState, list[tuple[Side | None, Forfeit]]]:
    match = Match(rules, {Side.US: us, Side.USSR: ussr}, 1, time_budget=budget)  # type: ignore[dict-item]
    done: list[GameState] = []
    thread = threading.Thread(target=lambda: done.append(match.play()), daemon=True)
    thread.start()
    thread.join(25)
    assert done, "the game did not finish"
    forfeits = [(entry.side, entry.move) for entry in done[0].log if isinstance(entry.move, Forfeit)]
    return done[0], forfeits


def plugin(path: Path, cls: str) -> SandboxedAgent:
    agent = make(f"py:{path}:{cls}")
    assert isinstance(agent, SandboxedAgent)
    return agent


@pytest.fixture
def no_leftovers(tag: str) -> Iterator[None]:
    yield
    assert wait_until(lambda: not named(tag)), f"processes left: {named(tag)}"


def run_tiny(side: str, agent: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`main.py run` of the tiny scenario with `agent` on one side, as a user would type it."""
    command = [sys.executable, str(ROOT / "main.py"), "run", "--scenario", str(TINY), side, agent]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=60, env=env)


def wait_until(condition: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_move_that_runs_code_when_unpickled_runs_nothing_in_the_game(tiny: Rules, hostile: Path) -> None:
    state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, "ReduceMove"), 1.0)
    assert not hasattr(builtins, "CRUISE_CONTROL_PWNED")
    # it travels as the Accept it claims to be: illegal here (nothing to accept yet), so a forfeit
    assert state.ending is Ending.FORFEIT and state.ended_by is Side.USSR
    assert "no package from the other side to accept" in forfeits[0].reason


@needs_landlock
def test_a_plugin_reads_no_scenario_save_home_or_game_memory(tiny: Rules, hostile: Path) -> None:
    state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, "ReadsSecrets"), 2.0)
    assert not forfeits, forfeits  # a read that worked would be a forfeit saying LEAK
    assert state.over and state.ending is Ending.WALKOUT


@pytest.mark.skipif(not no_sockets.supported(), reason="no seccomp filter for this platform")
def test_a_plugin_sends_nothing_by_udp_nor_to_a_unix_socket(tiny: Rules, tmp_path: Path, tag: str) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix,
    ):
        udp.bind(("127.0.0.1", 0))
        udp.setblocking(False)
        unix_path = str(tmp_path / "bus")
        unix.bind(unix_path)
        unix.listen()
        unix.setblocking(False)
        hostile = hostile_copy(tmp_path, tag, udp.getsockname()[1], unix_path)
        state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, "UsesTheNetwork"), 2.0)
        assert not forfeits, forfeits  # a socket that worked would be a forfeit saying LEAK
        assert state.ending is Ending.WALKOUT
        with pytest.raises(BlockingIOError):
            udp.recv(16)
        with pytest.raises(BlockingIOError):
            unix.accept()


@needs_landlock
def test_a_plugin_writes_nowhere_but_its_own_folder(tiny: Rules, hostile: Path, tag: str) -> None:
    targets = [
        ROOT / "saves" / f"{tag}.json",
        ROOT / "scenarios" / f"{tag}.yaml",
        Path.home() / tag,
        Path("/tmp") / tag,
    ]
    try:
        state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, "WritesFiles"), 2.0)
        assert not forfeits, forfeits
        assert state.ending is Ending.WALKOUT
        assert not [target for target in targets if target.exists()]
    finally:
        for target in targets:
            target.unlink(missing_ok=True)


def test_no_process_of_a_plugin_outlives_its_game(tiny: Rules, hostile: Path, tag: str, no_leftovers: None) -> None:
    agent = plugin(hostile, "Outlives")
    supervisor = agent.pid
    state, forfeits = play(tiny, make("ai:linear"), agent, 2.0)
    assert state.over and not forfeits
    assert agent.pid is None and supervisor is not None
    assert not Path(f"/proc/{supervisor}").exists() or wait_until(lambda: not Path(f"/proc/{supervisor}").exists())


def test_busy_children_take_no_time_from_the_other_side(tiny: Rules, hostile: Path, no_leftovers: None) -> None:
    """Spinning processes of one plug-in (as many as it may start); the other plug-in computes 50 ms per move on a 2 s budget
    (with them running, on a machine of a few cores, each of its moves would take seconds). The attacker
    may lose its own moves to its processes; the other side loses nothing."""
    state, forfeits = play_sides(tiny, plugin(hostile, "SteadyWork"), plugin(hostile, "BusyChildren"), 2.0)
    assert state.over
    assert not [forfeit for side, forfeit in forfeits if side is Side.US], forfeits
    assert len([entry for entry in state.log if entry.side is Side.US and entry.move is not None]) >= 1, forfeits


def processor_seconds(tag: str) -> float:
    ticks = 0
    for pid in named(tag):
        with contextlib.suppress(OSError):
            ticks += sum(int(v) for v in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
    return ticks / os.sysconf("SC_CLK_TCK")


def test_a_plugins_processes_get_no_processor_time_between_its_moves(
    tiny: Rules, hostile: Path, tag: str, no_leftovers: None
) -> None:
    agent = plugin(hostile, "BusyChildren")
    try:
        agent.reset(Side.USSR, np.random.default_rng(0))
        state = tiny.initial(0)
        agent.timed_act(tiny.observe(state, state.to_move), 5.0)  # processes spinning from 1 s on
        assert len(named(tag)) == SPINNERS
        time.sleep(1.1)
        before = processor_seconds(tag)
        time.sleep(0.5)
        assert processor_seconds(tag) - before < 0.05
    finally:
        agent.close()


class Thinker:
    """An AI that thinks 0.3 s of processor time per move, and counts what the processes named `tag` got
    meanwhile."""

    def __init__(self, tag: str) -> None:
        self.inner, self.tag, self.stolen = make("ai:linear"), tag, 0.0

    def reset(self, side: Side, rng: np.random.Generator) -> None:
        self.inner.reset(side, rng)

    def act(self, obs: object) -> object:
        before = processor_seconds(self.tag)
        until = time.process_time() + 0.3
        while time.process_time() < until:
            pass
        self.stolen += processor_seconds(self.tag) - before
        return self.inner.act(obs)  # type: ignore[arg-type]


def test_what_reset_starts_takes_no_time_from_the_other_side(
    tiny: Rules, hostile: Path, tag: str, no_leftovers: None
) -> None:
    """Processes spinning from the plug-in's reset, which answers at once; the other side thinks first
    (with them running, its 0.3 s of processor time would take seconds on a machine of a few cores; the
    budget is wide for a busy machine, and what they got meanwhile is counted)."""
    thinker = Thinker(tag)
    state, forfeits = play_sides(tiny, plugin(hostile, "BusyReset"), thinker, 3.0)
    assert state.over
    assert not [forfeit for side, forfeit in forfeits if side is Side.USSR], forfeits
    assert thinker.stolen < 0.05


def test_a_plugin_starts_no_more_processes_than_its_limit(
    tiny: Rules, hostile: Path, tag: str, no_leftovers: None
) -> None:
    """Each of its processes may hold up to `Limits.memory`: the count bounds what they hold together."""
    agent = plugin(hostile, "ForksMany")
    try:
        agent.reset(Side.USSR, np.random.default_rng(0))
        state = tiny.initial(0)
        agent.timed_act(tiny.observe(state, state.to_move), 10.0)
        assert 1 <= len(named(tag)) <= Limits().processes - 1
    finally:
        agent.close()


def test_a_plugin_cannot_take_8_gib(tiny: Rules, hostile: Path) -> None:
    started = time.monotonic()
    state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, "HugeMemory"), 10.0)
    assert state.ending is Ending.FORFEIT and state.ended_by is Side.USSR
    assert "its agent failed: MemoryError" in forfeits[0].reason
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("cls", "reason"),
    [
        ("OversizedAnswer", "its agent sent an answer the game does not read (an answer longer than 65536 bytes)"),
        ("MalformedAnswer", "its agent sent an answer the game does not read (ValidationError"),
        ("ImpersonatesTheSupervisor", "its agent sent an answer the game does not read ('ended' is not the plug-in's"),
    ],
)
def test_an_answer_that_is_not_one_is_a_forfeit(tiny: Rules, hostile: Path, cls: str, reason: str) -> None:
    state, forfeits = play(tiny, make("ai:linear"), plugin(hostile, cls), 2.0)
    assert state.ending is Ending.FORFEIT and state.ended_by is Side.USSR
    assert forfeits[0].reason.startswith(reason), forfeits[0].reason


def test_a_plugins_prints_reach_the_terminal_as_plain_text_and_bounded(hostile: Path) -> None:
    result = run_tiny("--ussr", f"py:{hostile}:PrintsEscapes")
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"?[2J?]0;PWNED??EVIL?" in result.stderr
    assert not [c for c in result.stderr if c < 32 and c not in b"\n\t"]
    assert b"output is cut here, after 1 MiB" in result.stderr and len(result.stderr) < (1 << 20) + 10_000
    assert b"\x1b" not in result.stdout


def test_a_plugin_sees_none_of_the_games_environment(hostile: Path, tag: str) -> None:
    secret = {"CC_SECRET_TOKEN": tag, "AWS_SECRET_ACCESS_KEY": tag}
    result = run_tiny("--ussr", f"py:{hostile}:ReadsEnvironment", env={**os.environ, **secret})
    assert result.returncode == 0, result.stderr[-2000:]
    assert b"cannot continue" not in result.stdout, result.stdout[-2000:]


def test_run_and_tournament_say_in_one_line_where_files_are_not_confined(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note_confinement(["ai:linear", "py:examples/my_agent.py:MyAgent"])
    assert capsys.readouterr().err == ("" if CONFINED_FILES else capsys.readouterr().err)
    monkeypatch.setattr(landlock, "abi_version", lambda: 0)
    note_confinement(["ai:linear"])
    assert capsys.readouterr().err == ""
    note_confinement(["ai:linear", "py:examples/my_agent.py:MyAgent"])
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "no Landlock" in said and "can read and write what your user can" in said


def test_a_killed_games_plugin_folders_are_removed_by_the_next_game(tmp_path: Path) -> None:
    """A supervisor killed outright cannot remove its worker's folder; the next plug-in game does,
    and leaves alone the folders of supervisors still running and anything else."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"cruise-plugin-{int(gone.stdout)}-abcd1234"
    live = tmp_path / f"cruise-plugin-{os.getpid()}-abcd1234"
    other = tmp_path / "cruise-plugin-notmine"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "left.txt").write_text("x")
    result = run_tiny(
        "--us", f"py:{ROOT / 'examples' / 'my_agent.py'}:MyAgent", env={**os.environ, "TMPDIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert not stale.exists()
    assert live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted((live.name, other.name))  # its own removed too

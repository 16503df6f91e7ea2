"""The tournament: every ordered pairing over N seeds, the same tables whatever the number of processes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.cli import main
from game.engine.state import Ending
from game.errors import AgentError, ScenarioError
from game.tournament import TournamentError, run_tournament
from game.tournament_text import format_text

from .conftest import ROOT, TINY

AGENTS = ("ai:boulware", "ai:conceder")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_every_ordered_pairing_plays_every_seed() -> None:
    t = run_tournament(str(TINY), AGENTS, 3, seed=10)
    assert [(r.us, r.ussr, r.seed) for r in t.results] == [
        (us, ussr, seed) for us in AGENTS for ussr in AGENTS for seed in (10, 11, 12)
    ]
    assert list(t.per_pairing) == [(us, ussr) for us in AGENTS for ussr in AGENTS]
    for agent in AGENTS:
        s = t.per_agent[agent]
        assert s.games == 12 and s.as_us == 6 and s.as_ussr == 6  # self-play counts once per side
    assert sum(s.games for s in t.per_pairing.values()) == len(t.results) == 12


def test_without_self_play() -> None:
    t = run_tournament(str(TINY), AGENTS, 2, self_play=False)
    assert list(t.per_pairing) == [("ai:boulware", "ai:conceder"), ("ai:conceder", "ai:boulware")]
    assert t.per_agent["ai:boulware"].games == 4


def test_summaries_agree_with_the_games() -> None:
    t = run_tournament(str(TINY), (*AGENTS, "ai:random"), 4)
    for (us, ussr), s in t.per_pairing.items():
        games = [r for r in t.results if r.us == us and r.ussr == ussr]
        assert s.games == len(games) == 4
        assert s.ratified == sum(r.ending is Ending.RATIFIED for r in games)
        assert s.agreements == sum(r.agreed for r in games) >= s.ratified
        assert s.mean_score_us == pytest.approx(sum(r.scores[0] for r in games) / 4)
        assert 0.0 <= s.deal_rate <= 1.0
        assert s.ratification_rate is None if s.agreements == 0 else 0.0 <= s.ratification_rate <= 1.0
        assert s.mean_distance_frontier >= 0.0 and s.mean_distance_nash is not None
    for r in t.results:  # a game without a ratified agreement sits at the no-deal point
        assert r.agreed == (r.agreement is not None)
        if r.ending is not Ending.RATIFIED:
            assert r.point == t.no_deal


def test_results_do_not_depend_on_the_number_of_processes() -> None:
    one = run_tournament(str(TINY), (*AGENTS, "ai:random"), 5, jobs=1)
    two = run_tournament(str(TINY), (*AGENTS, "ai:random"), 5, jobs=2)
    assert one.results == two.results
    assert one.to_json() == two.to_json()
    assert format_text(one, pairings=True) == format_text(two, pairings=True)


def test_progress_is_reported_for_every_game() -> None:
    seen: list[int] = []
    run_tournament(str(TINY), AGENTS, 3, jobs=2, progress=seen.append)
    assert sum(seen) == 12


@pytest.mark.parametrize(
    ("agents", "games", "jobs", "error"),
    [
        ((), 1, 1, TournamentError),
        (("ai:linear", "ai:linear"), 1, 1, TournamentError),
        (AGENTS, 0, 1, TournamentError),
        (AGENTS, 1, 0, TournamentError),
        (("ai:nobody",), 1, 1, AgentError),
    ],
)
def test_bad_options_are_errors(agents: tuple[str, ...], games: int, jobs: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        run_tournament(str(TINY), agents, games, jobs=jobs)


def test_a_bad_scenario_is_a_scenario_error() -> None:
    with pytest.raises(ScenarioError):
        run_tournament("no-such-scenario", AGENTS, 1)


def test_the_command_gives_identical_tables_on_one_and_two_processes() -> None:
    args = ("tournament", str(TINY), "--agents", ",".join(AGENTS), "--games", "3", "--pairings")
    one = cli(*args, "--jobs", "1")
    two = cli(*args, "--jobs", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    header = next(line for line in one.stdout.splitlines() if line.startswith("agent "))
    for column in ("games", "deal rate", "ratified/agreed", "US score", "USSR score", "to frontier", "to Nash"):
        assert column in header
    assert "Traceback" not in one.stderr
    assert "\r" not in one.stderr  # no progress bar when stderr is not a terminal


def test_the_command_json_parses() -> None:
    args = ("tournament", str(TINY), "--agents", ",".join(AGENTS), "--games", "2", "--json")
    one = cli(*args, "--jobs", "1")
    two = cli(*args, "--jobs", "2")
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["games"] == 8 and data["agents"] == list(AGENTS)
    assert [row["agent"] for row in data["per_agent"]] == list(AGENTS)
    assert len(data["per_pairing"]) == 4
    row = data["per_pairing"][0]
    for key in (
        "us",
        "ussr",
        "games",
        "deal_rate",
        "ratification_rate",
        "mean_score_us",
        "mean_score_ussr",
        "mean_distance_to_frontier",
        "mean_distance_to_nash",
    ):
        assert key in row


def test_the_example_plugin_plays_in_a_tournament_on_two_processes() -> None:
    agents = "py:examples/my_agent.py:MyAgent,ai:conceder"
    result = cli("tournament", str(TINY), "--agents", agents, "--games", "2", "--jobs", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["per_agent"][0]["forfeits"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ("--games", "0"),
        ("--games", "many"),
        ("--jobs", "0"),
        ("--agents", "ai:nobody"),
        ("--agents", "ai:linear,ai:linear"),
        ("--agents", ","),
        ("--time-budget", "-1"),
    ],
)
def test_user_errors_are_messages(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """In process, for speed: an exception escaping main() would be the traceback a user sees."""
    try:
        code = main(["tournament", str(TINY), *args])
    except SystemExit as exc:  # argparse's own errors: usage and message, exit status 2
        code = int(exc.code or 0)
    assert code != 0
    assert capsys.readouterr().err.strip()


def test_a_missing_scenario_is_a_message() -> None:
    result = cli("tournament", "no-such-scenario", "--games", "1")
    assert result.returncode == 1 and "no such scenario file" in result.stderr and "Traceback" not in result.stderr


def test_help_lists_the_new_subcommands() -> None:
    out = cli("--help").stdout
    assert "analyze" in out and "tournament" in out

"""Numbers on the command line are checked like files: each range pinned on both sides of its edges."""

from __future__ import annotations

import pytest

from game.cli import build_parser

RUN = ("run",)
REPLAY = ("replay", "--historical", "april-1990")
TOURNAMENT = ("tournament",)

EDGES = [
    # (command, option, accepted at the edge, refused just beyond it)
    (RUN, "--time-budget", "0.01", "0.0099"),
    (RUN, "--time-budget", "600", "600.01"),
    (TOURNAMENT, "--time-budget", "600", "601"),
    (REPLAY, "--time-budget", "0.01", "0"),
    (RUN, "--seed", "0", "-1"),
    (RUN, "--seed", str(2**63 - 1), str(2**63)),
    (TOURNAMENT, "--seed", str(2**63 - 1), str(2**64)),
    (TOURNAMENT, "--games", "1", "0"),
    (TOURNAMENT, "--games", "10000", "10001"),
    (TOURNAMENT, "--jobs", "1", "0"),
    (TOURNAMENT, "--jobs", "256", "257"),
    (REPLAY, "--delay", "0", "-0.1"),
    (REPLAY, "--delay", "60", "60.1"),
    (REPLAY, "--take-over", "0", "-1"),
    (REPLAY, "--take-over", "10000", "10001"),
]


def parse(*args: str) -> object:
    return build_parser().parse_args(list(args))


@pytest.mark.parametrize(("command", "option", "edge", "beyond"), EDGES)
def test_each_range_takes_its_edge_and_refuses_beyond_it(
    command: tuple[str, ...], option: str, edge: str, beyond: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(*command, option, edge)
    assert float(getattr(args, option.lstrip("-").replace("-", "_"))) == float(edge)
    with pytest.raises(SystemExit) as info:
        parse(*command, option, beyond)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: must be from" in err and beyond in err and "Traceback" not in err


@pytest.mark.parametrize("budget", ["inf", "1e300", "nan", "-inf", "1e999"])
def test_a_budget_no_agent_could_use_is_refused_before_the_game(
    budget: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (RUN, REPLAY, TOURNAMENT):
        with pytest.raises(SystemExit):
            parse(*command, f"--time-budget={budget}")
        assert "must be from 0.01 to 600 seconds" in capsys.readouterr().err


@pytest.mark.parametrize(("option", "text"), [("--games", "1e3"), ("--seed", "9" * 5000), ("--jobs", "two")])
def test_a_count_that_is_not_a_whole_number_is_named(
    option: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        parse(*TOURNAMENT, option, text)
    err = capsys.readouterr().err
    assert f"argument {option}: not a whole number" in err and len(err) < 1000

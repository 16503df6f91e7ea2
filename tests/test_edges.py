"""Every condition at its edge and every per-side figure for both sides.

An event whose condition is `at_least: N` fires at exactly N and not one step below; a date trigger
fires at the meeting on its date and not at the one the day before; each per-side figure of
`report` and `tournament` is the right side's (reading one side's scores from the other's column
fails here).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.cli import main
from game.engine.moves import Adjourn, Propose
from game.engine.rules import Rules
from game.engine.state import GameState
from game.record import save
from game.report import class_report, class_report_text
from game.scenario.loader import check_text
from game.scenario.preferences import Package, Side
from game.tournament import run_tournament

from .conftest import ROOT, TINY

TRADE = ROOT / "scenarios" / "car-trade-1991.yaml"  # sides eu (EC) and japan (JP)
RANGE = (600, 700, 800, 900, 1000)  # tiny's range issue: min 600, max 1000, step 100


def _rules(trigger: str, first_meeting: str = "1990-04-20") -> Rules:
    text = TINY.read_text(encoding="utf-8").replace("trigger: {condition: {consulted: us}}", trigger)
    text = text.replace(
        "{id: first, title: First meeting, date: 1990-04-20,",
        f"{{id: first, title: First meeting, date: {first_meeting},",
    )
    scenario, diagnostics = check_text(text, "edge.yaml")
    assert scenario is not None, diagnostics
    return Rules(scenario)


def _offer(rules: Rules, side: Side, km: int) -> GameState:
    """The USSR opens (tiny's first mover); the US answers; `side`'s standing offer has range `km`."""
    # the other side offers the end of the issue it prefers, within its red line: it matches no bound tested
    ussr_km = km if side is Side.USSR else RANGE[0]
    state = rules.apply(rules.initial(1), Propose(Package((RANGE.index(ussr_km), 0))))
    us_km = km if side is Side.US else RANGE[-1]
    return rules.apply(state, Propose(Package((RANGE.index(us_km), 0))))


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
@pytest.mark.parametrize(
    "bound, offered, fires",
    [
        ("at_least: 800", 800, True),
        ("at_least: 800", 700, False),
        ("at_least: 800", 900, True),
        ("at_most: 800", 800, True),
        ("at_most: 800", 900, False),
        ("at_most: 800", 700, True),
        ("equals: 800", 800, True),
        ("equals: 800", 700, False),
        ("equals: 800", 900, False),
    ],
)
def test_an_offer_condition_fires_at_its_bound_and_not_one_step_beyond(
    side: Side, bound: str, offered: int, fires: bool
) -> None:
    rules = _rules(f"trigger: {{condition: {{offer: {{side: {side.value}, issue: range, {bound}}}}}}}")
    # Some bounds also hold for the other end of the range, which the side that is not watched offers:
    # only the watched side's offer may decide.
    state = _offer(rules, side, offered)
    assert ("instructions" in state.fired) is fires


@pytest.mark.parametrize("side", [Side.US, Side.USSR])
def test_an_offer_condition_watches_only_its_side(side: Side) -> None:
    rules = _rules(f"trigger: {{condition: {{offer: {{side: {side.other.value}, issue: range, equals: 800}}}}}}")
    state = _offer(rules, side, 800)
    assert "instructions" not in state.fired


@pytest.mark.parametrize(
    "date, fires_at_first, fires_at_second",
    [
        ("1990-05-04", True, True),  # the first meeting's own date
        ("1990-05-05", False, True),  # the second meeting's date: not the day before, at the second
    ],
)
def test_a_date_trigger_fires_on_its_date_and_not_the_day_before(
    date: str, fires_at_first: bool, fires_at_second: bool
) -> None:
    rules = _rules(f"trigger: {{date: {date}}}", first_meeting="1990-05-04")
    state = rules.apply(rules.initial(1), Propose(Package((0, 0))))
    assert rules.meetings[state.meeting].date.isoformat() == "1990-05-04"
    assert ("instructions" in state.fired) is fires_at_first
    while rules.meetings[state.meeting].date.isoformat() == "1990-05-04":
        state = rules.apply(state, Adjourn())
    assert rules.meetings[state.meeting].date.isoformat() == "1990-05-05"
    assert ("instructions" in state.fired) is fires_at_second


# ----- per-side figures --------------------------------------------------------------------------


def _mean(xs: list[float]) -> float:
    return math.fsum(xs) / len(xs)


def test_every_per_side_figure_of_the_tournament_is_that_sides() -> None:
    agents = ["ai:boulware", "ai:conceder", "ai:linear"]
    t = run_tournament(str(TRADE), agents, 2, jobs=1)
    assert any(r.scores[0] != r.scores[1] for r in t.results), "the test needs games whose two scores differ"
    for agent in agents:
        s = t.per_agent[agent]
        as_first = [r for r in t.results if r.us == agent]
        as_second = [r for r in t.results if r.ussr == agent]
        assert (s.as_us, s.as_ussr) == (len(as_first), len(as_second))
        assert s.mean_score_us == pytest.approx(_mean([r.scores[0] for r in as_first]))
        assert s.mean_score_ussr == pytest.approx(_mean([r.scores[1] for r in as_second]))
        data = s.to_json(("eu", "japan"))
        assert (data["games_as_eu"], data["games_as_japan"]) == (len(as_first), len(as_second))
        assert data["mean_score_eu"] == pytest.approx(s.mean_score_us, abs=1e-6)
        assert data["mean_score_japan"] == pytest.approx(s.mean_score_ussr, abs=1e-6)
    for (first, second), s in t.per_pairing.items():
        games = [r for r in t.results if (r.us, r.ussr) == (first, second)]
        assert s.mean_score_us == pytest.approx(_mean([r.scores[0] for r in games]))
        assert s.mean_score_ussr == pytest.approx(_mean([r.scores[1] for r in games]))
    pairings = {(p["eu"], p["japan"]): p for p in t.to_json()["per_pairing"]}
    for (first, second), s in t.per_pairing.items():
        assert pairings[(first, second)]["mean_score_eu"] == pytest.approx(s.mean_score_us, abs=1e-6)
        assert pairings[(first, second)]["mean_score_japan"] == pytest.approx(s.mean_score_ussr, abs=1e-6)


def test_every_per_side_figure_of_the_report_is_that_sides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for seed, (first, second) in enumerate([("ai:hard", "ai:conceder"), ("ai:linear", "ai:linear")], start=3):
        path = tmp_path / f"game-{seed}.yaml"
        assert main(["run", "--scenario", str(TRADE), "--side", f"eu={first}", "--side", f"japan={second}", "--seed", str(seed),
                     "--save", str(path)]) == 0  # fmt: skip
        files.append(path)
    capsys.readouterr()
    states = [save.load(p)[2] for p in files]
    assert all(s.scores[0] != s.scores[1] for s in states), "the test needs games whose two scores differ"
    report = class_report.read_games([str(p) for p in files])
    rows = {Path(r.file).name: r for r in report.rows}
    for path, state in zip(files, states, strict=True):
        row = rows[path.name]
        assert row.scores == state.scores
        cells = dict(
            zip(class_report_text.game_columns(report.side_labels), class_report_text.game_cells(row), strict=True)
        )
        assert cells["EC score"] == f"{state.scores[0]:.1f}" and cells["JP score"] == f"{state.scores[1]:.1f}"
    ((group, stats),) = report.per_scenario()
    assert stats.mean_score_us == pytest.approx(_mean([s.scores[0] for s in states]))
    assert stats.mean_score_ussr == pytest.approx(_mean([s.scores[1] for s in states]))
    for side_stats in report.per_side():
        side = side_stats.side
        played = [s for s, r in zip(states, (rows[p.name] for p in files), strict=True)
                  if r.players[side.index] == side_stats.player]  # fmt: skip
        shown = class_report_text.side_cells(side_stats)[6]
        assert shown == f"{_mean([s.scores[side.index] for s in played]):.1f}", (side, side_stats.player)
        assert side_stats.side_name == ("EC", "JP")[side.index]
    csv_rows = {Path(r["file"]).name: r for r in class_report_text.csv_rows(report)}
    for path, state in zip(files, states, strict=True):
        row = csv_rows[path.name]
        assert (row["score_eu"], row["score_japan"]) == (f"{state.scores[0]:.1f}", f"{state.scores[1]:.1f}")
        point = rows[path.name].point
        assert point is not None and (row["u_eu"], row["u_japan"]) == (f"{point[0]:.6f}", f"{point[1]:.6f}")

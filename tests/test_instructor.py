"""`analyze` answers the instructor: ratification odds, personas' firm lines, simulated games."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.engine.rules import Rules
from game.report.instructor import (
    Simulation,
    instructor_text,
    persona_lines,
    ratification_odds,
    simulate,
    worst_deals,
)
from game.scenario.loader import check_text, load_scenario
from game.scenario.preferences import Package

from .conftest import ROOT, TINY

TRADE = ROOT / "scenarios" / "car-trade-1991.yaml"
PERSONAS = """    domestic: {body: Supreme Soviet, threshold: 0.5, support_at_worst: 0.3, support_at_best: 0.9}
    personas:
      - {id: karpov, name: Karpov, description: Holds 600 km., firm: {range: 600}}
      - {id: easy-karpov, name: Easy Karpov, description: Holds 800 km., firm: {range: 800}}
"""
US_PERSONA = """    domestic: {body: US Senate, threshold: 0.67, support_at_worst: 0.4, support_at_best: 0.95}
    personas:
      - {id: baker, name: Baker, description: Holds 700 km., firm: {range: 700}}
"""


def _rules(text: str) -> Rules:
    scenario, diagnostics = check_text(text, "t.yaml")
    assert scenario is not None, diagnostics
    return Rules(scenario)


def _with_personas() -> Rules:
    text = TINY.read_text(encoding="utf-8")
    text = text.replace(PERSONAS.splitlines(keepends=True)[0], PERSONAS)
    return _rules(text.replace(US_PERSONA.splitlines(keepends=True)[0], US_PERSONA))


@pytest.mark.parametrize("threshold, odds", [(0.5, 0.5), (0.44, 0.9772), (0.56, 0.0228)])
def test_ratification_odds_are_half_where_support_meets_the_threshold(threshold: float, odds: float) -> None:
    # Both sides' support for a package: at_worst + (best - worst) * utility; the USSR's is 0.5 for range 800
    # (utility 0.25 with its 600-1000 'lower' ranking... see below), so its odds at threshold 0.5 are even.
    text = TINY.read_text(encoding="utf-8").replace(
        "{body: Supreme Soviet, threshold: 0.5, support_at_worst: 0.3, support_at_best: 0.9}",
        f"{{body: Supreme Soviet, threshold: {threshold}, support_at_worst: 0.5, support_at_best: 0.5}}",
    )
    rules = _rules(text)
    assert ratification_odds(rules, Package((2, 0)))[1] == pytest.approx(odds, abs=1e-4)  # noise: 2 sd at 0.06


def test_a_firm_line_that_leaves_no_deal_is_said_so_for_each_pairing() -> None:
    lines = {(p.side, p.persona, p.against): p.deal for p in persona_lines(_with_personas())}
    # Karpov holds 600 km; Baker holds 700 km (the US wants more): no range both accept.
    assert lines[("ussr", "karpov", "persona:baker")] is False
    assert lines[("us", "baker", "persona:karpov")] is False
    assert lines[("ussr", "easy-karpov", "persona:baker")] is True
    assert lines[("ussr", "karpov", "red lines")] is True
    assert lines[("us", "baker", "red lines")] is True


def test_the_worst_deal_within_both_red_lines_is_each_sides_worst() -> None:
    rules = _rules(TRADE.read_text(encoding="utf-8"))
    from game.analysis.outcomes import analyze

    zone = analyze(rules.scenario).zone_frontier.packages
    (first, _), (second, _) = worst_deals(rules, zone)
    assert rules.base[rules.space.ids and list(rules.base)[0]].utility(first) == min(
        rules.base[list(rules.base)[0]].utility(p) for p in zone
    )
    assert rules.base[list(rules.base)[1]].utility(second) == min(
        rules.base[list(rules.base)[1]].utility(p) for p in zone
    )


def test_simulate_counts_every_game_ending_and_event() -> None:
    seen: list[int] = []
    sim = simulate(str(TRADE), ["ai:boulware", "ai:linear"], 2, progress=seen.append)
    assert sim.games == 8 == sum(seen) == sum(sim.endings.values())
    assert [(p.first, p.second) for p in sim.pairings] == [
        ("ai:boulware", "ai:boulware"),
        ("ai:boulware", "ai:linear"),
        ("ai:linear", "ai:boulware"),
        ("ai:linear", "ai:linear"),
    ]
    assert all(0 <= count <= sim.games for count in sim.events.values())
    assert sim.events and set(sim.events) <= {e.id for e in _rules(TRADE.read_text(encoding="utf-8")).scenario.events}


def test_an_event_that_never_fired_in_the_simulated_games_is_named() -> None:
    rules = Rules(load_scenario(str(TRADE))[0])
    ids = [e.id for e in rules.scenario.events]
    fired_once = {ids[0]: 1} | {i: 3 for i in ids[2:]}
    sim = Simulation(games=4, agents=("ai:linear",), endings={"ratified": 4}, events=fired_once, pairings=())
    text = instructor_text(rules, None, [], sim)
    assert f"Never fired in these games: {ids[1]}: check that each trigger can hold" in text
    everything = Simulation(4, ("ai:linear",), {"ratified": 4}, dict.fromkeys(ids, 1), ())
    assert "Never fired" not in instructor_text(rules, None, [], everything)


def test_analyze_json_carries_the_instructors_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(TRADE), "--json", "--simulate", "1", "--agents", "ai:linear", "--jobs", "1"]) == 0
    data = json.loads(capsys.readouterr().out)["instructor"]
    assert set(data["nash_ratification_odds"]) == {"eu", "japan"}
    assert set(data["worst_deal_ratification_odds"]) == {"eu", "japan"}
    line = {"side": "eu", "persona": "firm-commission", "against": "red lines", "deal_possible": True, "why": None}
    assert line in data["persona_lines"]
    sim = data["simulation"]
    assert sim["games"] == 1 and sim["pairings"][0]["eu"] == "ai:linear" and sum(sim["endings"].values()) == 1


def test_validate_warns_where_a_deal_within_the_red_lines_fails_its_own_vote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(TINY), str(TRADE)]) == 0
    out = capsys.readouterr().out
    assert "tiny.yaml:37:44: warning: sides.us.domestic: a deal within both red lines gets 40% support" in out
    assert "tiny.yaml:47:49: warning: sides.ussr.domestic:" in out
    assert "car-trade-1991.yaml: ok\n" in out


def test_a_pairing_whose_agreements_fail_says_which_body_voted_them_down() -> None:
    from collections import Counter

    from game.engine.state import Ending
    from game.report.instructor import _why

    why = _why(Counter({Ending.NOT_RATIFIED: 3, Ending.RATIFIED: 1}), 4, Counter({"Diet": 3}))
    assert why.startswith("agreements fail ratification (3 of 4; votes lost: the Diet 3)")
    assert _why(Counter({Ending.RATIFIED: 2, Ending.DEADLINE: 2}), 4, Counter()) == ""  # half: no reason needed
    assert "run out of time (3 of 4" in _why(Counter({Ending.RATIFIED: 1, Ending.DEADLINE: 3}), 4, Counter())


def test_a_firm_line_that_leaves_no_deal_says_which_lines_do_not_meet() -> None:
    why = {(p.side, p.persona, p.against): p.why for p in persona_lines(_with_personas())}
    assert why[("ussr", "karpov", "persona:baker")] == (
        "the red lines do not meet on ALCM range threshold (US line 700 km, USSR line 600 km; 1 step apart)"
    )
    assert why[("ussr", "easy-karpov", "persona:baker")] == ""


def test_a_pairing_that_runs_out_of_time_names_where_the_sides_are_furthest_apart() -> None:
    from collections import Counter

    from game.engine.state import Ending
    from game.report.instructor import _why

    apart = "Legal form (US aims at political, USSR aims at legal; 1 step apart)"
    why = _why(Counter({Ending.RATIFIED: 1, Ending.DEADLINE: 3}), 4, Counter(), apart)
    assert why.endswith(f"; the sides' targets are furthest apart on {apart}")
    assert "furthest" not in _why(Counter({Ending.NOT_RATIFIED: 3, Ending.RATIFIED: 1}), 4, Counter({"Diet": 3}), apart)

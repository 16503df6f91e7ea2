"""The outcome-space analysis against brute-force enumeration, and on the tiny scenario."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.bargaining import kalai_smorodinsky_point, nash_point
from game.analysis.frontier import TOL, Frontier, distance_to_frontier, non_dominated, pareto_frontier
from game.analysis.outcomes import Analysis, analyze, analyze_preferences
from game.analysis.zopa import issue_zones, zopa_diagnostics
from game.errors import Severity
from game.scenario.loader import check_text, load_scenario
from game.scenario.preferences import Package, Preferences, Space
from game.scenario.zopa_warnings import zopa_warnings

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny.yaml"
FloatArray = npt.NDArray[np.float64]


# --------------------------------------------------------------------------- random additive scenarios


@st.composite
def preference_pairs(draw: st.DrawFn) -> tuple[Preferences, Preferences]:
    """Two sides over 1-4 issues of 2-5 levels, in one of three kinds.

    "grid": values k / 10 and whole-number weights, so many sums tie exactly in arithmetic but not
    always in floating point; "opposed": grid values with the USSR's tables 1 - the US's and the same
    weights, so every package is Pareto-optimal and the frontier is full of such ties; "random":
    seeded uniform floats.
    """
    sizes = draw(st.lists(st.integers(2, 5), min_size=1, max_size=4))
    kind = draw(st.sampled_from(["grid", "opposed", "random"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    sides: list[Preferences] = []
    for _ in range(2):
        if kind == "random":
            weights = rng.uniform(0.1, 1.0, len(sizes))
            tables = tuple(rng.uniform(0.0, 1.0, n) for n in sizes)
        elif kind == "opposed" and sides:
            weights, tables = sides[0].weights, tuple(np.round(1.0 - t, 1) for t in sides[0].tables)
        else:
            weights = np.array([draw(st.integers(1, 4)) for _ in sizes], dtype=float)
            tables = tuple(np.array([draw(st.integers(0, 10)) / 10 for _ in range(n)]) for n in sizes)
        red_lines = tuple(draw(st.integers(0, n - 1)) for n in sizes)
        no_deal = draw(st.sampled_from([0.0, 0.2, 0.4, 0.6]))
        zeros = tuple(0 for _ in sizes)
        sides.append(Preferences(weights / weights.sum(), tables, red_lines, no_deal, zeros, zeros))
    return sides[0], sides[1]


@dataclass
class Brute:
    packages: list[Package]
    us: FloatArray
    ussr: FloatArray
    pareto: npt.NDArray[np.bool_]


def brute(us: Preferences, ussr: Preferences, zone: bool = False) -> Brute:
    packages = [Package(p) for p in itertools.product(*(range(len(t)) for t in us.tables))]
    if zone:
        packages = [p for p in packages if us.within_red_lines(p) and ussr.within_red_lines(p)]
    x = np.array([us.utility(p) for p in packages])
    y = np.array([ussr.utility(p) for p in packages])
    pareto = np.array(
        [
            not np.any((x >= px - TOL) & (y >= py - TOL) & ((x > px + TOL) | (y > py + TOL)))
            for px, py in zip(x, y, strict=True)
        ],
        dtype=bool,
    )
    return Brute(packages, x, y, pareto)


def distinct_points(x: FloatArray, y: FloatArray) -> list[tuple[float, float, int]]:
    """Points grouped by equality within TOL (greedy, in sorted order), with multiplicities."""
    out: list[tuple[float, float, int]] = []
    for px, py in sorted(zip(x.tolist(), y.tolist(), strict=True)):
        if out and abs(out[-1][0] - px) <= TOL and abs(out[-1][1] - py) <= TOL:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + 1)
        else:
            out.append((px, py, 1))
    return out


def assert_frontier_matches(frontier: Frontier, b: Brute, us: Preferences, ussr: Preferences) -> None:
    expected = distinct_points(b.us[b.pareto], b.ussr[b.pareto])
    assert len(frontier) == len(expected)
    np.testing.assert_allclose(frontier.us, [e[0] for e in expected], rtol=0, atol=1e-9)
    np.testing.assert_allclose(frontier.ussr, [e[1] for e in expected], rtol=0, atol=1e-9)
    assert frontier.counts == tuple(e[2] for e in expected)
    assert frontier.pareto_packages == int(b.pareto.sum())
    assert np.all(np.diff(frontier.us) > 0) and np.all(np.diff(frontier.ussr) < 0)
    for j, package in enumerate(frontier.packages):  # each back-pointer recovers a package at its point
        assert abs(us.utility(package) - frontier.us[j]) < 1e-9
        assert abs(ussr.utility(package) - frontier.ussr[j]) < 1e-9
        assert package in b.packages


@settings(max_examples=300, deadline=None)
@given(preference_pairs())
def test_frontier_equals_brute_force(pair: tuple[Preferences, Preferences]) -> None:
    us, ussr = pair
    assert_frontier_matches(pareto_frontier(us, ussr), brute(us, ussr), us, ussr)


@settings(max_examples=300, deadline=None)
@given(preference_pairs())
def test_zone_frontier_equals_brute_force(pair: tuple[Preferences, Preferences]) -> None:
    us, ussr = pair
    analysis = analyze_preferences(us, ussr)
    b = brute(us, ussr, zone=True)
    assert analysis.zone_packages == len(b.packages)
    if not b.packages:
        assert analysis.zone_frontier.empty and analysis.zone_pareto_packages == 0
        return
    assert_frontier_matches(analysis.zone_frontier, b, us, ussr)
    for package in analysis.zone_frontier.packages:
        assert us.within_red_lines(package) and ussr.within_red_lines(package)


@settings(max_examples=300, deadline=None)
@given(preference_pairs())
def test_nash_and_zopa_equal_brute_force(pair: tuple[Preferences, Preferences]) -> None:
    us, ussr = pair
    analysis = analyze_preferences(us, ussr)
    b = brute(us, ussr, zone=True)
    gain_us, gain_ussr = b.us - us.no_deal, b.ussr - ussr.no_deal
    both = (gain_us > TOL) & (gain_ussr > TOL)
    assert analysis.zopa == bool(both.any())
    if not both.any():
        assert analysis.nash is None and analysis.kalai_smorodinsky is None
        return
    assert analysis.nash is not None and analysis.kalai_smorodinsky is not None
    best = float(np.max(np.where(both, gain_us * gain_ussr, -np.inf)))
    nash = analysis.nash
    assert us.within_red_lines(nash.package) and ussr.within_red_lines(nash.package)
    assert nash.us == pytest.approx(us.utility(nash.package)) and nash.ussr == pytest.approx(ussr.utility(nash.package))
    assert (nash.us - us.no_deal) * (nash.ussr - ussr.no_deal) == pytest.approx(best, abs=1e-9)
    # Kalai-Smorodinsky: the best worst normalised gain over all zone packages.
    ideal_us, ideal_ussr = float(b.us.max()), float(b.ussr.max())
    assert analysis.ideal == pytest.approx((ideal_us, ideal_ussr))
    worst = np.minimum(gain_us / (ideal_us - us.no_deal), gain_ussr / (ideal_ussr - ussr.no_deal))
    ks = analysis.kalai_smorodinsky
    ks_worst = min(
        (ks.us - us.no_deal) / (ideal_us - us.no_deal), (ks.ussr - ussr.no_deal) / (ideal_ussr - ussr.no_deal)
    )
    assert ks_worst == pytest.approx(float(np.max(np.where(both, worst, -np.inf))), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(preference_pairs())
def test_issue_zones_equal_brute_force(pair: tuple[Preferences, Preferences]) -> None:
    us, ussr = pair
    zones = issue_zones([f"i{i}" for i in range(len(us.tables))], us, ussr)
    for i, zone in enumerate(zones):
        expected = tuple(
            k
            for k in range(len(us.tables[i]))
            if us.tables[i][k] >= us.tables[i][us.red_lines[i]] - 1e-12
            and ussr.tables[i][k] >= ussr.tables[i][ussr.red_lines[i]] - 1e-12
        )
        assert zone.issue == f"i{i}" and zone.levels == expected and zone.empty == (not expected)


@settings(max_examples=200, deadline=None)
@given(preference_pairs())
def test_distance_to_frontier(pair: tuple[Preferences, Preferences]) -> None:
    us, ussr = pair
    frontier = pareto_frontier(us, ussr)
    b = brute(us, ussr)
    front_x, front_y = b.us[b.pareto], b.ussr[b.pareto]
    for package, px, py, optimal in zip(b.packages, b.us, b.ussr, b.pareto, strict=True):
        d = distance_to_frontier(frontier, float(px), float(py))
        expected = float(np.min(np.hypot(np.maximum(front_x - px, 0), np.maximum(front_y - py, 0))))
        if optimal:
            assert d == 0.0, package
        else:
            assert d > 0.0 and d == pytest.approx(expected, abs=1e-9)


def test_non_dominated_merges_ties_and_counts() -> None:
    # 0.1 + 0.2 != 0.3 in floating point: the same point, reached by two sums.
    x = np.array([0.0, 1.0, 1.0, 0.3, 0.1 + 0.2, 0.2, 0.3, 1.0 - 1e-9])
    y = np.array([1.0, 0.0, 0.0, 0.3, 0.1 + 0.2, 0.2, 0.1 + 0.2, 0.0])
    index, counts = non_dominated(x, y, np.array([1, 2, 3, 5, 7, 9, 11, 13]))
    assert x[index].tolist() == pytest.approx([0.0, 0.3, 1.0]) and y[index].tolist() == pytest.approx([1.0, 0.3, 0.0])
    assert counts.tolist() == [1, 23, 5]


def test_huge_space_counts_are_exact_python_ints() -> None:
    # 30 issues of 10 levels, every level worth the same to both sides: one frontier point that all
    # 10^30 packages map to (counts beyond int64 are carried as Python ints).
    n = 30
    us_tables = tuple(np.full(10, 0.5) for _ in range(n))
    ussr_tables = tuple(np.full(10, 0.5) for _ in range(n))
    zeros = tuple(0 for _ in range(n))
    weights = np.full(n, 1 / n)
    us = Preferences(weights, us_tables, zeros, 0.2, zeros, zeros)
    ussr = Preferences(weights, ussr_tables, zeros, 0.2, zeros, zeros)
    analysis = analyze_preferences(us, ussr)
    assert analysis.total_packages == 10**30
    assert analysis.pareto_packages == 10**30 and len(analysis.frontier) == 1
    assert analysis.zone_packages == 10**30 and analysis.zopa


# --------------------------------------------------------------------------- the tiny scenario


@pytest.fixture(scope="module")
def tiny_analysis() -> Analysis:
    return analyze(load_scenario(str(TINY))[0])


def test_tiny_counts_and_zones(tiny_analysis: Analysis) -> None:
    a = tiny_analysis
    assert a.exact
    assert a.issue_ids == ("range", "form") and a.sizes == (5, 2)
    assert a.total_packages == 10
    # USSR red line 900 km (prefers lower): 600-900 acceptable; form: both options acceptable to both.
    assert [z.levels for z in a.issue_zones] == [(0, 1, 2, 3), (0, 1)]
    assert a.zone_packages == 8
    assert a.pareto_packages == 7 and a.zone_pareto_packages == 6
    assert a.zopa


def test_tiny_frontier_against_brute_force(tiny_analysis: Analysis) -> None:
    scenario = load_scenario(str(TINY))[0]
    space = Space.of(scenario)
    us = Preferences.of(space, scenario.sides.us)
    ussr = Preferences.of(space, scenario.sides.ussr)
    assert_frontier_matches(tiny_analysis.frontier, brute(us, ussr), us, ussr)
    assert_frontier_matches(tiny_analysis.zone_frontier, brute(us, ussr, zone=True), us, ussr)
    assert nash_point(tiny_analysis.zone_frontier, us, ussr) == tiny_analysis.nash
    assert kalai_smorodinsky_point(tiny_analysis.zone_frontier, us, ussr) == tiny_analysis.kalai_smorodinsky


def test_tiny_bargaining_and_history(tiny_analysis: Analysis) -> None:
    a = tiny_analysis
    # US: range 2/3 (higher better), form 1/3 (political); USSR: range 3/4 (lower), form 1/4 (legal).
    assert a.nash is not None and a.nash.package == Package((1, 0))  # 700 km, political
    assert (a.nash.us, a.nash.ussr) == pytest.approx((0.5, 0.5625))
    assert a.kalai_smorodinsky is not None and a.kalai_smorodinsky.package == Package((1, 0))
    assert a.ideal == pytest.approx((5 / 6, 1.0))
    assert a.historical is not None and a.historical.package == Package((0, 0))  # 600 km, political
    assert (a.historical.us, a.historical.ussr) == pytest.approx((1 / 3, 0.75))
    assert a.historical_distance == 0.0 and a.historical_within_red_lines


def test_tiny_has_no_zopa_warnings() -> None:
    text = TINY.read_text(encoding="utf-8")
    scenario = load_scenario(str(TINY))[0]
    assert zopa_diagnostics(scenario, "tiny.yaml", text) == []
    assert zopa_warnings(scenario, "tiny.yaml", text) == []


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_zopa_warnings_on_an_issue_and_overall() -> None:
    text = TINY.read_text(encoding="utf-8")
    # The US now insists on 1000 km while the USSR stops at 900 km: no zone on range, none overall.
    text = text.replace("target: 800, red_line: 600, weight: 2", "target: 1000, red_line: 1000, weight: 2")
    scenario, errors = check_text(text, "broken.yaml")
    assert scenario is not None, errors
    warnings = zopa_warnings(scenario, "broken.yaml", text)
    assert [(w.line, w.column) for w in warnings] == [(_line_of(text, "- id: range"), 5), (_line_of(text, "sides:"), 1)]
    assert all(w.severity is Severity.WARNING and w.file == "broken.yaml" for w in warnings)
    assert "no zone of agreement on ALCM range threshold" in warnings[0].message
    assert "1000 km" in warnings[0].message and "900 km" in warnings[0].message
    assert "overall" in warnings[1].message and "red lines" in warnings[1].message
    analysis = analyze(scenario)
    assert not analysis.zopa and analysis.zone_frontier.empty and analysis.nash is None
    assert analysis.historical_within_red_lines is False


def test_zopa_warning_overall_when_no_deal_is_better() -> None:
    text = TINY.read_text(encoding="utf-8").replace("no_deal: 0.2", "no_deal: 0.7")
    scenario, errors = check_text(text, "greedy.yaml")
    assert scenario is not None, errors
    warnings = zopa_warnings(scenario, "greedy.yaml", text)
    assert len(warnings) == 1 and warnings[0].line == _line_of(text, "sides:")
    assert "the US gets 0.333 at most, no more than its no-deal value 0.700" in warnings[0].message

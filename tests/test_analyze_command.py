"""`python main.py analyze`: the outcome space of a scenario in words, as JSON, and as a plot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.report.scenario import report
from game.scenario.loader import check_text, load_scenario

from .conftest import ROOT, TINY


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.mark.parametrize("scenario", [str(TINY), "april-1990"])
def test_text_names_the_zone_the_nash_point_and_history(scenario: str) -> None:
    result = cli("analyze", scenario)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for words in ("Zone of agreement per issue", "Pareto-optimal", "Nash bargaining point", "Kalai-Smorodinsky"):
        assert words in out
    assert "Historical outcome" in out and "distance to the Pareto frontier" in out
    assert "Warnings" in out


def test_json_parses_and_agrees_with_the_analysis() -> None:
    result = cli("analyze", str(TINY), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"]["id"] == "tiny"
    assert data["packages"]["total"] == 10
    assert [i["id"] for i in data["issues"]] == ["range", "form"]
    assert data["issues"][0]["zone"] == [600, 700, 800, 900]
    assert data["zone_of_agreement"] is True
    nash = data["nash"]
    assert set(nash["package"]) == {"range", "form"} and 0 <= nash["us"] <= 1 and 0 <= nash["ussr"] <= 1
    assert data["historical"]["package"] == {"range": 600, "form": "political"}
    assert data["historical"]["distance_to_frontier"] >= 0
    assert isinstance(data["warnings"], list)


def test_no_zone_of_agreement_and_a_dominant_side_are_warned_about() -> None:
    text = TINY.read_text()
    # The US will not go below 1000 km, the USSR not above 900: no zone on the range, none overall.
    no_zone = text.replace("target: 800, red_line: 600", "target: 1000, red_line: 1000")
    scenario, problems = check_text(no_zone, "no-zone.yaml")
    assert scenario is not None, problems
    codes = {w.code for w in report(scenario, "no-zone.yaml").warnings}
    assert {"no_zone_on_issue", "no_zone_of_agreement"} <= codes
    # A USSR with a high no-deal value: the bargaining solution gives the US far more surplus.
    lopsided = text.replace("brief: Hold 600 km.\n    no_deal: 0.2", "brief: Hold 600 km.\n    no_deal: 0.55")
    scenario, problems = check_text(lopsided, "lopsided.yaml")
    assert scenario is not None, problems
    warnings = report(scenario, "lopsided.yaml").warnings
    assert "one_side_dominates" in {w.code for w in warnings}, warnings


def test_the_shipped_scenario_needs_no_warning() -> None:
    scenario, _ = load_scenario("april-1990")
    assert report(scenario, "april-1990.yaml").warnings == ()


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "plane.png"
    result = cli("analyze", "april-1990", "--json", "--plot", str(target))
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)  # the note about the plot goes to stderr, so the JSON stays clean
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 10_000


def test_the_cloud_is_every_package_or_a_labelled_sample() -> None:
    from game.report.plane import cloud

    scenario, _ = load_scenario(str(TINY))
    r = report(scenario, "tiny.yaml")
    small = cloud(r.us, r.ussr)
    assert not small.sampled and len(small.us) == 10 and "all 10" in small.label
    big = cloud(r.us, r.ussr, sample=4)
    assert big.sampled and len(big.us) == 4 and "sample of 4 of 10" in big.label


def test_plot_errors_are_messages(tmp_path: Path) -> None:
    result = cli("analyze", str(TINY), "--plot", str(tmp_path / "no" / "such" / "dir" / "p.png"))
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.startswith("error: ")


def test_a_bad_scenario_is_a_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [")
    for name in ("no-such-scenario", str(broken)):
        result = cli("analyze", name)
        assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.strip()


def test_without_matplotlib_the_plot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from game.report.plane import PlotError, write_plane

    for module in ("matplotlib", "matplotlib.figure", "matplotlib.collections"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails as if it were not installed
    scenario, _ = load_scenario(str(TINY))
    with pytest.raises(PlotError, match=r"needs matplotlib.*\.\[plot\]"):
        write_plane(report(scenario, "tiny.yaml"), tmp_path / "p.png")
    assert not (tmp_path / "p.png").exists()


def _no_zone() -> str:
    # The US will not go below 700 km, the USSR not above 600: the red lines are one step apart.
    text = TINY.read_text(encoding="utf-8").replace("target: 800, red_line: 600", "target: 800, red_line: 700")
    return text.replace("target: 700, red_line: 900", "target: 600, red_line: 600")


def test_analyze_without_a_zone_of_agreement_says_why_in_text_json_and_plot(tmp_path: Path) -> None:
    scenario = tmp_path / "no-zone.yaml"
    scenario.write_text(_no_zone(), encoding="utf-8")
    result = cli("analyze", str(scenario), "--plot", str(tmp_path / "plane.png"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    out = result.stdout
    assert (
        "no zone of agreement: the red lines do not meet on ALCM range threshold (US red line 700 km, USSR red "
        "line 600 km; 1 step apart); no game can end in a deal, every one runs to the deadline or a walk-out; "
        "their targets are furthest apart on Legal form (US aims at political, USSR aims at legal; 1 step apart)"
    ) in out
    assert "There is no deal within both red lines to vote on." in out
    assert (tmp_path / "plane.png").stat().st_size > 1000
    data = json.loads(cli("analyze", str(scenario), "--json").stdout)
    assert data["why_no_zone_of_agreement"].startswith("the red lines do not meet on ALCM range threshold")
    assert data["furthest_apart"] == {"issue": "form", "us": "political", "ussr": "legal", "steps": 1}
    assert data["instructor"]["worst_deal_ratification_odds"] == {}
    assert data["instructor"]["nash_ratification_odds"] is None


def test_red_lines_that_meet_but_leave_less_than_no_deal_say_by_how_much() -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        "brief: Hold 600 km.\n    no_deal: 0.2", "brief: Hold 600 km.\n    no_deal: 0.9"
    )
    scenario, problems = check_text(text, "high.yaml")
    assert scenario is not None, problems
    r = report(scenario, "high.yaml")
    assert not r.analysis.zopa
    # the USSR gains over 0.9 only at its best package within both red lines, where the US gets nothing
    assert r.why_no_deal() == (
        "while the USSR gains anything over no deal, the US gets 0.000 at most, no more than its no-deal value 0.200"
    )
    assert r.to_json()["why_no_zone_of_agreement"] == r.why_no_deal()
    assert report(load_scenario(str(TINY))[0], "tiny.yaml").to_json()["why_no_zone_of_agreement"] is None

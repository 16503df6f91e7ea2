"""The hard agent and the concession-style agents meet on the shipped Washington scenario: the hard
agent (USSR) takes the other side's acceptable offer at the last exchanges rather than gambling on an
answer that goes back beyond its red lines (the talks ran out of time in every seed)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.paths import SCENARIO_DIR
from game.report.instructor import LOW_AGREEMENT, simulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from generated import write_scenarios  # noqa: E402

WASHINGTON = SCENARIO_DIR / "washington-april-1990.yaml"
CONCEDING = ("ai:conceder", "ai:tft-absolute", "ai:easy")


def test_hard_and_conceding_agents_ratify_on_washington_in_most_seeds() -> None:
    sim = simulate(str(WASHINGTON), [*CONCEDING, "ai:hard"], 4)
    ratified = {(p.first, p.second): p.ratified for p in sim.pairings}
    for us in CONCEDING:
        for pair in ((us, "ai:hard"), ("ai:hard", us)):
            assert ratified[pair] >= LOW_AGREEMENT, (pair, ratified[pair])


def test_hard_agrees_with_itself_where_its_body_passes_only_a_narrow_zone(tmp_path: Path) -> None:
    """On a generated scenario whose ratifiable zone is nine packages of 252 (gen-107), the hard agent
    does not propose, just above its falling aspiration, a package its own body throws out (the other
    hard agent took it, and the agreement failed ratification)."""
    (file,) = write_scenarios(tmp_path, [107])
    sim = simulate(str(file), ["ai:hard"], 4)
    assert sim.pairings[0].ratified >= LOW_AGREEMENT, sim.pairings[0]

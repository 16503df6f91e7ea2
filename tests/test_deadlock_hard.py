"""The hard agent and the concession-style agents meet on the shipped Washington scenario: the hard
agent (USSR) takes the other side's acceptable offer at the last exchanges rather than gambling on an
answer that goes back beyond its red lines (the talks ran out of time in every seed)."""

from __future__ import annotations

from game.paths import SCENARIO_DIR
from game.report.instructor import LOW_AGREEMENT, simulate

WASHINGTON = SCENARIO_DIR / "washington-april-1990.yaml"
CONCEDING = ("ai:conceder", "ai:tft-absolute", "ai:easy")


def test_hard_and_conceding_agents_ratify_on_washington_in_most_seeds() -> None:
    sim = simulate(str(WASHINGTON), [*CONCEDING, "ai:hard"], 4)
    ratified = {(p.first, p.second): p.ratified for p in sim.pairings}
    for us in CONCEDING:
        for pair in ((us, "ai:hard"), ("ai:hard", us)):
            assert ratified[pair] >= LOW_AGREEMENT, (pair, ratified[pair])

"""The hard agent where no body ratifies the other side's agreements (the arena's NegMAS games): firm
against an opponent that never moves, patient with one that bids at random, and still agreeing with
itself at every length of talks."""

from __future__ import annotations

import sys
from pathlib import Path

from game.agents.temper import ERRATIC_BAR, erratic_bar

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from domains import alternate, generated  # noqa: E402


def test_the_bar_for_a_random_bidder_holds_until_the_last_rounds() -> None:
    assert erratic_bar(0.0) == 1.0
    assert erratic_bar(0.9) > 0.6
    assert abs(erratic_bar(1.0) - ERRATIC_BAR) < 1e-12


def test_hard_agrees_with_itself_at_every_length_where_a_zone_exists() -> None:
    domains = [d for d in (generated(seed, (3, 5), (2, 8)) for seed in range(40, 52)) if d.zone()]
    for rounds in (10, 14, 50, 200):
        agreed = [alternate(d, "ai:hard", "ai:hard", rounds, 1).agreement is not None for d in domains]
        assert sum(agreed) >= 0.95 * len(agreed), rounds


def test_hard_holds_out_against_an_opponent_that_never_moves() -> None:
    """Against a Boulware opponent so firm it barely moves, the hard agent gets at least as much as it."""
    mine, theirs = [], []
    for seed in range(60, 66):
        domain = generated(seed, (3, 4), (2, 6))
        for first in (True, False):
            a, b = ("ai:hard", "ai:boulware") if first else ("ai:boulware", "ai:hard")
            outcome = alternate(domain, a, b, 100, seed)
            levels = outcome.agreement.levels if outcome.agreement is not None else None
            for side, spec in enumerate((a, b)):
                u = domain.reservation[side]
                if levels is not None:
                    u = float(
                        sum(w * t[k] for w, t, k in zip(domain.weights[side], domain.tables[side], levels, strict=True))
                    )
                (mine if spec == "ai:hard" else theirs).append(u)
    assert sum(mine) >= sum(theirs)

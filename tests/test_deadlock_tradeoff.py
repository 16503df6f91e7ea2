"""The trade-off agent reaches deals both ratifying bodies pass on generated scenarios where the
other side's offers cross its red lines (issue 16, point 6).

Its last offer, at the other side's last look, keeps to the levels the other side has itself
proposed (what it has shown it can accept). Where on some issue every level the other side proposed
lies beyond the trade-off agent's own red line, there was no such offer at all, and it made its
ordinary one instead, which on another issue went below the other side's red line (it does not know
that line): on held-red-line (gen-107) the USSR's last offer asked 20 u on Issue 2, below the US's
25, and no deal followed; on crossed-red-lines (gen-110) the same in self-play. On that issue it now
keeps to the levels of its own lines nearest to what the other side proposed. And its last offer no
longer keeps to its standing offer where the other side asked for more. Where a ratifying body weighs
the deal for the other side, its last offer is the best the other side has itself proposed unless its
own plan is worth twice the surplus (`GAMBLE`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.agents.opponent import OpponentModel
from game.agents.registry import make
from game.agents.tradeoff import TradeOff
from game.agents.view import SelfView
from game.engine.state import Ending
from game.match import Match
from game.scenario.preferences import Package, Side

from .conftest import FIXTURES, rules_for

HELD = FIXTURES / "held-red-line.yaml"
CROSSED = FIXTURES / "crossed-red-lines.yaml"
SEEDS = range(1990, 1994)


def endings(path: Path, us: str, ussr: str) -> list[Ending | None]:
    rules = rules_for(path)
    return [Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, seed).play().ending for seed in SEEDS]


@pytest.mark.parametrize("us", ["ai:boulware", "ai:tft-relative", "ai:tft-absolute", "ai:normal"])
def test_tradeoff_makes_a_last_offer_the_other_side_can_take_across_a_red_line(us: str) -> None:
    # before: every seed reached the deadline
    assert endings(HELD, us, "ai:tradeoff") == [Ending.RATIFIED] * len(SEEDS)


@pytest.mark.parametrize("us", ["ai:conceder", "ai:easy"])
def test_tradeoffs_last_offer_gives_what_the_other_side_asked_for_on_an_issue_it_conceded_far_on(us: str) -> None:
    """The conceder (its Senate weighs Issue 0 most) comes down on Issue 0 from 1200 u to 800 u, so the
    model weighs Issue 0 little; the trade-off agent's last offer kept its standing 800 u there (the
    steadiness bonus outweighed the model's gain), which the US Senate throws out."""
    # before: every seed reached the deadline
    assert endings(HELD, us, "ai:tradeoff") == [Ending.RATIFIED] * len(SEEDS)


def test_tradeoff_against_itself_where_both_sides_offers_cross_red_lines() -> None:
    # before: every seed reached the deadline
    assert endings(CROSSED, "ai:tradeoff", "ai:tradeoff") == [Ending.RATIFIED] * len(SEEDS)


def test_tradeoffs_last_offer_is_the_other_sides_own_where_its_body_may_throw_out_anything_else() -> None:
    """Late on crossed-red-lines tft-absolute (USSR) offers a package worth 0.47 to the trade-off agent
    (no deal: 0.16); the trade-off agent held out and its last offer, worth 0.52 to it, was one the USSR
    delegation took at its last chance and the Supreme Soviet threw out."""
    # before: one seed of four ratified, three agreements thrown out
    assert endings(CROSSED, "ai:tradeoff", "ai:tft-absolute") == [Ending.RATIFIED] * len(SEEDS)


def test_the_hull_keeps_to_the_nearest_levels_within_lines_where_the_other_side_offered_none() -> None:
    rules = rules_for(HELD)
    view = SelfView.of(rules.observe(rules.initial(0), Side.USSR))
    model = OpponentModel(rules.space.sizes)
    # The US has asked for opt2 on Issue 1 (beyond the USSR's red line: it accepts opt0 and opt1 only)
    # and between 25 u and 50 u on Issue 2.
    offers = (Package((8, 2, 6)), Package((8, 2, 1)))
    model.update(offers, (), 0.5)
    hull = TradeOff.within_hull(view, model)
    assert hull is not None
    assert [int(i) for i in hull.allowed[1].nonzero()[0]] == [1]  # opt1: the USSR's level nearest opt2
    assert [int(i) for i in hull.allowed[2].nonzero()[0]] == [1, 2, 3]  # what the US offered, within lines
    assert [int(i) for i in hull.allowed[0].nonzero()[0]] == [8]

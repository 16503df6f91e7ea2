"""The concession-style agents (time-dependent, tit for tat) reach deals both ratifying bodies pass on
scenarios an instructor might write, not only on the shipped ones (issue 16).

Two generated scenarios are kept as test data (`bench/generated.py` seeds 107 and 109):
- held-red-line: the USSR's red line on Issue 1 excludes the option the US weighs most. The agents
  built each proposal from the other side's offer toward their own best, so the US kept asking for
  that option and the USSR answered with the US offer moved back on Issue 1 and nothing else: the
  same two packages until the deadline, while the deals both bodies ratify lay elsewhere.
- home-weighs-otherwise: the US Senate weighs the issues otherwise than its delegation. The agents'
  floor (`home_need`) reads the Senate's need in the delegation's utility, so they signed packages
  worth enough to the delegation that the Senate threw out.
- held-red-line again, and senate-weighs-otherwise (seed 104): a conceder built its proposals from the
  other side's offer by the steps worth most to its delegation, and its Senate weighs the issues
  otherwise. On held-red-line its first proposal gave up Issue 0, the issue its Senate weighs most, to
  its red line for a level more on Issue 2 (worth about the same to the delegation); the other side
  held it there, and no package its Senate would pass was ever on the table (deadline). On
  senate-weighs-otherwise the hard agent's last offer was one the US Senate threw out. A step's gain now
  counts what it adds for the Senate too (on senate-weighs-otherwise that fixes most seeds, not all).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.agents.packages import SAFE_AT_HOME, toward, trade
from game.agents.registry import make
from game.agents.time_dependent import Linear
from game.agents.view import SelfView
from game.engine.moves import Accept
from game.engine.state import Ending
from game.match import Match
from game.scenario.preferences import Package, Side

from .conftest import FIXTURES, rules_for

HELD = FIXTURES / "held-red-line.yaml"
HOME = FIXTURES / "home-weighs-otherwise.yaml"
SENATE = FIXTURES / "senate-weighs-otherwise.yaml"
SEEDS = range(1990, 1994)


def endings(path: Path, us: str, ussr: str) -> list[Ending | None]:
    rules = rules_for(path)
    return [Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, seed).play().ending for seed in SEEDS]


@pytest.mark.parametrize(
    ("us", "ussr"),
    [
        ("ai:linear", "ai:linear"),
        ("ai:boulware", "ai:normal"),
        ("ai:linear", "ai:tft-relative"),
        ("ai:normal", "ai:normal"),
    ],
)
def test_a_red_line_on_the_issue_the_other_side_weighs_most_does_not_deadlock(us: str, ussr: str) -> None:
    # before: every seed of these pairings reached the deadline
    assert endings(HELD, us, ussr) == [Ending.RATIFIED] * len(SEEDS)


@pytest.mark.parametrize("us", ["ai:conceder", "ai:easy"])
@pytest.mark.parametrize("ussr", ["ai:boulware", "ai:linear", "ai:tft-absolute", "ai:normal"])
def test_a_conceder_keeps_the_issue_its_senate_weighs_most(us: str, ussr: str) -> None:
    # before: every seed of these pairings reached the deadline
    assert endings(HELD, us, ussr) == [Ending.RATIFIED] * len(SEEDS)


@pytest.mark.parametrize("us", ["ai:conceder", "ai:easy"])
def test_a_conceder_against_hard_signs_what_its_senate_passes(us: str) -> None:
    # before: every seed reached an agreement the US Senate threw out; now most are ratified (in the
    # others the US takes, at its last chance, hard's last offer that its Senate may well reject)
    assert endings(SENATE, us, "ai:hard").count(Ending.RATIFIED) >= len(SEEDS) / 2


@pytest.mark.parametrize("us", ["ai:linear", "ai:conceder", "ai:easy"])
def test_an_offer_its_senate_may_well_throw_out_waits_for_the_last_chance(us: str) -> None:
    """Before its last chance a time-dependent agent takes only what its Senate passes three times in
    four (`TAKE_AT_HOME`): an offer worth its aspiration at expected utility was taken, and thrown out."""
    # before: one seed of these four (half of eight) reached an agreement the US Senate threw out
    assert endings(SENATE, us, "ai:tradeoff") == [Ending.RATIFIED] * len(SEEDS)


def test_a_first_proposal_asks_for_what_the_senate_weighs_where_the_delegation_is_indifferent() -> None:
    """From the USSR's opening, the US (its Senate weighs Issue 0 most, its delegation Issue 0 and
    Issue 2 about the same per level) asks for more on Issue 0 than its red line (700 u)."""
    rules = rules_for(HELD)
    obs = rules.observe(rules.initial(0), Side.US)
    prefs = obs.preferences
    package = toward(prefs, Package((0, 1, 0)), 0.8, None, SelfView.of(obs))
    assert prefs.utility(package) >= 0.8
    assert package.levels[0] > prefs.red_lines[0]
    assert package.levels[0] > toward(prefs, Package((0, 1, 0)), 0.8).levels[0]


def test_a_conceder_signs_what_its_own_body_ratifies_where_the_body_weighs_issues_otherwise() -> None:
    # before: the US (linear) agreed in every seed and the Senate threw every agreement out
    assert endings(HOME, "ai:linear", "ai:boulware") == [Ending.RATIFIED] * len(SEEDS)


def test_an_offer_its_own_body_throws_out_is_not_worth_its_utility() -> None:
    """Before the last exchanges, a time-dependent agent takes an offer at its expected utility: one
    worth its aspiration to the delegation that its body more likely than not rejects is declined."""
    rules = rules_for(HOME)
    obs = rules.observe(rules.initial(0), Side.US)
    assert len(obs.public.meetings) > 1
    mid = replace(obs, relative_time=0.9, exchanges_left=8, meeting=0)  # late, but not the last exchanges
    view = SelfView.of(mid)
    prefs = mid.preferences
    agent = Linear()
    target = agent.aspiration(mid, agent.next_time(mid))
    every = (Package(levels) for levels in itertools.product(*(range(n) for n in rules.space.sizes)))
    # worth the aspiration to the delegation, and less than that once the Senate's vote is counted
    found = next(p for p in every if prefs.within_red_lines(p) and view.expected(p) < target <= prefs.utility(p))
    mid = replace(mid, their_offer=found, their_offers=(found,))
    agent.reset(Side.US, np.random.default_rng(0))
    assert not isinstance(agent.act(mid), Accept)


@settings(max_examples=60, deadline=None)
@given(
    path=st.sampled_from([HELD, HOME]),
    side=st.sampled_from(list(Side)),
    target=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**16),
)
def test_packages_built_reach_the_target_and_stay_safe_at_home(
    path: Path, side: Side, target: float, seed: int
) -> None:
    """`toward` and `trade` return packages within this side's red lines, worth the target where the
    best package is, and safe for its own body where its best package is (they stop at the best)."""
    rules = rules_for(path)
    obs = rules.observe(rules.initial(0), side)
    prefs = obs.preferences
    home = SelfView.of(obs)
    gen = np.random.default_rng(seed)
    anchor = Package(tuple(int(gen.integers(n)) for n in rules.space.sizes))
    theirs = Package(tuple(int(gen.integers(n)) for n in rules.space.sizes))
    best = prefs.best
    for package in (toward(prefs, anchor, target, None, home), trade(prefs, anchor, target, theirs, None, home)):
        assert prefs.within_red_lines(package)
        if prefs.utility(best) >= target:
            assert prefs.utility(package) >= min(target, prefs.utility(best)) - 1e-9
        if home.ratification(best) >= SAFE_AT_HOME and package != best:
            assert home.ratification(package) >= SAFE_AT_HOME

"""The contract every agent passes, and properties of what agents do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.agents.registry import BUILT_IN, make, persona_specs
from game.engine import Accept, DeclareRedLine, Propose
from game.match import Match
from game.scenario.preferences import Side

from .conftest import ALL_SCENARIOS, rules_for

PERSONAS = sorted({spec for path in ALL_SCENARIOS for spec in persona_specs(rules_for(path).scenario)})
AGENTS = sorted(f"ai:{name}" for name in BUILT_IN) + PERSONAS
"""Every built-in strategy and difficulty level, and every persona of the shipped scenarios (on a
scenario or side without that persona, a persona agent plays its default strategy)."""
KEEP_THEIR_WORD = [a for a in AGENTS if a != "ai:random"]
"""Agents whose declared red lines hold (the random agent says anything; no shipped persona bluffs)."""


def play(path: Path, us: str, ussr: str, seed: int) -> Match:
    match = Match(rules_for(path), {Side.US: make(us), Side.USSR: make(ussr)}, seed)
    match.play()
    return match


@pytest.mark.parametrize("agent", AGENTS)
@pytest.mark.parametrize("path", ALL_SCENARIOS, ids=lambda p: p.stem)
def test_contract(agent: str, path: Path) -> None:
    for seed in range(3):
        for us, ussr in ((agent, "ai:random"), ("ai:random", agent), (agent, agent)):
            match = play(path, us, ussr, seed)
            state = match.state
            assert state.over
            assert not any(m.kind.value == "forfeit" for m in state.moves), "a built-in agent forfeited"
            again = play(path, us, ussr, seed).state
            assert again == state, "same seed, same play"


@pytest.mark.parametrize("agent", AGENTS)
def test_reset_equals_fresh(agent: str) -> None:
    path = ALL_SCENARIOS[-1]
    rules = rules_for(path)
    for side in Side:
        for other in ("ai:random", "ai:hard"):
            used = make(agent)
            Match(rules, {side: used, side.other: make(other)}, 1).play()
            reused = Match(rules, {side: used, side.other: make(other)}, 2).play()
            fresh = Match(rules, {side: make(agent), side.other: make(other)}, 2).play()
            assert reused == fresh


@settings(max_examples=40, deadline=None)
@given(
    us=st.sampled_from(AGENTS),
    ussr=st.sampled_from(AGENTS),
    seed=st.integers(0, 2**32 - 1),
    path=st.sampled_from(ALL_SCENARIOS),
)
def test_no_agent_accepts_below_its_red_lines_and_proposals_are_on_the_grid(
    us: str, ussr: str, seed: int, path: Path
) -> None:
    match = play(path, us, ussr, seed)
    rules = match.rules
    state = rules.initial(seed)
    specs = {Side.US: us, Side.USSR: ussr}
    declared: dict[Side, dict[int, int]] = {Side.US: {}, Side.USSR: {}}
    for move in match.state.moves:
        side = state.to_move
        prefs = rules.preferences(state, side)
        package = None
        if isinstance(move, Accept):
            package = state.offer_of(side.other)
            assert package is not None and prefs.within_red_lines(package)
        if isinstance(move, Propose):
            package = move.package
            assert rules.space.is_valid(move.package)
            values = rules.space.values(move.package)
            assert rules.space.package(values) == move.package  # every value in range and on its step
        if isinstance(move, DeclareRedLine):
            declared[side][move.issue] = move.level
        if package is not None and specs[side] in KEEP_THEIR_WORD:
            for issue, level in declared[side].items():
                assert prefs.issue_utility(issue, package.levels[issue]) >= prefs.issue_utility(issue, level) - 1e-9, (
                    f"{specs[side]} went back on its red line on {rules.space.ids[issue]}"
                )
        state = rules.apply(state, move)
    assert state == match.state


class Explodes:
    def reset(self, side: Side, rng: np.random.Generator) -> None:
        pass

    def act(self, obs: object) -> object:
        raise RuntimeError("boom")


class Cheats(Explodes):
    def act(self, obs: object) -> object:
        return Accept()  # before any offer: illegal


@pytest.mark.parametrize("bad, reason", [(Explodes(), "RuntimeError: boom"), (Cheats(), "illegal move")])
def test_a_failing_agent_forfeits_without_crashing(bad: object, reason: str) -> None:
    rules = rules_for(ALL_SCENARIOS[0])
    match = Match(rules, {Side.USSR: bad, Side.US: make("ai:boulware")}, 1)  # type: ignore[dict-item]
    state = match.play()
    assert state.ending is not None and state.ending.value == "forfeit" and state.ended_by is Side.USSR
    assert reason in state.log[-1].text or any(reason in e.text for e in state.log)


def test_a_conceding_agent_stops_where_its_own_body_would_reject_the_deal() -> None:
    from game.agents.time_dependent import Linear
    from game.agents.view import home_need

    from .conftest import TINY

    rules = rules_for(TINY)
    obs = rules.observe(rules.initial(0), Side.US)
    # the Senate: threshold 0.67, support 0.4 at worst, 0.95 at best: it expects to pass from utility 0.27/0.55
    assert home_need(obs) == pytest.approx(0.27 / 0.55)
    assert Linear().aspiration(obs, 1.0) == pytest.approx(0.27 / 0.55)  # not no deal (0.2) plus the margin
    soviet = rules.observe(rules.initial(0), Side.USSR)  # threshold 0.5, from 0.3 to 0.9: one third
    assert Linear().aspiration(soviet, 1.0) == pytest.approx(max(0.2 + Linear.margin, 0.2 / 0.6))


@pytest.mark.parametrize("us", ["ai:linear", "ai:conceder", "ai:easy"])
def test_conceders_against_boulware_in_washington_sign_what_the_senate_ratifies(us: str) -> None:
    from game.engine.state import Ending

    path = next(p for p in ALL_SCENARIOS if p.stem == "washington-april-1990")
    # these pairings once agreed where the Senate's support was 70% against its 67%: half the votes failed
    endings = [play(path, us, "ai:boulware", seed).state.ending for seed in range(1990, 1994)]
    assert endings == [Ending.RATIFIED] * 4

"""Our agents on generated domains (bench/domains.py) and, with the [arena] extra, in NegMAS against
the ANAC ports (bench/arena.py): a tiny round robin; bench/bench_arena.py is the full-size one."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.agents.registry import BUILT_IN
from game.scenario.preferences import Package

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from domains import ArenaDomain, alternate, generated  # noqa: E402

BUILT_INS = sorted(f"ai:{name}" for name in BUILT_IN)
SMALL = {"issues": (3, 4), "values": (2, 6)}
TINY = {"issues": (2, 4), "values": (2, 6)}


def utility(domain: ArenaDomain, side: int, levels: tuple[int, ...]) -> float:
    return float(sum(w * t[k] for w, t, k in zip(domain.weights[side], domain.tables[side], levels, strict=True)))


@settings(max_examples=60, deadline=None)
@given(
    a=st.sampled_from(BUILT_INS),
    b=st.sampled_from(BUILT_INS),
    seed=st.integers(0, 10_000),
    rounds=st.integers(3, 60),
)
def test_no_agent_accepts_below_its_reservation_value(a: str, b: str, seed: int, rounds: int) -> None:
    domain = generated(seed, **TINY)
    outcome = alternate(domain, a, b, rounds, seed)
    if outcome.agreement is not None:
        assert outcome.accepted_by is not None
        side = outcome.accepted_by
        got = utility(domain, side, outcome.agreement.levels)
        assert got >= domain.reservation[side] - 1e-9, (
            f"{(a, b)[side]} accepted {got:.3f} below {domain.reservation[side]}"
        )


@pytest.mark.parametrize("agent", [a for a in BUILT_INS if a != "ai:random"])
@pytest.mark.parametrize("rounds", [10, 14, 50, 100, 200])
def test_self_play_agrees_on_small_generated_domains(agent: str, rounds: int) -> None:
    """Every built-in agent (but the random one) agrees with itself on at least 95% of the small
    generated domains that have a zone of agreement."""
    domains = [d for d in (generated(seed, **SMALL) for seed in range(40)) if d.zone()]
    agreed = sum(alternate(d, agent, agent, rounds, 7).agreement is not None for d in domains)
    assert agreed >= 0.95 * len(domains), f"{agent} agreed with itself on {agreed} of {len(domains)} at {rounds} rounds"


def test_an_agent_with_no_zone_of_agreement_gets_no_deal() -> None:
    domain = generated(3, **SMALL)
    hopeless = ArenaDomain(domain.name, domain.sizes, domain.weights, domain.tables, (1.0, 1.0))
    assert not hopeless.zone()
    for agent in BUILT_INS:
        assert alternate(hopeless, agent, agent, 20).agreement is None, agent


def best(domain: ArenaDomain, side: int) -> float:
    return float(sum(w * t.max() for w, t in zip(domain.weights[side], domain.tables[side], strict=True)))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), rounds=st.integers(20, 150), first=st.booleans())
def test_hard_takes_nothing_cheap_from_an_erratic_opponent_early(seed: int, rounds: int, first: bool) -> None:
    """Against an opponent whose offers jump about (the random agent), the hard agent accepts nothing
    below its reservation value, and in the first tenth of the talks nothing below half the way from
    its reservation value to its best."""
    domain = generated(seed, **SMALL)
    side = 0 if first else 1
    a, b = ("ai:hard", "ai:random") if first else ("ai:random", "ai:hard")
    outcome = alternate(domain, a, b, rounds, seed)
    if outcome.agreement is None or outcome.accepted_by != side:
        return
    got = utility(domain, side, outcome.agreement.levels)
    low, top = domain.reservation[side], best(domain, side)
    assert got >= low - 1e-9
    if outcome.step < 0.1 * rounds:
        assert got >= low + 0.5 * (top - low) - 1e-9, f"took {got:.3f} at round {outcome.step} of {rounds}"


# ----- NegMAS ----------------------------------------------------------------------------------------


def _arena() -> object:
    pytest.importorskip("negmas", reason="the arena needs the [arena] extra: pip install -e '.[arena]'")
    pytest.importorskip("negmas_genius_agents", reason="the arena needs the [arena] extra: pip install -e '.[arena]'")
    import arena

    return arena


def test_our_agents_read_their_utility_from_the_negmas_utility_function() -> None:
    _arena()
    from negmas_bridge import issues, preferences_of, ufun

    domain = generated(5)
    space = issues(domain)
    for side in (0, 1):
        fun = ufun(domain, side, space)
        prefs = preferences_of(fun, domain.sizes)
        rng = np.random.default_rng(side)
        for _ in range(20):
            levels = tuple(int(rng.integers(s)) for s in domain.sizes)
            assert prefs.utility(Package(levels)) == pytest.approx(float(fun(levels)), abs=1e-9)
        assert prefs.no_deal == pytest.approx(domain.reservation[side])


def test_a_tiny_arena_plays_every_pairing_without_errors_and_accepts_nothing_below_reservation() -> None:
    arena = _arena()
    agents = ["ai:hard", "ai:tradeoff", "HardHeaded", "AgentK", "Aspiration"]
    domains = [generated(seed, **SMALL) for seed in (11, 12)]
    games = arena.run(domains, agents, [12])  # type: ignore[attr-defined]
    assert len(games) == len(domains) * (len(agents) * (len(agents) - 1) + len(agents))
    assert not [g.error for g in games if g.error]
    assert arena.bad_acceptances(games, {d.name: d.reservation for d in domains}, agents[:2]) == []  # type: ignore[attr-defined]
    rows = arena.ranking(games)  # type: ignore[attr-defined]
    assert {r[0] for r in rows} == set(agents)
    zones = {d.name: d.zone() for d in domains}
    for agent in agents[:2]:
        share, n = arena.self_play(games, zones)[agent]  # type: ignore[attr-defined]
        assert n == sum(zones.values()) and share == 1.0


@pytest.mark.parametrize("rounds", [100, 200])
def test_tradeoff_reaches_a_deal_with_aspiration_where_it_stalled(rounds: int) -> None:
    """A domain with a narrow zone of agreement (generated seed 17) where the trade-off agent used to
    end without a deal against NegMAS's Aspiration agent: near the end it takes the best offer the
    other side has made, so both orders now agree, above its reservation value."""
    arena = _arena()
    domain = generated(17, (3, 6), (2, 10))
    assert domain.zone()
    geometry = arena.Geometry.of(domain)  # type: ignore[attr-defined]
    for a, b in (("ai:tradeoff", "Aspiration"), ("Aspiration", "ai:tradeoff")):
        game = arena.play(domain, geometry, a, b, rounds)  # type: ignore[attr-defined]
        mine = game.ua if a == "ai:tradeoff" else game.ub
        assert game.agreed, (a, b)
        assert mine >= domain.reservation[0 if a == "ai:tradeoff" else 1] - 1e-9

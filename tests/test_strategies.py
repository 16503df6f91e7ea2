"""What each strategy does against scripted opponents, the opponent model, personas and the registry."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from game.agents.base import Agent, AgentInfo
from game.agents.builtin import BUILT_IN
from game.agents.hard import Hard
from game.agents.opponent import OpponentModel
from game.agents.persona import PersonaAgent
from game.agents.ratify import Belief, Ratification, normal_cdf
from game.agents.registry import make, names
from game.agents.search import GRID, TradeOffTable
from game.agents.stance import DECLARED, Stance
from game.agents.tradeoff import TradeOff
from game.agents.view import RATIFICATION_SPREAD, SelfView
from game.engine import Accept, DeclareRedLine, Move, MoveKind, Propose
from game.engine.observation import Observation
from game.engine.rules import Rules
from game.errors import AgentError
from game.match import Match
from game.scenario.preferences import Package, Side
from game.scenario.schema import Persona

from .conftest import SHIPPED, TINY, rules_for

APRIL = next(p for p in SHIPPED if p.stem == "april-1990")


# ----- scripted opponents -------------------------------------------------------------------------
class Stubborn(Agent):
    """Proposes its opening package every time and never accepts."""

    info = AgentInfo("stubborn", "never moves", "scripted")

    def act(self, obs: Observation) -> Move:
        return Propose(obs.preferences.opening)


class Yielding(Agent):
    """Moves every issue one level towards the other side's standing offer every time, within its
    red lines (never accepts)."""

    info = AgentInfo("yielding", "concedes a step on every issue every move", "scripted")

    def act(self, obs: Observation) -> Move:
        package = obs.my_offer or obs.preferences.opening
        theirs = obs.their_offer
        if theirs is None or obs.my_offer is None:
            return Propose(package)
        for i, (a, b) in enumerate(zip(package.levels, theirs.levels, strict=True)):
            if a != b and obs.preferences.acceptable_level(i, a + (1 if b > a else -1)):
                package = package.with_level(i, a + (1 if b > a else -1))
        return Propose(package)


class ConcedesOn(Agent):
    """Holds its opening on every issue but the given ones, on which it moves one level a turn,
    the first issue every turn and the second every other turn."""

    info = AgentInfo("concedes-on", "concedes only on some issues", "scripted")

    def __init__(self, issues: tuple[int, ...]) -> None:
        super().__init__()
        self.issues = issues
        self.turns = 0

    def act(self, obs: Observation) -> Move:
        prefs = obs.preferences
        package = obs.my_offer or prefs.opening
        self.turns += 1
        for n, i in enumerate(self.issues):
            if self.turns % (n + 1):
                continue
            level = package.levels[i]
            for step in (1, -1):
                k = level + step
                if 0 <= k < len(prefs.tables[i]) and prefs.tables[i][k] < prefs.tables[i][level]:
                    if prefs.acceptable_level(i, k):
                        package = package.with_level(i, k)
                    break
        return Propose(package)


class Capitulating(Agent):
    """Moves every issue one level towards the other side's standing offer every time, as far as its
    red lines allow, and accepts any offer within them that is at least as good for it as its own:
    it ends at its red lines, which its own ratifying body may not pass."""

    info = AgentInfo("capitulating", "concedes to its red lines and takes what it is given", "scripted")

    def act(self, obs: Observation) -> Move:
        prefs = obs.preferences
        mine, theirs = obs.my_offer, obs.their_offer
        if mine is None or theirs is None:
            return Propose(mine or prefs.opening)
        if prefs.within_red_lines(theirs) and prefs.utility(theirs) >= prefs.utility(mine) - 1e-9:
            return Accept()
        package = mine
        for i, (a, b) in enumerate(zip(mine.levels, theirs.levels, strict=True)):
            if a != b and prefs.acceptable_level(i, a + (1 if b > a else -1)):
                package = package.with_level(i, a + (1 if b > a else -1))
        return Propose(package)


def proposals(rules: Rules, agent: Agent, opponent: Agent, side: Side, seed: int = 0) -> list[tuple[float, float]]:
    """(relative time, own utility) of each proposal the agent makes against the opponent."""
    match = Match(rules, {side: agent, side.other: opponent}, seed)
    out = []
    while not match.state.over:
        state = match.state
        move = match.decide()
        if state.to_move is side and isinstance(move, Propose):
            out.append((rules.relative_time(state), rules.preferences(state, side).utility(move.package)))
        match.state = rules.apply(state, move)
    return out


def conceded_by(trail: list[tuple[float, float]], t: float) -> float:
    start = trail[0][1]
    return max(start - u for when, u in trail if when <= t)


# ----- time-dependent and tit for tat -----------------------------------------------------------
@pytest.mark.parametrize("side", list(Side))
def test_boulware_holds_until_late_against_a_wall(side: Side) -> None:
    rules = rules_for(APRIL)
    trail = proposals(rules, make_agent("ai:boulware"), Stubborn(), side)
    assert conceded_by(trail, 0.6) <= 0.1
    assert trail[-1][1] < trail[0][1] - 0.1, "it concedes in the end"


@pytest.mark.parametrize("spec", ["ai:tft-relative", "ai:tft-absolute"])
@pytest.mark.parametrize("side", list(Side))
def test_tit_for_tat_gives_little_to_a_wall_and_answers_concessions(spec: str, side: Side) -> None:
    rules = rules_for(APRIL)
    wall = proposals(rules, make_agent(spec), Stubborn(), side)
    assert conceded_by(wall, 0.7) <= 0.12
    yielding = proposals(rules, make_agent(spec), Yielding(), side)
    assert conceded_by(yielding, 0.7) >= conceded_by(wall, 0.7) + 0.03, "it reciprocates"


@pytest.mark.parametrize("spec", ["ai:tft-relative", "ai:tft-absolute", "ai:tradeoff"])
def test_no_deadlock_in_self_play(spec: str) -> None:
    rules = rules_for(APRIL)
    for seed in range(3):
        state = Match(rules, {Side.US: make(spec), Side.USSR: make(spec)}, seed).play()
        assert state.agreement is not None


def make_agent(spec: str) -> Agent:
    agent = make(spec)
    assert isinstance(agent, Agent)
    return agent


# ----- the opponent model and the trade-off search ------------------------------------------------
def test_opponent_model_ranks_held_issues_above_conceded_ones() -> None:
    # True weights 0.4, 0.3, 0.2, 0.1: it concedes issue 3 every turn and issue 2 every other turn.
    model = OpponentModel([5, 5, 5, 5])
    levels = [0, 0, 0, 0]
    offers = [Package(tuple(levels))]
    for turn in range(1, 7):
        levels[3] = min(4, levels[3] + 1)
        if turn % 2 == 0:
            levels[2] = min(4, levels[2] + 1)
        offers.append(Package(tuple(levels)))
    model.update(offers, ())
    w = model.weights()
    assert min(w[0], w[1]) > w[2] > w[3]
    v = model.values()
    assert v[0][0] == max(v[0]) and v[0][0] > v[0][4], "its opening is what it likes best"


def test_tradeoff_learns_which_issues_the_other_side_holds() -> None:
    rules = rules_for(APRIL)
    low = tuple(rules.space.ids.index(i) for i in ("slcm_verification", "slcm_legal_form"))
    agent = TradeOff()
    Match(rules, {Side.US: agent, Side.USSR: ConcedesOn(low)}, 0).play()
    assert agent.model is not None
    w = agent.model.weights()
    held = [i for i in range(len(w)) if i not in low]
    assert min(w[i] for i in held) > max(w[i] for i in low)


def test_trade_off_search_is_the_best_package_above_the_aspiration() -> None:
    rng = np.random.default_rng(7)
    for _ in range(100):
        sizes = rng.integers(2, 6, size=int(rng.integers(1, 5)))
        w = rng.random(len(sizes))
        own = [w[i] / w.sum() * rng.random(s) for i, s in enumerate(sizes)]
        allowed = [rng.random(s) < 0.8 for s in sizes]
        for a in allowed:
            a[rng.integers(len(a))] = True
        gain = [rng.random(s) for s in sizes]
        aspiration = float(rng.random() * 0.9)
        found = TradeOffTable(own, allowed, gain).package(aspiration)
        best = None
        for combo in itertools.product(*[np.flatnonzero(a) for a in allowed]):
            if sum(own[i][k] for i, k in enumerate(combo)) >= aspiration + len(sizes) / GRID:
                g = sum(gain[i][k] for i, k in enumerate(combo))
                best = g if best is None else max(best, g)
        if found is None:
            assert best is None
            continue
        assert sum(own[i][k] for i, k in enumerate(found.levels)) >= aspiration - 1e-9
        assert all(allowed[i][k] for i, k in enumerate(found.levels))
        if best is not None:
            assert sum(gain[i][k] for i, k in enumerate(found.levels)) >= best - 1e-9


def test_self_view_support_is_the_engines() -> None:
    rules = rules_for(APRIL)
    state = rules.initial(3)
    rng = np.random.default_rng(3)
    for side in Side:
        view = SelfView.of(rules.observe(state, side))
        for _ in range(20):
            package = Package(tuple(int(rng.integers(n)) for n in rules.space.sizes))
            assert view.support(package) == pytest.approx(rules.support(state, side, package))


def test_trade_off_table_lists_the_curve_it_searches() -> None:
    """Every package listed along the curve is the best for the objective among packages worth as
    much to this side (up to the grid)."""
    rng = np.random.default_rng(11)
    own = [w * rng.random(n) for w, n in zip((0.5, 0.3, 0.2), (5, 4, 6), strict=True)]
    allowed = [np.ones(len(u), dtype=bool) for u in own]
    gain = [rng.random(len(u)) for u in own]
    table = TradeOffTable(own, allowed, gain)
    listed = table.packages(0.1, table.feasible_max, 30)
    assert len(listed) > 1
    everything = list(itertools.product(*[range(len(u)) for u in own]))
    for levels in listed:
        worth = sum(u[k] for u, k in zip(own, levels, strict=True))
        objective = sum(g[k] for g, k in zip(gain, levels, strict=True))
        for other in everything:
            if sum(u[k] for u, k in zip(own, other, strict=True)) >= worth + len(own) / GRID:
                assert sum(g[k] for g, k in zip(gain, other, strict=True)) <= objective + 1e-9


# ----- ratification, and where the other side stands ----------------------------------------------
def test_normal_cdf_is_close_to_the_exact_one() -> None:
    import math

    z = np.linspace(-6.0, 6.0, 241)
    exact = np.array([0.5 * (1.0 + math.erf(x / math.sqrt(2.0))) for x in z])
    assert np.max(np.abs(normal_cdf(z) - exact)) < 5e-4


def test_own_ratification_is_the_engines_rule() -> None:
    rules = rules_for(APRIL)
    state = rules.initial(5)
    rng = np.random.default_rng(5)
    for side in Side:
        obs = rules.observe(state, side)
        view = SelfView.of(obs)
        rat = Ratification(view, tuple(np.ones(n) for n in rules.space.sizes), np.full(len(rules.space.sizes), 0.1))
        packages = np.array([[int(rng.integers(n)) for n in rules.space.sizes] for _ in range(20)])
        for row, p in zip(packages, rat.mine(packages), strict=True):
            package = Package(tuple(int(k) for k in row))
            threshold = rules.side_model(side).domestic.threshold
            z = (rules.support(state, side, package) - threshold) / RATIFICATION_SPREAD
            assert p == pytest.approx(float(normal_cdf(np.array([z]))[0]), abs=1e-9)
            assert p == pytest.approx(view.ratification(package), abs=5e-4)


def test_the_other_sides_chance_rises_with_what_it_gets_and_with_balance() -> None:
    rules = rules_for(APRIL)
    view = SelfView.of(rules.observe(rules.initial(0), Side.US))
    n = len(rules.space.sizes)
    values = tuple(np.linspace(0.0, 1.0, size) for size in rules.space.sizes)
    rat = Ratification(view, values, np.full(n, 1.0 / n), Belief())
    low = np.zeros((1, n), dtype=np.int64)
    high = np.array([[size - 1 for size in rules.space.sizes]], dtype=np.int64)
    middle = np.array([[(size - 1) // 2 for size in rules.space.sizes]], dtype=np.int64)
    assert rat.theirs_passes(low)[0] < rat.theirs_passes(middle)[0] < rat.theirs_passes(high)[0]
    # About as much utility, all of it from half the issues: riskier than a little on every issue.
    lopsided = np.array([[size - 1 if i % 2 else 0 for i, size in enumerate(rules.space.sizes)]], dtype=np.int64)
    balanced = np.array(
        [[round(rat.their_utility(lopsided)[0] * (size - 1)) for size in rules.space.sizes]], dtype=np.int64
    )
    assert abs(rat.their_utility(balanced)[0] - rat.their_utility(lopsided)[0]) < 0.05
    assert rat.theirs_passes(balanced)[0] > rat.theirs_passes(lopsided)[0]


def test_stance_reads_ranges_values_and_red_lines_from_proposals() -> None:
    stance = Stance((5, 2))
    mine = Package((4, 1))  # this side wants issue 0 high and issue 1 at 1
    stance.update(mine, [Package((0, 0))])
    stance.update(mine, [Package((0, 0)), Package((2, 0))])
    assert list(stance.direction) == [1, 1]
    assert stance.low.tolist() == [0, 0] and stance.high.tolist() == [2, 0]
    values = stance.values()
    assert values[0][0] == 1.0 and values[0][4] == 0.0 and values[0][1] > values[0][3]
    acc = stance.acceptance({}, True)
    assert list(acc[0][:3]) == [1.0, 1.0, 1.0], "what it has proposed itself it can accept"
    assert 0.0 < acc[0][4] < acc[0][3] < 1.0, "beyond that, less the further it is"
    pulled = stance.pull_back(np.array([[4, 1], [1, 1]], dtype=np.int64))
    assert pulled.tolist() == [[2, 0], [1, 0]]
    declared = stance.acceptance({0: 2}, True)
    assert declared[0][3] == DECLARED and declared[0][2] == 1.0


def test_hard_settles_where_the_other_sides_legislature_can_ratify() -> None:
    """Against an opponent that concedes to its red lines, where its own legislature would throw the
    package out, the hard agent takes less than everything and the agreement passes on both sides."""
    rules = rules_for(TINY)
    for side in Side:
        ratified = 0
        for seed in range(6):
            state = Match(rules, {side: make("ai:hard"), side.other: Capitulating()}, seed).play()
            assert state.agreement is not None
            for vote in state.ratification:
                assert vote.support >= vote.threshold, f"{vote.body} would not pass the package"
            ratified += state.ending is not None and state.ending.value == "ratified"
        assert ratified >= 2
    # The trade-off agent, blind to the other side's legislature, holds out for the red lines.
    state = Match(rules, {Side.US: make("ai:tradeoff"), Side.USSR: Capitulating()}, 0).play()
    assert any(vote.support < vote.threshold for vote in state.ratification)


def test_hard_never_accepts_what_its_own_legislature_would_reject_before_the_end() -> None:
    rules = rules_for(APRIL)
    for seed in range(3):
        for side in Side:
            for opponent in ("ai:conceder", "ai:linear", "ai:tft-relative"):
                match = Match(rules, {side: make("ai:hard"), side.other: make(opponent)}, seed)
                state = match.play()
                if state.agreement is None or state.moves[-1].kind is not MoveKind.ACCEPT:
                    continue
                vote = next(v for v in state.ratification if v.side is side)
                assert vote.support >= vote.threshold - 0.02


def test_hard_reaches_agreement_with_an_opponent_that_bids_at_random() -> None:
    rules = rules_for(next(p for p in SHIPPED if p.stem == "warm-up"))
    agreed = 0
    for seed in range(5):
        for side in Side:
            state = Match(rules, {side: make("ai:hard"), side.other: make("ai:random")}, seed).play()
            agreed += state.agreement is not None
    assert agreed >= 3


def test_hard_self_play_ratifies_on_every_shipped_scenario() -> None:
    for path in SHIPPED:
        rules = rules_for(path)
        for seed in range(2):
            state = Match(rules, {Side.US: make("ai:hard"), Side.USSR: make("ai:hard")}, seed).play()
            assert state.agreement is not None, path.stem
            for vote in state.ratification:
                assert vote.support >= vote.threshold, (path.stem, vote.body)


def test_hard_decides_deterministically_and_keeps_no_state_across_games() -> None:
    rules = rules_for(APRIL)
    agent = Hard()
    first = Match(rules, {Side.US: agent, Side.USSR: make("ai:tft-relative")}, 3).play()
    again = Match(rules, {Side.US: agent, Side.USSR: make("ai:tft-relative")}, 3).play()
    assert first == again


# ----- personas ------------------------------------------------------------------------------------
@pytest.mark.parametrize("opponent", ["ai:boulware", "ai:conceder", "ai:hard", "ai:random", "persona:historical-baker"])
def test_karpov_never_moves_off_600_km(opponent: str) -> None:
    rules = rules_for(APRIL)
    alcm = rules.space.ids.index("alcm_range")
    six_hundred = rules.space.domains[alcm].index(600)
    declared = False
    for seed in range(4):
        match = Match(rules, {Side.USSR: make("persona:historical-karpov"), Side.US: make(opponent)}, seed)
        match.play()
        state = rules.initial(seed)
        for move in match.state.moves:
            if state.to_move is Side.USSR:
                if isinstance(move, Propose):
                    assert move.package.levels[alcm] == six_hundred
                if isinstance(move, Accept):
                    offer = state.offer_of(Side.US)
                    assert offer is not None and offer.levels[alcm] == six_hundred
                if isinstance(move, DeclareRedLine) and move.issue == alcm:
                    assert move.level == six_hundred
                    declared = True
            state = rules.apply(state, move)
    if opponent in ("ai:boulware", "ai:hard"):  # they ask for more than 600 km (a conceder does not)
        assert declared, "Karpov says so"


def test_a_persona_holds_firm_lines_stricter_than_its_brief() -> None:
    rules = rules_for(APRIL)
    sub = rules.space.ids.index("alcm_sublevel")
    line = rules.space.domains[sub].index(140)
    assert line is not None
    for seed in range(3):
        for opponent in ("ai:conceder", "ai:hard"):
            state = Match(
                rules, {Side.USSR: make("persona:hardliner-akhromeyev"), Side.US: make(opponent)}, seed
            ).play()
            for package in state.offer_history[Side.USSR.index]:
                assert package.levels[sub] <= line
            if state.agreement is not None:
                assert state.agreement.levels[sub] <= line


def test_an_unknown_persona_plays_its_default_strategy() -> None:
    rules = rules_for(TINY)
    for spec in ("persona:no-such-persona", "persona:historical-karpov"):
        state = Match(rules, {Side.US: make(spec), Side.USSR: make("ai:conceder")}, 1).play()
        assert state.ending is not None and state.ending.value != "forfeit"
        boulware = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, 1).play()
        assert state.moves == boulware.moves


def test_a_bluffing_persona_may_drop_its_line_late() -> None:
    rules = rules_for(TINY)
    scenario = rules.scenario
    bluffer = Persona(
        id="bluffer", name="Bluffer", description="d", strategy="boulware", firm={"range": 600}, bluffs=True
    )
    ussr = scenario.sides.ussr.model_copy(update={"personas": (bluffer,)})
    rules = Rules(scenario.model_copy(update={"sides": scenario.sides.model_copy(update={"ussr": ussr})}))
    agent = PersonaAgent("bluffer")
    agent.reset(Side.USSR, np.random.default_rng(0))
    state = rules.initial(0)
    early = rules.observe(state, Side.USSR)
    agent.act(early)
    assert agent.restrict(early).preferences.red_lines[0] == 0, "holds 600 km for now"
    late = replace(early, relative_time=0.9, declared_mine=((0, 0),))
    assert agent.restrict(late).preferences.red_lines == early.preferences.red_lines
    assert agent.restrict(late).declared_mine == ()


# ----- the whole move set, and the registry ------------------------------------------------------
def test_the_hard_agent_uses_more_than_proposals() -> None:
    rules = rules_for(APRIL)
    kinds = set()
    for seed in range(3):
        for side in Side:
            match = Match(rules, {side: make("ai:hard"), side.other: make("ai:boulware")}, seed)
            state = rules.initial(seed)
            for move in match.play().moves:
                if state.to_move is side:
                    kinds.add(move.kind)
                state = rules.apply(state, move)
    assert {MoveKind.PROPOSE, MoveKind.ARGUMENT, MoveKind.RED_LINE} <= kinds
    assert MoveKind.WALK_OUT not in kinds, "there is a zone of agreement: no reason to walk out"


def test_the_easy_agent_plays_only_proposals_and_acceptances() -> None:
    rules = rules_for(APRIL)
    state = Match(rules, {Side.US: make("ai:easy"), Side.USSR: make("ai:hard")}, 0).play()
    mine = {e.move.kind for e in state.log if e.move is not None and e.side is Side.US}
    assert mine <= {MoveKind.PROPOSE, MoveKind.ACCEPT}


def test_registry_specs() -> None:
    for difficulty in ("easy", "normal", "hard"):
        assert f"ai:{difficulty}" in names()
        assert BUILT_IN[difficulty].info.family == "difficulty"
    assert isinstance(make("persona:historical-karpov"), PersonaAgent)
    for bad in ("ai:nobody", "persona:", "bogus"):
        with pytest.raises(AgentError):
            make(bad)
    assert make("ai:tradeoff").info.models_opponent  # type: ignore[attr-defined]

"""A match: the rules, two agents and a seed. It owns all randomness and seeds its agents."""

from __future__ import annotations

import time
from collections.abc import Mapping

import numpy as np

from game.agents.base import AgentProtocol
from game.agents.registry import close
from game.agents.sandbox import AgentFailure, SandboxedAgent
from game.engine.moves import FireEvent, Forfeit, Move
from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import IllegalMoveError
from game.i18n import N_
from game.scenario.preferences import Side


def english(text: str, /, **fields: object) -> str:
    """A forfeit's reason as it is stored: in English, said in the reader's language when shown
    (`game.engine.reasons.said`)."""
    return text.format(**fields)


class Match:
    """Plays agents against each other through the one `Rules.apply` path.

    An agent that raises, overruns its time budget or returns an illegal move forfeits; the
    forfeit is a move like any other, so the record replays it. A plug-in agent runs in its own
    process: the match waits for it at most the budget (and a little for the pipe), then stops it.
    An in-process agent's time is checked when it returns.
    """

    def __init__(
        self,
        rules: Rules,
        agents: Mapping[Side, AgentProtocol],
        seed: int,
        *,
        time_budget: float | None = None,
        state: GameState | None = None,
    ) -> None:
        self.rules = rules
        self.agents = dict(agents)
        self.seed = seed
        self.time_budget = time_budget
        personas = {
            side: p for side, agent in agents.items() if isinstance(p := getattr(agent, "persona_id", None), str)
        }
        self.state = state if state is not None else rules.initial(seed, personas)
        self.broken: dict[Side, str] = {}
        for side, child in zip(Side, np.random.SeedSequence(seed).spawn(2), strict=True):
            try:
                agent = self.agents[side]
                if isinstance(agent, SandboxedAgent):
                    agent.timed_reset(side, np.random.default_rng(child), time_budget)
                else:
                    agent.reset(side, np.random.default_rng(child))
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - it forfeits at its first turn instead
                self.broken[side] = english(
                    N_("its agent failed to start: {error}"), error=f"{type(exc).__name__}: {exc}"
                )

    def decide(self) -> Move:
        """The move of the agent whose turn it is, or a forfeit saying why it has none."""
        side = self.state.to_move
        if side in self.broken:
            return Forfeit(self.broken[side])
        agent = self.agents[side]
        obs = self.rules.observe(self.state, side)
        try:
            if isinstance(agent, SandboxedAgent):
                move, spent = agent.timed_act(obs, self.time_budget)
            else:
                started = time.perf_counter()
                move = agent.act(obs)
                spent = time.perf_counter() - started
        except AgentFailure as exc:
            return Forfeit(exc.reason)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure of an agent forfeits, never crashes
            return Forfeit(english(N_("its agent failed: {error}"), error=f"{type(exc).__name__}: {exc}"))
        if self.time_budget is not None and spent > self.time_budget:
            return Forfeit(
                english(
                    N_("its agent took {spent} s, over the budget of {budget} s"),
                    spent=f"{spent:.2f}",
                    budget=f"{self.time_budget:.2f}",
                )
            )
        if isinstance(move, FireEvent):  # the instructor's move, never a delegation's
            return Forfeit(N_("its agent tried to fire one of the scenario's events, which only the instructor may do"))
        try:
            self.rules.check(self.state, move)
        except IllegalMoveError as exc:
            return Forfeit(english(N_("its agent played an illegal move: {reason}"), reason=exc.english))
        except Exception:  # noqa: BLE001 - a malformed object that the rules cannot even read
            return Forfeit(
                english(N_("its agent played something that is not a valid move: {move}"), move=f"{move!r:.200}")
            )
        return move

    def step(self) -> GameState:
        self.state = self.rules.apply(self.state, self.decide())
        return self.state

    def play(self, max_moves: int = 10_000, *, close: bool = True) -> GameState:
        """Play on until the game is over (or `max_moves` moves). With `close`, the agents are closed
        when it is over or if it breaks: a plug-in's process ends (its next `reset` starts another)."""
        try:
            for _ in range(max_moves):
                if self.state.over:
                    break
                self.step()
        except BaseException:
            if close:
                self.close()
            raise
        if close and self.state.over:
            self.close()
        return self.state

    def close(self) -> None:
        """Release what the agents hold: the processes of plug-in agents. Safe to call more than once."""
        close(self.agents.values())

"""The tutorial: a guided game of the warm-up, its steps, and the coach who sits across the table.

Plain Python, so the steps and the coach are tested headless; the window shows a step's text,
points at its target and waits until the step is done (`game/ui/coach.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.moves import MoveKind
from game.engine.state import GameState
from game.scenario.preferences import Side

SCENARIO = "warm-up"
PLAYER = Side.US
COACH = Side.USSR
COACH_SPEC = "tutorial:coach"
SEED = 1990
"""The seed of the guided game: with it the coach's last offer is ratified by both legislatures."""


def _moves(state: GameState, side: Side, kind: MoveKind) -> int:
    """How many moves of a kind a side has made, read from the record (a move's entry names its side)."""
    return sum(1 for e in state.log if e.side is side and e.move is not None and e.move.kind is kind)


def _offers(state: GameState, side: Side) -> int:
    return len(state.offer_history[side.index])


@dataclass(frozen=True)
class Step:
    """One thing the tutorial teaches: what the coach says, where it points, and when it is done.

    `target` names a part of the screen: a move ("propose", "argument", "accept", ...) points at the
    button for that move; "brief", "issues", "log", "clock" and "gauges" at the table's regions.
    A step is shown once `ready` holds (the other side has answered). It is done when `done` holds,
    or when the player reaches the scene `until_scene`; a step with neither waits for Next.
    """

    id: str
    scene: str
    text: str
    target: str = ""
    done: Callable[[GameState], bool] | None = None
    ready: Callable[[GameState], bool] | None = None
    until_scene: str = ""


STEPS: tuple[Step, ...] = (
    Step(
        "goals",
        "briefing",
        "This is your confidential brief: the other side never sees it. Read your goals: which issue "
        "matters most to you, where you open, and your red lines, the values you must never go beyond. "
        "Then go to the table.",
        target="brief",
        until_scene="table",
    ),
    Step(
        "table",
        "table",
        "This is the table. Each row is an issue: you see the Soviet offer and yours side by side. "
        "The Soviet side has opened at 600 km and 600 missiles.",
        target="issues",
    ),
    Step(
        "propose",
        "table",
        "Your turn. Choose a value for each issue (Up/Down picks an issue, Left/Right its value), then "
        "propose your package. Ask high on the SLCM ceiling: it matters most to you.",
        target="propose",
        done=lambda s: _moves(s, PLAYER, MoveKind.PROPOSE) >= 1,
    ),
    Step(
        "answer",
        "table",
        "Read their answer: what Karpov said is in the record, and his new offer is on the issue rows. "
        "He moved on SLCMs and kept 600 km.",
        target="log",
        ready=lambda s: _offers(s, COACH) >= 2,
    ),
    Step(
        "argument",
        "table",
        "Arguments make the other side more flexible on the issues they target, less so each time. "
        "Table one: tell them you already moved several hundred kilometres.",
        target="argument",
        done=lambda s: _moves(s, PLAYER, MoveKind.ARGUMENT) >= 1,
    ),
    Step(
        "red_line",
        "table",
        "They answered with a red line: a public commitment not to go beyond a value. It is marked on "
        "the issue's row. Backing off a red line later costs a delegation trust and support at home.",
        target="issues",
        ready=lambda s: bool(s.declared[COACH.index]),
    ),
    Step(
        "deadline",
        "table",
        "Watch the clock: every exchange uses time, and the Washington summit is the deadline. With no "
        "agreement by then, both sides get only their no-deal value.",
        target="clock",
    ),
    Step(
        "again",
        "table",
        "Propose once more: come a little closer on the ALCM range, and keep the SLCM ceiling high.",
        target="propose",
        done=lambda s: _moves(s, PLAYER, MoveKind.PROPOSE) >= 2,
    ),
    Step(
        "accept",
        "table",
        "They have made a real offer: 700 km and 880 missiles, inside your red lines, with the SLCM "
        "ceiling you care about most. The gauges show what it is worth to you. Accept it.",
        target="accept",
        done=lambda s: s.agreement is not None or s.over,
        ready=lambda s: _offers(s, COACH) >= 3,
    ),
    Step(
        "ratify",
        "ending",
        "An agreement is only ad referendum: the Senate needs two thirds and the Supreme Soviet a majority. "
        "Watch the votes; a deal too poor for either side fails at home and counts as no deal.",
        until_scene="debrief",
    ),
    Step(
        "done",
        "debrief",
        "That is a whole negotiation. The debrief shows what you won and what was possible. Next, try the "
        "warm-up on your own, then April 1990, the full game, from either side.",
        target="",
    ),
)


def step_index(step_id: str) -> int:
    return next((i for i, step in enumerate(STEPS) if step.id == step_id), 0)

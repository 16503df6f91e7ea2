"""The tutorial: a guided game of the warm-up, its steps, and the coach who sits across the table.

Plain Python, so the steps and the coach are tested headless; the window shows a step's text,
points at its target and waits until the step is done (`game/ui/coach.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.moves import MoveKind
from game.engine.state import GameState
from game.i18n import N_, tr
from game.scenario.preferences import Side

if TYPE_CHECKING:
    from game.engine.rules import Rules

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


ARGUE_UNMOVED = N_(
    "Arguments make the other side more flexible on the issues they target, less so each time. Click “Argue” "
    "(G) and table one true of what you did: you have not come down on the ALCM range, so “{declare}” (on the SLCM "
    "ceiling) fits, and “{moved}” would not yet."
)
ARGUE_MOVED = N_(
    "Arguments make the other side more flexible on the issues they target, less so each time. Click “Argue” "
    "(G) and table one: you came down from {start} to {now} on the ALCM range while they held 600 km, and “{moved}” says so."
)


ARGUE_DIALOG = N_(
    "Click a card on the left to read it on the right (“{declare}” is the one that fits now), then click "
    "“Table it” at the bottom right, or press Enter. A card's number tables it at once."
)


ACCEPT_WORTH = N_(
    "Under the table, “their standing offer, {theirs}/100” is its worth to you: not a failing mark, as 0 is "
    "no deal and 100 all you asked for."
)
ACCEPT_IT = N_("Accept it.")
ACCEPT_HISTORY = N_("History's {year} deal scores {h}/100.")


def worth(rules: Rules, state: GameState) -> str:
    """The accept step's reading of the score under the table: their offer for the player, against history."""
    from game.analysis.verdict import historical_levels
    from game.engine.rules import score
    from game.scenario.preferences import Package

    prefs = rules.preferences(state, PLAYER)
    offers = state.offer_history[COACH.index]
    if not offers:
        return ""
    words = tr(ACCEPT_WORTH, theirs=f"{score(prefs.utility(offers[-1]), prefs.no_deal):.0f}")
    history = historical_levels(rules.scenario, rules.space)
    past = rules.scenario.historical
    if past is None or all(h is None for h in history):
        return words
    package = Package(tuple(h if h is not None else o for h, o in zip(history, offers[-1].levels, strict=True)))
    h = score(prefs.utility(package), prefs.no_deal)
    return f"{words} {tr(ACCEPT_HISTORY, year=f'{past.date:%Y}', h=f'{h:.0f}')}"


def _alcm_moved(rules: Rules, state: GameState) -> tuple[str, str] | None:
    """Where the player has come down from on the ALCM range and to, when it is 200 km or more; else None."""
    space = rules.public.space
    issue = space.ids.index("alcm_range")
    domain = space.domains[issue]
    start = rules.preferences(state, PLAYER).opening.levels[issue]
    offers = state.offer_history[PLAYER.index]
    now = min((o.levels[issue] for o in offers), default=start, key=lambda level: float(domain.levels[level]))
    if float(domain.levels[start]) - float(domain.levels[now]) >= 200:
        return domain.format(domain.levels[start]), domain.format(domain.levels[now])
    return None


def say(step: Step, rules: Rules | None, state: GameState | None) -> str:
    """What the coach says at a step, in the player's language: the argument step tells what the player
    really did (it never claims a move on the ALCM range the player has not made); the accept step reads
    the offer's score under the table."""
    if step.id == "accept":
        extra = worth(rules, state) if rules is not None and state is not None else ""
        return " ".join(part for part in (tr(step.text), extra, tr(ACCEPT_IT)) if part)
    if step.id != "argument" or rules is None or state is None:
        return tr(step.text)
    titles = {a.id: a.title for a in rules.scenario.arguments}
    moved, declare = titles.get("us-several-hundred-km", ""), titles.get("us-what-we-have", "")
    came_down = _alcm_moved(rules, state)
    if came_down is not None:
        return tr(ARGUE_MOVED, start=came_down[0], now=came_down[1], moved=moved)
    return tr(ARGUE_UNMOVED, declare=declare, moved=moved)


def fitting_card(rules: Rules | None, state: GameState | None) -> str:
    """The id of the argument card the coach names: the one true of what the player did."""
    moved = rules is not None and state is not None and _alcm_moved(rules, state) is not None
    return "us-several-hundred-km" if moved else "us-what-we-have"


def say_in_dialog(rules: Rules | None, state: GameState | None = None) -> str:
    """The argument step's words while the argument dialog is open: exactly what to click, the same card the
    coach named at the table (the one true of what the player did)."""
    titles = {a.id: a.title for a in rules.scenario.arguments} if rules is not None else {}
    return tr(ARGUE_DIALOG, declare=titles.get(fitting_card(rules, state), ""))


STEPS: tuple[Step, ...] = (
    Step(
        "goals",
        "briefing",
        N_(
            "This is your confidential brief: the other side never sees it. Read your goals: which issue "
            "matters most to you, where you open, and your red lines, the values you must never go beyond. "
            "Then go to the table."
        ),
        target="brief",
        until_scene="table",
    ),
    Step(
        "table",
        "table",
        N_(
            "This is the table. Each row is an issue: you see the Soviet offer and yours side by side. "
            "The Soviet side has opened at 600 km and 600 missiles."
        ),
        target="issues",
    ),
    Step(
        "propose",
        "table",
        N_(
            "Your turn. Choose a value for each issue (Up/Down picks an issue, Left/Right its value), then "
            "propose your package. Your draft already asks the most on the SLCM ceiling, the issue that matters most "
            "to you: keep it there."
        ),
        target="propose",
        done=lambda s: _moves(s, PLAYER, MoveKind.PROPOSE) >= 1,
    ),
    Step(
        "answer",
        "table",
        N_(
            "Read their answer: what Karpov said is in the record, and his new offer is on the issue rows. "
            "He moved on SLCMs and kept 600 km."
        ),
        target="log",
        ready=lambda s: _offers(s, COACH) >= 2,
    ),
    Step(
        "argument",
        "table",
        ARGUE_UNMOVED,
        target="argument",
        done=lambda s: _moves(s, PLAYER, MoveKind.ARGUMENT) >= 1,
    ),
    Step(
        "red_line",
        "table",
        N_(
            "They answered with a red line: a public commitment not to go beyond a value. It is marked on "
            "the issue's row. Backing off a red line later costs a delegation trust and support at home."
        ),
        target="issues",
        ready=lambda s: bool(s.declared[COACH.index]),
    ),
    Step(
        "deadline",
        "table",
        N_(
            "Watch the clock: every exchange uses time, and the Washington summit is the deadline. With no "
            "agreement by then, both sides get only their no-deal value: what each keeps without a treaty, 0 on the "
            "0 to 100 score."
        ),
        target="clock",
    ),
    Step(
        "again",
        "table",
        N_("Propose once more: come a little closer on the ALCM range, and keep the SLCM ceiling high."),
        target="propose",
        done=lambda s: _moves(s, PLAYER, MoveKind.PROPOSE) >= 2,
    ),
    Step(
        "accept",
        "table",
        N_(
            "Their offer, 700 km and 880 missiles, is inside your red lines and keeps the SLCM ceiling you "
            "care about most."
        ),
        target="accept",
        done=lambda s: s.agreement is not None or s.over,
        ready=lambda s: _offers(s, COACH) >= 3,
    ),
    Step(
        "ratify",
        "ending",
        N_(
            "An agreement is only ad referendum: the Senate needs two thirds and the Supreme Soviet a majority. "
            "Watch the votes; a deal too poor for either side fails at home and counts as no deal."
        ),
        until_scene="debrief",
    ),
    Step(
        "done",
        "debrief",
        N_(
            "That is a whole negotiation. The debrief shows what you won and what was possible. Next, try the "
            "warm-up on your own, then April 1990, the full game, from either side."
        ),
        target="",
    ),
)


def step_index(step_id: str) -> int:
    return next((i for i, step in enumerate(STEPS) if step.id == step_id), 0)

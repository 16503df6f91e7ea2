"""Every move is spoken: a line of dialogue from the scenario's phrases or the defaults."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    Forfeit,
    Move,
    MoveKind,
    Propose,
    TableArgument,
    WalkOut,
)
from game.engine.reasons import said
from game.engine.state import GameState
from game.i18n import N_, tr
from game.safe_text import plain
from game.scenario.preferences import Package, Side
from game.scenario.templates import fill

if TYPE_CHECKING:
    from game.engine.rules import Rules

LABELS: dict[MoveKind, str] = {
    MoveKind.PROPOSE: N_("propose"),
    MoveKind.ACCEPT: N_("accept"),
    MoveKind.RED_LINE: N_("red line"),
    MoveKind.ARGUMENT: N_("argument"),
    MoveKind.CONSULT: N_("consult"),
    MoveKind.ADJOURN: N_("adjourn"),
    MoveKind.WALK_OUT: N_("walk out"),
    MoveKind.FORFEIT: N_("forfeit"),
}
"""A move's label in the log, by kind (a proposal's label says what it changed)."""

# The phrases are words, shown in the player's language: the engine applies the same moves whatever
# the language, and only these texts differ.
DEFAULTS: dict[MoveKind | str, tuple[str, ...]] = {
    MoveKind.PROPOSE: (
        N_("We put the following on the table: {changes}."),
        N_("Our position is as follows: {changes}."),
        N_("Let me state where we stand: {changes}."),
    ),
    "hold": (
        N_("We see no reason to change our position: {package}."),
        N_("Our position stands as before: {package}."),
    ),
    MoveKind.ACCEPT: (
        N_("We can accept your package, ad referendum."),
        N_("Then we have an agreement, subject to ratification."),
    ),
    MoveKind.RED_LINE: (
        N_("On {issue}, {value} is as far as we can go; here we have no room for concessions."),
        N_("I must tell you plainly: on {issue} we cannot go beyond {value}."),
    ),
    MoveKind.ARGUMENT: (N_("{argument}"),),
    MoveKind.CONSULT: (
        N_("I will have to consult my capital before we go any further."),
        N_("I must seek instructions on this."),
    ),
    MoveKind.ADJOURN: (
        N_("I suggest we leave it there for today and take it up again at the next meeting."),
        N_("Let us adjourn; our experts can continue the work."),
    ),
    MoveKind.WALK_OUT: (N_("We see no basis for continuing these talks."),),
    MoveKind.FORFEIT: (N_("The delegation cannot continue: {reason}"),),
}


def say(rules: Rules, state: GameState, side: Side, move: Move) -> tuple[str, str, str]:
    """The speaker, the words and a short label (what kind of move it was) for a move."""
    pick = random.Random(f"{state.seed}:{state.turn}")
    own = rules.scenario.dialogue.us if side is Side.US else rules.scenario.dialogue.ussr
    key: MoveKind | str = move.kind
    if isinstance(move, Propose) and move.package == state.offer_of(side):
        key = "hold"
    name = key if isinstance(key, str) else key.value
    phrase = pick.choice(
        fitting(move, state.offer_of(side), own.get(name, ())) or tuple(tr(p) for p in DEFAULTS[key])  # type: ignore[call-overload]
    )
    fields = {
        "speaker": rules.speaker(state, side),
        "issue": "",
        "value": "",
        "changes": "",
        "package": "",
        "argument": "",
        "reason": "",
    }
    label = tr(LABELS[move.kind])
    detail = ""
    if isinstance(move, Propose):
        previous = state.offer_of(side)
        label, changes = describe_proposal(rules, state, side, previous, move.package)
        fields["changes"] = changes
        fields["package"] = rules.space.describe(move.package)
        detail = changes
    elif isinstance(move, Accept):
        package = state.offer_of(side.other)
        fields["package"] = rules.space.describe(package) if package else ""
    elif isinstance(move, DeclareRedLine):
        domain = rules.space.domains[move.issue]
        fields["issue"] = rules.space.names[move.issue]
        fields["value"] = domain.format(domain.levels[move.level])
        detail = tr("red line on {issue}: {value}", issue=fields["issue"], value=fields["value"])
    elif isinstance(move, TableArgument):
        argument = rules.arguments[move.argument]
        fields["argument"] = argument.text
        detail = argument.text
        label = tr("argument: {title}", title=argument.title)
    elif isinstance(move, Forfeit):
        fields["reason"] = detail = plain(said(move.reason))  # a plug-in's words: no control characters
    elif isinstance(move, ConsultCapital | Adjourn | WalkOut):
        pass
    text = fill(phrase, fields)
    if detail and detail not in text:
        text = f"{text} ({detail})" if isinstance(move, Propose | DeclareRedLine) else f"{text} {detail}"
    return fields["speaker"], text, label


def fitting(move: Move, previous: Package | None, phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases that suit this move. A proposal's phrase must match whether it is the side's first:
    a first proposal states a whole package ({package}); a later one says what changed ({changes}), so an
    opening never reads "we have moved again" and a concession never reads as a first statement."""
    if not isinstance(move, Propose) or move.package == previous:
        return phrases
    wanted, unwanted = ("{package}", "{changes}") if previous is None else ("{changes}", "{package}")
    return tuple(p for p in phrases if wanted in p or unwanted not in p)


def describe_proposal(
    rules: Rules, state: GameState, side: Side, previous: Package | None, package: Package
) -> tuple[str, str]:
    """A label ('opening proposal', 'concession on X', 'trade: X for Y', ...) and the changes in words."""
    space = rules.space
    if previous is None:
        return tr("opening proposal"), space.describe(package)
    prefs = rules.preferences(state, side)
    gave: list[str] = []
    took: list[str] = []
    parts: list[str] = []
    for i, (old, new) in enumerate(zip(previous.levels, package.levels, strict=True)):
        if old == new:
            continue
        domain = space.domains[i]
        now, was = domain.format(domain.levels[new]), domain.format(domain.levels[old])
        parts.append(tr("{issue} {value} (was {previous})", issue=space.shorts[i], value=now, previous=was))
        (gave if prefs.issue_utility(i, new) < prefs.issue_utility(i, old) else took).append(space.shorts[i])
    if not parts:
        return tr("position unchanged"), space.describe(package)
    if gave and took:
        label = tr("trade: {gave} for {took}", gave=", ".join(gave), took=", ".join(took))
    elif gave:
        label = tr("concession on {issues}", issues=", ".join(gave))
    else:
        label = tr("hardening on {issues}", issues=", ".join(took))
    return label, "; ".join(parts)

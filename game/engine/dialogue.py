"""Every move is spoken: a line of dialogue from the scenario's phrases or the defaults."""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from game.engine.movement import Movement, Shift, movement
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
from game.engine.state import EntryKind, GameState
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
# the language, and only these texts differ. A proposal is spoken by how it moved (see movement.py):
# an opening states the package, a concession, a retraction or a trade says what changed, a proposal
# repeated unchanged says so without reading the package out again (the table shows it).
DEFAULTS: dict[MoveKind | str, tuple[str, ...]] = {
    MoveKind.PROPOSE: (
        N_("We put the following on the table: {package}."),
        N_("Let me state where we stand: {package}."),
        N_("We propose a different balance: {changes}."),
        N_("Let us try another combination: {changes}."),
    ),
    "concede": (
        N_("We can move: {changes}."),
        N_("We are prepared to take a step toward you: {changes}."),
    ),
    "retract": (
        N_("We have to go back on what we offered: {changes}."),
        N_("On reflection we must harden our position: {changes}."),
    ),
    "hold": (
        N_("We see no reason to change our position."),
        N_("Our position stands as before."),
    ),
    "acknowledge": (
        N_("We note the step you have taken."),
        N_("We welcome the movement on your side."),
    ),
    "unmoved": (
        N_("Your position has not moved."),
        N_("There has been no movement on your side."),
    ),
    "backtracked": (
        N_("You have gone back on what you offered."),
        N_("You have hardened your position."),
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

SPOKEN: dict[Shift, MoveKind | str] = {
    Shift.OPENING: MoveKind.PROPOSE,
    Shift.TRADE: MoveKind.PROPOSE,
    Shift.CONCESSION: "concede",
    Shift.RETRACTION: "retract",
    Shift.HOLD: "hold",
}
"""The phrases a proposal is spoken with, by how it moved."""
ANSWERED: dict[Shift, str] = {Shift.CONCESSION: "acknowledge", Shift.HOLD: "unmoved", Shift.RETRACTION: "backtracked"}
"""The opening words a proposal answers the other side's last proposal with, by how that one moved
(an opening or a trade is answered by the proposal alone)."""


def say(rules: Rules, state: GameState, side: Side, move: Move) -> tuple[str, str, str]:
    """The speaker, the words and a short label (what kind of move it was) for a move."""
    pick = random.Random(f"{state.seed}:{state.turn}")
    fields = {
        "speaker": rules.speaker(state, side),
        "issue": "",
        "value": "",
        "changes": "",
        "package": "",
        "argument": "",
        "reason": "",
    }
    key: MoveKind | str = move.kind
    label = tr(LABELS[move.kind])
    detail = ""
    answer = ""
    if isinstance(move, Propose):
        shift = proposal_movement(rules, state, side, move.package)
        key = SPOKEN[shift.shift]
        label = describe_proposal(rules, state, side, move.package)
        fields["changes"] = spoken_changes(rules, state, side, move.package, shift)
        fields["package"] = rules.space.describe(move.package)
        detail = "" if shift.shift is Shift.HOLD else fields["changes"]
        answer = answer_to_the_other_side(rules, state, side, pick)
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
    phrase = pick.choice(phrases(rules, state, side, key, move))
    text = fill(phrase, fields)
    if detail and detail not in text:
        text = f"{text} ({detail})" if isinstance(move, Propose | DeclareRedLine) else f"{text} {detail}"
    return fields["speaker"], f"{answer} {text}" if answer else text, label


def phrases(rules: Rules, state: GameState, side: Side, key: MoveKind | str, move: Move) -> tuple[str, ...]:
    """The phrases that may speak a move: the scenario's for its kind, else the game's own. A concession
    with no phrases of its own may use the scenario's proposals; a retraction never does, as those may
    speak of moving toward the other side."""
    own = rules.scenario.dialogue.us if side is Side.US else rules.scenario.dialogue.ussr
    name = key if isinstance(key, str) else key.value
    place = rules.meetings[state.meeting].place
    previous = state.offer_of(side)
    for kind in (name, "propose") if name == "concede" else (name,):
        found = fitting(move, previous, tuple(p for p in own.get(kind, ()) if not names_place(p, place)))  # type: ignore[call-overload]
        if found:
            return found
    return fitting(move, previous, tuple(tr(p) for p in DEFAULTS[key])) or tuple(tr(p) for p in DEFAULTS[key])


def fitting(move: Move, previous: Package | None, phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases that suit this move. A proposal's phrase must match whether it is the side's first:
    a first proposal states a whole package ({package}); a later one says what changed ({changes}), so an
    opening never reads "we have moved again" and a concession never reads as a first statement."""
    if not isinstance(move, Propose) or move.package == previous:
        return phrases
    wanted, unwanted = ("{package}", "{changes}") if previous is None else ("{changes}", "{package}")
    return tuple(p for p in phrases if wanted in p or unwanted not in p)


def answer_to_the_other_side(rules: Rules, state: GameState, side: Side, pick: random.Random) -> str:
    """The words that answer the other side's last proposal, if it is the move just made: an
    acknowledgement only if it moved toward this side, that it did not move if it did not."""
    last = next((e for e in reversed(state.log) if e.kind is EntryKind.MOVE), None)
    history = state.offer_history[side.other.index]
    if last is None or last.side is not side.other or not isinstance(last.move, Propose) or len(history) < 2:
        return ""
    key = ANSWERED.get(moved(rules, state, side.other, history[-2], history[-1]).shift)
    if key is None:
        return ""
    own = rules.scenario.dialogue.us if side is Side.US else rules.scenario.dialogue.ussr
    place = rules.meetings[state.meeting].place
    found = tuple(p for p in own.get(key, ()) if not names_place(p, place))  # type: ignore[call-overload]
    return fill(pick.choice(found or tuple(tr(p) for p in DEFAULTS[key])), {"speaker": rules.speaker(state, side)})


def names_place(phrase: str, place: str) -> bool:
    """Whether a phrase names the place the meeting is in, in any case form ('Moscow'; 'в Москву',
    'в Москве' for 'Москва'): 'take that back to Moscow' is not said in Moscow."""
    stems = [w[:-1] if w[-1].lower() in "aeiouyаеёиоуыэюяй" else w for w in re.findall(r"\w{4,}", place)]
    return any(re.search(rf"(?<!\w){re.escape(stem)}\w{{0,3}}(?!\w)", phrase, re.IGNORECASE) for stem in stems)


def proposal_movement(rules: Rules, state: GameState, side: Side, package: Package) -> Movement:
    """How a side's proposal moves from its standing offer."""
    return moved(rules, state, side, state.offer_of(side), package)


def moved(rules: Rules, state: GameState, side: Side, previous: Package | None, package: Package) -> Movement:
    """How a side's proposal moved from `previous`, measured against the two sides' openings."""
    openings = tuple(h[0] if h else None for h in state.offer_history)
    own, other = openings[side.index], openings[side.other.index]
    return movement(rules.preferences(state, side), previous, package, own, other)


def spoken_changes(rules: Rules, state: GameState, side: Side, package: Package, shift: Movement) -> str:
    """What changed, in words for the speech: each issue by its name, with the value it had before
    ('on ALCM range threshold, 700 km instead of 1500 km'), and that the rest stands. An opening is the package."""
    space = rules.space
    previous = state.offer_of(side)
    if previous is None:
        return space.describe(package)
    parts = []
    for i, (old, new) in enumerate(zip(previous.levels, package.levels, strict=True)):
        if old != new:
            domain = space.domains[i]
            value, was = domain.format(domain.levels[new]), domain.format(domain.levels[old])
            parts.append(
                tr("on {issue}, {value} instead of {previous}", issue=space.names[i], value=value, previous=was)
            )
    changes = "; ".join(parts)
    if parts and len(parts) < len(package.levels):
        return tr("{changes}; on the rest our position stands", changes=changes)
    return changes


def describe_proposal(rules: Rules, state: GameState, side: Side, package: Package) -> str:
    """A label for the log ('opening proposal', 'concession on X', 'hardening on X', 'trade: X for Y'):
    by the same reading of the numbers as the words, so the label and the speech agree."""
    shift = proposal_movement(rules, state, side, package)
    shorts = rules.space.shorts
    gave = ", ".join(shorts[i] for i in shift.toward)
    took = ", ".join(shorts[i] for i in shift.away)
    if shift.shift is Shift.OPENING:
        return tr("opening proposal")
    if shift.shift is Shift.HOLD:
        return tr("position unchanged")
    if shift.shift is Shift.TRADE:
        return tr("trade: {gave} for {took}", gave=gave, took=took)
    if shift.shift is Shift.CONCESSION:
        return tr("concession on {issues}", issues=gave)
    return tr("hardening on {issues}", issues=took)

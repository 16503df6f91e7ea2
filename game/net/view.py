"""A seat's view of its table's game: what the server sends a seat after every change, and how the client
reads it back into a `GameState`.

The server holds the game (`Rules.apply` on the whole scenario); a seat is sent the state as its delegation
may see it: the public record (offers, declared red lines, arguments, events, time, the turn), its own side's
numbers (its red lines and weights as events moved them, its trust, support and flexibility), and the log
entries it may read (never the other side's private instructions). The other side's red lines, weights,
trust, support and flexibility are not in it: the client fills them with its own copy's placeholders, which
nothing it shows reads. The log is sent from `log_start` on: the entries the seat has not seen.

On the client the view is untrusted: a strict model (no field it does not have, JSON types as they are,
bounded lengths), then checked against the scenario (every package, level, issue and meeting within it),
before the window sees it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, TypeAdapter, ValidationError

from game.engine.moves import DeclareRedLine, Move, Propose
from game.engine.rules import Rules
from game.engine.state import Ending, GameState, LogEntry
from game.errors import CruiseControlError
from game.scenario.preferences import Package, Side

MAX_ITEMS = 10_000
"""The longest list a view may hold (log entries, offers, arguments): far beyond any game's, and the frame's
4 MiB bounds the whole anyway."""

Count = Annotated[int, Strict(), Field(ge=0, le=1_000_000)]
Level = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
Ids = Annotated[tuple[Annotated[str, Strict(), Field(max_length=100)], ...], Field(max_length=MAX_ITEMS)]
Packages = Annotated[tuple[Package, ...], Field(max_length=MAX_ITEMS)]
Declared = Annotated[tuple[tuple[Level, Level], ...], Field(max_length=MAX_ITEMS)]
Numbers = Annotated[tuple[Number, ...], Field(max_length=MAX_ITEMS)]
Levels = Annotated[tuple[Level, ...], Field(max_length=MAX_ITEMS)]


class ViewError(CruiseControlError):
    """The server sent a view of the game that is not one of this scenario's."""


class SeatView(BaseModel):
    """The game as one seat may see it (per-side fields are this seat's own)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    """Numbers and ids are strict (a number is a JSON number); a package, a log entry and its move are read
    by their dataclasses (which strict mode cannot do for a move chosen by its kind), then checked against
    the scenario (`_check`)."""
    turn: Count
    meeting: Count
    used: Count
    elapsed: Count
    to_move: Side
    offers: tuple[Package | None, Package | None]
    offer_history: tuple[Packages, Packages]
    declared: tuple[Declared, Declared]
    tabled: Ids
    consulted: tuple[Count, Count]
    fired: Ids
    ending: Ending | None
    ended_by: Side | None
    agreement: Package | None
    trust: Number
    support_shift: Number
    weight_factors: Numbers
    red_lines: Levels
    flexibility: Numbers
    log_start: Count
    log: Annotated[tuple[LogEntry, ...], Field(max_length=MAX_ITEMS)]


_VIEW = TypeAdapter(SeatView)


def visible(state: GameState, side: Side) -> int:
    """How many of the log's entries a side may read: where its next view's log starts."""
    return sum(1 for e in state.log if e.visible_to(side))


def view_of(state: GameState, side: Side, log_start: int = 0) -> dict[str, Any]:
    """The state as `side` may see it, as plain JSON data, with the log from its `log_start`th visible entry."""
    i = side.index
    log = tuple(e for e in state.log if e.visible_to(side))[log_start:]
    view = SeatView.model_construct(  # the server's own state: nothing to check, only to send
        turn=state.turn,
        meeting=state.meeting,
        used=state.used,
        elapsed=state.elapsed,
        to_move=state.to_move,
        offers=state.offers,
        offer_history=state.offer_history,
        declared=state.declared,
        tabled=state.tabled,
        consulted=state.consulted,
        fired=state.fired,
        ending=state.ending,
        ended_by=state.ended_by,
        agreement=state.agreement,
        trust=state.trust[i],
        support_shift=state.support_shift[i],
        weight_factors=state.weight_factors[i],
        red_lines=state.red_lines[i],
        flexibility=state.flexibility[i],
        log_start=log_start,
        log=log,
    )
    data: dict[str, Any] = view.model_dump(mode="json")
    return data


def read_view(data: object) -> SeatView:
    """A view from the server, checked against the model; raises ViewError."""
    try:
        return _VIEW.validate_python(data)
    except (ValidationError, ValueError, TypeError, RecursionError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": str(exc)}
        where = ".".join(str(x) for x in first["loc"])
        raise ViewError(f"the class server sent a game this client cannot read ({where}: {first['msg']})") from exc


def state_of(view: SeatView, rules: Rules, side: Side, before: GameState, moves: tuple[Move, ...]) -> GameState:
    """The game as this seat holds it: `before` (the last one, or the start) brought to the view, with the
    moves so far. The other side's own numbers stay `before`'s (its copy's placeholders); raises ViewError
    if the view is not one of this scenario's."""
    _check(view, rules, side, before)
    i = side.index

    def mine(pair: tuple[Any, Any], value: Any) -> tuple[Any, Any]:
        return (value, pair[1]) if i == 0 else (pair[0], value)

    return replace(
        before,
        turn=view.turn,
        meeting=view.meeting,
        used=view.used,
        elapsed=view.elapsed,
        to_move=view.to_move,
        offers=view.offers,
        offer_history=view.offer_history,
        declared=view.declared,
        tabled=view.tabled,
        consulted=view.consulted,
        fired=view.fired,
        ending=view.ending,
        ended_by=view.ended_by,
        agreement=view.agreement,
        trust=mine(before.trust, view.trust),
        support_shift=mine(before.support_shift, view.support_shift),
        weight_factors=mine(before.weight_factors, view.weight_factors),
        red_lines=mine(before.red_lines, view.red_lines),
        flexibility=mine(before.flexibility, view.flexibility),
        log=(*before.log[: view.log_start], *view.log),
        moves=moves,
    )


def _check(view: SeatView, rules: Rules, side: Side, before: GameState) -> None:
    space = rules.space
    n, sizes = len(space.ids), space.sizes
    meetings = len(rules.meetings)

    def package_ok(p: Package | None) -> bool:
        return p is None or (len(p.levels) == n and space.is_valid(p))

    def new_offers(k: int) -> tuple[Package, ...]:
        """The offers this view adds to `before`'s history, which were checked when they came."""
        known, told = before.offer_history[k], view.offer_history[k]
        return told[len(known) :] if told[: len(known)] == known else told

    problems = [
        (view.meeting >= meetings, "meeting"),
        (view.log_start > len(before.log), "log_start"),
        (not all(package_ok(p) for p in (*view.offers, view.agreement, *new_offers(0), *new_offers(1))), "offers"),
        (any(not (0 <= k < n and 0 <= lv < sizes[k]) for d in view.declared for k, lv in d), "declared"),
        (
            len(view.red_lines) != n or any(not 0 <= lv < s for lv, s in zip(view.red_lines, sizes, strict=False)),
            "red_lines",
        ),
        (len(view.weight_factors) != n or any(not 0.0 < f < 1e6 for f in view.weight_factors), "weight_factors"),
        (len(view.flexibility) != n or any(not 0.0 <= f <= 1.0 for f in view.flexibility), "flexibility"),
        (not 0.0 <= view.trust <= 1.0 or not -10.0 <= view.support_shift <= 10.0, "trust"),
    ]
    for entry in view.log:
        move = entry.move
        bad_move = (isinstance(move, Propose) and not package_ok(move.package)) or (
            isinstance(move, DeclareRedLine) and not (0 <= move.issue < n and 0 <= move.level < sizes[move.issue])
        )
        problems.append((entry.meeting >= meetings or entry.private_to not in (None, side) or bad_move, "log"))
    wrong = [what for bad, what in problems if bad]
    if wrong:
        raise ViewError(f"the class server sent a game this scenario cannot have ({wrong[0]})")

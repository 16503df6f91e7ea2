"""The moves a delegation can make: value objects, their plain-data form for saves, and the tagged form
a plug-in's process reads them in (`TaggedMove`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args

from pydantic import BeforeValidator, Discriminator, SerializerFunctionWrapHandler, Tag, WrapSerializer

from game.errors import MalformedMoveError
from game.i18n import N_
from game.safe_text import shown
from game.scenario.preferences import Package, Space


class MoveKind(Enum):
    PROPOSE = "propose"
    ACCEPT = "accept"
    RED_LINE = "red_line"
    ARGUMENT = "argument"
    CONSULT = "consult"
    ADJOURN = "adjourn"
    WALK_OUT = "walk_out"
    FORFEIT = "forfeit"
    EVENT = "event"


@dataclass(frozen=True)
class Propose:
    """Table a full package (it stands until replaced)."""

    package: Package
    kind = MoveKind.PROPOSE


@dataclass(frozen=True)
class Accept:
    """Accept the other side's standing package, ad referendum."""

    kind = MoveKind.ACCEPT


@dataclass(frozen=True)
class DeclareRedLine:
    """Commit publicly not to go beyond a level on an issue."""

    issue: int
    level: int
    kind = MoveKind.RED_LINE


@dataclass(frozen=True)
class TableArgument:
    argument: str
    kind = MoveKind.ARGUMENT


@dataclass(frozen=True)
class ConsultCapital:
    kind = MoveKind.CONSULT


@dataclass(frozen=True)
class Adjourn:
    kind = MoveKind.ADJOURN


@dataclass(frozen=True)
class WalkOut:
    kind = MoveKind.WALK_OUT


@dataclass(frozen=True)
class Forfeit:
    """Recorded by the match when a delegation's agent fails (raises, times out, plays illegally)."""

    reason: str
    kind = MoveKind.FORFEIT


@dataclass(frozen=True)
class FireEvent:
    """The instructor brings one of the scenario's events in now, whatever its trigger. No side makes
    it and no time passes; it is recorded like any move so that the game replays with it."""

    event: str
    kind = MoveKind.EVENT


Move = Propose | Accept | DeclareRedLine | TableArgument | ConsultCapital | Adjourn | WalkOut | Forfeit | FireEvent
SIDE_MOVES = (Propose, Accept, DeclareRedLine, TableArgument, ConsultCapital, Adjourn, WalkOut)
"""What a delegation's player may choose; a forfeit is the match's, a fired event the instructor's."""


def _kind_of(value: Any) -> str | None:
    """A move's tag: its kind, from a move or from its JSON form (the moves without fields, such as
    Accept() and Adjourn(), are all `{}` without it, so it decides which class is built)."""
    if isinstance(value, Mapping):
        kind = value.get("kind")
        return kind if isinstance(kind, str) else None
    kind = getattr(value, "kind", None)
    return kind.value if isinstance(kind, MoveKind) else None


def _with_kind(move: Move, fields: SerializerFunctionWrapHandler) -> dict[str, Any]:
    return {"kind": move.kind.value, **fields(move)}


def _without_kind(value: Any) -> Any:
    """The fields of a move's JSON form, for its class (which takes no `kind`: that is a class attribute)."""
    return {key: item for key, item in value.items() if key != "kind"} if isinstance(value, Mapping) else value


if TYPE_CHECKING:
    TaggedMove = Move
else:
    TaggedMove = Annotated[
        Union[tuple(Annotated[cls, BeforeValidator(_without_kind), Tag(cls.kind.value)] for cls in get_args(Move))],  # noqa: UP007 - built from a tuple
        Discriminator(_kind_of),
        WrapSerializer(_with_kind, when_used="json"),
    ]
"""A move, for pydantic: written as `{"kind": ..., its fields}` and read back as the class its kind names,
one of the game's moves and nothing else (`LogEntry.move`, which observations carry to plug-ins)."""


def move_to_data(move: Move, space: Space) -> dict[str, Any]:
    """The plain, human-readable form of a move (issue ids and values, not indices)."""
    data: dict[str, Any] = {"kind": move.kind.value}
    if isinstance(move, Propose):
        data["package"] = space.values(move.package)
    elif isinstance(move, DeclareRedLine):
        data["issue"] = space.ids[move.issue]
        data["value"] = space.domains[move.issue].levels[move.level]
    elif isinstance(move, TableArgument):
        data["argument"] = move.argument
    elif isinstance(move, Forfeit):
        data["reason"] = move.reason
    elif isinstance(move, FireEvent):
        data["event"] = move.event
    return data


_SIMPLE: dict[str, Move] = {
    "accept": Accept(),
    "consult": ConsultCapital(),
    "adjourn": Adjourn(),
    "walk_out": WalkOut(),
}


def move_from_data(data: Any, space: Space) -> Move:
    """Parse a move's plain form; raises MalformedMoveError saying what is wrong."""
    if not isinstance(data, Mapping) or not isinstance(data.get("kind"), str):
        raise MalformedMoveError(N_("a move must be a mapping with a 'kind', not {data}"), data=shown(data))
    kind = data["kind"]
    try:
        if kind in _SIMPLE:
            return _SIMPLE[kind]
        if kind == "propose":
            package = data.get("package")
            if not isinstance(package, Mapping):
                raise MalformedMoveError(N_("a proposal needs a 'package' mapping issue -> value"))
            return Propose(space.package(package))
        if kind == "red_line":
            if data.get("issue") not in space.ids:
                raise MalformedMoveError(
                    N_("unknown issue {issue} in a red-line declaration"), issue=shown(data.get("issue"))
                )
            issue = space.ids.index(data["issue"])
            level = space.domains[issue].index(data["value"])
            if level is None:
                raise MalformedMoveError(
                    f"{data['issue']}: {space.domains[issue].why_not(data['value'])}"
                )  # said at once
            return DeclareRedLine(issue, level)
        if kind == "argument":
            return TableArgument(str(data["argument"]))
        if kind == "forfeit":
            return Forfeit(str(data.get("reason", "")))
        if kind == "event":
            if not isinstance(data["event"], str):
                raise MalformedMoveError(N_("a fired event names the event by its id"))
            return FireEvent(data["event"])
    except MalformedMoveError:
        raise  # a ValueError too: kept as it is, to be said in the reader's language
    except KeyError as exc:
        raise MalformedMoveError(N_("a {kind} move needs {key}"), kind=kind, key=exc) from exc
    except (ValueError, ArithmeticError) as exc:  # ArithmeticError: a number past a float's range
        raise MalformedMoveError(str(exc)) from exc
    raise MalformedMoveError(N_("unknown kind of move {kind}"), kind=shown(kind))

"""What passes between the game and a plug-in's processes, and how.

The game sends its requests (`reset` with the side and the generator, `act` with the observation) as
JSON documents, each behind a 4-byte length (`plugin_codec` makes and reads them; the plug-in's
process reads at most `MAX_REQUEST` bytes of one). Nothing either way is ever a pickle. Everything
coming back is one line of JSON, read by the game into a buffer of at most `MAX_MESSAGE` bytes and
checked against the models below (pydantic, strict): plain numbers and short strings, never an object
of the plug-in's. A move travels as its kind and level indices (`move_to_wire`, in the plug-in's
process; `move_from_wire`, in the game's), so the rules judge it exactly as if it had been made there.
"""

from __future__ import annotations

import json
import math
import socket
import struct
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.engine.moves import (
    Accept,
    Adjourn,
    ConsultCapital,
    DeclareRedLine,
    Forfeit,
    Move,
    Propose,
    TableArgument,
    WalkOut,
)
from game.scenario.preferences import Package

__all__ = [
    "MAX_MESSAGE",
    "MAX_REQUEST",
    "MAX_TEXT",
    "Answer",
    "Malformed",
    "move_from_wire",
    "move_to_wire",
    "parse_answer",
    "printable",
    "read_frame",
    "send_line",
    "write_frame",
]

MAX_MESSAGE = 64 * 1024
"""Bytes in one answer from a plug-in's process: a move of hundreds of issues is far less."""
MAX_REQUEST = 64 * 1024 * 1024
"""Bytes in one request from the game: an observation of the largest shipped scenario at its end is
about 35 KB; a scenario within its limits (500 KB of file) and a long history stay far below this,
and a worker never makes room for a length beyond it."""
MAX_TEXT = 500
"""Characters in a text an answer carries (an error message, a forfeit's reason)."""
_MAX_LEVELS = 1000
_NOT_AN_INT = -1
"""What a level that is not a Python int travels as: no level has it, so the rules refuse it."""
_HEADER = struct.Struct("!I")

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Level = Annotated[int, Field(ge=_NOT_AN_INT, le=10**9)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class ProposeData(_Model):
    kind: Literal["propose"]
    levels: Annotated[list[Level], Field(max_length=_MAX_LEVELS)]


class SimpleData(_Model):
    kind: Literal["accept", "consult", "adjourn", "walk_out"]


class RedLineData(_Model):
    kind: Literal["red_line"]
    issue: Level
    level: Level


class ArgumentData(_Model):
    kind: Literal["argument"]
    argument: Text


class ForfeitData(_Model):
    kind: Literal["forfeit"]
    reason: Text


MoveData = Annotated[ProposeData | SimpleData | RedLineData | ArgumentData | ForfeitData, Field(discriminator="kind")]


class Loaded(_Model):
    t: Literal["loaded"]


class Ready(_Model):
    t: Literal["ready"]


class Failed(_Model):
    """`act` or `reset` raised (`stage` says which), or the agent could not be built ("load")."""

    t: Literal["failed"]
    stage: Literal["load", "reset", "act"]
    text: Text


class Moved(_Model):
    t: Literal["move"]
    move: MoveData
    spent: Annotated[float, Field(ge=0.0, le=1e6)]


class NotAMove(_Model):
    t: Literal["not_a_move"]
    text: Text


class Worker(_Model):
    """From the supervisor: the process running the plug-in's code."""

    t: Literal["worker"]
    pid: Annotated[int, Field(gt=1)]


class Ended(_Model):
    """From the supervisor: that process ended, and how."""

    t: Literal["ended"]
    text: Text


Answer = Loaded | Ready | Failed | Moved | NotAMove | Worker | Ended
_ANSWER: TypeAdapter[Answer] = TypeAdapter(Annotated[Answer, Field(discriminator="t")])


class Malformed(Exception):
    """A message that is not read: not JSON, not one of the models, or too long (an answer, read by the
    game; or a request, read by a plug-in's process)."""


def parse_answer(line: bytes) -> Answer:
    try:
        return _ANSWER.validate_json(line)
    except (ValidationError, ValueError) as exc:
        raise Malformed(f"{exc.__class__.__name__}: {str(exc).splitlines()[0][:120]}") from None


def printable(text: str) -> str:
    """A plug-in's text made safe for one line of a transcript: no control characters."""
    return "".join(c if c.isprintable() else "?" for c in text)


# ----- moves -----------------------------------------------------------------------------------


def _level(value: object) -> int:
    return int(value) if isinstance(value, int) and abs(value) < 10**9 else _NOT_AN_INT


def move_to_wire(move: object) -> dict[str, Any] | None:
    """A move's plain form (in the plug-in's process), or None for what is not one of the game's moves."""
    if isinstance(move, Propose):
        levels = getattr(move.package, "levels", None)
        if not isinstance(move.package, Package) or not isinstance(levels, tuple) or len(levels) > _MAX_LEVELS:
            levels = ()
        return {"kind": "propose", "levels": [_level(k) for k in levels]}
    if isinstance(move, DeclareRedLine):
        return {"kind": "red_line", "issue": _level(move.issue), "level": _level(move.level)}
    if isinstance(move, TableArgument) and isinstance(move.argument, str):
        return {"kind": "argument", "argument": move.argument[:MAX_TEXT]}
    if isinstance(move, Forfeit) and isinstance(move.reason, str):
        return {"kind": "forfeit", "reason": move.reason[:MAX_TEXT]}
    if isinstance(move, Accept | ConsultCapital | Adjourn | WalkOut):
        return {"kind": move.kind.value}
    return None


_SIMPLE: dict[str, Move] = {
    "accept": Accept(),
    "consult": ConsultCapital(),
    "adjourn": Adjourn(),
    "walk_out": WalkOut(),
}


def move_from_wire(data: ProposeData | SimpleData | RedLineData | ArgumentData | ForfeitData) -> Move:
    """The game's move for a checked plain form (the rules then judge whether it is legal)."""
    if isinstance(data, ProposeData):
        return Propose(Package(tuple(data.levels)))
    if isinstance(data, RedLineData):
        return DeclareRedLine(data.issue, data.level)
    if isinstance(data, ArgumentData):
        return TableArgument(data.argument)
    if isinstance(data, ForfeitData):
        return Forfeit(printable(data.reason))
    return _SIMPLE[data.kind]


# ----- framing ---------------------------------------------------------------------------------


def send_line(sock: socket.socket, message: dict[str, Any]) -> None:
    """One JSON answer (from a plug-in's process: its texts cut to `MAX_TEXT`, numbers finite)."""
    for key in ("text",):
        if isinstance(message.get(key), str):
            message[key] = message[key][:MAX_TEXT]
    spent = message.get("spent")
    if isinstance(spent, float) and not math.isfinite(spent):
        message["spent"] = 0.0
    sock.sendall(json.dumps(message).encode() + b"\n")


def write_frame(sock: socket.socket, request: bytes) -> None:
    """One request from the game (a JSON document) behind its length (the socket's timeout bounds the wait)."""
    sock.sendall(_HEADER.pack(len(request)) + request)


def read_frame(sock: socket.socket) -> bytes | None:
    """The game's next request (in the plug-in's process), or None when the game has gone; raises
    Malformed for a length over `MAX_REQUEST`."""
    header = _read_exactly(sock, _HEADER.size)
    if header is None:
        return None
    size = _HEADER.unpack(header)[0]
    if size > MAX_REQUEST:
        raise Malformed(f"a request of {size} bytes (at most {MAX_REQUEST})")
    return _read_exactly(sock, size)


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)

"""The class server's wire protocol: JSON text messages, each checked against a model before use.

Every message from a client is untrusted (BRIEF §3a): it is parsed by one pydantic model per type, in
strict mode (a number is a JSON number, never `true` or `"1"`), with bounded strings and no field the
protocol does not have, down to the fields of a move; anything else is a `ProtocolError` the server
answers with an `error` message saying which field is wrong and how. docs/PROTOCOL.md describes the same
messages for people.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.errors import CruiseControlError

T = TypeVar("T")
PROTOCOL_VERSION = 2
MAX_MESSAGE_BYTES = 64 * 1024
"""The largest frame the server reads; aiohttp closes a connection that sends more (close code 1009)."""

Name = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]+$")]
Token = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Code = Annotated[str, Field(min_length=4, max_length=12, pattern=r"^[A-Za-z0-9]+$")]


class ProtocolError(CruiseControlError):
    """A message that is not one the protocol has: not JSON, an unknown type, a wrong field."""


Id = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")]
"""An issue's or an argument's id (a scenario's ids are lower-case slugs; a wrong one is the rules' to refuse)."""
Value = Annotated[bool, Field(strict=True)] | int | float | Annotated[str, Field(max_length=200)]
"""An issue's value: a number, an option's name, or true/false for a yes/no issue; the issue's domain checks which."""
STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class _Message(BaseModel):
    model_config = STRICT
    v: Literal[2] = 2
    """`parse` has checked it is the number 2, the protocol's version (pydantic's Literal would take `true` for 1)."""


class _MoveData(BaseModel):
    model_config = STRICT


class ProposeData(_MoveData):
    kind: Literal["propose"]
    package: dict[Id, Value] = Field(max_length=64)


class RedLineData(_MoveData):
    kind: Literal["red_line"]
    issue: Id
    value: Value


class ArgumentData(_MoveData):
    kind: Literal["argument"]
    argument: Id


class PlainMoveData(_MoveData):
    kind: Literal["accept", "consult", "adjourn", "walk_out"]


MoveData = Annotated[ProposeData | RedLineData | ArgumentData | PlainMoveData, Field(discriminator="kind")]
"""The moves a seat may send: never `forfeit` (the server's, when an agent fails) nor `event` (the teacher's)."""


class Join(_Message):
    """Sit down in a class: by name and class code, or back at one's seat with the token it gave."""

    type: Literal["join"]
    code: Code
    name: Name
    token: Token | None = None


class MoveMessage(_Message):
    """A move for the sender's seat, as the move's plain data (`game.engine.moves.move_to_data`)."""

    type: Literal["move"]
    token: Token
    at: int = Field(ge=0, le=100_000)
    """How many moves the game had when the move was chosen: a move sent twice is refused, not played twice."""
    move: MoveData

    def move_data(self) -> dict[str, Any]:
        """The move as the plain data of saves (`game.engine.moves.move_from_data` reads it)."""
        return self.move.model_dump()


class Thinking(_Message):
    """The sender is composing a move (True) or stopped (False); the other seat sees a line saying so."""

    type: Literal["thinking"]
    token: Token
    on: bool


class Holds(_Message):
    """The sender's computer holds the class's whole scenario, by its rules' digest (`rules_digest`): the
    message that ends the talks then names the scenario without its text. The server never answers it
    (during the talks the whole digest is not to be confirmed: the other side's numbers could be guessed
    against it); a wrong digest only means the text comes at the end."""

    type: Literal["holds"]
    token: Token
    digest: Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[0-9a-f]+$")]


class Ping(_Message):
    type: Literal["ping"]


class FireRequest(BaseModel):
    """The teacher's button `POST /api/event`: fire this event at this table, or (no table) at every
    table where it has not happened yet."""

    model_config = STRICT
    event: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$")]
    table: int | None = Field(default=None, ge=1, le=1_000_000)


ClientMessage = Annotated[Join | MoveMessage | Thinking | Holds | Ping, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


_FIRE = TypeAdapter(FireRequest)


def parse(text: str | bytes) -> Join | MoveMessage | Thinking | Holds | Ping:
    """A client's message, checked; raises ProtocolError saying what is wrong."""
    if isinstance(text, bytes):
        raise ProtocolError("messages are JSON text frames, not binary")
    data = _object(text)
    version = data.get("v", PROTOCOL_VERSION)
    if type(version) is not int or version != PROTOCOL_VERSION:  # `true == 1` in Python: not on the wire
        raise ProtocolError(
            f"protocol version {json.dumps(version)[:40]} is not spoken here: "
            f'"v" is the number {PROTOCOL_VERSION} (this server\'s version)'
        )
    return _checked(_CLIENT, data)


def parse_fire(body: str | bytes) -> FireRequest:
    """The body of the teacher's fire-an-event request, checked; raises ProtocolError."""
    return _checked(_FIRE, _object(body))


def _object(text: str | bytes) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("not a JSON message") from exc
    if not isinstance(data, dict):
        raise ProtocolError("a message is a JSON object")
    return data


def _checked(adapter: TypeAdapter[T], data: dict[str, Any]) -> T:
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(x) for x in first["loc"]]
        kind = f"a {loc.pop(0)} message" if loc and loc[0] in _TYPES else "the message"
        if loc[:1] == ["move"] and len(loc) > 1 and loc[1] in _MOVE_KINDS:
            del loc[1]  # pydantic names the branch of the union it tried
        why = _WHY.get(first["type"], first["msg"])
        if loc and loc[-1] in _VALUE_BRANCHES:  # an issue's value: pydantic reports the first type it tried
            loc.pop()
            why = "must be a number, an option's name (at most 200 characters) or true/false"
        ctx = first.get("ctx") or {}
        if first["type"] == "union_tag_invalid":
            why = f"{json.dumps(ctx.get('tag'))[:40]} is not one the protocol has here ({ctx.get('expected_tags')})"
            why = why.replace("'", "")
        elif first["type"] == "union_tag_not_found":
            why = f"{ctx.get('discriminator', '')} is missing or not text".replace("'", '"')
        raise ProtocolError(f"bad message: {kind}, field {'.'.join(loc) or 'type'}: {why}") from exc


_VALUE_BRANCHES = ("bool", "int", "float", "str", "constrained-str")
_TYPES = ("join", "move", "thinking", "ping")
_MOVE_KINDS = ("propose", "red_line", "argument", "accept", "consult", "adjourn", "walk_out")


_WHY = {
    "extra_forbidden": "the protocol has no such field (unknown fields are refused, not ignored)",
    "int_type": "must be a whole number (not true/false, text or a fraction)",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "missing": "this field is required",
}
"""Pydantic's words for the commonest mistakes, said for the author of a client."""


def dump(kind: str, **fields: Any) -> str:
    """A server message as JSON text."""
    return json.dumps({"v": PROTOCOL_VERSION, "type": kind, **fields}, ensure_ascii=False, separators=(",", ":"))

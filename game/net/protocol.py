"""The class server's wire protocol: JSON text messages, each checked against a model before use.

Every message from a client is untrusted (BRIEF §3a): it is parsed by one pydantic model per type,
with bounded strings and no extra fields, and anything else is a `ProtocolError` the server answers
with an `error` message. docs/PROTOCOL.md describes the same messages for people.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.errors import CruiseControlError

T = TypeVar("T")
PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 64 * 1024
"""The largest frame the server reads; aiohttp closes a connection that sends more (close code 1009)."""

Name = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]+$")]
Token = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Code = Annotated[str, Field(min_length=4, max_length=12, pattern=r"^[A-Za-z0-9]+$")]


class ProtocolError(CruiseControlError):
    """A message that is not one the protocol has: not JSON, an unknown type, a wrong field."""


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    v: Literal[1] = 1


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
    move: dict[str, Any]


class Thinking(_Message):
    """The sender is composing a move (True) or stopped (False); the other seat sees a line saying so."""

    type: Literal["thinking"]
    token: Token
    on: bool


class Ping(_Message):
    type: Literal["ping"]


class FireRequest(BaseModel):
    """The teacher's button `POST /api/event`: fire this event at this table, or (no table) at every
    table where it has not happened yet."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    event: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$")]
    table: int | None = Field(default=None, ge=1, le=1_000_000)


ClientMessage = Annotated[Join | MoveMessage | Thinking | Ping, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


_FIRE = TypeAdapter(FireRequest)


def parse(text: str | bytes) -> Join | MoveMessage | Thinking | Ping:
    """A client's message, checked; raises ProtocolError saying what is wrong."""
    if isinstance(text, bytes):
        raise ProtocolError("messages are JSON text frames, not binary")
    data = _object(text)
    if data.get("v", PROTOCOL_VERSION) != PROTOCOL_VERSION:
        raise ProtocolError(f"protocol version {data.get('v')!r} is not spoken here (this server: {PROTOCOL_VERSION})")
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
        where = ".".join(str(x) for x in first["loc"]) or "message"
        raise ProtocolError(f"bad message: {where}: {first['msg']}") from exc


def dump(kind: str, **fields: Any) -> str:
    """A server message as JSON text."""
    return json.dumps({"v": PROTOCOL_VERSION, "type": kind, **fields}, ensure_ascii=False, separators=(",", ":"))

"""The game's requests to a plug-in's process, as JSON: `reset` with the side and the generator, `act`
with the observation.

A plug-in's process is sent plain JSON, never a pickle (docs/AGENTS.md, "Plain data only, both ways"):
loading a pickle calls whatever it names. The requests are pydantic models; the observation is the
game's own dataclasses, which pydantic writes and reads by their type hints, so what the worker builds
is decided by those types, never by the data: the dataclasses and enums of `Observation`, the
scenario's models, dates, and the float arrays and moves given a JSON form where they are declared
(`preferences.JsonArray`, `moves.TaggedMove`). A generator travels as the name of its bit generator
(one of numpy's, `BitGeneratorName`) and its state, so the worker draws the same numbers the game's
generator would have.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.agents.plugin_wire import Malformed
from game.engine.observation import Observation
from game.scenario.preferences import Side

__all__ = [
    "Act",
    "GeneratorState",
    "Request",
    "Reset",
    "act_request",
    "read_request",
    "reset_request",
]

BitGeneratorName = Literal["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]
_BIT_GENERATORS: dict[BitGeneratorName, type[np.random.BitGenerator]] = {
    "PCG64": np.random.PCG64,
    "PCG64DXSM": np.random.PCG64DXSM,
    "MT19937": np.random.MT19937,
    "Philox": np.random.Philox,
    "SFC64": np.random.SFC64,
}
"""The bit generators a worker rebuilds, by the name numpy gives them (`default_rng` makes a PCG64)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GeneratorState(_Model):
    bit_generator: BitGeneratorName
    state: dict[str, Any]
    """numpy's `BitGenerator.state` with its arrays as lists: numpy checks it when it is set."""

    @staticmethod
    def of(rng: np.random.Generator) -> GeneratorState:
        state = rng.bit_generator.state
        return GeneratorState(bit_generator=state["bit_generator"], state=_plain(state))

    def generator(self) -> np.random.Generator:
        """A generator that draws what the one this was taken from draws next."""
        bits = _BIT_GENERATORS[self.bit_generator](0)  # a seed, not the OS's entropy: the state replaces it
        try:
            bits.state = self.state
        except (TypeError, ValueError, KeyError, IndexError, OverflowError) as exc:
            raise Malformed(f"{self.bit_generator} state: {exc.__class__.__name__}: {str(exc)[:120]}") from None
        return np.random.Generator(bits)


class Reset(_Model):
    t: Literal["reset"] = "reset"
    side: Side
    rng: GeneratorState


class Act(_Model):
    t: Literal["act"] = "act"
    obs: Observation


Request = Reset | Act
_REQUEST: TypeAdapter[Request] = TypeAdapter(Annotated[Request, Field(discriminator="t")])


def reset_request(side: Side, rng: np.random.Generator) -> bytes:
    return Reset(side=side, rng=GeneratorState.of(rng)).model_dump_json().encode()


def act_request(obs: Observation) -> bytes:
    return Act(obs=obs).model_dump_json().encode()


def read_request(data: bytes) -> Request:
    """The request in a JSON document (in the plug-in's process); raises Malformed for anything else,
    a pickle among them: it is not JSON, and nothing here would unpickle it."""
    try:
        return _REQUEST.validate_json(data)
    except (ValidationError, ValueError) as exc:
        raise Malformed(f"{exc.__class__.__name__}: {str(exc).splitlines()[0][:120]}") from None


def _plain(value: object) -> Any:
    """numpy's generator state with its arrays (MT19937's key, Philox's counter) as lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.integer):
        return int(value)
    return value

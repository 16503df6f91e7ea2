"""A number outside what its field allows, said with the field's whole range and the number written.

Pydantic reports the one bound that failed ("greater than or equal to 1"); an instructor who wrote
`exchanges: 0` is better served by "must be from 1 to 200, not 0", which answers the next question
(how many may I write?) too. The range is read from the schema, so it cannot drift from the check.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import annotated_types
from pydantic import BaseModel

from game.i18n import tr
from game.scenario.schema import Scenario

_BOUND_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}

Step = tuple[Any, list[Any]]
"""An annotation and the constraints that came with it (a field's, or an Annotated's)."""


def _unwrapped(annotation: Any, metadata: list[Any]) -> list[Step]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        extra = [m for a in args[1:] for m in getattr(a, "metadata", [a])]
        return _unwrapped(args[0], metadata + extra)
    if origin in (typing.Union, types.UnionType):
        return [s for a in args if a is not type(None) for s in _unwrapped(a, metadata)]
    return [(annotation, metadata)]


def _below(step: Step, part: str | int) -> list[Step]:
    annotation, _ = step
    origin: Any = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        kind = annotation.model_fields.get("kind")
        if kind is not None and typing.get_args(kind.annotation) == (part,):
            return [step]  # the tag pydantic puts in the location of a discriminated union's member
        field = annotation.model_fields.get(str(part))
        return _unwrapped(field.annotation, list(field.metadata)) if field is not None else []
    if origin is dict:
        return _unwrapped(args[1], [])
    if origin is tuple and isinstance(part, int):
        return _unwrapped(args[0], [])
    return []


def _bounds(loc: tuple[str | int, ...]) -> list[Any]:
    steps: list[Step] = [(Scenario, [])]
    for part in loc:
        steps = [below for step in steps for below in _below(step, part)]
    return [m for _, metadata in steps[:1] for m in metadata]


def _number(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def range_words(err: Any) -> str | None:
    """Plain words for a number out of its field's bounds, or None for any other error."""
    if err["type"] not in _BOUND_ERRORS:
        return None
    bounds = _bounds(tuple(err["loc"]))
    given = _number(err["input"])
    low = next((b.ge for b in bounds if isinstance(b, annotated_types.Ge)), None)
    high = next((b.le for b in bounds if isinstance(b, annotated_types.Le)), None)
    if low is not None and high is not None:
        return tr("must be from {low} to {high}, not {given}", low=_number(low), high=_number(high), given=given)
    parts = []
    for bound in bounds:
        if isinstance(bound, annotated_types.Ge):
            parts.append(tr("at least {n}", n=_number(bound.ge)))
        elif isinstance(bound, annotated_types.Gt):
            parts.append(tr("more than {n}", n=_number(bound.gt)))
        elif isinstance(bound, annotated_types.Le):
            parts.append(tr("at most {n}", n=_number(bound.le)))
        elif isinstance(bound, annotated_types.Lt):
            parts.append(tr("less than {n}", n=_number(bound.lt)))
    if not parts:
        return None
    return tr("must be {bounds}, not {given}", bounds=tr(" and ").join(parts), given=given)

"""A value outside what its field allows, said with everything the field allows and what was written.

Pydantic reports the one bound that failed ("greater than or equal to 1"); an instructor who wrote
`exchanges: 0` is better served by "must be from 1 to 200, not 0", which answers the next question
(how many may I write?) too. The range is read from the schema, so it cannot drift from the check. A
word not among those allowed is named too ("must be 'higher' or 'lower', not 'down'").
"""

from __future__ import annotations

import types
import typing
from typing import Any

import annotated_types
from pydantic import BaseModel

from game.i18n import tr
from game.scenario.schema import Scenario

_BOUND_ERRORS = {
    "greater_than": annotated_types.Gt,
    "greater_than_equal": annotated_types.Ge,
    "less_than": annotated_types.Lt,
    "less_than_equal": annotated_types.Le,
}
"""Pydantic's error for a bound, and the bound (for a field whose range the schema walk does not find)."""
WORDED = frozenset({*_BOUND_ERRORS, "literal_error"})
"""The error types `constraint_words` words."""

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


def _share_hint(bounds: list[Any], given: object) -> str:
    """A share written as a percentage (threshold: 67): the number meant, from 0 to 1."""
    top = [b for b in bounds if isinstance(b, annotated_types.Le | annotated_types.Lt)]
    if not top or getattr(top[0], "le", getattr(top[0], "lt", None)) != 1:
        return ""
    if not isinstance(given, int | float) or isinstance(given, bool) or not 1 < given <= 100:
        return ""
    return tr(
        ": a share is a number from 0 to 1; for {given}% write {share}", given=_number(given), share=f"{given / 100:g}"
    )


def constraint_words(err: Any) -> str | None:
    """Plain words for a number out of its field's bounds or a word not among those allowed, or None for
    any other error."""
    if err["type"] == "literal_error":
        given = err["input"]
        expected = str((err.get("ctx") or {}).get("expected", "")).replace(" or ", tr(" or "))
        shown = repr(given) if isinstance(given, str) else _number(given)
        return tr("must be {expected}, not {given}", expected=expected, given=shown)
    if err["type"] not in _BOUND_ERRORS:
        return None
    bounds = _bounds(tuple(err["loc"])) or [_BOUND_ERRORS[err["type"]](*(err.get("ctx") or {}).values())]
    hint = _share_hint(bounds, err["input"])
    given = _number(err["input"])
    low = next((b.ge for b in bounds if isinstance(b, annotated_types.Ge)), None)
    high = next((b.le for b in bounds if isinstance(b, annotated_types.Le)), None)
    if low is not None and high is not None:
        return tr("must be from {low} to {high}, not {given}", low=_number(low), high=_number(high), given=given) + hint
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
    return tr("must be {bounds}, not {given}", bounds=tr(" and ").join(parts), given=given) + hint

"""Every field of the scenario format, broken in each way its type and constraints allow, is reported in
plain words on its own line: never in pydantic's wording, never on a neighbour, never with a traceback.

The fields and their constraints are read from the schema (game/scenario/schema.py) and broken in the
Kestrel River scenario (sides `highland` and `lowmark`), so a field added to the format is tried too."""

from __future__ import annotations

import copy
import datetime as dt
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

import annotated_types
import pytest
import yaml
from pydantic import BaseModel

from game.scenario import schema
from game.scenario.loader import check_text
from game.scenario.model_words import dotted
from game.scenario.yamlmarks import load_located

from .conftest import FIXTURES

BASE = yaml.safe_load((FIXTURES / "shapes" / "kestrel-water-2037.yaml").read_text(encoding="utf-8"))
BASE["historical"]["epilogue"] = [{"issue": "filling", "ministerial": "m", "summit": "s", "treaty": "t"}]
PYDANTIC = re.compile(r"Input should|validation error|type=|For further information|ensure this value|valid value")

Path = tuple[str | int, ...]


def _unwrapped(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return _unwrapped(args[0], metadata + [m for a in args[1:] for m in getattr(a, "metadata", [a])])
    return annotation, metadata


def _instances(annotation: Any, node: Any, path: Path) -> Iterator[tuple[type[BaseModel], Path]]:
    """Every model in the scenario's data, with its path."""
    annotation, _ = _unwrapped(annotation, [])
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        kind = node.get("kind") if isinstance(node, dict) else None
        for member in args:
            tag = getattr(member, "model_fields", {}).get("kind")
            if member is not type(None) and (tag is None or typing.get_args(tag.annotation) == (kind,)):
                yield from _instances(member, node, path)
    elif origin is tuple and isinstance(node, list):
        for i, item in enumerate(node):
            yield from _instances(args[0], item, (*path, i))
    elif origin is dict and isinstance(node, dict):
        for key, value in node.items():
            yield from _instances(args[1], value, (*path, key))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(node, dict):
        yield annotation, path
        if annotation is schema.Sides:  # the two sides are under the file's own ids
            for side in ("highland", "lowmark"):
                yield from _instances(schema.Side, node[side], (*path, side))
            return
        for name, field in annotation.model_fields.items():
            if name in node and annotation is not schema.Dialogue:
                yield from _instances(field.annotation, node[name], (*path, name))


def _wrong_type(annotation: Any) -> list[Any]:
    """Values of a type the field does not take."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if set(inner) <= {int, float}:
            return ["lots"]
        return _wrong_type(inner[0]) if len(inner) == 1 else [[1, 2]]
    if origin is typing.Literal:
        return ["nonsense"]
    if origin in (tuple, dict) or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return [7, "words"]
    return {int: ["lots", 2.5], float: ["lots"], bool: ["maybe"], dt.date: ["soon"]}.get(annotation, [[1, 2]])


def _beyond(annotation: Any, metadata: list[Any]) -> list[tuple[Any, Any]]:
    """(a value just beyond each bound, the bound's own value, which is allowed or None)."""
    tick = 1 if annotation is int else 0.01
    out: list[tuple[Any, Any]] = []
    for m in metadata:
        if isinstance(m, annotated_types.Gt):
            out.append((m.gt, m.gt + tick))
        elif isinstance(m, annotated_types.Ge):
            out.append((m.ge - tick, m.ge))
        elif isinstance(m, annotated_types.Lt):
            out.append((m.lt, m.lt - tick))
        elif isinstance(m, annotated_types.Le):
            out.append((m.le + tick, m.le))
        elif isinstance(m, annotated_types.MinLen):
            out.append((("too few", m.min_length - 1), None))
        elif getattr(m, "pattern", None):
            out.append(("Not An Id", None))
    return out


def _cases() -> Iterator[tuple[str, Path, Any, Any]]:
    """(a name, the path of a field, a value it must refuse, a value at the edge it must take or None)."""
    seen: set[tuple[str, str]] = set()
    for model, path in _instances(schema.Scenario, BASE, ()):
        if model.__name__ not in {m for m, _ in seen}:
            yield f"{model.__name__}.<unknown key>", (*path, "unknown_key"), 1, None
        for name, field in model.model_fields.items():
            if model in (schema.Sides, schema.Dialogue) or (model, name) == (schema.Member, "shown"):
                continue
            annotation, metadata = _unwrapped(field.annotation, list(field.metadata))
            if typing.get_origin(annotation) in (typing.Union, types.UnionType):
                optional = [a for a in typing.get_args(annotation) if a is not type(None)]
                annotation = optional[0] if len(optional) == 1 else annotation
            if typing.get_origin(annotation) is dict:  # a mapping's values may have bounds of their own
                value, value_metadata = _unwrapped(typing.get_args(annotation)[1], [])
                for bad, edge in _beyond(value, value_metadata):
                    if (model.__name__, f"{name}[]{bad!r}") not in seen:
                        seen.add((model.__name__, f"{name}[]{bad!r}"))
                        yield f"{model.__name__}.{name}[]={bad!r}", (*path, name, "filling"), bad, edge
            for bad, edge in [(w, None) for w in _wrong_type(annotation)] + _beyond(annotation, metadata):
                if (model.__name__, f"{name}{bad!r}") not in seen:
                    seen.add((model.__name__, f"{name}{bad!r}"))
                    yield f"{model.__name__}.{name}={bad!r}", (*path, name), bad, edge


CASES = list(_cases())


def _written(path: Path) -> bool:
    node: Any = BASE
    for part in path:
        if not isinstance(node, dict | list) or (isinstance(node, dict) and part not in node):
            return False
        node = node[part]  # type: ignore[index]
    return True


def _with(path: Path, value: Any) -> str:
    data = copy.deepcopy(BASE)
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    if isinstance(value, tuple) and value[0] == "too few":
        value = list(node.get(path[-1], []))[: value[1]]
    node[path[-1]] = value
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_the_cases_cover_every_kind_of_constraint() -> None:
    names = " ".join(name for name, *_ in CASES)
    for wanted in ("exchanges=0", "exchanges=201", "effect=0", "threshold=1", "options=", "id='Not An Id'"):
        assert wanted in names
    assert "weights[]=0" in names and "weights[]=-0.01" in names  # an effect's factors, a constituency's weights
    assert "OptionsIssue.<unknown key>" in names and "Condition.<unknown key>" in names


@pytest.mark.parametrize("name, path, bad, edge", CASES, ids=[c[0] for c in CASES])
def test_a_broken_field_is_said_in_plain_words_on_its_line(name: str, path: Path, bad: Any, edge: Any) -> None:
    text = _with(path, bad)
    _, diagnostics = check_text(text, "k.yaml")
    messages = [str(d) for d in diagnostics]
    assert messages, f"{name}: accepted"
    assert not [m for m in messages if PYDANTIC.search(m)], messages
    assert not [m for m in messages if re.search(r"\b(us|ussr)\b", m)], messages
    line = load_located(text).where(path, key=True)[0]
    assert any(d.line == line and d.message.startswith(dotted(path) + ":") for d in diagnostics), (line, messages)
    if (bad == 7 or isinstance(bad, list) or edge is not None) and _written(
        path
    ):  # a block that is not one: that alone, nothing that follows from it
        assert len(messages) == 1, messages
    if edge is not None:  # the bound itself (or the nearest number beyond an open bound) is in range
        _, at_edge = check_text(_with(path, edge), "k.yaml")
        assert not [d for d in at_edge if d.message.startswith(dotted(path) + ": must be")], at_edge


def test_a_number_out_of_bounds_names_the_range_and_the_number() -> None:
    _, diagnostics = check_text(_with(("calendar", "meetings", 1, "exchanges"), 0), "k.yaml")
    assert [d.message for d in diagnostics] == ["calendar.meetings[1].exchanges: must be from 1 to 200, not 0"]
    _, diagnostics = check_text(_with(("arguments", 0, "effect"), 0), "k.yaml")
    assert [d.message for d in diagnostics] == ["arguments[0].effect: must be more than 0 and at most 1, not 0"]


@pytest.mark.parametrize("members", [[], 7, [{"name": [1, 2], "role": "Minister"}]], ids=["none", "a number", "a list"])
def test_members_that_cannot_be_read_are_the_one_error_not_every_speaker(members: Any) -> None:
    data = yaml.safe_load(_with(("sides", "highland", "members"), members))
    data["calendar"]["meetings"][0]["speakers"] = {"highland": "Amara Tesfaye"}
    _, diagnostics = check_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "k.yaml")
    assert any(d.message.startswith("sides.highland.members") for d in diagnostics), diagnostics
    assert [d.message.split(":")[0] for d in diagnostics if "speaker" in d.message] == [], diagnostics

"""Values written in quotes where the format wants a number or yes/no (`lead: "yes"`, `exchanges: "8"`).

The model reads "yes" as true and "8" as 8 without a word, so an author never learns that the quotes
made them text; and where a value may be text too, a quoted number silently means something else. A
quoted value is an error wherever the field takes only numbers or true/false.
"""

from __future__ import annotations

import typing
from typing import Any

import yaml

from game.i18n import tr
from game.scenario.bounds import FAST_LOADER
from game.scenario.model_words import annotation_step
from game.scenario.schema import Scenario
from game.scenario.side_ids import to_slot_path
from game.scenario.yamlmarks import Path

Problem = tuple[Path, str]
_PLAIN = (bool, int, float, type(None))


def _quoted(node: yaml.Node, path: Path, out: list[tuple[Path, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _quoted(value, (*path, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _quoted(item, (*path, i), out)
    elif isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
        out.append((path, node.value))


def _leaves(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin in (typing.Union, type(int | None)) or (origin is None and typing.get_args(annotation)):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaves(arg)]
    return [annotation]


def _wants(slot_path: Path) -> str | None:
    """'a number' or 'true or false' when the field at a path takes nothing else; None otherwise."""

    annotations: list[Any] = [Scenario]
    for part in slot_path:
        annotations = [a for ann in annotations for a in annotation_step(ann, part)]
    leaves = [leaf for ann in annotations for leaf in _leaves(ann)]
    if not leaves or not all(leaf in _PLAIN for leaf in leaves):
        return None
    return "true or false" if bool in leaves and int not in leaves else "a number"


def quoted_problems(text: str, ids: tuple[str, str]) -> list[Problem]:
    """Quoted values where a number or yes/no is wanted, by their path in the file."""
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return []
    found: list[tuple[Path, str]] = []
    if node is not None:
        _quoted(node, (), found)
    problems = []
    for path, value in found:
        wants = _wants(to_slot_path(path, ids))
        if wants is None:
            continue
        if wants == "true or false":
            word = value.strip().lower()
            fix = (
                "true" if word in ("yes", "true", "on", "y") else "false" if word in ("no", "false", "off", "n") else ""
            )
        else:
            fix = value.strip()
        advice = tr(": write {key}: {fix}", key=path[-1], fix=fix) if fix else ""
        problems.append(
            (
                path,
                tr(
                    "{value} is in quotes, so it is text; this key wants {wants}, written without quotes{advice}",
                    value=repr(value),
                    wants=tr(wants),
                    advice=advice,
                ),
            )
        )
    return problems

"""Read YAML safely and remember where every key and value stands in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.bounds import ValueProblem, check_limits

Path = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed document plus the (line, column) of each key path, both 1-based."""

    data: Any
    value_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, tuple[int, int]]] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of a path, or of its nearest ancestor that exists in the file."""
        table = self.key_at if key else self.value_at
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.key_at:
                return self.key_at[p]
            p = p[:-1]
        return self.value_at.get((), (1, 1))


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _walk(node: yaml.Node, path: Path, out: Located) -> None:
    out.value_at[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key: str | int = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            if key in seen:
                out.duplicate_keys.append((child, _pos(key_node.start_mark)))
            seen.add(key)
            out.key_at[child] = _pos(key_node.start_mark)
            _walk(value_node, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), out)


def _check_scalars(node: yaml.Node, loader: yaml.SafeLoader) -> None:
    """Refuse scalars YAML reads but Python cannot hold, such as the date 1990-04-31."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                loader.construct_object(current, deep=True)
            except (ValueError, OverflowError) as exc:
                problem = f"{current.value!r} is not a possible value: {exc}"
                raise ValueProblem(None, None, problem, current.start_mark) from exc
        elif isinstance(current, yaml.MappingNode):
            stack += [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value


def load_located(text: str) -> Located:
    """Parse with the safe loader; raises yaml.YAMLError (with a mark) on bad syntax or values, or
    ValueProblem on a file over the limits (game.scenario.bounds)."""
    check_limits(text)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    located = Located(data=None)
    if node is not None:
        loader = yaml.SafeLoader("")
        _check_scalars(node, loader)
        located.data = loader.construct_document(node)  # what safe_load gives, without parsing again
        _walk(node, (), located)
    return located

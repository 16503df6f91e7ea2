"""Read YAML safely and remember where every key and value stands in the file."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.i18n import tr
from game.safe_text import shown
from game.scenario.bounds import FAST_LOADER, MAX_NUMBER, ValueProblem, check_limits
from game.scenario.dates import date_problem

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


MERGE = "tag:yaml.org,2002:merge"
BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _AliasPlaces(yaml.SafeLoader):
    """PyYAML's safe loader, except that the node an alias stands for carries the alias's place: every
    use of an anchor's value then has its own place (a problem with the value as a whole is shown where
    it is used), while what lies inside the value keeps its place in the anchor's text (where it is
    written, and fixed)."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        used = copy.copy(super().compose_node(parent, index))  # the children stay shared with the anchor's
        if used is not None:
            used.start_mark = used.end_mark = mark
        return used


def _key(node: yaml.Node) -> str | int:
    return node.value if isinstance(node, yaml.ScalarNode) else str(node.value)


def _merged(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """The pairs that merge keys (`<<: *base`, `<<: [*a, *b]`) bring in, the first mapping first."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag != MERGE:
            continue
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if isinstance(source, yaml.MappingNode):
                pairs += [p for p in source.value if p[0].tag != MERGE] + _merged(source)
    return pairs


def _walk(node: yaml.Node, path: Path, out: Located) -> None:
    out.value_at[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                continue
            key = _key(key_node)
            child = (*path, key)
            if key in seen:
                out.duplicate_keys.append((child, _pos(key_node.start_mark)))
            seen.add(key)
            out.key_at[child] = _pos(key_node.start_mark)
            if key_node.tag == BOOL:  # `no:` is the key False in the data: found by that too
                out.key_at[(*path, key_node.value.lower() in ("yes", "true", "on"))] = _pos(key_node.start_mark)
            _walk(value_node, child, out)
        for key_node, value_node in _merged(node):  # a key given here wins over a merged one, as does an earlier merge
            if (key := _key(key_node)) not in seen:
                seen.add(key)
                out.key_at[(*path, key)] = _pos(key_node.start_mark)
                _walk(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), out)


def _check_scalars(node: yaml.Node, loader: yaml.SafeLoader) -> None:
    """Refuse scalars YAML reads but Python cannot hold, such as the date 1990-04-31."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode) and current.tag != MERGE:  # `<<` is no value: the mapping takes it
            try:
                value = loader.construct_object(current, deep=True)
            except (ValueError, OverflowError) as exc:
                # Python's own advice on a 5,000-digit number (set_int_max_str_digits) is no help to an author
                dated = date_problem(current.value) if current.tag == TIMESTAMP else None
                reason = tr("a number with far too many digits") if "digits" in str(exc) else str(exc)[:200]
                problem = dated or tr(
                    "{value} is not a possible value: {reason}", value=shown(current.value), reason=reason
                )
                raise ValueProblem(None, None, problem, current.start_mark) from exc
            if _too_large(_as_number(value) if not current.style else value):  # plain: None, or "" from libyaml
                problem = tr(
                    "{value} is larger than the limit of {limit} for a number",
                    value=shown(current.value),
                    limit=f"{MAX_NUMBER:,}",
                )
                raise ValueProblem(None, None, problem, current.start_mark)
        elif isinstance(current, yaml.MappingNode):
            stack += [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value


_YAML12_FLOAT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def _as_number(value: object) -> object:
    """YAML 1.1 reads `1e308` (no dot) as text, and the model would then take it for a number."""
    return float(value) if isinstance(value, str) and _YAML12_FLOAT.fullmatch(value) else value


def _too_large(value: object) -> bool:
    """A number past the limit (an integer of 400 digits cannot even become a float); infinity and NaN
    are left to the checks that say a number must be finite."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return MAX_NUMBER < abs(value) < float("inf")


def load_located(text: str) -> Located:
    """Parse with the safe loader; raises yaml.YAMLError (with a mark) on bad syntax or values, or
    ValueProblem on a file over the limits (game.scenario.bounds) or with an alias loop. Anchors, aliases
    and merge keys are read as safe_load reads them; the limits bound what aliases expand to."""
    aliases = check_limits(text)
    try:
        # libyaml's composer cannot mark an alias's place: a file with aliases takes PyYAML's (slower) one
        node = yaml.compose(text, Loader=_AliasPlaces if aliases else FAST_LOADER)
    except yaml.YAMLError:
        node = yaml.compose(text, Loader=_AliasPlaces)  # raises the error in PyYAML's words, which the guide explains
    located = Located(data=None)
    if node is not None:
        loader = yaml.SafeLoader("")
        _check_scalars(node, loader)
        _walk(node, (), located)  # before the constructor, which folds merge keys into their mappings
        located.data = loader.construct_document(node)  # what safe_load gives, without parsing again
        if aliases:
            located.data = _unshared(located.data)
    return located


def _unshared(node: Any) -> Any:
    """A tree in which each use of an anchor has its own copy: later steps change values in place (side
    ids to slots), which must not change the anchor's other uses. The limits bound its size."""
    if isinstance(node, dict):
        return {k: _unshared(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_unshared(v) for v in node]
    return node

"""Limits on what a scenario file may hold, checked before the file is parsed in full.

A scenario is untrusted input: any file must get an answer (a model or messages) in well under two
seconds and bounded memory. The limits sit far above anything a scenario needs (the largest shipped
one is 48 KB, 5 issues, 4 options an issue, nesting 7 deep) and far below what makes the loader slow;
scenarios/README.md ("Limits") gives each with its reason.

The limits on values and text count what aliases expand to (each `*name` counts all that its anchor
holds), so a few lines of nested aliases ("billion laughs") are refused at the alias that goes over.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import yaml

from game.bounded_files import LinkRefused, open_unlinked
from game.errors import Diagnostic, ScenarioError
from game.i18n import tr
from game.safe_text import CONTROL

MAX_BYTES = 500_000
"""File size: 10 times the largest shipped scenario; PyYAML reads it in well under a second."""
MAX_DEPTH = 20
"""Nesting of mappings and lists: the format needs 7; deeper YAML overflows the parser's stack."""
MAX_NODES = 20_000
"""Values, keys and list items in all: the default scenario has 1,357; PyYAML reads 20,000 in about a second."""
MAX_TEXT = 250_000
"""Characters of text in all values together: five long briefs."""
MAX_VALUE_TEXT = 50_000
"""Characters in one value: about twenty printed pages, more than any brief."""
MAX_ISSUES = 20
"""Issues: the table shows one row per issue and a player weighs every one of them."""
MAX_OPTIONS = 100
"""Options of one issue: a player chooses among them on a slider."""
MAX_NUMBER = 10**15
"""The size of a number: far above any count, range or year; an integer of 400 digits is no float at all."""

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where it is installed, to scan and compose a file (nodes with their marks, ten times
faster than PyYAML's); the data is built from the nodes by PyYAML's SafeConstructor (`yamlmarks`), and
whatever else reads YAML from outside uses `yaml.safe_load`."""
if not issubclass(FAST_LOADER, yaml.constructor.SafeConstructor):  # pragma: no cover - PyYAML's own classes
    raise ImportError(f"{FAST_LOADER.__name__} is not a safe YAML loader")


class ValueProblem(yaml.MarkedYAMLError):
    """A problem at a place in the file that is not YAML syntax: a file over one of the limits (at the
    line where it goes over), an alias loop, or a value YAML reads but Python cannot hold (1990-04-31)."""


def _over(problem: str, mark: Any) -> ValueProblem:
    return ValueProblem(None, None, problem, mark)


@dataclass
class _Frame:
    """A mapping or list being read: its path, and (mappings) whether the next node is a key."""

    path: tuple[str | int, ...]
    mapping: bool
    key_next: bool = True
    key: str | int = 0
    items: int = 0
    anchor: str | None = None
    nodes_before: int = 0
    chars_before: int = 0


@dataclass(frozen=True)
class _Anchored:
    """What an alias to an anchor adds: the values, keys and items and the characters of text it holds,
    and (a list) its length."""

    nodes: int
    chars: int
    items: int = 0


def _child_path(stack: list[_Frame]) -> tuple[str | int, ...] | None:
    """The path of the node that starts now, or None if it is a mapping's key."""
    if not stack:
        return ()
    top = stack[-1]
    if top.mapping:
        return None if top.key_next else (*top.path, top.key)
    return (*top.path, top.items)


def _counted(path: tuple[str | int, ...]) -> tuple[int, str] | None:
    """The limit on a list's length at this path, and what its items are called."""
    if path == ("issues",):
        return MAX_ISSUES, tr("issues: more than the limit of {limit} issues", limit=MAX_ISSUES)
    if len(path) == 3 and path[0] == "issues" and path[2] == "options":
        return MAX_OPTIONS, tr(
            "issues[{index}].options: more than the limit of {limit} options in one issue",
            index=path[1],
            limit=MAX_OPTIONS,
        )
    return None


def check_limits(text: str) -> bool:
    """Raise ValueProblem at the first limit the text goes over (counting what aliases expand to), or at
    an alias inside the anchor it names (a loop); YAML syntax errors are left to the full parse.
    True if the text has aliases."""
    if len(text) > MAX_BYTES:
        line = text.count("\n", 0, MAX_BYTES) + 1
        mark = yaml.Mark("", MAX_BYTES, line - 1, 0, "", 0)
        raise _over(tr("the file is over the limit of {limit} bytes for a scenario", limit=f"{MAX_BYTES:,}"), mark)
    try:
        return _scan(text, FAST_LOADER)
    except ValueProblem:
        raise
    except (yaml.YAMLError, UnicodeEncodeError) as exc:
        # Up to a syntax error the limits held, and the full parse reports the error in its own words.
        # But libyaml reads ahead and stops at its own nesting limit (1,000) before it yields the
        # events where ours is crossed: PyYAML's parser reads lazily and meets ours first. And libyaml
        # refuses a lone surrogate escape ("\udfff") that PyYAML, which reads the file, accepts.
        if "nesting" in str(exc) or "escape code" in str(exc) or isinstance(exc, UnicodeEncodeError):
            try:
                return _scan(text, yaml.SafeLoader)
            except ValueProblem:
                raise
            except yaml.YAMLError:
                pass
    return False


def _alias(event: yaml.AliasEvent, stack: list[_Frame], anchors: dict[str, _Anchored]) -> _Anchored:
    """What an alias adds; ValueProblem for an alias inside the anchor it names. An alias with no anchor
    adds one value: the full parse reports it."""
    open_at = next((f for f in stack if f.anchor == event.anchor), None)
    if open_at is not None:
        raise _over(
            tr(
                "the alias *{anchor} stands inside the value of its own anchor &{anchor}, so that value "
                "would hold itself without end (an alias loop): write the inner value out",
                anchor=event.anchor,
            ),
            event.start_mark,
        )
    size = anchors.get(str(event.anchor), _Anchored(1, 0))
    path = _child_path(stack)
    limit = _counted(path) if path is not None else None
    if limit is not None and size.items > limit[0]:
        raise _over(limit[1].format(limit[0]), event.start_mark)
    return size


def _scan(text: str, parser: type) -> bool:
    stack: list[_Frame] = []
    anchors: dict[str, _Anchored] = {}
    nodes = chars = 0
    aliases = False
    for event in yaml.parse(text, Loader=parser):
        if isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = _Anchored(nodes - frame.nodes_before, chars - frame.chars_before, frame.items)
            _advance(stack)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        added = _alias(event, stack, anchors) if isinstance(event, yaml.AliasEvent) else _Anchored(1, 0)
        aliases = aliases or isinstance(event, yaml.AliasEvent)
        nodes += added.nodes
        if nodes > MAX_NODES and isinstance(event, yaml.AliasEvent):
            raise _over(
                tr(
                    "the alias *{anchor} brings in {nodes} values, keys and list items, which takes the "
                    "file over the limit of {limit}: aliases of values that hold aliases multiply without end "
                    "(a 'billion laughs'); write the values out or nest fewer aliases",
                    anchor=event.anchor,
                    nodes=f"{added.nodes:,}",
                    limit=f"{MAX_NODES:,}",
                ),
                event.start_mark,
            )
        if nodes > MAX_NODES:
            through = tr(" (counting what each alias *name expands to)") if aliases else ""
            raise _over(
                tr("more than the limit of {limit} values, keys and list items{through}", limit=f"{MAX_NODES:,}",
                   through=through),
                event.start_mark,
            )  # fmt: skip
        path = _child_path(stack)
        _count_item(stack, event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            chars += added.chars
            if chars > MAX_TEXT:
                raise _over(
                    tr(
                        "more text than the limit of {limit} characters in all (counting what each alias "
                        "*name expands to)",
                        limit=f"{MAX_TEXT:,}",
                    ),
                    event.start_mark,
                )
            _advance(stack)
        elif isinstance(event, yaml.ScalarEvent):
            chars += len(event.value)
            if len(event.value) > MAX_VALUE_TEXT:
                raise _over(
                    tr("a text longer than the limit of {limit} characters", limit=f"{MAX_VALUE_TEXT:,}"),
                    event.start_mark,
                )
            if chars > MAX_TEXT:
                raise _over(
                    tr("more text than the limit of {limit} characters in all", limit=f"{MAX_TEXT:,}"), event.start_mark
                )
            if (control := CONTROL.search(event.value)) is not None:
                code = f"U+{ord(control.group()):04X}"
                if "\ud800" <= control.group() <= "\udfff":
                    message = tr(
                        "a lone surrogate ({code}) in a text: half of a character, which no file can hold", code=code
                    )
                else:
                    message = tr(
                        "a control character ({code}) in a text: only tabs and line breaks may be in one", code=code
                    )
                raise _over(message, event.start_mark)
            if stack and stack[-1].mapping and stack[-1].key_next:
                stack[-1].key = event.value
            if event.anchor is not None:
                anchors[event.anchor] = _Anchored(1, len(event.value))
            _advance(stack)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _over(tr("nested deeper than the limit of {limit} levels", limit=MAX_DEPTH), event.start_mark)
            mapping = isinstance(event, yaml.MappingStartEvent)
            # the collection's own node counts once, as for a value in an alias's expansion
            stack.append(_Frame(path if path is not None else (), mapping, anchor=event.anchor,
                                nodes_before=nodes - 1, chars_before=chars))  # fmt: skip
    return aliases


def _count_item(stack: list[_Frame], mark: Any) -> None:
    if not stack or stack[-1].mapping:
        return
    top = stack[-1]
    limit = _counted(top.path)
    if limit is not None and top.items >= limit[0]:
        raise _over(limit[1].format(limit[0]), mark)


def _advance(stack: list[_Frame]) -> None:
    """A node has ended: a mapping now expects its next key or value, a list its next item."""
    if not stack:
        return
    top = stack[-1]
    if top.mapping:
        top.key_next = not top.key_next
    else:
        top.items += 1


def read_bounded(path: FilePath) -> str:
    """A scenario file's text: only a regular file, at most MAX_BYTES, and UTF-8; else ScenarioError."""

    def refuse(message: str, line: int = 1, column: int = 1) -> ScenarioError:
        return ScenarioError([Diagnostic(str(path), line, column, message)])

    try:
        fd = open_unlinked(path, "scenario")
    except LinkRefused:
        raise refuse(tr("a symbolic link, and links are not followed: it is not read as a scenario")) from None
    except FileNotFoundError:
        raise refuse(tr("no such scenario file")) from None
    except OSError as exc:
        raise refuse(tr("cannot read the file: {reason}", reason=exc.strerror or exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise refuse(tr("not a regular file (a folder, a device or a pipe): a scenario is a .yaml file"))
        data = os.read(fd, MAX_BYTES + 1)
        while len(data) <= MAX_BYTES and (more := os.read(fd, MAX_BYTES + 1 - len(data))):
            data += more
    except OSError as exc:
        raise refuse(tr("cannot read the file: {reason}", reason=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        line = data.count(b"\n", 0, MAX_BYTES) + 1
        raise refuse(tr("the file is over the limit of {limit} bytes for a scenario", limit=f"{MAX_BYTES:,}"), line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        raise refuse(
            tr(
                "line {line}, column {column}: the byte {byte} is not UTF-8 text (the file was saved in another "
                "encoding, such as Latin-1 or Windows-1252): save the file as UTF-8 in your editor",
                line=line,
                column=column,
                byte=f"0x{data[exc.start]:02X}",
            ),
            line,
            column,
        ) from None

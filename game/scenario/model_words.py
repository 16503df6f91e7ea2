"""Pydantic's errors on a scenario said in plain words, each at the file:line:column of the key it is about:
which keys a place allows (did you mean), what a value should be, a bound or a choice in words."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.errors import Diagnostic
from game.i18n import N_, tr, trn
from game.scenario.constraint_words import constraint_words
from game.scenario.dates import date_problem
from game.scenario.schema import Scenario
from game.scenario.side_ids import (
    yes_no_read,
)
from game.scenario.yamlmarks import Located, Path

_EXPECTED = {
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "string_type": N_("text"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "date_type": N_("a date written YYYY-MM-DD"),
    "date_parsing": N_("a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("a date written YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("a date written YYYY-MM-DD"),
    "dict_type": N_("a mapping (lines of 'key: value')"),
    "model_type": N_("a mapping (lines of 'key: value')"),
    "model_attributes_type": N_("a mapping (lines of 'key: value')"),
    "tuple_type": N_("a list (lines starting with '- ')"),
    "list_type": N_("a list (lines starting with '- ')"),
}
_PYDANTIC = {
    "finite_number": N_("must be a finite number"),
    "multiple_of": N_("must be a multiple of {multiple_of}"),
    "string_too_short": N_("must be at least {min_length} characters long"),
    "string_too_long": N_("must be at most {max_length} characters long"),
    "int_parsing_size": N_("is too large a number"),
    "recursion_loop": N_("refers to itself"),
}
"""Pydantic's messages, by error type, in plain words with the error's own fields (its `ctx`)."""
_COUNTED = {"too_short": "min_length", "too_long": "max_length"}
"""Pydantic's messages with a count (worded with `trn` in `_counted`), by the ctx field counted."""


def _counted(kind: str, count: int, actual: str) -> str:
    if kind == "too_short":
        return trn(
            "must have at least {n} entry (it has {actual})",
            "must have at least {n} entries (it has {actual})",
            count,
            actual=actual,
        )
    return trn(
        "must have at most {n} entry (it has {actual})",
        "must have at most {n} entries (it has {actual})",
        count,
        actual=actual,
    )


def _number(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)  # pydantic: 0.0 is 0


def _pydantic_words(err: Any) -> str:
    """Pydantic's message in plain words, in the player's language; an error type the table does not
    know (the test walks every type the schema can raise) keeps pydantic's words, said as such."""
    kind = err["type"]
    if (words := constraint_words(err)) is not None:
        return words
    ctx = {k: _number(v) for k, v in (err.get("ctx") or {}).items()}
    if kind in _COUNTED:
        return _counted(kind, int((err.get("ctx") or {}).get(_COUNTED[kind], 0)), ctx.get("actual_length", "?"))
    template = _PYDANTIC.get(kind)
    if template is not None:
        try:
            return tr(template, **ctx)
        except (KeyError, IndexError, ValueError):
            pass
    return tr("is not a valid value ({reason})", reason=str(err["msg"]))


def _literal_hint(err: Any) -> str:
    """A did-you-mean for a word that is not one of those allowed ('Lower', 'lowr' for 'lower')."""
    given = err.get("input")
    if err["type"] != "literal_error" or not isinstance(given, str):
        return ""
    allowed = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
    by_lower = {a.lower(): a for a in allowed}
    close = difflib.get_close_matches(given.strip().lower(), list(by_lower), n=1, cutoff=0.6)
    return tr(" (did you mean '{word}'?)", word=by_lower[close[0]]) if close else ""


_PERCENT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$")
_SLASH_COMMENT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*//(.*)$")


def _expected_hint(given: object, expected: list[str]) -> str:
    """What to write instead: a number written as a percentage or followed by a // comment, a mapping's
    keys written as list items, a list's items written as keys."""
    if isinstance(given, dict) and len(given) == 1 and "text" in expected:
        key, value = next(iter(given.items()))
        return tr(
            ": the ': ' in it makes '{key}' a key and the rest its value; put the whole text in quotes: \"{key}: {value}\"",
            key=key,
            value=value,
        )
    if "text" in expected and isinstance(given, bool):
        return ": " + yes_no_read(given) + tr("; put the text in quotes")
    if "text" in expected and isinstance(given, int | float):
        return tr(': put it in quotes to make it text ("{number}")', number=given)
    if isinstance(given, str) and ", " in given and "a list (lines starting with '- ')" in expected:
        return tr(": to make it a list, put it in square brackets: [{items}]", items=given.strip())
    if isinstance(given, list) and "a mapping (lines of 'key: value')" in expected:
        if given and all(isinstance(x, dict) and len(x) == 1 for x in given):
            return tr(": write each key without the '- ' before it (a '- ' starts a list item)")
        return ""
    if isinstance(given, dict) and "a list (lines starting with '- ')" in expected:
        if given and all(isinstance(v, dict) and "id" not in v for v in given.values()):
            key = next(iter(given))
            return tr(": write each item as '- id: {key}', its keys indented under it", key=key)
        return ""
    if not isinstance(given, str) or not {"a number", "a whole number"} & set(expected):
        return ""
    if (percent := _PERCENT.match(given)) is not None:
        share = float(percent.group(1)) / 100
        return tr(": a share is a number from 0 to 1, without %: write {share}", share=f"{share:g}")
    if (slashes := _SLASH_COMMENT.match(given)) is not None:
        return tr(
            ": a comment starts with # in YAML, not //: write {number}  # {comment}",
            number=slashes.group(1),
            comment=slashes.group(2).strip(),
        )
    return ""


def _type_name(x: object) -> str:
    if x is None:
        return tr("nothing")
    if isinstance(x, bool):
        return tr("true/false")
    if isinstance(x, dict):
        return tr("a mapping")
    if isinstance(x, list):
        return tr("a list")
    if isinstance(x, int | float):
        return tr("the number {x}", x=x)
    if isinstance(x, dt.datetime):
        return tr("the date and time {x}", x=x.isoformat(sep=" "))
    if isinstance(x, dt.date):
        return tr("the date {x}", x=x.isoformat())
    if isinstance(x, bytes | bytearray):
        return tr("binary data (!!binary)")
    if isinstance(x, set | frozenset):
        return tr("a set (!!set)")
    shown = repr(x) if len(repr(x)) <= 60 else repr(x)[:57] + "..."
    return tr("the text {shown}", shown=shown) if isinstance(x, str) else tr("the value {shown}", shown=shown)


def annotation_step(annotation: Any, part: str | int) -> list[Any]:
    """The annotations one path step below an annotation (through unions, Annotated, containers)."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return [field.annotation] if field is not None else []
    if origin is dict:
        return [typing.get_args(annotation)[1]]
    if origin in (tuple, list):
        return [typing.get_args(annotation)[0]] if isinstance(part, int) else []
    return [a for arg in typing.get_args(annotation) for a in annotation_step(arg, part)]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) in (dict, tuple, list):
        return []
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _allowed_keys(path: Path) -> list[str]:
    """The keys the format allows at a path, for 'did you mean'."""
    annotations: list[Any] = [Scenario]
    for part in path:
        annotations = [a for ann in annotations for a in annotation_step(ann, part)]
    return sorted({name for ann in annotations for model in _models_in(ann) for name in model.model_fields})


_TAGS = {"numeric", "options", "yesno", "bool", "int", "float", "str", "[key]"}


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """A pydantic location reduced to a path in the data (dropping union tags and '[key]')."""
    out: list[str | int] = []
    node, tagged = data, None
    for part in loc:
        if isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if part < len(node) else None
        elif isinstance(node, dict) and part == node.get("kind") in _TAGS and node is not tagged:
            tagged = node  # the union's tag, once: then `options` is the key an options issue also has
        elif isinstance(node, dict):
            key = next((k for k in node if str(k) == str(part)), None)
            if key is not None:
                out.append(str(key))
                node = node[key]
            elif str(part) not in _TAGS and not str(part).startswith("function-"):
                out.append(str(part))
                node = None
    return tuple(out)


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or tr("(top level)")


def at_key(located: Located, path: Path) -> tuple[int, int]:
    """Where a problem with a whole mapping or list is: at its key (a block's value starts on the line of its
    first entry, a neighbour of the key that is wrong); anything else at its value."""
    node: Any = located.data
    for part in path:
        node = (
            node.get(part)
            if isinstance(node, dict)
            else node[part]
            if isinstance(node, list) and isinstance(part, int) and part < len(node)
            else None
        )
    block = isinstance(node, dict | list) and bool(path) and isinstance(path[-1], str)
    return located.where(path, key=block)


def structural_problems(located: Located, filename: str) -> list[Diagnostic]:
    if not isinstance(located.data, dict):
        return [
            Diagnostic(
                filename, 1, 1, tr("a scenario must be a mapping of keys, not {what}", what=_type_name(located.data))
            )
        ]
    try:
        Scenario.model_validate(located.data)
    except ValidationError as exc:
        return _from_pydantic(exc, located, filename)
    return []


def _sides_miscounted(data: Any) -> bool:
    sides = data.get("sides") if isinstance(data, dict) else None
    return isinstance(sides, dict) and len(sides) != 2


def _from_pydantic(exc: ValidationError, located: Located, filename: str) -> list[Diagnostic]:
    by_path: dict[Path, list[dict[str, Any]]] = {}
    errors: list[Any] = list(exc.errors())
    for err in errors:
        if err["type"] == "too_short" and any(len(e["loc"]) > len(err["loc"]) for e in errors):
            continue  # "no items after validation" only restates the items' own errors
        path = _data_path(located.data, tuple(err["loc"]))
        by_path.setdefault(path, []).append(dict(err))
    out = []
    for path, errors in by_path.items():
        err = errors[0]
        kind = err["type"]
        key = str(path[-1]) if path else ""
        if kind == "missing" and path[:-1] == ("sides",) and _sides_miscounted(located.data):
            continue  # the count is said once (`side_problems`), not as the slots the model names them by
        if kind == "missing":
            line, col = at_key(located, path[:-1])
            message = tr("{path}: missing required key '{key}'", path=dotted(path[:-1]), key=key)
        elif kind == "extra_forbidden":
            line, col = located.where(path, key=True)
            close = difflib.get_close_matches(key, _allowed_keys(path[:-1]), n=1, cutoff=0.6)
            hint = tr(" (did you mean '{word}'?)", word=close[0]) if close else ""
            message = tr("{path}: unknown key '{key}'{hint}", path=dotted(path), key=key, hint=hint)
        elif kind == "literal_error" and tuple(err["loc"])[-1:] == ("[key]",):
            # a mapping's key that is not one of the words it allows (a kind of move under dialogue)
            line, col = located.where(path, key=True)
            allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = tr(" (did you mean '{word}'?)", word=close[0]) if close else ""
            message = tr("{path}: unknown key '{key}'{hint}", path=dotted(path), key=key, hint=hint)
            message += tr("; the keys here: {keys}", keys=", ".join(allowed)) if allowed else ""
        elif kind == "union_tag_invalid":
            line, col = located.where((*path, "kind"))
            given = err["input"].get("kind") if isinstance(err["input"], dict) else err["input"]
            message = tr(
                "{path}.kind: must be numeric, options or yesno, not {given}", path=dotted(path), given=repr(given)
            )
            close = difflib.get_close_matches(str(given).lower(), ["numeric", "options", "yesno"], n=1, cutoff=0.6)
            message += tr(" (did you mean '{word}'?)", word=close[0]) if close else ""
        elif kind == "string_pattern_mismatch":
            line, col = located.where(path)
            message = tr(
                "{path}: an id is lower-case Latin letters a-z, digits 0-9, _ and -, starting with a "
                "letter or digit, not {given}",
                path=dotted(path),
                given=repr(err["input"]),
            )
        elif kind == "union_tag_not_found":
            line, col = located.where(path)
            message = tr("{path}: missing required key 'kind' (numeric, options or yesno)", path=dotted(path))
        else:
            line, col = at_key(located, path)
            expected = sorted({_EXPECTED[e["type"]] for e in errors if e["type"] in _EXPECTED})
            if "a number" in expected and "a whole number" in expected:  # int | float: any number will do
                expected.remove("a whole number")
            dated = date_problem(err["input"]) if kind.startswith("date_") and isinstance(err["input"], str) else None
            if dated:
                message = f"{dotted(path)}: {dated}"
            elif expected:
                message = tr(
                    "{path}: expected {expected}, got {given}",
                    path=dotted(path),
                    expected=tr(" or ").join(tr(e) for e in expected),
                    given=_type_name(err["input"]),
                ) + _expected_hint(err["input"], expected)
            else:
                message = f"{dotted(path)}: {_pydantic_words(err)}" + _literal_hint(err)
        out.append(Diagnostic(filename, line, col, message))
    return out

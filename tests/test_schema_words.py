"""Every error pydantic can raise on a scenario reads in plain words, in English and in Russian.

The error types are enumerated from the schema itself (each field's type and constraints), so a new
constraint with no case here, or a case with no words in the loader, fails."""

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
from pydantic import BaseModel, ValidationError

from game.i18n import set_language
from game.scenario import loader, model_words
from game.scenario.constraint_words import WORDED
from game.scenario.loader import check_text
from game.scenario.schema import Scenario

from .conftest import ROOT

WARM_UP = yaml.safe_load((ROOT / "scenarios" / "warm-up.yaml").read_text(encoding="utf-8"))
HANDLED_APART = {"missing", "extra_forbidden", "union_tag_invalid", "union_tag_not_found", "string_pattern_mismatch"}
"""Error types `_from_pydantic` words itself (with the key or the kind); every other goes through the tables."""


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def _types_of(annotation: Any, metadata: list[Any], seen: set[type]) -> set[str]:
    """The pydantic error types a value of this annotation (with these constraints) can raise."""
    out: set[str] = set()
    for m in metadata:
        out |= {
            annotated_types.Gt: {"greater_than"},
            annotated_types.Ge: {"greater_than_equal"},
            annotated_types.Lt: {"less_than"},
            annotated_types.Le: {"less_than_equal"},
            annotated_types.MinLen: {"too_short"},
            annotated_types.MaxLen: {"too_long"},
            annotated_types.MultipleOf: {"multiple_of"},
        }.get(type(m), set())
        if getattr(m, "pattern", None):
            out.add("string_pattern_mismatch")
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = [a for a in args[1:]]
        discriminated = any(getattr(a, "discriminator", None) for a in inner)
        extra = [x for a in inner for x in getattr(a, "metadata", [a])]
        out |= {"union_tag_invalid", "union_tag_not_found", "model_attributes_type"} if discriminated else set()
        return out | _types_of(args[0], extra, seen)
    if origin is typing.Literal:
        return out | {"literal_error"}
    if origin in (typing.Union, types.UnionType):
        return out | {t for a in args if a is not type(None) for t in _types_of(a, [], seen)}
    if origin is tuple:
        return out | {"tuple_type"} | _types_of(args[0], [], seen)
    if origin is dict:
        return out | {"dict_type"} | _types_of(args[0], [], seen) | _types_of(args[1], [], seen)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out |= {"model_type", "missing", "extra_forbidden"}
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                out |= _types_of(field.annotation, list(field.metadata), seen)
        return out
    return out | {
        bool: {"bool_type", "bool_parsing"},
        int: {"int_type", "int_parsing", "int_from_float"},
        float: {"float_type", "float_parsing", "finite_number"},
        str: {"string_type"},
        dt.date: {"date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"},
    }.get(annotation, set())


SCHEMA_TYPES = _types_of(Scenario, [], set())


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()
US_MEMBER = ("sides", "us", "members", 0)
CASES: dict[str, tuple[tuple[Any, ...], Any]] = {
    "missing": (("meta", "summary"), _DELETE),
    "extra_forbidden": (("meta", "titel"), "x"),
    "union_tag_invalid": (("issues", 0, "kind"), "range"),
    "union_tag_not_found": (("issues", 0, "kind"), _DELETE),
    "model_attributes_type": (("issues", 0), 7),
    "string_pattern_mismatch": (("meta", "id"), "Warm Up"),
    "too_short": (("calendar", "meetings"), []),
    "greater_than": (("issues", 0, "step"), 0),
    "greater_than_equal": (("sides", "us", "trust"), -0.5),
    "less_than": (("sides", "us", "domestic", "threshold"), 1),
    "less_than_equal": (("sides", "us", "trust"), 1.5),
    "finite_number": (("sides", "us", "trust"), float("nan")),
    "literal_error": (("calendar", "first_to_move"), "uk"),
    "int_type": (("calendar", "consult_cost"), [1]),
    "int_parsing": (("calendar", "consult_cost"), "two"),
    "int_from_float": (("calendar", "consult_cost"), 2.5),
    "float_type": (("sides", "us", "no_deal"), [0.2]),
    "float_parsing": (("sides", "us", "no_deal"), "low"),
    "string_type": (("sides", "us", "short"), 5),
    "bool_type": ((*US_MEMBER, "lead"), [True]),
    "bool_parsing": ((*US_MEMBER, "lead"), "maybe"),
    "date_type": (("meta", "date"), [1990]),
    "date_from_datetime_parsing": (("meta", "date"), "soon"),
    "date_from_datetime_inexact": (("meta", "date"), dt.datetime(1990, 4, 20, 10, 30)),
    "tuple_type": (("calendar", "meetings"), "all of them"),
    "dict_type": (("meta", "sources"), ["W"]),
    "model_type": (("calendar", "deadline"), "the summit"),
}
"""Error type -> a change to warm-up that raises it (and no other error where that type is reported)."""

LEFTOVER = re.compile(
    r"\b(should|Input|valid|least|most|item|items|after validation|greater|less|equal|finite|parsing|"
    r"instance|dictionary|unable|interpret|expected|got|must|not|number|text|list|mapping|date|"
    r"whole|true or false|entries|entry|missing|unknown|key|characters?)\b"
)
"""English words of pydantic's messages or of the plain words: none may be left in a Russian message
(paths, keys, values and the YYYY-MM-DD pattern are taken out first)."""


def test_the_schema_can_raise_these_error_types() -> None:
    assert {"too_short", "greater_than", "literal_error", "string_pattern_mismatch", "date_type"} <= SCHEMA_TYPES


def test_every_error_type_of_the_schema_has_a_case_and_words() -> None:
    assert SCHEMA_TYPES - set(CASES) == set(), "an error type the schema can raise has no case here"
    worded = (
        HANDLED_APART | set(model_words._EXPECTED) | set(model_words._PYDANTIC) | set(model_words._COUNTED) | WORDED
    )
    assert SCHEMA_TYPES - worded == set(), "an error type the schema can raise has no plain words"


def _errors(case: str) -> tuple[str, list[str]]:
    path, value = CASES[case]
    data = _set(WARM_UP, path, value)
    try:
        Scenario.model_validate(loader.localised_tree(copy.deepcopy(data), "en"))
    except ValidationError as exc:
        kinds = {e["type"] for e in exc.errors()}
    else:
        kinds = set()
    _, diagnostics = check_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "broken.yaml")
    return case if case in kinds else f"{case} not raised, but {sorted(kinds)}", [str(d) for d in diagnostics]


def _stripped(message: str) -> str:
    """The words of a message: no file:line:column, no path, nothing quoted, no YYYY-MM-DD."""
    message = re.sub(r"^broken\.yaml:\d+:\d+: ", "", message)
    message = re.sub(r"^[\w.\[\]-]+: ", "", message)
    return re.sub(r"'[^']*'|\"[^\"]*\"|YYYY-MM-DD|\(YYYY-MM-DD\)", "", message)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_type_reads_in_plain_english(case: str) -> None:
    set_language("en")
    raised, messages = _errors(case)
    assert raised == case
    assert messages, case
    text = "\n".join(messages)
    assert "Input should" not in text and "after validation" not in text and "not a valid value" not in text, text
    assert re.search(r"^broken\.yaml:\d+:\d+: ", messages[0]), messages


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_type_reads_in_russian(case: str) -> None:
    set_language("ru")
    raised, messages = _errors(case)
    assert raised == case
    for message in messages:
        assert re.search(r"^broken\.yaml:\d+:\d+: ", message), message
        assert re.search("[а-яё]", message), message
        assert LEFTOVER.findall(_stripped(message)) == [], message


def test_too_short_counts_in_both_languages() -> None:
    data = _set(WARM_UP, ("calendar", "meetings"), [])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    set_language("en")
    assert "calendar.meetings: must have at least 1 entry (it has 0)" in str(check_text(text, "w.yaml")[1][0])
    set_language("ru")
    assert "calendar.meetings: должен содержать хотя бы 1 элемент (сейчас 0)" in str(check_text(text, "w.yaml")[1][0])


def test_an_unknown_error_type_still_says_it_is_pydantics() -> None:
    set_language("ru")
    words = model_words._pydantic_words({"type": "some_new_type", "msg": "Value error, odd", "ctx": {}})
    assert "Value error, odd" in words and re.search("[а-яё]", words)

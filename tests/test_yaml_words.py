"""Every YAML syntax error an author can cause reads in plain words, in English and in Russian, at
file:line:column. The broken files below are the ones tried: one or more for each message PyYAML's
scanner, parser, composer and safe constructor can raise, and for Python's refusal of a date."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from game.i18n import set_language
from game.scenario.loader import check_text

# name -> (text, line, column, words the English message must hold)
BROKEN: dict[str, tuple[str, int, int, str]] = {
    "tab indentation": ("a: 1\n\tb: 2\n", 2, 1, "tab character"),
    "bad indentation": ("a:\n  b: 1\n c: 2\n", 3, 2, "not indented like"),
    "list item out of line": ("a:\n  - b\n  c: 1\n", 3, 3, "not indented like"),
    "key after a list": ("- a\nb: 1\n", 2, 1, "not indented like"),
    "more indented key": ("a: 1\n  b: 2\n", 2, 4, "indented more"),
    "unclosed double quote": ('a: "x\nb: 1\n', 1, 4, "never closed"),
    "unclosed single quote": ("a: 'x\n", 1, 4, "never closed"),
    "document separator in a quote": ('a: "x\n---\n"\n', 1, 4, "never closed"),
    "text after a closing quote": ('a: "x" y\n', 1, 8, "after a closing quote"),
    # a quote not closed on its line runs on to the next quote, keys and all: the error is where it opened
    "quote running on to the next one": ('a: "x\nb: 1\nc: "y"\n', 1, 4, "is not closed on its line"),
    "single quote running on to the next one": ("a: 'x\nb: 1\nc: 'y'\n", 1, 4, "written twice: ''"),
    "quote running on over a line": ('a: "x\nb: 1\n"\n  c: 2\n', 1, 4, 'add the closing " at the end of line 1'),
    # a key indented less than its neighbours ends their block; the parser fails on the line after it
    "key indented less than its neighbours": (
        "a:\n  b:\n    c: 1\n  d: 2\n    e: 3\n    f: 4\n",
        4,
        3,
        "indented less",
    ),
    # the same two lines, but the block after them is d's: e is the one indented too far
    "key indented more after a dedent": ("a:\n  b:\n    c: 1\n  d: 2\n    e: 3\n  f: 4\n", 5, 6, "indented more"),
    "unknown escape": ('a: "C:\\qa"\n', 1, 8, "unknown escape"),
    "short hex escape": ('a: "\\x4"\n', 1, 7, "unknown escape"),
    "unclosed bracket": ("a: [1, 2\nb: 1\n", 1, 4, "never closed"),
    "unclosed bracket as key": ("? [a\n", 1, 3, "never closed"),
    "unclosed brace": ("a: {b: 1\nc: 2\n", 1, 4, "never closed"),
    "wrong closing bracket": ("a: [1}\n", 1, 4, "never closed"),
    "stray colon in a value": ("a: b: c\n", 1, 5, "inside a value"),
    "key with no colon": ("key without colon\nb: 1\n", 1, 1, "no ':'"),
    "a word on its own line": ("a: b\nc\nd\n", 2, 1, "no ':' after its key"),
    "a word on its own line in a list": ("a:\n  - b\n  c\n  d: 1\n", 3, 3, "no ':' after its key"),
    "a key on a line after a text": ("a:\n  b\n  c: [x\n", 2, 1, "no ':'"),
    "first key indented": ("  a: 1\nb: 2\n", 2, 1, "indented less than"),
    "file ends inside brackets": ("{a: 1, b: [\n", 2, 1, "file ends"),
    "quote open at the end of the file": ('a:\n  "b\n  c: 1\n', 2, 3, "never closed"),
    "multi-line key without colon": ("a: 1\nb\n", 2, 1, "no ':'"),
    "duplicate key": ("a: 1\na: 2\n", 2, 1, "appears twice"),
    "undefined alias": ("a: *x\n", 1, 4, "no anchor"),
    "duplicate anchor": ("a: &x 1\nb: &x 2\n", 2, 4, "defined twice"),
    "alias with no name": ("a: *\n", 1, 4, "needs a name"),
    "anchor with no name": ("a: &\n", 1, 4, "needs a name"),
    "alias loop": ("a: &x [*x]\n", 1, 8, "alias loop"),
    "merge of a scalar": ("a: 1\nb:\n  <<: 2\n", 3, 7, "merges a mapping"),
    "merge of a list of scalars": ("b:\n  <<: [1]\n", 2, 8, "merges a mapping"),
    "a document with only a scalar": ("hello\n", 1, 1, "must be a mapping"),
    "a document with only a list": ("- a\n- b\n", 1, 1, "must be a mapping"),
    "two documents": ("a: 1\n---\nb: 2\n", 2, 1, "one document"),
    "text after the end of the document": ("a: 1\n...\nb\n", 3, 1, "one document"),
    "block after a flow mapping": ("{a: 1}\nc: 1\n", 2, 1, "one document"),
    "a character that starts no value": ("a: @x\n", 1, 4, "cannot start with @"),
    "a backtick": ("a: `x\n", 1, 4, "cannot start with `"),
    "a closing brace as a value": ("a: }\n", 1, 4, "value is missing"),
    "a list item on its key's line": ("a: - 1\n", 1, 4, "list item"),
    "a complex key on its key's line": ("a: ? b\n", 1, 4, "plain word or number"),
    "a list as a key": ("[a, b]: 1\n", 1, 1, "plain word or number"),
    "block text indicator": ("a: |x\n  t\n", 1, 5, "after | or >"),
    "block text indentation 0": ("a: |0\n  x\n", 1, 5, "after | or >"),
    "text after a block indicator": ("a: | x\n  y\n", 1, 6, "after | or >"),
    "python tag": ("a: !!python/object:os.system 1\n", 1, 4, "tag"),
    "unknown local tag": ("a: !foo 1\n", 1, 4, "tag"),
    "undefined tag handle": ("a: !x!y 1\n", 1, 4, "tag"),
    "a tag that does not fit": ("a: !!str [1]\n", 1, 4, "tag"),
    "an ordered map": ("a: !!omap [1]\n", 1, 12, "tag"),
    "bad base64": ('a: !!binary "YQ="\n', 1, 4, "tag"),
    "base64 not ascii": ("a: !!binary é\n", 1, 4, "tag"),
    "bad tag escape": ("a: !<tag:yaml.org,2002:str%zz> 1\n", 1, 28, "tag"),
    "unclosed verbatim tag": ("a: !<tag 1\n", 1, 9, "tag"),
    "duplicate directive": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 2, 1, "directive"),
    "YAML 2.0": ("%YAML 2.0\n---\na: 1\n", 1, 1, "directive"),
    "bad version": ("%YAML 1.a\n---\na: 1\n", 1, 9, "directive"),
    "duplicate tag handle": ("%TAG ! x\n%TAG ! y\n---\na: 1\n", 2, 1, "directive"),
    "control character": ("a: 1\n\x07b: 2\n", 2, 1, "control character"),
    "impossible day": ("a: 1990-02-30\n", 1, 4, "only 28 days in February 1990"),
    "impossible day in a leap year": ("a: 1992-02-30\n", 1, 4, "only 29 days in February 1992"),
    "thirty-first of April": ("a: 1990-04-31\n", 1, 4, "only 30 days in April 1990"),
    "month 13": ("a: 1990-13-01\n", 1, 4, "no month 13"),
    "year 0": ("a: 0000-01-01\n", 1, 4, "years start at 1"),
    "hour 25": ("a: 1990-04-20 25:00:00\n", 1, 4, "not a time of day"),
}
PYYAML_ENGLISH = re.compile(
    r"\b(found|expected|while|scanning|parsing|constructing|token|node|scalar|stream|occurrence|allowed|"
    r"could not|cannot|syntax error|not a date|out of range|must be|day|month|document|line|column)\b"
)
"""PyYAML's and Python's words, and words of the English rules: none may be left in a Russian message."""


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def _first(text: str) -> tuple[int, int, str]:
    _, diagnostics = check_text(text, "broken.yaml")
    assert diagnostics, text
    own = [d for d in diagnostics if not d.message.startswith(("(top level)", "(верхний уровень)"))]
    hit = min(own or diagnostics, key=lambda d: (d.line, d.column))
    assert str(hit).startswith(f"broken.yaml:{hit.line}:{hit.column}: ")
    return hit.line, hit.column, hit.message


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_in_plain_english(name: str) -> None:
    text, line, column, words = BROKEN[name]
    set_language("en")
    at_line, at_column, message = _first(text)
    assert words in message, message
    assert "YAML syntax error" not in message and "YAML error" not in message, message
    assert (at_line, at_column) == (line, column), message


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_in_russian(name: str) -> None:
    text, line, column, _ = BROKEN[name]
    set_language("ru")
    at_line, at_column, message = _first(text)
    assert (at_line, at_column) == (line, column), message
    assert re.search("[а-яё]", message), message
    words = re.sub(r"'[^']*'|\"[^\"]*\"|\b\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d)?", "", message)
    assert PYYAML_ENGLISH.findall(words) == [], message


def test_a_date_quoted_in_the_file_is_explained_too() -> None:
    import yaml

    from .test_schema_words import WARM_UP

    data = {**WARM_UP, "meta": {**WARM_UP["meta"], "date": "1990-02-30"}}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    set_language("en")
    messages = [str(d) for d in check_text(text, "w.yaml")[1]]
    assert any("meta.date: 1990-02-30 is not a date: there are only 28 days in February 1990" in m for m in messages)
    set_language("ru")
    messages = [str(d) for d in check_text(text, "w.yaml")[1]]
    assert any("meta.date: 1990-02-30 — такой даты нет: в феврале 1990 года всего 28 дней" in m for m in messages)


def test_an_unknown_parser_message_says_it_is_the_parsers() -> None:
    import yaml

    from game.scenario.yaml_words import in_plain_words

    set_language("ru")
    exc = yaml.MarkedYAMLError(None, None, "something new went wrong", yaml.Mark("", 0, 0, 0, "", 0))
    line, column, message = in_plain_words(exc, "a: 1\n")
    assert (line, column) == (1, 1) and "something new went wrong" in message and re.search("[а-яё]", message)

"""Attacks through dialogue templates: attribute access, index access, huge widths, stray braces."""

from __future__ import annotations

import tracemalloc

import pytest
import yaml

from game.engine.moves import Propose
from game.engine.rules import Rules
from game.scenario.loader import check_text
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.scenario.templates import MAX_WIDTH, fill

from .conftest import TINY


def with_phrase(phrase: str) -> str:
    """tiny.yaml with one US 'propose' phrase, written in double quotes on the last line."""
    return TINY.read_text() + f'dialogue:\n  us:\n    propose:\n      - "We say {phrase}"\n'


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("{speaker.foo}", "without '.' or '[...]'"),
        ("{speaker.__class__}", "without '.' or '[...]'"),
        ("{speaker[0]}", "without '.' or '[...]'"),
        ("{speaker:>1000000000}", f"a width of at most {MAX_WIDTH}"),
        ("{speaker:>" + "9" * 5000 + "}", f"a width of at most {MAX_WIDTH}"),
        ("{speaker:%Y}", "the only format allowed is a width"),
        ("{issue!r}", "no '!' conversion"),
        ("{0}", "unknown placeholder {0}"),
        ("{}", "an empty placeholder"),
        ("{reason}", "unknown placeholder {reason}"),
        ("{issue:{value}}", "the only format allowed is a width"),
    ],
)
def test_validate_refuses_a_template_at_its_placeholder(phrase: str, said: str) -> None:
    text = with_phrase(phrase)
    tracemalloc.start()
    scenario, diagnostics = check_text(text, "t.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert scenario is None
    line = text.count("\n")
    column = len('      - "We say ') + 1
    [d] = [d for d in diagnostics if d.line == line]
    assert (d.file, d.column) == ("t.yaml", column), str(d)
    assert said in d.message and "{changes}, {package}, {issue}, {value}, {argument}, {speaker}" in d.message
    assert peak < 50_000_000  # validating never builds the padded text


@pytest.mark.parametrize(
    "phrase, at, words",
    [
        ("{issue", 0, "this { opens a placeholder that no } closes"),
        ("{speaker: we propose {package}.", 0, "close it right after the name (such as {speaker})"),
        ("{{ {issue}} now", 10, "a } with no { before it: write }} for a brace"),
        ("{issue} and {value", 12, "this { opens a placeholder that no } closes"),
    ],
)
def test_an_unpaired_brace_is_pointed_at_and_said_in_words(phrase: str, at: int, words: str) -> None:
    _, diagnostics = check_text(with_phrase(phrase), "t.yaml")
    column = len('      - "We say ') + 1 + at
    found = [d.message for d in diagnostics if d.column == column]
    assert any(words in m for m in found), [str(d) for d in diagnostics]
    assert not any("format spec" in d.message or "Single" in d.message for d in diagnostics)


@pytest.mark.parametrize("phrase", ["{speaker}: {changes}", "{{literal}} {issue:<12}", f"{{value:>{MAX_WIDTH}}}"])
def test_the_documented_placeholders_and_a_small_width_pass(phrase: str) -> None:
    scenario, diagnostics = check_text(with_phrase(phrase), "t.yaml")
    assert scenario is not None, diagnostics


def test_a_width_just_over_the_limit_is_refused() -> None:
    scenario, _ = check_text(with_phrase(f"{{value:>{MAX_WIDTH + 1}}}"), "t.yaml")
    assert scenario is None


def test_a_hostile_phrase_that_skipped_validation_is_spoken_as_written() -> None:
    data = yaml.safe_load(with_phrase("{speaker.__class__} {speaker:>1000000000} {package}"))  # an opening
    rules = Rules(Scenario.model_validate(data))
    state = rules.initial(1)
    while state.to_move is not Side.US:
        state = rules.apply(state, Propose(rules.base[state.to_move].opening))
    state = rules.apply(state, Propose(rules.base[Side.US].opening))
    text = next(e.text for e in reversed(state.log) if e.side is Side.US and e.move is not None)
    assert "{speaker.__class__} {speaker:>1000000000}" in text and len(text) < 1000


def test_fill_keeps_widths_and_doubled_braces() -> None:
    assert fill("{{a}} {issue:<5}|{x}", {"issue": "I"}) == "{a} I    |{x}"

"""Hostile scenario files: huge, deep, self-multiplying, wide, not UTF-8, not files at all.

Each answer is a clear ScenarioError or diagnostic naming the limit and the line, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import ScenarioError
from game.scenario import bounds
from game.scenario.loader import check_text, load_scenario

from .conftest import ROOT, TINY

TINY_TEXT = TINY.read_text(encoding="utf-8")


def only_problem(text: str) -> tuple[int, str]:
    scenario, diagnostics = check_text(text, "h.yaml")
    assert scenario is None
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0].line, diagnostics[0].message


def test_a_file_over_the_size_limit_is_refused_at_the_line_it_crosses_it() -> None:
    text = TINY_TEXT + ("# " + "x" * 97 + "\n") * (bounds.MAX_BYTES // 100)
    line, message = only_problem(text)
    assert f"limit of {bounds.MAX_BYTES:,} bytes" in message
    assert line == text.count("\n", 0, bounds.MAX_BYTES) + 1
    assert check_text(text[: bounds.MAX_BYTES - 200] + "\n", "h.yaml")[0] is not None  # just under: a scenario


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_nesting_deeper_than_the_limit_is_refused(opening: str) -> None:
    inside = ("" if opening == "- " else "a: ") + opening * 5000 + "x"
    line, message = only_problem(inside)
    assert (line, f"limit of {bounds.MAX_DEPTH} levels") == (1, message[message.index("limit") :])
    at_limit = "a: " + "[" * (bounds.MAX_DEPTH - 1) + "]" * (bounds.MAX_DEPTH - 1)
    assert "nested deeper" not in " ".join(d.message for d in check_text(at_limit, "h.yaml")[1])


def test_deep_block_nesting_is_refused_not_a_recursion_error() -> None:
    text = "".join("  " * i + "a:\n" for i in range(500))
    line, message = only_problem(text)
    assert line == bounds.MAX_DEPTH + 1 and "nested deeper than the limit of 20 levels" in message


def test_billion_laughs_is_refused_at_the_alias_that_goes_over_the_limit() -> None:
    laughs = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    laughs += "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    line, message = only_problem(laughs)
    # a: 10 nodes, b: 91, c: 820, d: 7,381; the third *d on line 5 takes the count over 20,000
    assert (line, message[:60]) == (5, "the alias *d brings in 7,381 values, keys and list items, wh")
    assert "billion laughs" in message


def test_aliases_just_under_the_limit_are_read() -> None:
    # 1 + 2 + 10 + 2 + 9 x 10 x ... : d holds 7,381 nodes; two uses of it stay under 20,000
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    laughs += "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abc", "bcd", strict=True))
    laughs += "e: [*d]\n"
    assert "limit" not in " ".join(d.message for d in check_text(laughs, "h.yaml")[1])
    assert "limit of 20,000" in only_problem(laughs + "f: [*d]\n")[1]


def test_an_alias_to_a_long_text_counts_its_characters_each_time() -> None:
    text = "a: &a " + "x" * bounds.MAX_VALUE_TEXT + "\n" + "".join(f"b{k}: *a\n" for k in range(5))
    line, message = only_problem(text)
    assert line == 5 and "more text than the limit of 250,000 characters" in message  # keys count too


def test_an_alias_of_a_list_of_issues_counts_its_issues() -> None:
    data = yaml.safe_load(TINY_TEXT)
    extra = yaml.safe_dump([{**data["issues"][0], "id": f"i{k}"} for k in range(bounds.MAX_ISSUES + 1)])
    anchored = "many: &many\n" + "".join("  " + ln + "\n" for ln in extra.splitlines()) + "issues: *many\n"
    line, message = only_problem(anchored)
    assert line == anchored.count("\n") and "issues: more than the limit of 20 issues" in message


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: {c: *x}}\n", "a: &x\n  - 1\n  - *x\n"])
def test_an_alias_inside_its_own_anchor_is_a_loop(text: str) -> None:
    line, message = only_problem(text)
    assert line == text.count("\n") and "alias loop" in message and "*x" in message


def test_too_many_issues_is_refused_at_the_first_one_over() -> None:
    data = yaml.safe_load(TINY_TEXT)
    issue = data["issues"][0]
    data["issues"] = [{**issue, "id": f"i{k}"} for k in range(bounds.MAX_ISSUES + 1)]
    text = yaml.safe_dump(data, sort_keys=False)
    line, message = only_problem(text)
    assert "issues: more than the limit of 20 issues" in message
    assert text.splitlines()[line - 1].strip().startswith("- ")


def options_issue(n: int) -> str:
    options = "".join(f"      - option {k}\n" for k in range(n))
    return TINY_TEXT.replace(
        "issues:\n", f"issues:\n  - id: wide\n    name: Wide\n    kind: options\n    options:\n{options}", 1
    )


def test_options_per_issue_at_and_over_the_limit() -> None:
    _, at_limit = check_text(options_issue(bounds.MAX_OPTIONS), "h.yaml")
    assert not any("limit" in d.message for d in at_limit)
    text = options_issue(5000)
    line, message = only_problem(text)
    assert "issues[0].options: more than the limit of 100 options in one issue" in message
    assert text.splitlines()[line - 1].strip() == f"- option {bounds.MAX_OPTIONS}"


def test_too_many_values_and_too_much_text() -> None:
    many = "a:\n" + "  - x\n" * bounds.MAX_NODES
    assert "limit of 20,000 values" in only_problem(many)[1]
    one_long = "a: " + "x" * (bounds.MAX_VALUE_TEXT + 1) + "\n"
    assert "limit of 50,000 characters" in only_problem(one_long)[1]
    crossing = bounds.MAX_TEXT // 40_000 + 1  # the value that takes the text past the limit
    many_long = "".join(f"k{k}: {'x' * 40_000}\n" for k in range(crossing))
    line, message = only_problem(many_long)
    assert (line, f"limit of {bounds.MAX_TEXT:,} characters in all") == (crossing, message[message.index("limit") :])
    assert check_text(many_long.rsplit("\n", 2)[0] + "\n", "h.yaml")[0] is None  # one value fewer: other errors
    assert "limit" not in " ".join(d.message for d in check_text(many_long.rsplit("\n", 2)[0] + "\n", "h.yaml")[1])


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "s.yaml"
    path.write_bytes(data)
    return path


def test_a_file_not_in_utf8_names_the_line_the_byte_and_what_to_do(tmp_path: Path) -> None:
    data = TINY_TEXT.encode("utf-8").replace(b"\n", "\n# Caf\u00e9 cr\u00e8me\n".encode("latin-1"), 3)
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(write(tmp_path, data)))
    [d] = info.value.diagnostics
    assert (d.line, d.column) == (2, 6)
    assert "0xE9" in d.message and "save the file as UTF-8" in d.message
    assert "codec" not in d.message and "Error" not in d.message


def test_a_file_bigger_than_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\n" * 1_000_000)
    with pytest.raises(ScenarioError, match=f"limit of {bounds.MAX_BYTES:,} bytes"):
        load_scenario(str(path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_device_or_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for path in (fifo, folder, Path("/dev/zero")):
        if not path.exists():
            continue
        with pytest.raises(ScenarioError, match="not a regular file"):
            load_scenario(str(path))


def test_validate_answers_a_hostile_file_with_a_message(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: " + b"[" * 100_000 + b"\n")
    done = subprocess.run(
        [sys.executable, "main.py", "validate", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert f"{path}:1:" in done.stdout and "nested deeper than the limit" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


# ----- fuzz: a clear error or a valid result, never a traceback, always in time ------------------

TINY_LINES = TINY_TEXT.splitlines(keepends=True)
YAMLISH = st.sampled_from(["[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!", "'", '"', "\t", "\n", "#", "{{", "1e999"])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(TINY_LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "splice"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines[i:i] = [lines[i]] * draw(st.integers(1, 50))
        elif action == "splice":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(st.one_of(YAMLISH, st.text(max_size=8))) + lines[i][j:]
        else:
            lines.insert(i, draw(st.one_of(YAMLISH, st.text(max_size=20))) + "\n")
        if not lines:
            lines = [""]
    return "".join(lines)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated(), st.text(max_size=400), values.map(lambda v: yaml.safe_dump({"issues": v}))))
def test_fuzzed_scenario_text_gets_a_result_or_messages(text: str) -> None:
    scenario, diagnostics = check_text(text, "f.yaml")
    assert (scenario is None) == bool([d for d in diagnostics if d.severity.value == "error"])
    assert all(d.file == "f.yaml" and d.line >= 1 and d.column >= 1 and d.message for d in diagnostics)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | mutated().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzzed_scenario_files_load_or_raise_scenario_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    try:
        load_scenario(str(path))
    except ScenarioError as exc:
        assert exc.diagnostics and all(d.message for d in exc.diagnostics)


@pytest.mark.parametrize(("step", "count"), [("1e-300", "4.0e+302 values"), ("0.01", "40001 values")])
def test_a_step_too_small_says_how_many_values_in_a_short_line(step: str, count: str) -> None:
    text = TINY_TEXT.replace("step: 100", f"step: {step}", 1)
    line, message = only_problem(text)
    assert text.splitlines()[line - 1].strip() == f"step: {step}"
    assert f"{count} is too many (at most 10000)" in message and len(message) < 120

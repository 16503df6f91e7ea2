"""Every broken fixture names its expected line and message in its own second line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import check_text, load_scenario

from .conftest import FIXTURES, ROOT, SHIPPED, TINY

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, str]:
    match = re.match(r"# expect: (\d+): (.*)", path.read_text().splitlines()[1])
    assert match, f"{path} has no '# expect: LINE: message' line"
    return int(match.group(1)), match.group(2)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_broken_scenario_points_at_the_line(path: Path) -> None:
    line, message = expectation(path)
    scenario, diagnostics = check_text(path.read_text(), str(path))
    assert scenario is None
    assert any(d.line == line and message in d.message for d in diagnostics), "\n".join(map(str, diagnostics))


def test_all_problems_of_a_file_in_one_run() -> None:
    text = TINY.read_text()
    text = text.replace("target: 800,", "tagret: 800,").replace("targets: [range]", "targets: [rnage]")
    text = text.replace("exchanges: 6}", "exchanges: 0}", 1)
    _, diagnostics = check_text(text, "x.yaml")
    messages = " | ".join(d.message for d in diagnostics)
    for expected in ("did you mean 'target'", "unknown issue 'rnage'", "exchanges: must be from 1 to 200, not 0"):
        assert expected in messages


@pytest.mark.parametrize(
    "text",
    ["", "- a\n- b\n", "format_version: 1\n", "\x00\x01", "a: [", "meta: 3\nissues: {}\n", "{{{", "issues:\n  - 7\n"],
)
def test_garbage_gives_messages_not_exceptions(text: str) -> None:
    scenario, diagnostics = check_text(text, "g.yaml")
    assert scenario is None and diagnostics
    assert all(d.file == "g.yaml" and d.line >= 1 for d in diagnostics)


def test_load_raises_scenario_error_with_every_problem() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(FIXTURES / "bad" / "unknown-key.yaml"))
    assert len(info.value.diagnostics) >= 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_validate_command_exit_codes() -> None:
    good = run_cli("validate", str(TINY), *map(str, SHIPPED))
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run_cli("validate", *map(str, BAD))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert len([line for line in bad.stdout.splitlines() if re.match(r".+\.yaml:\d+:\d+: ", line)]) >= len(BAD)


def test_a_persona_must_run_a_built_in_strategy(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "april-1990.yaml").read_text()
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, start=1) if t.strip() == "strategy: boulware")
    broken = tmp_path / "persona.yaml"
    broken.write_text(text.replace("strategy: boulware", "strategy: bulwark", 1))
    result = run_cli("validate", str(broken))
    assert result.returncode == 1
    assert f"persona.yaml:{line}:" in result.stdout and "'bulwark' is not a built-in strategy" in result.stdout


def test_anchors_aliases_and_merge_keys_read_as_the_values_written_out() -> None:
    written_out, _ = check_text(TINY.read_text(), "tiny.yaml")
    anchored, diagnostics = check_text((FIXTURES / "anchors.yaml").read_text(), "anchors.yaml")
    assert diagnostics == [] and anchored == written_out is not None


def test_a_value_through_an_alias_is_found_where_it_is_used_and_what_it_holds_where_it_is_written() -> None:
    text = (FIXTURES / "anchors.yaml").read_text()
    lines = text.splitlines()

    def line_of(needle: str) -> int:
        return next(i for i, ln in enumerate(lines, 1) if needle in ln)

    def lines_of(problem: str, changed: str) -> set[int]:
        return {d.line for d in check_text(changed, "a.yaml")[1] if problem in d.message}

    # a value an alias brings: at the anchor for its first use, at the alias for the other
    wrong = text.replace("no_deal: &no_deal 0.2", "no_deal: &no_deal 1.5", 1)
    assert lines_of("sides.us.no_deal", wrong) == {line_of("&no_deal")}
    assert lines_of("sides.ussr.no_deal", wrong) == {line_of("*no_deal")}
    # a key inside a merged mapping: where it is written, for each mapping that merges it
    wrong = text.replace("exchanges: 6}", "exchanges: 0}", 1)
    assert lines_of("meetings[0].exchanges", wrong) == lines_of("meetings[1].exchanges", wrong) == {line_of("&meeting")}
    # a key given beside a merge key wins over the merged one, and is found on its own line
    wrong = text.replace("      threshold: 0.5\n", "      threshold: 5\n", 1)
    assert lines_of("sides.ussr.domestic.threshold", wrong) == {line_of("      threshold: 0.5")}
    # one use of an anchor shares nothing with another: a side renamed in one is not renamed twice
    shared = text.replace("effects: [{side: us, support: -0.05}]", "effects: [&e {side: ussr, support: -0.05}, *e]")
    assert check_text(shared, "s.yaml")[1] == []

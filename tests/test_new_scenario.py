"""`python main.py new-scenario NAME [--from SCENARIO]`: a starting file that validates as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.agents.registry import make
from game.engine.rules import Rules
from game.engine.state import Ending
from game.errors import ScenarioError
from game.match import Match
from game.paths import SCENARIO_DIR
from game.report.scenario import report
from game.scenario import json_schema
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side
from game.scenario.starter import NewScenarioError, create, replace_scalar, target
from game.scenario.zopa_warnings import zopa_warnings

from .conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_the_template_validates_analyzes_and_plays_to_an_ending(tmp_path: Path) -> None:
    made = create(str(tmp_path / "my-crisis.yaml"))
    assert made.scenario_id == "my-crisis" and made.title == "My crisis" and made.source is None
    text = made.path.read_text(encoding="utf-8")
    scenario, _ = load_scenario(str(made.path))
    assert scenario.meta.id == "my-crisis" and scenario.meta.title == "My crisis"
    assert not zopa_warnings(scenario, str(made.path), text)
    analysis = report(scenario, made.path.name)
    assert analysis.analysis.nash is not None and not analysis.warnings
    rules = Rules(scenario)
    for us, ussr in (("ai:hard", "ai:normal"), ("ai:boulware", "persona:firm-minister")):
        state = Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, 3).play()
        assert state.over and state.ending is not Ending.FORFEIT
    # the schema line points at the shipped schema from wherever the file is
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    relative = first.split("$schema=", 1)[1]
    assert (made.path.parent / relative).resolve() == json_schema.SCHEMA_FILE.resolve()
    assert "#" in text.splitlines()[1] and text.count("\n#") > 20, "the template keeps its comments"


def test_from_april_1990_is_a_commented_copy_with_a_new_id_and_title(tmp_path: Path) -> None:
    made = create(str(tmp_path / "april-variant.yaml"), source="april-1990", title="April: a variant")
    scenario, _ = load_scenario(str(made.path))
    original, _ = load_scenario("april-1990")
    assert scenario.meta.id == "april-variant" and scenario.meta.title == "April: a variant"
    assert scenario.model_dump(exclude={"meta"}) == original.model_dump(exclude={"meta"})
    text = made.path.read_text(encoding="utf-8")
    head = text.split("format_version")[0]
    assert "Copied on" in head and "april-1990" in head and "--from april-1990" in head
    assert "# Cruise Control: default scenario" in head  # the original's own comments come along
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert text.count("# yaml-language-server") == 1


def test_it_never_overwrites_and_refuses_bad_names(tmp_path: Path) -> None:
    path = tmp_path / "taken.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(NewScenarioError, match="already exists"):
        create(str(path))
    assert path.read_text(encoding="utf-8") == "mine\n"
    for name in ("Bad Name", "-dash", "sub/dir"):
        with pytest.raises(NewScenarioError):
            create(name)
    assert target("my-crisis") == (SCENARIO_DIR / "my-crisis.yaml", "my-crisis")
    with pytest.raises(ScenarioError, match="no such scenario file"):
        create(str(tmp_path / "x.yaml"), source="no-such-scenario")
    assert not (tmp_path / "x.yaml").exists()


def test_a_broken_original_is_reported_not_copied(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format_version: 1\nmeta: {id: broken}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        create(str(tmp_path / "copy.yaml"), source=str(broken))
    assert "cannot copy" in str(info.value) and "missing required key" in str(info.value)
    assert not (tmp_path / "copy.yaml").exists()


def test_replacing_a_value_keeps_the_comments_and_handles_block_text() -> None:
    text = "meta:\n  id: old  # keep me\n  title: >-\n    A long\n    title\n  date: 1990-04-20\n"
    out = replace_scalar(replace_scalar(text, ("meta", "id"), "new"), ("meta", "title"), "Yes: no")
    assert out == 'meta:\n  id: new  # keep me\n  title: "Yes: no"\n  date: 1990-04-20\n'


def test_the_command(tmp_path: Path) -> None:
    path = tmp_path / "class" / "my-crisis.yaml"
    first = cli("new-scenario", str(path))
    assert first.returncode == 0, first.stderr
    assert "validate" in first.stdout and path.exists()
    again = cli("new-scenario", str(path), "--from", "april-1990")
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
    bad = cli("new-scenario", "x-y", "--from", "nowhere")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "nowhere" in bad.stderr
    assert not (SCENARIO_DIR / "x-y.yaml").exists()

"""For instructors: the shipped scenarios, the JSON Schema editors use, and the scenario guide.

Every shipped scenario validates without warnings, has a zone of agreement (a Nash point), and plays
to an ending with every built-in agent; the schema and the guide's field reference are regenerated
and compared with the shipped files, so neither can drift from the code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.agents.builtin import BUILT_IN
from game.agents.registry import make, names
from game.engine.rules import Rules
from game.engine.state import Ending
from game.match import Match
from game.report.scenario import report
from game.scenario import json_schema
from game.scenario.field_reference import field_reference
from game.scenario.loader import check_text
from game.scenario.preferences import Side
from game.scenario.starter import TEMPLATE
from game.scenario.zopa_warnings import zopa_warnings

from .conftest import TINY

SHIPPED = json_schema.scenario_files()
GUIDE = json_schema.GUIDE_FILE
NEW_SCENARIOS = ("warm-up", "washington-april-1990", "moscow-may-1990", "stray-missile")


def worked_example() -> str:
    """The complete file of the guide's worked example."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"<!-- WORKED EXAMPLE[^>]*-->\n```yaml\n(.*?)```", text, re.S)
    assert match, "scenarios/README.md has lost its worked example"
    return match.group(1)


def checked(text: str, name: str) -> Rules:
    """The rules of a scenario text that validates with no error and no warning."""
    scenario, problems = check_text(text, name)
    assert scenario is not None, "\n".join(map(str, problems))
    warnings = zopa_warnings(scenario, name, text)
    assert not warnings, "\n".join(map(str, warnings))
    return Rules(scenario)


def test_the_new_scenarios_are_shipped() -> None:
    assert {p.stem for p in SHIPPED} >= {"april-1990", *NEW_SCENARIOS}


# ----- the schema ------------------------------------------------------------------------------


def test_the_shipped_schema_and_field_reference_match_the_code() -> None:
    assert json_schema.SCHEMA_FILE.read_text(encoding="utf-8") == json_schema.schema_text(), (
        f"scenarios/scenario.schema.json is out of date: run  {json_schema.REGENERATE}"
    )
    assert json_schema.stale() == [], f"out of date: run  {json_schema.REGENERATE}"


def test_every_field_that_holds_a_value_has_a_description_and_an_example() -> None:
    """What an editor shows on hover; a whole block (a model, or a list or mapping of them) goes without."""
    schema = json_schema.scenario_schema()
    bare = []
    for model, body in [("Scenario", schema), *schema["$defs"].items()]:
        for name, prop in body.get("properties", {}).items():
            block = any(ref != "#/$defs/Localised" for ref in re.findall(r'"\$ref": "([^"]+)"', json.dumps(prop)))
            if "description" not in prop or ("examples" not in prop and not block):
                bare.append(f"{model}.{name}")
    assert bare == []


def test_the_field_reference_calls_a_side_by_the_files_own_id() -> None:
    reference = field_reference()
    assert "`us` or `ussr`" not in reference
    assert "| `first_to_move` | a side's id (a key under `sides`) |" in reference


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_names_the_schema_on_its_first_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == json_schema.SCHEMA_LINE


def test_the_schema_is_made_for_editors() -> None:
    schema = json_schema.scenario_schema()
    defs = schema["$defs"]
    assert schema["$schema"].endswith("2020-12/schema") and schema["title"]
    assert defs["Meeting"]["properties"]["date"] == {
        "description": defs["Meeting"]["properties"]["date"]["description"],
        "examples": ["1990-04-20", "1990-05-16"],
        "format": "date",
        "title": "Date",
        "type": "string",
    }
    assert defs["Calendar"]["properties"]["first_to_move"]["pattern"] == "^[a-z0-9][a-z0-9_-]*$"  # any side id
    assert defs["Sides"]["minProperties"] == defs["Sides"]["maxProperties"] == 2
    assert defs["NumericIssue"]["properties"]["kind"]["const"] == "numeric"
    for name, model in defs.items():  # every field says what it is for, on hover
        for key, prop in model.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} has no description"


def _as_json(data: Any) -> Any:
    """Parsed YAML as an editor's language server sees it: dates as text, every key a string."""
    return json.loads(json.dumps(data, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(json_schema.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_schema_accepts_every_shipped_scenario_and_the_examples(validator: Any) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in [*SHIPPED, TINY, TEMPLATE]}
    texts["the guide's worked example"] = worked_example()
    for name, text in texts.items():
        errors = [e.message for e in validator.iter_errors(_as_json(yaml.safe_load(text)))]
        assert not errors, f"{name}: {errors[:3]}"


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["meta"].update(date="1990-13-45"), "is not a 'date'"),
        (lambda d: d["calendar"].update(first_to_move="UK"), "does not match"),
        (lambda d: d["sides"].update(uk=d["sides"]["us"]), "has too many properties"),
        (lambda d: d["sides"]["us"]["positions"]["range"].update(tagret=800), "Additional properties"),
        (lambda d: d["issues"][0].update(kind="number"), "is not valid under any of the given schemas"),
    ],
)
def test_the_schema_catches_what_an_editor_should_underline(validator: Any, change: Any, words: str) -> None:
    data = _as_json(yaml.safe_load(TINY.read_text(encoding="utf-8")))
    change(data)
    messages = " | ".join(e.message for e in validator.iter_errors(data))
    assert words in messages, messages


# ----- the guide -------------------------------------------------------------------------------


def test_the_guides_worked_example_validates_analyzes_and_plays() -> None:
    rules = checked(worked_example(), "bonn-1990.yaml")
    assert report(rules.scenario, "bonn-1990.yaml").analysis.nash is not None
    for us, ussr in (("ai:hard", "persona:firm-shevardnadze"), ("ai:linear", "ai:tradeoff")):
        state = Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, 1).play()
        assert state.over and state.ending is not Ending.FORFEIT


def test_the_guide_documents_every_strategy_and_command() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for name in BUILT_IN:
        assert f"| `{name}` |" in text, f"the guide's persona table lacks the strategy {name!r}"
    for command in ("validate FILE", "analyze FILE", "run --scenario FILE", "tournament FILE", "new-scenario", "F5"):
        assert command in text


# ----- the shipped scenarios -------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_scenario_is_clean_balanced_and_agreeable(path: Path) -> None:
    rules = checked(path.read_text(encoding="utf-8"), str(path))
    scenario = rules.scenario
    assert scenario.meta.id == path.stem
    result = report(scenario, path.name)
    assert result.analysis.zopa and result.analysis.nash is not None
    assert not result.warnings, [w.message for w in result.warnings]
    for side in (scenario.sides.us, scenario.sides.ussr):
        for persona in side.personas:
            assert persona.strategy in BUILT_IN, f"{persona.id}: {persona.strategy!r} is not a built-in strategy"
            assert not persona.bluffs  # the agent contract test expects shipped personas to keep their word


@pytest.mark.parametrize("path", [*SHIPPED, TEMPLATE], ids=lambda p: p.stem)
def test_every_built_in_agent_plays_a_shipped_scenario_to_an_ending(path: Path) -> None:
    rules = checked(path.read_text(encoding="utf-8"), str(path))
    endings = set()
    for agent in names():
        for us, ussr in ((agent, "ai:linear"), ("ai:linear", agent)):
            for seed in range(3):
                state = Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, seed).play()
                assert state.over, f"{us} v {ussr}, seed {seed}: no ending"
                assert state.ending is not Ending.FORFEIT, f"{us} v {ussr}, seed {seed}: {state.log[-1].text}"
                endings.add(state.ending)
    assert Ending.RATIFIED in endings


def test_the_schema_shows_examples_beside_descriptions() -> None:
    defs = json_schema.scenario_schema()["$defs"]
    assert defs["Meeting"]["properties"]["exchanges"]["examples"]
    assert defs["Position"]["properties"]["red_line"]["examples"]
    assert defs["OfferCondition"]["properties"]["at_least"]["examples"] == [7]
    scalars = [p for d in defs.values() for p in d.get("properties", {}).values() if "$ref" not in p]
    with_examples = [p for p in scalars if p.get("examples")]
    assert len(with_examples) >= 0.8 * len(scalars), f"{len(with_examples)} of {len(scalars)}"

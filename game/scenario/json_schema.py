"""The JSON Schema of the scenario format, and the field reference of the scenario guide, from the models.

Both are generated from `game.scenario.schema` (the tables by `game.scenario.field_reference`), so the format, the schema editors use for completion
and the guide's field tables cannot drift apart (a test regenerates them and compares):

    python -m game.scenario.json_schema           # rewrite scenarios/scenario.schema.json and the guide's tables
    python -m game.scenario.json_schema --check   # exit 1 if either is out of date

Every scenario file starts with `# yaml-language-server: $schema=scenario.schema.json`, which editors
with the YAML language server (VS Code's YAML extension, for one) read to complete keys, show each
field's description on hover and underline mistakes as you type.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.i18n import LANGUAGES
from game.paths import SCENARIO_DIR
from game.scenario.field_reference import guide_with_reference
from game.scenario.schema import Scenario

SCHEMA_NAME = "scenario.schema.json"
SCHEMA_FILE = SCENARIO_DIR / SCHEMA_NAME
GUIDE_FILE = SCENARIO_DIR / "README.md"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_NAME}"
"""The first line of every scenario file in scenarios/."""
REGENERATE = "python -m game.scenario.json_schema"


def schema_line_for(path: Path) -> str:
    """The schema line for a scenario file at `path`: relative to it, so editors find the schema anywhere."""
    try:
        relative = os.path.relpath(SCHEMA_FILE.resolve(), path.resolve().parent)
    except ValueError:  # another drive (Windows)
        relative = str(SCHEMA_FILE.resolve())
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"


def scenario_files(folder: Path = SCENARIO_DIR) -> list[Path]:
    """The scenarios in a folder: `NAME.yaml` files (companion files such as `NAME.beats.yaml` are not)."""
    return sorted(p for p in folder.glob("*.yaml") if "." not in p.stem)


# ----- the JSON Schema -------------------------------------------------------------------------


EXAMPLE_TEXT = {"en": "The Washington summit", "ru": "Вашингтонская встреча в верхах"}
"""A text per language as the schema shows it (the guide's own example)."""

LOCALISED = {
    "type": "object",
    "description": "The text per language: en (required) and ru; a language left out shows the English.",
    "properties": {
        code: {"type": "string", "description": f"The text in {name}.", "examples": [EXAMPLE_TEXT[code]]}
        for code, name in LANGUAGES.items()
    },
    "required": ["en"],
    "additionalProperties": False,
}


LOCALISED_LIST = {
    "type": "object",
    "description": "The texts per language: en (required) and ru; a language left out uses the English.",
    "properties": {
        code: {
            "type": "array",
            "items": {"type": "string"},
            "description": f"The texts in {name}.",
            "examples": [[EXAMPLE_TEXT[code]]],
        }
        for code, name in LANGUAGES.items()
    },
    "required": ["en"],
    "additionalProperties": False,
}


def _is_text(node: Any) -> bool:
    return (
        isinstance(node, dict)
        and node.get("type") == "string"
        and not {"pattern", "enum", "format", "const"} & set(node)
    )


def _texts_per_language(node: Any) -> Any:
    """Every free text (a string with no pattern or choices), and every list of them (dialogue
    phrases), may also be written per language."""
    if isinstance(node, dict):
        if _is_text(node):
            rest = {k: v for k, v in node.items() if k not in ("type", "minLength", "maxLength")}
            return {**rest, "anyOf": [{"type": "string"}, {"$ref": "#/$defs/Localised"}]}
        if node.get("type") == "array" and _is_text(node.get("items")):
            rest = {k: v for k, v in node.items() if k not in ("type", "items")}
            return {
                **rest,
                "anyOf": [{"type": "array", "items": {"type": "string"}}, {"$ref": "#/$defs/LocalisedList"}],
            }
        return {k: _texts_per_language(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_texts_per_language(v) for v in node]
    return node


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file, from `Scenario.model_json_schema()`;
    free texts may be written per language (`{en: ..., ru: ...}`, see the guide)."""
    body = _texts_per_language(_with_examples(_any_side_ids(Scenario.model_json_schema())))
    body["$defs"]["Localised"] = LOCALISED
    body["$defs"]["LocalisedList"] = LOCALISED_LIST
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Cruise Control scenario",
        "description": (
            "A scenario of the Cruise Control negotiation game (format version 1). Generated from "
            f"game/scenario/schema.py by `{REGENERATE}`; the guide is scenarios/README.md. Dates are "
            "written YYYY-MM-DD. `python main.py validate FILE` checks more than this schema can: "
            "references between ids, value ranges and steps, red lines against openings."
        ),
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


_SIDE_ID = {
    "type": "string",
    "pattern": r"^[a-z0-9][a-z0-9_-]*$",
    "description": "A side's id: one of the keys of sides.",
}


def _any_side_ids(body: dict[str, Any]) -> dict[str, Any]:
    """The model's two side slots as the file writes them: any two ids (game/scenario/side_ids.py)."""
    defs = body["$defs"]
    sides = defs["Sides"]
    defs["Sides"] = {
        "description": sides["description"],
        "title": "Sides",
        "type": "object",
        "minProperties": 2,
        "maxProperties": 2,
        "propertyNames": {k: v for k, v in _SIDE_ID.items() if k != "description"},
        "additionalProperties": {"$ref": "#/$defs/Side"},
        "examples": [{"eu": {"name": "European Community"}, "japan": {"name": "Japan"}}],
    }
    dialogue = defs["Dialogue"]
    phrases = dialogue["properties"]["us"]
    defs["Dialogue"] = {
        "description": dialogue["description"],
        "title": "Dialogue",
        "type": "object",
        "maxProperties": 2,
        "additionalProperties": {k: v for k, v in phrases.items() if k not in ("title", "default")},
    }

    def visit(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("enum") == ["us", "ussr"]:
                return {**_SIDE_ID, "description": node.get("description", _SIDE_ID["description"])}
            return {k: visit(v) for k, v in node.items()}
        if isinstance(node, list):
            return [visit(v) for v in node]
        return node

    return typing.cast(dict[str, Any], visit(body))


EXAMPLE_SOURCES = (Path(__file__).parent / "template.yaml", SCENARIO_DIR / "car-trade-1991.yaml")
"""Where the schema's examples come from: the starting template and the shipped EU-Japan scenario."""
MAX_EXAMPLES = 2


def _example(value: Any) -> Any:
    """A value as it appears in a file, short enough to show on hover; None when it is too long."""
    if isinstance(value, BaseModel):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        items = [_example(v) for v in value[:3]]
        return None if any(i is None for i in items) or not items else items
    if isinstance(value, dict):
        if not value:
            return None
        key, item = next(iter(value.items()))
        shown = _example(item)
        return None if shown is None else {str(key): shown}
    if isinstance(value, str):
        text = " ".join(value.split())
        return text if 0 < len(text) <= 80 else (text[:77] + "..." if text else None)
    return value


def _collect(model: BaseModel, found: dict[tuple[str, str], list[Any]]) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        children = [v for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, BaseModel)]
        if isinstance(value, dict):
            children += [v for v in value.values() if isinstance(v, BaseModel)]
        for child in children:
            _collect(child, found)
        shown = _example(value)
        examples = found.setdefault((type(model).__name__, name), [])
        if shown is not None and shown not in examples and len(examples) < MAX_EXAMPLES:
            examples.append(shown)


def _with_examples(body: dict[str, Any]) -> dict[str, Any]:
    """Each field's examples, from real scenarios, beside its description (editors show both on hover)."""
    from game.scenario.loader import load_scenario

    found: dict[tuple[str, str], list[Any]] = {}
    for source in EXAMPLE_SOURCES:
        _collect(load_scenario(str(source))[0], found)
    defs = body["$defs"]
    for (model, field), examples in found.items():
        prop = (defs.get(model) or (body if model == "Scenario" else {})).get("properties", {}).get(field)
        if prop is not None and examples:
            prop["examples"] = examples
    return body


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


# ----- the command -----------------------------------------------------------------------------


def stale(schema_file: Path = SCHEMA_FILE, guide_file: Path = GUIDE_FILE) -> list[str]:
    """What is out of date (empty when both files match the models)."""
    out = []
    if not schema_file.exists() or schema_file.read_text(encoding="utf-8") != schema_text():
        out.append(str(schema_file))
    if guide_file.exists():
        guide = guide_file.read_text(encoding="utf-8")
        if guide_with_reference(guide) != guide:
            out.append(f"{guide_file} (the field reference)")
    return out


def write(schema_file: Path = SCHEMA_FILE, guide_file: Path = GUIDE_FILE) -> list[str]:
    """Regenerate the schema and the guide's field reference; the files that changed."""
    changed = []
    text = schema_text()
    if not schema_file.exists() or schema_file.read_text(encoding="utf-8") != text:
        schema_file.write_text(text, encoding="utf-8")
        changed.append(str(schema_file))
    if guide_file.exists():
        guide = guide_file.read_text(encoding="utf-8")
        new = guide_with_reference(guide)
        if new != guide:
            guide_file.write_text(new, encoding="utf-8")
            changed.append(str(guide_file))
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.scenario.json_schema",
        description="Regenerate scenarios/scenario.schema.json and the field reference in scenarios/README.md "
        "from the scenario models.",
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if either is out of date")
    args = parser.parse_args(argv)
    try:
        if args.check:
            out_of_date = stale()
            for name in out_of_date:
                print(f"{name}: out of date; run  {REGENERATE}", file=sys.stderr)
            return 1 if out_of_date else 0
        changed = write()
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name in changed:
        print(f"wrote {name}")
    if not changed:
        print("the schema and the field reference are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

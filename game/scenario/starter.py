"""New scenario files: a commented starting file, or a copy of an existing scenario under a new id.

`python main.py new-scenario NAME [--from SCENARIO] [--title TITLE]` is a thin client of `create`.
Both kinds of file validate as written; the copy keeps every comment of its original and says
where it came from in a comment header. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.errors import CruiseControlError, Diagnostic, ScenarioError
from game.i18n import tr
from game.paths import SCENARIO_DIR
from game.scenario.json_schema import schema_line_for
from game.scenario.loader import check_text, read_text, resolve
from game.scenario.yamlmarks import Path as KeyPath

TEMPLATE = Path(__file__).with_name("template.yaml")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class NewScenarioError(CruiseControlError):
    """A new scenario that cannot be written: a bad name, a file that exists, a broken original."""


@dataclass(frozen=True)
class NewScenario:
    path: Path
    scenario_id: str
    title: str
    source: str | None
    """The file it was copied from, or None for the template."""
    side_ids: tuple[str, str] = ("us", "ussr")
    """The ids of its sides, for the command lines to try next."""


def target(name: str) -> tuple[Path, str]:
    """Where NAME is written and the scenario id it gets: scenarios/NAME.yaml, or a path ending in .yaml."""
    if name.endswith((".yaml", ".yml")):
        path = Path(name)
        scenario_id = path.stem
    else:
        if "/" in name or "\\" in name:
            raise NewScenarioError(
                tr("{name}: give a scenario name (e.g. my-crisis) or a file name ending in .yaml", name=repr(name))
            )
        path, scenario_id = SCENARIO_DIR / f"{name}.yaml", name
    if not SLUG.match(scenario_id):
        raise NewScenarioError(
            tr(
                "{id} cannot be a scenario id: use lower-case letters, digits, - and _, "
                "starting with a letter or digit (e.g. my-crisis)",
                id=repr(scenario_id),
            )
        )
    return path, scenario_id


def title_from(scenario_id: str) -> str:
    """A title to start with: 'my-crisis' -> 'My crisis'."""
    words = re.sub(r"[-_]+", " ", scenario_id).strip()
    return words[:1].upper() + words[1:]


def replace_scalar(text: str, path: KeyPath, value: str) -> str:
    """The text with the scalar at a key path (e.g. ('meta', 'id')) replaced, comments kept.

    A text written per language (`{en: ..., ru: ...}`) is replaced whole by the one value.
    Raises KeyError if the path is not a scalar (or such a text) in the text.
    """
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            raise KeyError(path)
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    per_language = isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "en" for k, _ in node.value
    )
    if not isinstance(node, yaml.ScalarNode) and not per_language:
        raise KeyError(path)
    assert node is not None
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    trailing = old[len(old.rstrip()) :]  # a block scalar (>-, |) ends after its line break: keep it
    return text[:start] + yaml_scalar(value) + trailing + text[end:]


def yaml_scalar(value: str) -> str:
    """A string as YAML: plain when it reads back as the same string, else double-quoted."""
    plain = value == value.strip() and ": " not in value and " #" not in value and "\n" not in value
    try:
        plain = plain and bool(value) and yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def _without_schema_line(text: str) -> str:
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
        if lines and lines[0].strip() == "#":  # the comment block's blank line after the schema line
            lines = lines[1:]
    return "".join(lines)


def _renamed(text: str, scenario_id: str, title: str, what: str) -> str:
    try:
        text = replace_scalar(text, ("meta", "id"), scenario_id)
        return replace_scalar(text, ("meta", "title"), title)
    except (KeyError, yaml.YAMLError) as exc:
        raise NewScenarioError(tr("{what} has no meta.id and meta.title to rename", what=what)) from exc


def template_text(path: Path, scenario_id: str, title: str) -> str:
    """The commented starting file, with its id and title, and the schema line for `path`."""
    text = _renamed(_without_schema_line(TEMPLATE.read_text(encoding="utf-8")), scenario_id, title, tr("the template"))
    return f"{schema_line_for(path)}\n#\n{text}"


def copy_text(path: Path, scenario_id: str, title: str, source: str, name: str) -> tuple[str, Path]:
    """A copy of the scenario `source` (id or file) with a new id and title and a header saying so."""
    original = resolve(source)
    text = read_text(original)
    scenario, diagnostics = check_text(text, str(original))
    if scenario is None:
        raise ScenarioError(
            [
                Diagnostic(
                    str(original), 1, 1, tr("cannot copy {source}: fix it first (every problem below)", source=source)
                ),
                *diagnostics,
            ]
        )
    shown = _shown(original)
    header = [
        schema_line_for(path),
        "#",
        f"# Copied on {dt.date.today().isoformat()} from {scenario.meta.id} ({shown}), {scenario.meta.title!r},",
        f"# by `python main.py new-scenario {name} --from {source}`.",
        "# Only meta.id and meta.title were changed; everything below, comments included, is the original's.",
        "#",
    ]
    body = _renamed(_without_schema_line(text), scenario_id, title, str(original))
    return "\n".join(header) + "\n" + body, original


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(SCENARIO_DIR.parent))
    except ValueError:
        return str(path)


def create(name: str, source: str | None = None, title: str | None = None) -> NewScenario:
    """Write a new scenario file; raises NewScenarioError or ScenarioError saying what is wrong."""
    path, scenario_id = target(name)
    if path.exists():
        raise NewScenarioError(
            tr("{path} already exists: choose another name, or delete or rename that file first", path=path)
        )
    title = title if title is not None else title_from(scenario_id)
    if not title.strip():
        raise NewScenarioError(tr("the title must not be empty"))
    if source is None:
        text, origin = template_text(path, scenario_id, title), None
    else:
        text, found = copy_text(path, scenario_id, title, source, name)
        origin = str(found)
    checked, diagnostics = check_text(text, str(path))
    if checked is None:  # the template and a valid original always validate; this guards odd titles
        raise ScenarioError(diagnostics)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite, even a file made a moment ago
            f.write(text)
    except FileExistsError:
        raise NewScenarioError(tr("{path} already exists: choose another name", path=path)) from None
    except OSError as exc:
        raise NewScenarioError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from exc
    return NewScenario(path, scenario_id, title, origin, checked.side_ids)

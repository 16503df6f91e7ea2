"""Load a scenario file into the frozen model, reporting every problem as file:line:column."""

from __future__ import annotations

import hashlib
from pathlib import Path as FilePath
from typing import Any

import yaml

from game.errors import Diagnostic, ScenarioError
from game.i18n import language, localised, tr
from game.paths import SCENARIO_DIR
from game.scenario.bounds import ValueProblem, read_bounded
from game.scenario.checks import iter_problems
from game.scenario.frontier_check import frontier_problems
from game.scenario.model_words import at_key, dotted, structural_problems
from game.scenario.name_limits import name_problems
from game.scenario.quoted import quoted_problems
from game.scenario.schema import Scenario
from game.scenario.side_ids import (
    file_side_ids,
    is_side_key,
    named_back,
    side_problems,
    to_slot_path,
    to_slots,
)
from game.scenario.templates import template_diagnostics
from game.scenario.yaml_words import in_plain_words, reader_words
from game.scenario.yamlmarks import Located, Path, load_located


def check_text(
    text: str, filename: str = "<scenario>", lang: str | None = None
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate a scenario's text: the model (if it is valid, its texts in `lang`, by default the
    game's language) and every problem found."""
    try:
        located = load_located(text)
    except yaml.MarkedYAMLError as exc:
        if isinstance(exc, ValueProblem):
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = str(exc.problem)
        else:
            line, col, message = in_plain_words(exc, text)
        return None, [Diagnostic(filename, line, col, message)]
    except yaml.reader.ReaderError as exc:
        return None, [Diagnostic(filename, *reader_words(exc, text))]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(filename, 1, 1, tr("YAML error: {error}", error=exc))]
    too_long = [  # every language's form, so before one is picked
        Diagnostic(filename, *located.where(path), f"{dotted(path)}: {message}")
        for path, message in name_problems(located.data)
    ]
    located.data = localised_tree(located.data, lang)
    ids, side_refs = file_side_ids(located.data), side_problems(located.data)
    located = to_slots(located)
    diagnostics = _duplicates(located, filename)
    if diagnostics:
        # A key written twice (a second `issues:` pasted at the end, a list item without its '- ') makes
        # the file say something else than its author meant: the rest would be checked against what the
        # later key holds, and bury this one under dozens of consequences. It alone, like a syntax error.
        return None, sorted(set(named_back(d, ids) for d in diagnostics), key=lambda d: (d.line, d.column, d.message))
    diagnostics += structural_problems(located, filename)
    for path, message in iter_problems(located.data):
        line, col = at_key(located, path)
        diagnostics.append(Diagnostic(filename, line, col, f"{dotted(path)}: {message}"))
    if isinstance(located.data, dict):
        diagnostics += template_diagnostics(located.data.get("dialogue"), located.where, text, filename)
    diagnostics += [
        Diagnostic(filename, *located.where(to_slot_path(p, ids)), f"{dotted(p)}: {m}")
        for p, m in quoted_problems(text, ids)
    ]
    diagnostics = [named_back(d, ids) for d in diagnostics] + too_long
    # A side id that is a key (sides.ID, dialogue.ID) is pointed at as a key, every other as a value.
    diagnostics += [
        Diagnostic(
            filename, *located.where(to_slot_path(p, ids), key=is_side_key(p) or p == ("sides",)), f"{dotted(p)}: {m}"
        )
        for p, m in side_refs
    ]
    diagnostics = sorted(set(diagnostics), key=lambda d: (d.line, d.column, d.message))
    if diagnostics:
        return None, diagnostics
    scenario = Scenario.model_validate(located.data).with_side_ids(ids)
    too_large = frontier_problems(scenario, filename, located.where)
    if too_large:
        return None, too_large
    if (lang or language()) != "en":
        from game.record.rules_digest import language_digest  # game.record reads scenarios: a cycle

        english, _ = check_text(text, filename, "en")
        if english is not None:
            scenario = scenario.with_english_rules(language_digest(scenario), language_digest(english))
    return scenario, []


def _duplicates(located: Located, filename: str) -> list[Diagnostic]:
    """Keys written twice in one mapping. Several at once in an item of a list are most likely the next
    item written without its '- ': one error, where that item starts."""
    by_parent: dict[Path, list[tuple[Path, tuple[int, int]]]] = {}
    for path, place in located.duplicate_keys:
        by_parent.setdefault(path[:-1], []).append((path, place))
    out = []
    for parent, found in by_parent.items():
        if len(found) > 1 and parent and isinstance(parent[-1], int):
            (line, col), keys = found[0][1], ", ".join(str(p[-1]) for p, _ in found)
            message = tr(
                "{path}: the keys {keys} appear twice: if a new item of the list starts on line {line}, begin it "
                "with '- '",
                path=dotted(parent),
                keys=keys,
                line=line,
            )
            out.append(Diagnostic(filename, line, col, message))
            continue
        out += [
            Diagnostic(
                filename,
                line,
                col,
                tr("{path}: key '{key}' appears twice (the later one would win)", path=dotted(path), key=path[-1]),
            )
            for path, (line, col) in found
        ]
    return out


def localised_tree(node: Any, lang: str | None = None) -> Any:
    """The scenario with every per-language text (`name: {en: ..., ru: ...}`) in `lang`, by default
    the current language (English where that language is missing); `en` is required in such a mapping. A
    member's name keeps its English form, which speakers, personas and beats refer to, and shows
    the current language's as `shown`."""
    sides = node.get("sides") if isinstance(node, dict) else None
    for side in sides.values() if isinstance(sides, dict) else ():
        members = side.get("members") if isinstance(side, dict) else None
        for member in members if isinstance(members, list) else ():
            name = member.get("name") if isinstance(member, dict) else None
            if isinstance(name, dict) and localised(name, lang) is not name:
                member["shown"], member["name"] = localised(name, lang), name["en"]
    return _localised(node, lang)


def _localised(node: Any, lang: str | None) -> Any:
    value = localised(node, lang)
    if value is not node:
        return value
    if isinstance(node, dict):
        return {k: _localised(v, lang) for k, v in node.items()}
    if isinstance(node, list):
        return [_localised(v, lang) for v in node]
    return node


def resolve(name_or_path: str) -> FilePath:
    """A scenario given by id ('april-1990') or by file path."""
    path = FilePath(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    return SCENARIO_DIR / f"{name_or_path}.yaml"


def read_text(path: FilePath) -> str:
    """A scenario file's text; ScenarioError for a file that is missing, not regular, too big or not UTF-8."""
    return read_bounded(path)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_scenario(name_or_path: str) -> tuple[Scenario, str]:
    """The scenario and the hash of its text; raises ScenarioError with every problem."""
    path = resolve(name_or_path)
    text = read_text(path)
    scenario, diagnostics = check_text(text, str(path))
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario, content_hash(text)


__all__ = ["check_text", "content_hash", "dotted", "load_scenario", "localised_tree", "resolve"]

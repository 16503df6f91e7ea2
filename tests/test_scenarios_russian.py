"""The invented scenarios (car-trade-1991, stray-missile) carry Russian texts the way warm-up and
april-1990 do (`{en: ..., ru: ...}`), and a game of each played with --lang ru reads in Russian."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from game import cli
from game.i18n import set_language
from game.scenario.loader import check_text

from .conftest import ROOT

SCENARIOS = ["car-trade-1991", "stray-missile"]
TEXT_KEYS = {
    "title", "summary", "name", "short", "description", "unit", "brief", "note", "body", "role", "place", "text",
    "news", "instructions", "shown", "ministerial", "summit", "treaty", "bonn", "max_label",
}  # fmt: skip
"""The keys whose values are prose a player reads (ids, option names and persona strategies are not)."""
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
ALLOWED_LATIN = {"referendum"}
"""'ad referendum', the diplomats' own Latin, which the Russian record keeps too."""


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def _model(name: str, lang: str) -> dict[str, Any]:
    text = (ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    scenario, diagnostics = check_text(text, f"{name}.yaml", lang)
    assert scenario is not None and diagnostics == [], diagnostics
    return scenario.model_dump()


def _english_left(en: Any, ru: Any, path: str = "") -> Iterator[str]:
    """The paths of prose that reads the same in the Russian model as in the English one."""
    if isinstance(en, dict):
        for key in en:
            if re.search(r"members\[\d+\]$", path) and key == "name":
                continue  # the English name is the key speakers refer to; `shown` is the one players read
            yield from _english_left(en[key], ru[key], f"{path}.{key}")
    elif isinstance(en, list | tuple):
        for i, (a, b) in enumerate(zip(en, ru, strict=True)):
            yield from _english_left(a, b, f"{path}[{i}]")
    elif isinstance(en, str) and LATIN_WORD.search(en):
        key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        prose = key in TEXT_KEYS or any(f".{k}." in f"{path}." for k in ("labels", "notes", "dialogue"))
        if prose and (ru == en or not CYRILLIC.search(ru)):
            yield f"{path}: {en!r}"


def _members(model: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for side in model["sides"].values():
        yield from side["members"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_text_of_the_scenario_has_a_russian_form(name: str) -> None:
    en, ru = _model(name, "en"), _model(name, "ru")
    for model in (en, ru):  # a stage no epilogue entry fills is never shown (its heading is the schema's default)
        history = model["historical"] or {"stages": {}, "epilogue": ()}
        for stage in [k for k in history["stages"] if not any(e[k] for e in history["epilogue"])]:
            del history["stages"][stage]
    assert list(_english_left(en, ru)) == []
    # a member's Russian name is shown, the English one stays the key speakers and personas refer to
    for english, russian in zip(_members(en), _members(ru), strict=True):
        assert russian["name"] == english["name"] and CYRILLIC.search(russian["shown"]), russian


@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_game_of_it_reads_in_russian(name: str, seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "ru", "run", "--scenario", name, "--seed", str(seed)]) == 0
    out = capsys.readouterr().out
    left = {w for w in LATIN_WORD.findall(out) if w.lower() not in ALLOWED_LATIN and w != "ad"}
    assert left == set(), (left, out)


@pytest.mark.parametrize("name", SCENARIOS)
def test_validate_passes_in_both_languages(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "scenarios" / f"{name}.yaml")
    assert cli.main(["validate", path]) == 0
    assert cli.main(["--lang", "ru", "validate", path]) == 0
    assert "в порядке" in capsys.readouterr().out


def test_a_yes_or_no_value_is_said_in_russian() -> None:
    from game.engine.rules import Rules
    from game.scenario.loader import load_scenario

    set_language("ru")
    space = Rules(load_scenario("stray-missile")[0]).space
    domain = next(d for d in space.domains if d.kind == "yesno")
    assert (domain.format(True), domain.format(False)) == ("да", "нет")
    set_language("en")
    assert (domain.format(True), domain.format(False)) == ("yes", "no")

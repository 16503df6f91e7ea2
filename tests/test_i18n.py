"""The game in Russian: every string a player sees has a Russian entry, the compiled catalogue is
current, `tr` fills fields in either language, and scenarios carry texts per language.

After adding strings, re-run the extraction and this file (docs/TRANSLATING.md):
    pybabel extract -F babel.cfg -k tr -k N_ -k trn:1,2 -o game/locale/cruise_control.pot --no-location --sort-output .
    pybabel update -i game/locale/cruise_control.pot -d game/locale -D cruise_control
    (translate the new entries in game/locale/ru/LC_MESSAGES/cruise_control.po)
    pybabel compile -d game/locale -D cruise_control
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import cli
from game.i18n import LOCALE_DIR, N_, language, localised, set_language, tr, trn
from game.scenario.loader import check_text, load_scenario

from .conftest import ROOT

babel_extract = pytest.importorskip("babel.messages.extract")
pofile = pytest.importorskip("babel.messages.pofile")

RU_PO = LOCALE_DIR / "ru" / "LC_MESSAGES" / "cruise_control.po"
RU_MO = RU_PO.with_suffix(".mo")
FIELD = re.compile(r"\{([a-z_]+)[^}]*\}")


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    yield
    set_language("en")


KEYWORDS = {"tr": None, "N_": None, "trn": (1, 2)}
"""As babel.cfg's command line gives them: `-k tr -k N_ -k trn:1,2`."""


def extracted() -> set[str | tuple[str, ...]]:
    """Every string the code marks for translation, as babel.cfg extracts it (tr, N_ and trn's
    singular and plural pairs, f-strings too)."""
    found = babel_extract.extract_from_dir(
        str(ROOT / "game"), method_map=[("**.py", "game.i18n_extract:extract")], keywords=KEYWORDS
    )
    return {message for _file, _line, message, _comments, _context in found}


def russian_catalogue() -> dict[str, str]:
    with RU_PO.open("rb") as f:
        catalogue = pofile.read_po(f)
    return {m.id: m.string for m in catalogue if m.id and not m.fuzzy and isinstance(m.id, str)}


def russian_plurals() -> dict[tuple[str, ...], tuple[str, ...]]:
    with RU_PO.open("rb") as f:
        catalogue = pofile.read_po(f)
    return {tuple(m.id): tuple(m.string) for m in catalogue if isinstance(m.id, tuple) and not m.fuzzy}


def test_every_string_shown_to_a_player_has_a_russian_entry() -> None:
    ru, plurals = russian_catalogue(), russian_plurals()
    missing = sorted(str(text) for text in extracted() if isinstance(text, str) and not ru.get(text))
    # Russian has three plural forms (1 партия, 2 партии, 5 партий): a count needs all three.
    missing += sorted(
        str(pair)
        for pair in extracted()
        if isinstance(pair, tuple) and not (len(plurals.get(pair, ())) == 3 and all(plurals[pair]))
    )
    assert missing == [], "no Russian for these (see this file's docstring for the commands):\n" + "\n".join(missing)


def test_plurals_follow_russian_counting(russian: None) -> None:
    forms = [trn("{n} game", "{n} games", n) for n in (1, 2, 5, 11, 21, 22, 25, 111, 0)]
    assert forms == [
        "1 партия",
        "2 партии",
        "5 партий",
        "11 партий",
        "21 партия",
        "22 партии",
        "25 партий",
        "111 партий",
        "0 партий",
    ]
    set_language("en")
    assert [trn("{n} game", "{n} games", n) for n in (1, 2, 0)] == ["1 game", "2 games", "0 games"]


def test_an_empty_text_stays_empty(russian: None) -> None:
    assert tr("") == ""  # gettext would answer with the catalogue's header


def test_a_plural_pair_without_three_russian_forms_is_caught(tmp_path: Path) -> None:
    (tmp_path / "counts.py").write_text(
        'from game.i18n import trn\nTEXT = trn("{n} widget", "{n} widgets", 3)\n', encoding="utf-8"
    )
    found = babel_extract.extract_from_dir(
        str(tmp_path), method_map=[("**.py", "game.i18n_extract:extract")], keywords=KEYWORDS
    )
    assert [m[2] for m in found] == [("{n} widget", "{n} widgets")]
    assert ("{n} widget", "{n} widgets") not in russian_plurals()


def test_the_check_catches_a_new_untranslated_string(tmp_path: Path) -> None:
    module = tmp_path / "new_scene.py"
    module.write_text(
        'from game.i18n import tr\nLABEL = tr("A string nobody has translated yet")\nTEXT = f"<b>{tr(\'In an f-string\')}</b>"\n',
        encoding="utf-8",
    )
    found = babel_extract.extract_from_dir(
        str(tmp_path), method_map=[("**.py", "game.i18n_extract:extract")], keywords={"tr": None}
    )
    assert [m[2] for m in found] == ["A string nobody has translated yet", "In an f-string"]
    assert "A string nobody has translated yet" not in russian_catalogue()


def test_the_shipped_mo_file_is_compiled_from_the_po_file() -> None:
    with RU_MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for text, translation in russian_catalogue().items():
        assert compiled.gettext(text) == translation, f"{RU_MO.name} is stale: run pybabel compile"


@pytest.mark.parametrize(("text", "translation"), sorted(russian_catalogue().items()))
def test_a_translation_keeps_every_field(text: str, translation: str) -> None:
    assert sorted(FIELD.findall(translation)) == sorted(FIELD.findall(text))
    fields = {name: 1 for name in FIELD.findall(text)}
    translation.format(**fields)  # no stray braces


def test_tr_switches_language_live_and_fills_fields(russian: None) -> None:
    assert language() == "ru"
    assert tr("Settings") == "Настройки"
    assert tr("Seed {seed}; players: {players}.", seed=7, players="x") == "Партия № 7; игроки: x."
    assert tr(N_("no agreement")) == "нет соглашения"
    set_language("en")
    assert tr("Settings") == "Settings"
    set_language("xx")
    assert language() == "en" and tr("Settings") == "Settings"


def test_the_command_line_speaks_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "ru", "run", "--scenario", "no-such-scenario"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ошибка: ") and "no-such-scenario" in err
    assert cli.main(["run", "--scenario", "no-such-scenario"]) == 1
    assert capsys.readouterr().err.startswith("error: ")
    with pytest.raises(SystemExit):
        cli.main(["--lang", "xx", "validate", "a.yaml"])


def test_an_export_in_russian(russian: None) -> None:
    loaded, _ = load_scenario("april-1990")
    assert loaded.historical is not None
    assert loaded.historical.stages.bonn == "Бонн, 4 мая 1990 года"


# ----- scenario texts per language ---------------------------------------------------------------
def test_localised_picks_the_language_and_falls_back_to_english() -> None:
    text = {"en": "Bonn", "ru": "Бонн"}
    assert localised(text, "ru") == "Бонн" and localised(text, "en") == "Bonn"
    assert localised({"en": "Bonn"}, "ru") == "Bonn"
    assert localised({"de": "Bonn"}, "ru") == {"de": "Bonn"}  # not a text per language: left for the checks
    assert localised("Bonn", "ru") == "Bonn"


SPRING_1990 = ["april-1990", "warm-up", "moscow-may-1990", "washington-april-1990"]


@pytest.mark.parametrize("scenario", SPRING_1990)
def test_the_shipped_scenarios_speak_russian(scenario: str, russian: None) -> None:
    loaded, _ = load_scenario(scenario)
    assert re.search("[а-яА-Я]", loaded.meta.title)
    assert re.search("[а-яА-Я]", loaded.sides.us.name)
    names = {m.shown for m in loaded.sides.ussr.members}
    assert "Виктор Карпов" in names and "Эдуард Шеварднадзе" in names
    assert {m.name for m in loaded.sides.ussr.members} >= {"Viktor Karpov", "Eduard Shevardnadze"}
    set_language("en")
    english, _ = load_scenario(scenario)
    assert not re.search("[а-яА-Я]", english.meta.title)


def test_a_text_per_language_needs_english() -> None:
    text = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    scenario, problems = check_text(text.replace("title:", "title: {ru: Крошка}\n  old_title:", 1))
    assert scenario is None and problems


@pytest.mark.parametrize(("pair", "forms"), sorted(russian_plurals().items()))
def test_each_plural_form_keeps_every_field(pair: tuple[str, ...], forms: tuple[str, ...]) -> None:
    fields = sorted(FIELD.findall(pair[1]))
    assert [sorted(FIELD.findall(form)) for form in forms] == [fields] * 3
    with RU_MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    assert [compiled.ngettext(*pair, n) for n in (1, 2, 5)] == list(forms), f"{RU_MO.name} is stale"


def _shown_texts(scenario: str) -> list[str]:
    """Every free text of a scenario a player reads, as loaded in the current language."""
    loaded, _ = load_scenario(scenario)
    texts = [loaded.meta.title, loaded.meta.summary, loaded.calendar.deadline.title]
    texts += [m.title for m in loaded.calendar.meetings] + [m.place for m in loaded.calendar.meetings if m.place]
    for issue in loaded.issues:
        texts += [issue.name, issue.short or issue.name, issue.description]
    for side in (loaded.sides.us, loaded.sides.ussr):
        texts += [side.name, side.short, side.brief, side.domestic.body, *(m.shown for m in side.members)]
        texts += [t for p in side.personas for t in (p.name, p.description)]
    texts += [t for a in loaded.arguments for t in (a.title, a.text)]
    texts += [t for e in loaded.events for t in (e.title, e.news)]
    if loaded.historical is not None:
        texts.append(loaded.historical.summary)
    return texts


@pytest.mark.parametrize("scenario", ["moscow-may-1990", "washington-april-1990"])
def test_every_text_of_the_other_spring_1990_scenarios_is_russian(scenario: str, russian: None) -> None:
    english = [text for text in _shown_texts(scenario) if not re.search("[а-яА-Я]", text)]
    assert english == [], f"{scenario} shows these in English in Russian: {english}"
    loaded, _ = load_scenario(scenario)
    shown = {m.shown for side in (loaded.sides.us, loaded.sides.ussr) for m in side.members}
    assert {"Джеймс Бейкер", "Эдуард Шеварднадзе", "Сергей Ахромеев", "Виктор Карпов"} <= shown
    conventional = next(issue for issue in loaded.issues if issue.id == "conventional_cms")
    assert getattr(conventional, "labels", {}).get("outside the limits") == "вне ограничений"


VALUE_AFTER_PREPOSITION = re.compile(
    r"(?<![\w«])(с|до|за|от|на|к|по|из|при|против|вместо|без|чем)\s+\{(value|opening|target|line|h|previous|red)\}",
    re.IGNORECASE,
)
"""A preposition that asks a case of a value, which is written as it is ('без предела', 'вне ограничений',
'политически обязывающие заявления'): 'начать с без предела', 'выйти за без предела', '… против вне ограничений'."""


def test_no_russian_text_puts_a_value_after_a_preposition() -> None:
    wrong = [
        f"{text!r}: {translation!r}"
        for text, translation in [*russian_catalogue().items(), *russian_plurals().items()]
        for form in ([translation] if isinstance(translation, str) else translation)
        if VALUE_AFTER_PREPOSITION.search(form)
    ]
    assert not wrong, "\n".join(wrong)

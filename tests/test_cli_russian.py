"""The command line with --lang ru: help, argparse's own words, messages, analyze, tournament and
the class report speak Russian, with no English sentence left in what they print."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import cli
from game.i18n import set_language

ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?: [a-z]{2,}){2,}\b")
"""Three English words in a row: a sentence nobody translated (ids, paths and agent specs never match)."""
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def russian(text: str) -> str:
    assert CYRILLIC.search(text), text
    assert ENGLISH_SENTENCE.findall(text) == [], text
    return text


def run(capsys: pytest.CaptureFixture[str], *argv: str, status: int = 0) -> tuple[str, str]:
    try:
        code = cli.main(["--lang", "ru", *argv])
    except SystemExit as exit_:
        code = exit_.code
    assert code == status
    out, err = capsys.readouterr()
    return out, err


def test_the_detector_finds_an_untranslated_sentence() -> None:
    with pytest.raises(AssertionError):
        russian("Сыграно 4 партии; the following arguments are required")


@pytest.mark.parametrize("command", [[], ["run"], ["replay"], ["analyze"], ["tournament"], ["report"], ["serve"]])
def test_help_is_in_russian(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    out, _ = run(capsys, *command, "--help")
    assert out.startswith("использование: cruise-control")
    assert "параметры:" in out and "показать эту справку и выйти" in out
    russian(out)


def test_argparse_errors_are_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run(capsys, "run", "--seed", "x", status=2)
    assert "ошибка: аргумент --seed: не целое число: 'x'" in russian(err)
    _, err = run(capsys, "tournament", "--games", "0", status=2)
    assert "должно быть от 1 до 10,000, а не 0" in russian(err)
    _, err = run(capsys, "validate", status=2)
    assert "нужны следующие аргументы: FILE" in russian(err)
    _, err = run(capsys, "frobnicate", status=2)
    assert "недопустимый выбор: 'frobnicate'" in russian(err)


def test_the_help_is_english_without_lang(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: ") and not CYRILLIC.search(out)


def test_validate_and_side_errors(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, "validate", "warm-up")
    assert out.strip().endswith("warm-up.yaml: в порядке")
    _, err = run(capsys, "run", "--scenario", "warm-up", "--side", "nato=ai:hard", status=1)
    assert "не сторона сценария warm-up" in russian(err)
    _, err = run(capsys, "run", "--scenario", "warm-up", "--us", "ai:hardd", status=1)
    assert "неизвестный ИИ 'hardd' (может быть, 'hard'?)" in russian(err)


def test_analyze_is_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, "analyze", "warm-up")
    assert "Зона соглашения по вопросам" in out and "Точка торга Нэша" in out
    assert "(3 из 7 значений)" in out  # a count in Russian
    russian(out)


def test_tournament_is_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(capsys, "tournament", "warm-up", "--agents", "ai:easy,ai:normal", "--games", "1", "--jobs", "1")
    assert "2 агента" in out and "по 1 начальному числу" in out and "4 партии." in out
    assert err.startswith("Сыграны 4 партии в 1 процессе за ")
    russian(out + err)


def test_run_save_and_class_report_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    game = tmp_path / "g.yaml"
    _, err = run(capsys, "run", "--scenario", "warm-up", "--seed", "3", "--save", str(game))
    assert err.strip() == f"Сохранено в {game}"
    html, table = tmp_path / "r.html", tmp_path / "r.csv"
    out, err = run(capsys, "report", str(game), "--out", str(html), "--csv", str(table))
    assert out.startswith("Отчёт по классу: 1 партия в 1 сценарии")
    assert "ратифицированное соглашение" in out and "По сторонам" in out
    russian(out + err)
    page = html.read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "<h2>Все партии</h2>" in page and '<td class="n">' in page
    assert ENGLISH_SENTENCE.findall(re.sub(r"<[^>]+>|data:image[^\"]+", " ", page.split("</style>", 1)[1])) == []
    with table.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["файл", "сценарий", "название"] and "игрок_us" in header


def test_replay_and_export_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, err = run(capsys, "replay", status=1)
    assert err.strip() == "ошибка: для replay нужен файл SAVE или --historical SCENARIO"
    game, record = tmp_path / "g.yaml", tmp_path / "g.md"
    run(capsys, "run", "--scenario", "warm-up", "--seed", "5", "--save", str(game))
    out, err = run(capsys, "export", str(game), "--out", str(record))
    assert (out, err.strip()) == ("", f"Записано в {record}")
    assert CYRILLIC.search(record.read_text(encoding="utf-8"))


def test_the_historical_replay_in_russian_keeps_the_record_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(capsys, "replay", "--historical", "april-1990")
    assert out.startswith("Cruise Control: апрель–май 1990: встреча, как она прошла\n")
    notes = [line for line in out.splitlines() if line.startswith("    примечание: ")]
    assert len(notes) == 7 and "note:" not in out
    for note in notes:  # the notes are Russian; what they quote of the record stays in its English
        russian(re.sub("«[^»]*»", "«…»", note))
    assert "[4] абз. 4, Виктор Карпов (СССР): Mr. Secretary of State, I thank you" in out
    assert "[1] абз. 1, (запись беседы): (After an exchange of greetings):" in out


def test_validate_warnings_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tiny = (Path(__file__).parent / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(
        tiny.replace("exchanges: 6}", "exchanges: 1}", 1).replace(
            "Secretary of State, lead: true", "Secretary of State"
        ),
        encoding="utf-8",
    )
    out, _ = run(capsys, "validate", str(scenario))
    lines = out.splitlines()
    assert lines[-1] == f"{scenario}: в порядке (4 предупреждения)"
    assert all(": предупреждение: " in line for line in lines[:-1])
    assert "один обмен: на этой встрече говорит только одна сторона" in out
    assert "ни у кого из участников нет lead: true, поэтому за сторону United States говорит James Baker" in out
    russian(re.sub(r"\([^)]*km[^)]*\)", "", out))  # the fixture's own option names are English


def test_a_missing_scenario_or_agent_file_is_said_in_russian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, err = run(capsys, "run", "--scenario", str(tmp_path / "none.yaml"), status=1)
    assert err.strip() == f"ошибка: {tmp_path / 'none.yaml'}:1:1: нет такого файла сценария"
    _, err = run(capsys, "run", "--scenario", "warm-up", "--us", f"py:{tmp_path / 'none.py'}:Agent", status=1)
    assert err.strip() == f"ошибка: нет такого файла агента: {tmp_path / 'none.py'}"


BAD = Path(__file__).parent / "fixtures" / "bad"
WHERE = re.compile(r"^(.*?:\d+:\d+): ", re.MULTILINE)
"""The file:line:column a message starts with."""


def validate_in(capsys: pytest.CaptureFixture[str], lang: str, path: Path) -> str:
    assert cli.main(["--lang", lang, "validate", str(path)]) == 1
    out, _ = capsys.readouterr()
    return out


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("unknown-key.yaml", "sides.us.positions.range.tagret: неизвестный ключ 'tagret' (может быть, 'target'?)"),
        ("missing-key.yaml", "issues[0]: нет обязательного ключа 'unit'"),
        ("wrong-type.yaml", "calendar.meetings[1].exchanges: ожидается целое число, а указано: текст 'six'"),
        ("step-zero.yaml", "issues[0].step: должно быть больше 0"),
        ("out-of-range.yaml", "sides.us.positions.range.opening: range: 1200 вне диапазона 600-1000 km"),
        ("red-line-wrong-side.yaml", "эта сторона предпочитает большие значения"),
        ("yaml-list-never-closed.yaml", "список, открытый [ в строке 29, столбце 14, не закрыт"),
        ("alias-bomb.yaml", "псевдоним *l3 приносит 7,381 значений, ключей и элементов списков"),
    ],
)
def test_validate_errors_are_in_russian_at_the_same_places(
    capsys: pytest.CaptureFixture[str], scenario: str, said: str
) -> None:
    english = validate_in(capsys, "en", BAD / scenario)
    out = validate_in(capsys, "ru", BAD / scenario)
    assert WHERE.findall(out) == WHERE.findall(english) != []
    assert said in out
    russian(out)


def test_a_bad_template_and_a_limit_are_said_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tiny = (Path(__file__).parent / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    template = tmp_path / "template.yaml"
    template.write_text(tiny + 'dialogue:\n  us:\n    propose:\n      - "We say {speaker.name}"\n', encoding="utf-8")
    english, out = validate_in(capsys, "en", template), validate_in(capsys, "ru", template)
    assert WHERE.findall(out) == WHERE.findall(english) != []
    assert "dialogue.us.propose[0]: {speaker.name}: подстановка — это просто имя, без '.' и '[...]'" in out
    assert "допустимые подстановки: {changes}" in out
    russian(out)
    deep = tmp_path / "deep.yaml"
    deep.write_text("meta:\n  id: " + "[" * 30 + "]" * 30 + "\n", encoding="utf-8")
    english, out = validate_in(capsys, "en", deep), validate_in(capsys, "ru", deep)
    assert WHERE.findall(out) == WHERE.findall(english) != []
    assert "вложенность глубже предела в 20 уровней" in russian(out)


def test_a_broken_save_is_said_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    game = tmp_path / "g.yaml"
    run(capsys, "run", "--scenario", "warm-up", "--seed", "3", "--save", str(game))
    cut, junk = tmp_path / "cut.yaml", tmp_path / "junk.yaml"
    cut.write_bytes(game.read_bytes()[:300])
    junk.write_text("a: [1\n", encoding="utf-8")
    _, err = run(capsys, "replay", str(cut), status=1)
    assert err.strip() == f"ошибка: {cut}: сохранение повреждено или обрезано (заголовок неполный)"
    _, err = run(capsys, "export", str(junk), "--out", str(tmp_path / "x.md"), status=1)
    assert err.strip() == f"ошибка: {junk}: сохранение повреждено или обрезано (некорректный YAML)"
    _, err = run(capsys, "replay", str(tmp_path / "none.yaml"), status=1)
    assert err.strip() == f"ошибка: {tmp_path / 'none.yaml'}: файл сохранения не найден"
    out, err = run(capsys, "report", str(cut), str(game))
    assert f"{cut}: сохранение повреждено или обрезано (заголовок неполный)" in out + err
    russian(out + err)

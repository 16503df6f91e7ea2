"""Authoring mistakes `validate` catches beyond the corpus in tests/fixtures/bad/ (which test_validation
runs): a persona's strategy misspelt, warnings for what is legal but probably wrong, and what must be
accepted (Windows line endings, a byte-order mark, bare dates)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import check_text

from .conftest import TINY

PERSONA = """    domestic: {body: US Senate, threshold: 0.67, support_at_worst: 0.4, support_at_best: 0.95}
    personas:
      - {id: firm-baker, name: Firm Baker, description: Holds 800 km., strategy: bulwarre, firm: {range: 800}}
"""


def _validate(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "mistake.yaml"
    path.write_bytes(text.encode("utf-8"))
    code = main(["validate", str(path)])
    return code, capsys.readouterr().out


def _tiny() -> str:
    return TINY.read_text(encoding="utf-8")


def test_a_misspelt_persona_strategy_is_an_error_with_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _tiny().replace(PERSONA.splitlines(keepends=True)[0], PERSONA)
    code, out = _validate(tmp_path, text, capsys)
    assert code == 1
    assert "mistake.yaml:39:82: sides.us.personas[0].strategy: 'bulwarre' is not a built-in strategy" in out
    assert "(did you mean 'boulware'?)" in out


@pytest.mark.parametrize(
    "old, new, where, words",
    [
        ("lead: true}]\n    brief: Keep", "lead: false}]\n    brief: Keep", "31:14", "no member has lead: true"),
        (
            "trigger: {condition: {consulted: us}}",
            "trigger: {condition: {trust_below: 0.6}}",
            "64:40",
            "us's trust starts at 0.5, below 0.6: this holds from the first exchange",
        ),
        ("date: 1990-04-20, exchanges: 6}", "date: 1990-04-20, exchanges: 1}", "10:70", "one exchange"),
    ],
)
def test_what_is_legal_but_probably_wrong_is_a_warning_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str, words: str
) -> None:
    text = _tiny()
    assert old in text
    code, out = _validate(tmp_path, text.replace(old, new, 1), capsys)
    assert code == 0, out
    assert f"mistake.yaml:{where}: warning: {words}" in out
    assert "ok (1 warning)" in out


def test_a_persona_that_bluffs_with_nothing_to_bluff_about_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persona = PERSONA.replace("strategy: bulwarre, firm: {range: 800}", "bluffs: true")
    code, out = _validate(tmp_path, _tiny().replace(PERSONA.splitlines(keepends=True)[0], persona), capsys)
    assert code == 0 and "39:80: warning: bluffs: true does nothing without firm lines" in out


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="windows-line-endings"),
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="both"),
        pytest.param(lambda t: t.replace("date: 1990-05-18", "date: '1990-05-18'"), id="quoted-date"),
    ],
)
def test_what_editors_write_is_accepted(change: object) -> None:
    text = change(_tiny())  # type: ignore[operator]
    scenario, diagnostics = check_text(text, "t.yaml")
    assert scenario is not None and diagnostics == []
    assert str(scenario.meta.date) == "1990-04-20"


def test_errors_keep_their_line_with_windows_line_endings() -> None:
    text = _tiny().replace("target: 800,", "tagret: 800,").replace("\n", "\r\n")
    _, diagnostics = check_text(text, "t.yaml")
    assert any(d.line == 35 and "did you mean 'target'" in d.message for d in diagnostics), diagnostics

"""A scenario whose sides are neither the US nor the USSR: nothing printed or drawn may name the START sides.

Every command runs on scenarios/car-trade-1991.yaml (the European Community and Japan), and the
window is driven through a whole game on it, recording every string a font renders.
"""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.errors import CruiseControlError
from game.scenario.loader import check_text, load_scenario
from game.scenario.preferences import Side
from game.ui.settings import Settings

from .conftest import ROOT
from .ui_driver import Driver

TRADE = ROOT / "scenarios" / "car-trade-1991.yaml"
# the START sides, and the page that tells the START talks' history day by day (no other scenario's)
START_WORDS = re.compile(r"\b(US|USSR|U\.S\.|Soviet|Senate|START|ussr|American|HISTORY\.md)\b")


def _clean(text: str, where: str) -> None:
    found = sorted({m.group(0) for m in START_WORDS.finditer(text)})
    lines = [line for line in text.splitlines() if START_WORDS.search(line)][:5]
    assert not found, f"{where} names the START sides: {found}: {lines}"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0, argv
    out = capsys.readouterr()
    return out.out + out.err


def test_the_scenario_has_its_own_side_ids() -> None:
    scenario, _ = load_scenario(str(TRADE))
    assert scenario.side_ids == ("eu", "japan")
    assert (scenario.sides.us.short, scenario.sides.ussr.short) == ("EC", "JP")


def test_every_command_speaks_of_the_scenarios_sides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    game = tmp_path / "game.yaml"
    out = _run(capsys, "run", "--scenario", str(TRADE), "--side", "eu=ai:hard", "--side",
               "japan=persona:careful-ministry", "--save", str(game), "--seed", "4")  # fmt: skip
    assert "Score EC:" in out and "Score JP:" in out
    outputs = {"run": out}
    outputs["replay"] = _run(capsys, "replay", str(game))
    outputs["export md"] = _run(capsys, "export", str(game))
    outputs["export html"] = _run(capsys, "export", str(game), "--format", "html")
    outputs["validate"] = _run(capsys, "validate", str(TRADE))
    outputs["analyze"] = _run(capsys, "analyze", str(TRADE))
    assert "No-deal values: EC 0.300, JP 0.250" in outputs["analyze"]
    outputs["analyze --json"] = _run(capsys, "analyze", str(TRADE), "--json")
    assert '"no_deal": {\n    "eu": 0.3,\n    "japan": 0.25\n  }' in outputs["analyze --json"]
    agents = "ai:boulware,persona:careful-ministry"
    tournament = ("tournament", str(TRADE), "--agents", agents, "--games", "1", "--jobs", "1")
    outputs["tournament"] = _run(capsys, *tournament, "--pairings")
    assert "EC score" in outputs["tournament"] and "JP score" in outputs["tournament"]
    outputs["tournament --json"] = _run(capsys, *tournament, "--json")
    assert '"mean_score_japan"' in outputs["tournament --json"]
    outputs["tournament (no --pairings)"] = _run(capsys, *tournament)
    simulate = ("analyze", str(TRADE), "--simulate", "1", "--agents", agents, "--jobs", "1")
    outputs["analyze --simulate"] = _run(capsys, *simulate)
    assert "persona:careful-ministry (JP)" in outputs["analyze --simulate"]
    outputs["analyze --simulate --json"] = _run(capsys, *simulate, "--json")
    assert '"simulation"' in outputs["analyze --simulate --json"]
    html, csv = tmp_path / "report.html", tmp_path / "report.csv"
    outputs["report"] = _run(capsys, "report", str(game), "--out", str(html), "--csv", str(csv))
    assert "EC player" in outputs["report"]
    outputs["report html"] = html.read_text(encoding="utf-8")
    outputs["report csv"] = csv.read_text(encoding="utf-8")
    assert outputs["report csv"].startswith("file,scenario,title,eu_player,japan_player,")
    outputs["new-scenario --from"] = _run(capsys, "new-scenario", str(tmp_path / "mine.yaml"), "--from", str(TRADE))
    assert "--side eu=ai:hard --side japan=ai:normal" in outputs["new-scenario --from"]
    for where, text in outputs.items():
        _clean(text, where)


RUSSIAN_START_WORDS = re.compile(r"США|СССР|[Сс]оветск|СНВ|Сенат|американск")


def test_every_command_in_russian_speaks_of_the_scenarios_sides(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from game.i18n import set_language

    game = tmp_path / "game.yaml"
    agents = "ai:boulware,persona:careful-ministry"
    commands = [
        ("run", "--scenario", str(TRADE), "--side", "eu=ai:hard", "--side", "japan=persona:careful-ministry",
         "--save", str(game), "--seed", "4"),
        ("replay", str(game)),
        ("export", str(game)),
        ("export", str(game), "--format", "html"),
        ("validate", str(TRADE)),
        ("analyze", str(TRADE)),
        ("analyze", str(TRADE), "--simulate", "1", "--agents", agents, "--jobs", "1"),
        ("tournament", str(TRADE), "--agents", agents, "--games", "1", "--jobs", "1", "--pairings"),
        ("report", str(game)),
    ]  # fmt: skip
    try:
        for argv in commands:
            text = _run(capsys, "--lang", "ru", *argv)
            assert "Япония" in text or "ЕС" in text or argv[0] == "validate", (argv, text[:300])
            found = sorted(set(RUSSIAN_START_WORDS.findall(text)))
            lines = [line for line in text.splitlines() if RUSSIAN_START_WORDS.search(line)][:5]
            assert not found, f"{argv[0]} in Russian names the START sides: {found}: {lines}"
            _clean(text, f"{argv[0]} in Russian")
    finally:
        set_language("en")


def test_the_plot_labels_its_axes_with_the_sides_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    from game.report.plane import plane_figure
    from game.report.scenario import report

    scenario, _ = load_scenario(str(TRADE))
    figure = plane_figure(report(scenario, str(TRADE)))
    axes = figure.axes[0]
    labels = [axes.get_xlabel(), axes.get_ylabel(), axes.get_title(), figure.texts and figure.texts[0].get_text()]
    labels += [t.get_text() for t in axes.texts] + [t.get_text() for t in axes.get_legend().get_texts()]
    assert "European Community" in axes.get_xlabel() and "Japan" in axes.get_ylabel()
    _clean("\n".join(str(label) for label in labels), "the utility plane")
    _run(capsys, "analyze", str(TRADE), "--plot", str(tmp_path / "plane.png"))
    assert (tmp_path / "plane.png").stat().st_size > 0


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--us", "ai:hard"], "'us' is not a side of car-trade-1991: its sides are eu and japan"),
        (["--side", "jpan=ai:hard"], "did you mean 'japan'?"),
        (["--side", "japan=persona:carefull-ministry"], "did you mean 'careful-ministry'?"),
        (["--side", "japan=persona:firm-commission"], "belongs to the other side (European Community)"),
        (["--side", "eu=ai:hardd"], "did you mean 'hard'?"),
        (["--side", "eu"], "--side takes ID=AGENT"),
    ],
)
def test_a_misnamed_side_or_agent_is_an_error_not_a_silent_boulware(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--scenario", str(TRADE), *argv]) == 1
    assert words in capsys.readouterr().err


def test_us_and_ussr_stay_aliases_where_the_scenario_has_them(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import TINY

    assert main(["run", "--scenario", str(TINY), "--us", "ai:linear", "--side", "ussr=ai:conceder"]) == 0
    assert main(["run", "--scenario", str(TINY), "--ussr", "persona:nobody"]) == 1
    assert "has no persona 'nobody'" in capsys.readouterr().err


def test_a_side_id_the_scenario_lacks_is_caught_where_it_is_written() -> None:
    text = TRADE.read_text(encoding="utf-8").replace("  first_to_move: japan", "  first_to_move: jp")
    scenario, diagnostics = check_text(text, "trade.yaml")
    assert scenario is None and len(diagnostics) == 1
    d = diagnostics[0]
    assert (d.line, d.column) == (34, 18)
    assert "'jp' is not a side of this scenario; its sides are eu and japan (did you mean 'japan'?)" in d.message
    text = TRADE.read_text(encoding="utf-8").replace(
        "car_share: {opening: 16, target: 13", "car_share: {opening: 16, tagret: 13"
    )
    _, diagnostics = check_text(text, "t.yaml")
    assert [(d.line, d.column, d.message) for d in diagnostics] == [
        (158, 7, "sides.japan.positions.car_share: missing required key 'target'"),
        (158, 32, "sides.japan.positions.car_share.tagret: unknown key 'tagret' (did you mean 'target'?)"),
    ]
    text = TRADE.read_text(encoding="utf-8").replace("  japan:\n    propose", "  jpan:\n    propose")
    _, diagnostics = check_text(text, "t.yaml")
    assert [str(d) for d in diagnostics] == [
        "t.yaml:278:3: dialogue.jpan: 'jpan' is not a side of this scenario (did you mean 'japan'?)"
    ]


class _Recording(pygame.font.Font):
    """A font that remembers every string it renders (every text the window draws goes through one)."""

    drawn: list[str] = []

    def render(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN002, ANN003, ANN201
        _Recording.drawn.append(str(text))
        return super().render(text, *args, **kwargs)


@pytest.fixture
def drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from pygame_gui.core import gui_font_pygame

    from game.ui import fonts

    monkeypatch.setenv("CRUISE_CONTROL_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("CRUISE_CONTROL_CONFIG", str(tmp_path / "config"))
    monkeypatch.setattr(pygame.font, "Font", _Recording)
    monkeypatch.setattr(gui_font_pygame, "Font", _Recording)  # pygame_gui's widgets draw with this one
    fonts.font.cache_clear()
    _Recording.drawn = []
    yield _Recording.drawn
    fonts.font.cache_clear()


@pytest.mark.parametrize(
    "opponent_steps, scenes, ec_speaker",
    [
        (0, {"BriefingScene", "TableScene", "DebriefScene"}, "Frans Andriessen"),  # against the AI: the EC's lead
        # against the EC's persona: its speaker, not the lead, speaks at the table
        (1, {"BriefingScene", "TableScene", "DebriefScene"}, "Hugo Paemen"),
        (2, {"HandoverScene", "BriefingScene", "TableScene", "DebriefScene"}, "Frans Andriessen"),  # a person
    ],
    ids=["against-the-ai", "against-a-persona", "person-against-person"],
)
def test_every_scene_of_a_game_on_it_draws_only_its_sides(
    drawn: list[str], tmp_path: Path, opponent_steps: int, scenes: set[str], ec_speaker: str
) -> None:
    from game.ui.scenes.new_game import shipped_scenarios

    from .test_ui import play_to_debrief

    index = [s.meta.id for _, s in shipped_scenarios()].index("car-trade-1991")
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    d.key(pygame.K_n)
    d.key(pygame.K_TAB)
    for _ in range(index):
        d.key(pygame.K_RIGHT)
    # From here on, everything drawn is this scenario's (the title screen and the scenarios passed on the
    # way are about the START talks).
    drawn.clear()
    d.frames(2)
    d.key(pygame.K_TAB)
    d.key(pygame.K_RIGHT)  # lead Japan
    d.key(pygame.K_TAB)
    for _ in range(1 + opponent_steps):  # from "AI, normal" to "AI, hard", then the EC's persona, another person
        d.key(pygame.K_RIGHT)
    for _ in range(3):  # the seed, Back, Start
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    seen = set(play_to_debrief(d))
    d.frames(3)
    assert scenes <= seen, seen
    text = "\n".join(drawn)
    assert "Japan" in text and "European Community" in text
    assert "JP offers" in text or "JP utility (0 to 1)" in text
    # the speech bubble's head and the log's lines name who spoke for the EC
    heads = {line.split(" · ")[0] for line in drawn if " · " in line} | {
        line.split("  ", 1)[1].split(" (")[0] for line in drawn if re.match(r"\d{1,2} \w+  .+ \(EC\)", line)
    }
    assert ec_speaker in heads and ({"Frans Andriessen", "Hugo Paemen"} - {ec_speaker}).isdisjoint(heads), heads
    _clean(text, "the window")
    d.close()


def test_an_unknown_persona_spec_raises_before_the_game(tmp_path: Path) -> None:
    from game.cli_sides import check_spec

    scenario, _ = load_scenario(str(TRADE))
    check_spec(scenario, Side.US, "persona:firm-commission")
    with pytest.raises(CruiseControlError, match="no persona 'no-such'"):
        check_spec(scenario, Side.US, "persona:no-such")


def test_a_personas_speaker_speaks_in_the_transcript_the_log_and_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.engine.state import EntryKind
    from game.record import save

    game = tmp_path / "personas.yaml"
    out = _run(capsys, "run", "--scenario", str(TRADE), "--side", "eu=persona:firm-commission", "--side",
               "japan=ai:linear", "--save", str(game))  # fmt: skip
    _, _, state = save.load(game)
    speakers = {e.side: e.speaker for e in state.log if e.kind is EntryKind.MOVE}
    assert speakers == {Side.US: "Hugo Paemen", Side.USSR: "Taro Nakayama"}  # the persona's speaker; the lead
    assert "Hugo Paemen" in out and "Frans Andriessen:" not in out
    assert "Hugo Paemen" in _run(capsys, "replay", str(game))
    assert "H. Paemen." in _run(capsys, "export", str(game))


def test_a_persona_plays_only_its_own_side_in_a_tournament() -> None:
    from game.tournament import TournamentError, run_tournament

    t = run_tournament(str(TRADE), ["ai:linear", "persona:careful-ministry"], 1)
    assert t.pairings == [("ai:linear", "ai:linear"), ("ai:linear", "persona:careful-ministry")]
    with pytest.raises(TournamentError, match="no such persona"):
        run_tournament(str(TRADE), ["ai:linear", "persona:careful-ministy"], 1)


def _table_on_trade(tmp_path: Path, theme: str) -> Driver:
    from game.ui.scenes.new_game import shipped_scenarios

    index = [s.meta.id for _, s in shipped_scenarios()].index("car-trade-1991")
    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False, theme=theme))
    d.key(pygame.K_n)
    d.key(pygame.K_TAB)
    for _ in range(index):
        d.key(pygame.K_RIGHT)
    for _ in range(5):  # the side, the opponent, the seed, Back, Start
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    for _ in range(200):
        if d.scene_name == "TableScene":
            break
        d.key(pygame.K_RETURN) if d.scene_name == "BriefingScene" else d.frames()
    d.frames(3)
    return d


def _pixels(surface: pygame.Surface, colour: tuple[int, int, int]) -> int:
    import numpy as np

    return int(np.all(pygame.surfarray.pixels3d(surface) == colour, axis=2).sum())


@pytest.mark.parametrize("theme", ["okabe-ito", "high-contrast"])
def test_the_table_draws_each_side_in_the_scenarios_colour(tmp_path: Path, theme: str) -> None:
    from game.ui.palette import PALETTES, hex_colour

    d = _table_on_trade(tmp_path, theme)
    assert d.scene_name == "TableScene"
    own = {hex_colour("#003399"), hex_colour("#BC002D")}  # car-trade-1991's sides.eu.colour, sides.japan.colour
    themed = {PALETTES[theme].rgb("us"), PALETTES[theme].rgb("ussr")}
    # the EC's name, flag and offers in the EC's blue; the high-contrast theme keeps its own colours
    # (the theme's vermillion also marks what is bad, so only its blue is absent from the okabe-ito table)
    expected, absent = (own, {PALETTES[theme].rgb("us")}) if theme == "okabe-ito" else (themed, own)
    assert all(_pixels(d.app.window, c) > 200 for c in expected), [_pixels(d.app.window, c) for c in expected]
    assert [_pixels(d.app.window, c) for c in absent] == [0] * len(absent)
    d.close()


@pytest.mark.parametrize(
    "colours, expected",
    [
        (('"#003399"', '"#BC002D"'), []),
        (('"#FFEE00"', '"#BC002D"'), ["#FFEE00 is hard to read on the window's white panels (contrast 1.2:1"]),
        (('"#003399"', '"#00339A"'), ["#00339A is hard to tell from eu's #003399"]),
        (('"#767676"', '"#BC002D"'), []),  # exactly 4.5:1 on white: legible
    ],
)
def test_colours_hard_to_read_or_to_tell_apart_are_warned_about(colours: tuple[str, str], expected: list[str]) -> None:
    from game.scenario.author_warnings import authoring_warnings

    text = TRADE.read_text(encoding="utf-8").replace('"#003399"', colours[0], 1).replace('"#BC002D"', colours[1], 1)
    scenario, problems = check_text(text, "c.yaml")
    assert scenario is not None and problems == []
    warnings = [d.message for d in authoring_warnings(scenario, "c.yaml", text) if "#" in d.message]
    assert [w[: len(e)] for w, e in zip(warnings, expected, strict=False)] == expected and len(warnings) == len(
        expected
    )


def test_a_sides_flag_and_colour_are_its_own_id_and_colour_not_the_slots() -> None:
    from game.engine.rules import Rules
    from game.ui import assets

    rules = Rules(load_scenario(str(TRADE))[0])
    assert [(d.id, d.colour) for d in rules.public.delegations] == [("eu", "#003399"), ("japan", "#BC002D")]
    pygame.init()
    blue = (0, 0x33, 0x99)
    # no bundled flag for 'eu': two bands of its colour, never the US flag its slot has
    assert assets.flag("eu", blue, (30, 20)).get_at((1, 1))[:3] == blue
    assert assets.flag("us", blue, (30, 20)).get_at((1, 1))[:3] != blue


def test_the_windows_other_scenes_draw_only_its_sides(drawn: list[str], tmp_path: Path) -> None:
    """The scenes a game on it reaches besides the ones above: the argument, red-line, consult and
    walk-out dialogs, the menu, the brief and its full text, Save as, the ending of talks walked out
    of, the saves list and a save loaded again. (The title screen is about the START talks by design,
    and the historical replay is only of a scenario with the archive's beats, which this one has not.)"""
    from game.session import PERSON, Session, Setup
    from game.ui.scenes.table import TableScene

    d = Driver(tmp_path / "config", Settings(ai_speed="instant", sound=False))
    session = Session(Setup(str(TRADE), {Side.US: PERSON, Side.USSR: "ai:linear"}, 4))
    d.app.push(TableScene(d.app, session, Side.US))
    drawn.clear()
    d.frames(3)
    while not d.scene.my_turn:  # type: ignore[attr-defined]
        d.frames()
    seen = set()
    for key, name in ((pygame.K_g, "ArgumentScene"), (pygame.K_r, "ConfirmScene"), (pygame.K_m, "MenuScene")):
        d.key(key)
        assert d.scene_name == name
        seen.add(name)
        d.key(pygame.K_ESCAPE)
    d.key(pygame.K_b)
    seen.add(d.scene_name)
    d.key(pygame.K_f)
    seen.add(d.scene_name)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_c)  # consult the capital
    if d.scene_name == "ConfirmScene":
        d.key(pygame.K_RETURN)
    while not d.scene.my_turn:  # type: ignore[attr-defined]
        d.frames()
    d.type("m")
    d.type("s")
    seen.add(d.scene_name)
    d.type("trade")
    d.key(pygame.K_RETURN)
    assert d.scene_name == "TableScene", d.scene_name
    d.key(pygame.K_w)
    seen.add(d.scene_name)
    d.key(pygame.K_RETURN)
    seen |= set(d.through_the_ending())
    seen.add(d.scene_name)
    text = "\n".join(drawn)
    d.app.to_title()
    d.frames(2)
    drawn.clear()  # the title screen is the game's own
    d.key(pygame.K_l)
    assert d.scene_name == "LoadScene"
    d.frames(2)
    seen.add(d.scene_name)
    listed = "\n".join(drawn)
    assert "Cars and rice: a trade dispute — EC: player · JP: AI (linear)" in listed, listed
    d.key(pygame.K_RETURN)  # the first save: the game walked out of opens on its ending
    seen |= set(d.through_the_ending())
    seen.add(d.scene_name)
    text += "\n" + "\n".join(drawn)
    expected = {"ArgumentScene", "ConfirmScene", "MenuScene", "BriefingScene", "FullBriefScene", "SaveAsScene"}
    assert expected | {"NoDealScene", "DebriefScene", "LoadScene"} <= seen, seen
    assert "Japan" in text and "European Community" in text
    _clean(text, "the window")
    d.close()


@pytest.mark.parametrize(
    "scenario, called, short",
    [
        (TRADE, "gives Japan more than its no-deal value", "JP"),
        (ROOT / "tests" / "fixtures" / "shapes" / "kestrel-water-2037.yaml", "gives the Kingdom of Lowmark more", "LM"),
    ],
    ids=["ec-japan", "kestrel"],
)
def test_a_sentence_names_a_side_by_its_name_not_the_and_its_short_name(
    scenario: Path, called: str, short: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'no package gives Japan more', not 'gives the JP more': a short name that is no acronym is for
    tables; in prose a side is its name, with 'the' where English says one."""
    import dataclasses

    from game.engine.state import Ending
    from game.report.class_report import GameRow
    from game.scenario.side_words import the_sides

    path = tmp_path / scenario.name
    path.write_text(re.sub(r"(?m)^    no_deal: 0\.25.*$", "    no_deal: 0.95", scenario.read_text(encoding="utf-8")))
    outputs = [_run(capsys, "analyze", str(path)), _run(capsys, "validate", str(path))]
    assert all(called in out for out in outputs), outputs
    assert not any(re.search(rf"\bthe ({short}|HL|EC)\b", out) for out in outputs), outputs
    sides = the_sides(load_scenario(str(scenario))[0])
    row = GameRow("g.yaml", "s", "t", ("a", "b"), 1, "", 3, Ending.WALKOUT, Side.USSR, "", None, (), None, None,
                  None, None, None, side_called=sides)  # fmt: skip
    assert row.ending_text.endswith(f" by {sides[1]}") and f"the {short}" not in row.ending_text
    assert dataclasses.replace(row, side_called=("the US", "the USSR")).ending_text.endswith(" by the USSR")

"""The record of conversation: Markdown golden files, a well-formed self-contained HTML, the epilogue."""

from __future__ import annotations

import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.agents.registry import make
from game.engine.moves import Accept, Propose
from game.engine.rules import Rules
from game.engine.state import Ending, EntryKind, GameState
from game.match import Match
from game.record import save
from game.record.epilogue import NO_AGREEMENT, epilogue, unknown_issues
from game.record.export import (
    export,
    export_html,
    export_markdown,
    export_save,
    heading,
    md_escape,
    record_name,
)
from game.record.historical import load_beats, replay_states
from game.record.scenario_copy import scenario_source
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side

from .conftest import ROOT, SHIPPED, TINY, rules_for

GOLDEN = ROOT / "tests" / "golden"
APRIL = next(p for p in SHIPPED if p.stem == "april-1990")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# (golden file, scenario, US agent, USSR agent, seed)
GAMES = [
    ("record-tiny-boulware-conceder-7.md", TINY, "ai:boulware", "ai:conceder", 7),
    ("record-april-1990-linear-boulware-3.md", APRIL, "ai:linear", "ai:boulware", 3),
]


def played(path: Path, us: str, ussr: str, seed: int) -> tuple[Rules, GameState, save.Header]:
    rules = rules_for(path)
    state = Match(rules, {Side.US: make(us), Side.USSR: make(ussr)}, seed).play()
    header = save.Header(rules.scenario.meta.id, "-", path.name, seed, {"us": us, "ussr": ussr}, "", "")
    return rules, state, header


@pytest.mark.parametrize(("golden", "path", "us", "ussr", "seed"), GAMES, ids=[g[0] for g in GAMES])
def test_markdown_record_matches_its_golden_file(golden: str, path: Path, us: str, ussr: str, seed: int) -> None:
    text = export_markdown(*played(path, us, ussr, seed))
    target = GOLDEN / golden
    if UPDATE:
        target.write_text(text, encoding="utf-8")
    expected = target.read_text(encoding="utf-8") if target.exists() else ""
    if text != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True), text.splitlines(keepends=True), str(target), "export"
                )
            )[:60]
        )
        pytest.fail(
            f"the Markdown record differs from {target.relative_to(ROOT)}.\n"
            "If the change is deliberate (the exporter, the scenario, the dialogue or an agent changed), "
            "regenerate the golden file and review its diff:\n"
            "    UPDATE_GOLDEN=1 PYTHONPATH=. .venv/bin/python -m pytest tests/test_export.py\n\n" + diff,
            pytrace=False,
        )


def test_the_record_reads_like_the_archives() -> None:
    rules, state, header = played(APRIL, "ai:linear", "ai:boulware", 3)
    text = export_markdown(rules, state, header)
    assert text.startswith(
        "# RECORD OF CONVERSATION BETWEEN THE SECRETARY OF STATE OF THE US, J. BAKER AND "
        "THE DEPUTY FOREIGN MINISTER OF THE USSR, V. KARPOV\n"
    )
    assert "*20 April, 4 May and 16 May 1990*" in text
    assert "## Karpov–Baker meeting — Washington, 20 April 1990" in text
    assert "  - Sergey Akhromeyev, Marshal; adviser to President Gorbachev" in text
    statements = [e for e in state.log if e.kind is EntryKind.MOVE]
    speakers = ("J. Baker", "V. Karpov", "E. Shevardnadze")  # Shevardnadze speaks in Bonn and Moscow
    assert sum(text.count(f"\n**{name}.** ") for name in speakers) == len(statements)
    assert "\n**E. Shevardnadze.** " in text
    assert "> *Blockade of Lithuania: VILNIUS" in text
    assert "| ALCM range threshold | 600 km |" in text
    assert "| US Senate |" in text and "## What happened next" in text and "### SLCM numerical limit" in text
    assert "Seed 3; players: US: ai:linear; USSR: ai:boulware." in text


def test_names_and_headings_follow_the_record() -> None:
    assert record_name("James Baker") == "J. Baker"
    assert record_name("Eduard A. Shevardnadze") == "E. A. Shevardnadze"
    assert record_name("Gorbachev") == "Gorbachev"
    assert record_name("The Secretary of State") == "The Secretary of State"  # an office, not a name
    assert heading(rules_for(TINY)).startswith("RECORD OF CONVERSATION BETWEEN THE SECRETARY OF STATE OF THE US")


@pytest.mark.parametrize(
    "scenario, words",
    [
        (TINY, "THE SECRETARY OF STATE OF THE US, J. BAKER AND THE DEPUTY FOREIGN MINISTER OF THE USSR, V. KARPOV"),
        (
            ROOT / "scenarios" / "car-trade-1991.yaml",
            "THE COMMISSIONER FOR EXTERNAL RELATIONS OF THE EC, F. ANDRIESSEN AND THE FOREIGN MINISTER OF JAPAN, "
            "T. NAKAYAMA",
        ),
        (
            ROOT / "tests" / "fixtures" / "shapes" / "kestrel-water-2037.yaml",
            "THE MINISTER OF WATER AND ENERGY OF THE REPUBLIC OF HIGHLAND, A. TESFAYE AND THE FOREIGN MINISTER OF "
            "THE KINGDOM OF LOWMARK, H. VOS",
        ),
    ],
    ids=["start", "ec-japan", "kestrel"],
)
def test_the_heading_names_each_side_as_a_record_would(scenario: Path, words: str) -> None:
    """By its short name where that is an acronym (US, USSR, EC), by its name where the short name is an
    abbreviation for tables (JP, HL, LM): never 'OF THE JP' or 'OF THE HL'."""
    assert heading(rules_for(scenario)) == "RECORD OF CONVERSATION BETWEEN " + words


@pytest.mark.parametrize(
    "short, name, acronym",
    [
        ("US", "United States", True),
        ("USSR", "Soviet Union", True),
        ("EC", "European Community", True),
        ("PRC", "People's Republic of China", True),
        ("U.S.", "United States", True),
        ("JP", "Japan", False),
        ("HL", "Republic of Highland", False),
        ("DE", "Germany", False),
        ("Highland", "Republic of Highland", False),
    ],
)
def test_a_short_name_is_an_acronym_only_if_it_reads_as_one(short: str, name: str, acronym: bool) -> None:
    from game.scenario.side_words import is_acronym

    assert is_acronym(short, name) is acronym


def test_markdown_escapes_what_it_would_otherwise_interpret() -> None:
    assert md_escape("a *b* _c_ <x> | `d`") == r"a \*b\* \_c\_ \<x\> \| \`d\`"
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("[text](http://x)") == r"[text]\(http://x)"


# ----- HTML ---------------------------------------------------------------------------------
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


class Checker(HTMLParser):
    """Checks that every element is closed in order, and collects the text and the attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == [], (checker.problems, checker.stack)
    return checker


def test_html_is_one_well_formed_self_contained_file_that_prints_on_a4() -> None:
    rules, state, header = played(APRIL, "ai:linear", "ai:boulware", 3)
    page = export_html(rules, state, header)
    assert page.startswith("<!DOCTYPE html>")
    checker = parsed(page)
    assert {"html", "head", "style", "body", "table", "thead", "h1", "h2"} <= checker.tags
    assert not {"script", "link", "img", "iframe", "object"} & checker.tags
    assert not [name for name, _ in checker.attributes if name in ("src", "href", "srcset", "style")]
    for external in ("http://", "https://", "url(", "@import", "//fonts"):
        assert external not in page
    for rule in ("@page { size: A4;", "serif", "break-inside: avoid", "page-break-inside: avoid", "table-header-group"):
        assert rule in page
    shown = " ".join(" ".join(checker.text).split())
    for entry in state.log:
        if entry.kind is EntryKind.MOVE:
            assert f"{record_name(entry.speaker)}. {' '.join(entry.text.split())}" in shown
    assert "What happened next" in shown and "START I, signed 31 July 1991" in shown


def test_html_reads_on_a_phone_and_prints_with_page_numbers() -> None:
    rules, state, header = played(APRIL, "ai:linear", "ai:boulware", 3)
    page = export_html(rules, state, header)
    # without it a phone lays the page out 980 px wide and shrinks the text to a third
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@bottom-center { content: counter(page)" in page
    assert "@media screen and (max-width: 40em)" in page
    checker = parsed(page)
    shown = " ".join(" ".join(checker.text).split())
    assert "Participants United States James Baker, Secretary of State" in shown
    assert page.count('<dl class="delegation">') == 2
    # news set apart, its title picked out; short labels kept on one line; figures right-aligned
    assert '<p class="news"><span class="news-title">Blockade of Lithuania:</span> VILNIUS' in page
    assert '<span class="label short">[opening proposal]</span>' in page
    assert '<span class="label">[trade: Bomber sublvl, SLCM limit for SLCM form, SLCM verif., Conventional' in page
    assert '<th class="num">Vote</th>' in page and '<td class="num">67%</td>' in page
    scores = page[page.index("<caption>Scores</caption>") :]
    assert '<th>Delegation</th>\n<th class="num">Score (0-100)</th>\n<th class="num">Utility</th>' in scores
    assert '<table class="keep">' in page and '<ul class="sources">' in page


def test_html_escapes_every_text(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & <b>'
    text = TINY.read_text()
    text = text.replace("title: A two-issue test scenario", f"title: '{hostile}'")
    text = text.replace("{name: James Baker, role: Secretary of State", f"{{name: James Baker, role: '{hostile}'")
    text = text.replace("news: Moscow tightens the blockade of Lithuania.", f"news: '{hostile}'")
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    rules = Rules(load_scenario(str(path))[0])
    state = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, 7).play()
    page = export_html(rules, state)
    parsed(page)
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert not re.search(r"(?<!\\)<", export_markdown(rules, state))  # every < escaped for Markdown


def test_a_save_exports_in_both_formats(tmp_path: Path) -> None:
    rules, state, header = played(TINY, "ai:boulware", "ai:conceder", 7)
    scenario, copy = scenario_source(str(TINY))
    header = save.new_header(scenario, copy, 7, dict(header.players))
    path = tmp_path / "g.yaml"
    save.write(path, save.Record(header, state.moves, copy), rules)
    assert export_save(path, "md") == export(rules, state, header, "md")
    assert export_save(path, "html") == export_html(rules, state, header)


def test_a_game_still_under_way_exports_without_an_outcome() -> None:
    rules = rules_for(APRIL)
    beats = load_beats("april-1990", rules.scenario)
    state = replay_states(rules, beats, 0)[-1]
    text = export_markdown(rules, state)
    assert "The talks are still under way: 5 of 28 exchanges used." in text
    assert "**Scores**" not in text and "**Agreed package**" not in text
    assert "| ALCM range threshold | no agreement | 600 km |" in text
    assert "*20 April 1990*" in text
    assert r"*\[red line\]*" in text
    parsed(export_html(rules, state))


# ----- the epilogue -------------------------------------------------------------------------
def test_the_april_1990_epilogue_tells_every_issue_with_known_sources() -> None:
    scenario = rules_for(APRIL).scenario
    assert scenario.historical is not None
    assert unknown_issues(scenario) == []
    assert [e.issue for e in scenario.historical.epilogue] == [i.id for i in scenario.issues]
    for entry in scenario.historical.epilogue:
        assert entry.ministerial and entry.summit and entry.treaty and entry.sources
        for key in entry.sources:
            assert key.startswith("[") and key.strip("[]") in scenario.meta.sources, key


def test_the_epilogue_puts_no_agreement_beside_history() -> None:
    rules = rules_for(APRIL)
    rows = epilogue(rules.scenario, rules.initial(0))
    assert [r.issue for r in rows] == list(rules.space.ids)
    assert all(r.result == NO_AGREEMENT and r.same is None and r.ratified is None for r in rows)
    by_issue = {r.issue: r for r in rows}
    assert by_issue["slcm_limit"].history == "880 missiles"
    assert [title for title, _ in by_issue["alcm_range"].stages] == [
        "Bonn, 4 May 1990",
        "Moscow ministerial, 16–19 May 1990",
        "Washington summit, 1 June 1990",
        "START I, signed 31 July 1991",
    ]
    assert by_issue["slcm_range"].estimate and not by_issue["slcm_limit"].estimate


def test_the_epilogue_puts_the_agreed_package_beside_history() -> None:
    rules = rules_for(APRIL)
    assert rules.scenario.historical is not None
    history = rules.space.package(rules.scenario.historical.package)
    state = rules.apply(rules.initial(5), Propose(history))
    state = rules.apply(state, Accept())
    assert state.agreement == history
    rows = epilogue(rules.scenario, state)
    assert all(r.same is True for r in rows)
    assert all(r.ratified is (state.ending is Ending.RATIFIED) for r in rows)
    assert {r.issue: r.result for r in rows}["alcm_sublevel"] == "150 bombers"
    other = rules.apply(rules.initial(5), Propose(history.with_level(1, 13)))  # within both sides' red lines
    rows = epilogue(rules.scenario, rules.apply(other, Accept()))
    assert [r.same for r in rows] == [r.issue != rules.space.ids[1] for r in rows]
    assert not all(r.same for r in rows)


def test_a_scenario_without_epilogue_still_shows_history_and_one_without_history_shows_none(tmp_path: Path) -> None:
    rules, state, _ = played(TINY, "ai:boulware", "ai:conceder", 7)
    rows = epilogue(rules.scenario, state)
    assert [(r.history, r.stages) for r in rows] == [("600 km", ()), ("political", ())]
    assert "## What happened next" in export_markdown(rules, state)
    bare = tmp_path / "bare.yaml"
    text = TINY.read_text()
    bare.write_text(text[: text.index("historical:")])
    rules = Rules(load_scenario(str(bare))[0])
    state = Match(rules, {Side.US: make("ai:boulware"), Side.USSR: make("ai:conceder")}, 7).play()
    assert epilogue(rules.scenario, state) == []
    assert "What happened next" not in export_markdown(rules, state)
    assert "What happened next" not in export_html(rules, state)

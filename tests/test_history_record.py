"""History as the record tells it: one test per correction of issue 17, and the sources behind them.

Each test pins a fact the scenarios once got wrong (a date, a speaker, a beat's kind, an opening
value, a quotation), so that the old text fails it. docs/HISTORY.md tells the same story day by day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.agents.registry import make
from game.engine.moves import Adjourn, ConsultCapital
from game.engine.rules import Rules
from game.engine.state import EntryKind
from game.i18n import localised
from game.match import Match
from game.record.epilogue import HISTORY_DOC, STAGES, history_doc
from game.record.export import export_markdown
from game.record.historical import load_beats
from game.record.quotes import in_record, quotation_problems, quoted_passages
from game.scenario.loader import load_scenario
from game.scenario.preferences import Side
from game.scenario.schema import NumericIssue

from .conftest import REFERENCE_DIR, ROOT, SHIPPED, rules_for

SCENARIOS = ROOT / "scenarios"
APRIL = SCENARIOS / "april-1990.yaml"
MOSCOW = SCENARIOS / "moscow-may-1990.yaml"
WASHINGTON = SCENARIOS / "washington-april-1990.yaml"
START = [APRIL, MOSCOW, WASHINGTON, SCENARIOS / "warm-up.yaml"]
HISTORY = ROOT / HISTORY_DOC
RECORD = REFERENCE_DIR / "record-of-conversation-1990-04-20.txt"
needs_record = pytest.mark.skipif(not RECORD.is_file(), reason=f"the record is not at {RECORD}")

KEY = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*)\](?![a-z])")
"""A source key in square brackets; '[W]e' and '[T]he' are insertions in quotations, not keys."""


def raw(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def record() -> str:
    return RECORD.read_text(encoding="utf-8")


# ----- 1. the US SLCM position on 20 April: no agreed numerical limit ---------------------------
def test_the_us_opens_without_an_agreed_slcm_limit() -> None:
    rules = rules_for(APRIL)
    issue = next(i for i in rules.scenario.issues if i.id == "slcm_limit")
    us = rules.scenario.sides.us.positions["slcm_limit"]
    assert isinstance(issue, NumericIssue)
    assert us.opening == issue.max
    assert issue.max_label == "no agreed limit"
    assert "[F-110]" in us.source
    domain = rules.space.domains[rules.space.ids.index("slcm_limit")]
    assert domain.format(us.opening) == "no agreed limit"
    assert domain.format(880) == "880 missiles"


# ----- 2. Bonn: Baker and Shevardnadze met on 4 May, and the US moved there -------------------------
def test_bonn_is_the_4th_of_may_and_the_us_answers_there() -> None:
    scenario = rules_for(APRIL).scenario
    bonn = next(m for m in scenario.calendar.meetings if m.place == "Bonn")
    assert bonn.date == dt.date(1990, 5, 4)
    events = {e.id: e for e in scenario.events}
    assert events["two-plus-four-opens"].news.startswith("BONN, May 4")
    answer = events["washington-instructions"]
    assert answer.trigger.condition is not None and answer.trigger.condition.consulted is None
    assert answer.trigger.condition.after_event == "two-plus-four-opens"
    assert scenario.historical is not None
    bonn_rows = {e.issue for e in scenario.historical.epilogue if e.bonn}
    assert {"alcm_range", "alcm_sublevel", "slcm_limit"} <= bonn_rows


# ----- 3. 12 against 16 ALCMs per bomber is April's dispute --------------------------------------
@pytest.mark.parametrize("path", [APRIL, MOSCOW], ids=lambda p: p.stem)
def test_the_per_bomber_dispute_is_dated_april(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "reopened 12 vs 16" not in text and "reopening 12 or 16" not in text
    assert "The point the military actually reopened was" not in text
    assert re.search(r"12 (against|vs) 16[^.]*(April|\[F-103\])", text.replace("\n", " "))


# ----- 4. Baker's reaction of 20 April is a statement, not an offer ------------------------------
def test_no_us_offer_on_the_20th_of_april() -> None:
    rules = rules_for(APRIL)
    beats = load_beats("april-1990", rules.scenario)
    ten = next(b for b in beats if b.paragraph == 10)
    assert [type(m).__name__ for m in ten.moves] == ["TableArgument"]
    assert not [b for b in beats if b.side is Side.US and any(type(m).__name__ == "Propose" for m in b.moves)]


# ----- 5. "over the line on verification" is Bartholomew's -------------------------------------
def test_over_the_line_on_verification_is_bartholomews() -> None:
    lines = [
        line
        for path in [*START, SCENARIOS / "beats" / "april-1990.yaml"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if "over the line" in line
    ]
    assert lines
    assert all("[F-111]" in line and "[W]" not in line for line in lines)


# ----- 6. the sublevel: a cap in April, a counting rule in May ------------------------------------
@pytest.mark.parametrize("path", [APRIL], ids=lambda p: p.stem)
def test_the_sublevel_tells_its_two_meanings(path: Path) -> None:
    issue = next(i for i in rules_for(path).scenario.issues if i.id == "alcm_sublevel")
    words = " ".join(issue.description.split())
    assert "a cap" in words and "counting rule" in words and "actually equipped" in words
    assert "[F-103]" in issue.source and "[F-126]" in issue.source


# ----- 7. who speaks: Shevardnadze in Bonn and Moscow, Gorbachev in the Kremlin --------------------
def speaker_at(rules: Rules, meeting: int) -> str:
    state = rules.initial(0)
    while state.meeting < meeting:
        state = rules.apply(state, Adjourn())
    while state.to_move is not Side.USSR:
        state = rules.apply(state, ConsultCapital())
    state = rules.apply(state, ConsultCapital())
    moves = [e for e in state.log if e.kind is EntryKind.MOVE and e.meeting == meeting and e.side is Side.USSR]
    return moves[-1].speaker


def test_the_soviet_speaker_follows_the_meeting() -> None:
    april = rules_for(APRIL)
    assert [speaker_at(april, i) for i in range(3)] == ["Viktor Karpov", "Eduard Shevardnadze", "Eduard Shevardnadze"]
    moscow = rules_for(MOSCOW)
    kremlin = next(i for i, m in enumerate(moscow.meetings) if m.id == "kremlin-may-18")
    assert speaker_at(moscow, kremlin) == "Mikhail Gorbachev"
    assert speaker_at(moscow, 0) == "Eduard Shevardnadze"
    washington = rules_for(WASHINGTON)
    karpov = next(i for i, m in enumerate(washington.meetings) if m.id == "karpov-baker-apr-20")
    assert speaker_at(washington, karpov) == "Viktor Karpov"


def test_a_meeting_speaker_must_be_a_member() -> None:
    from game.scenario.checks import iter_problems

    data = raw(APRIL)
    data["calendar"]["meetings"][1]["speakers"] = {"ussr": "Andrei Gromyko"}
    problems = [p for p in iter_problems(data) if "speakers" in str(p)]
    assert problems and "not a member" in str(problems[0])


# ----- 8. dates: the ministerial ran 16-19 May; the deal was struck on 18 May -------------------
def test_the_ministerial_and_the_kremlin_meeting_keep_their_days() -> None:
    scenario = rules_for(APRIL).scenario
    assert scenario.historical is not None and scenario.historical.date == dt.date(1990, 5, 18)
    titles = scenario.historical.stages
    assert titles.ministerial == "Moscow ministerial, 16–19 May 1990"
    assert titles.bonn == "Bonn, 4 May 1990"
    assert STAGES[0] == "bonn"
    entries = {e.issue: e for e in scenario.historical.epilogue}
    assert "18 May" in entries["slcm_limit"].ministerial and "18 May" in entries["alcm_range"].ministerial
    assert "Left open on 18 May" in entries["slcm_range"].ministerial
    summary = " ".join(scenario.historical.summary.split())
    assert "(16–19 May), on 18 May" in summary


# ----- 9. quotations verbatim; the SALT II line is Karpov's; paragraph 30 in its sense -------------
@needs_record
@pytest.mark.parametrize("path", START, ids=lambda p: p.stem)
def test_every_quotation_of_the_record_is_verbatim(path: Path) -> None:
    text = record()
    problems = [
        problem
        for argument in raw(path).get("arguments", [])
        if "[W]" in argument.get("source", "")
        for problem in quotation_problems(str(localised(argument["text"], "en")), text, argument["id"])
    ]
    assert problems == []


@needs_record
def test_the_quotation_check_catches_an_unmarked_edit() -> None:
    text = record()
    assert in_record("[The document that] I brought from E.A. Shevardnadze", text)
    assert not in_record("The document I brought from E.A. Shevardnadze", text)
    assert not in_record("subject to verification, if not through on-site inspection", text)
    assert in_record("reassure both sides … that the politically binding statements", text)
    assert quotation_problems('He said "we simply have little room for concessions".', text)


@pytest.mark.parametrize("path", [APRIL, MOSCOW, WASHINGTON], ids=lambda p: p.stem)
def test_the_salt_ii_line_is_karpovs_claim(path: Path) -> None:
    issue = next(i for i in rules_for(path).scenario.issues if i.id == "slcm_range")
    assert "Karpov called 600 km" in " ".join(issue.description.split())


def test_paragraph_30_keeps_its_sense() -> None:
    scenario = rules_for(APRIL).scenario
    note = " ".join(scenario.sides.ussr.domestic.note.split())
    assert "on its own coasts" in note
    magic = next(a for a in scenario.arguments if a.id == "us-magic-number")
    assert "against its coasts" in " ".join(magic.text.split())


# ----- 10. the joint statement of 1 June: only what can be sourced ------------------------------
def test_the_summit_quotes_only_the_joint_statements_words() -> None:
    history = " ".join(HISTORY.read_text(encoding="utf-8").split())
    scenario = rules_for(APRIL).scenario
    assert scenario.historical is not None
    for entry in scenario.historical.epilogue:
        summit = " ".join(entry.summit.split())
        assert "(quoted)" in summit and "[F-145]" in entry.sources
        for passage in quoted_passages(summit):
            assert f'"{passage}". [F-145]' in history


# ----- sources and estimates -------------------------------------------------------------------
@pytest.mark.parametrize("path", [*SHIPPED, SCENARIOS / "beats" / "april-1990.yaml"], ids=lambda p: p.stem)
def test_every_source_key_a_scenario_uses_is_defined(path: Path) -> None:
    data = raw(path)
    defined = (
        data["meta"]["sources"] if "meta" in data else raw(SCENARIOS / f"{data['scenario']}.yaml")["meta"]["sources"]
    )
    used = set(KEY.findall(path.read_text(encoding="utf-8")))
    assert used - set(defined or {}) == set()


NUMBER_LINE = re.compile(r"^\s+(?:-\s+)?([a-z_]+): (-?[\d.]+)\s*(#.*)?$")


@pytest.mark.parametrize("path", START, ids=lambda p: p.stem)
def test_every_number_names_its_source_or_says_estimate(path: Path) -> None:
    unmarked = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = NUMBER_LINE.match(line)
        if match is None or match.group(1) == "format_version":
            continue
        comment = match.group(3) or ""
        if not (KEY.search(comment) or "estimate" in comment or "inferred" in comment):
            unmarked.append(f"{path.name}:{number}: {line.strip()}")
    assert unmarked == []


def test_history_defines_every_key_it_uses_and_lists_the_estimates() -> None:
    text = HISTORY.read_text(encoding="utf-8")
    body, sources = text.split("## Sources", 1)
    used = set(KEY.findall(body))
    defined = set(KEY.findall(sources))
    assert used - defined == set()
    assert "## Which parts of the game are estimates" in body
    for estimate in ("no agreed limit", "which two of the three issues", "not itemised"):
        assert estimate in " ".join(body.split())


@needs_record
def test_history_quotes_the_record_verbatim() -> None:
    text = record()
    history = HISTORY.read_text(encoding="utf-8")
    days = history.split("## Day by day", 1)[1].split("## After", 1)[0]
    twentieth = days.split("- **20 Apr** —", 1)[1].split("- **20 Apr** (", 1)[0]
    assert quotation_problems(twentieth, text) == []


def test_the_history_page_is_named_by_the_scenarios_it_tells_and_no_other() -> None:
    opening = HISTORY.read_text(encoding="utf-8").split("\n\n")[1]
    pointing = set()
    for path in [*sorted((ROOT / "scenarios").glob("*.yaml")), ROOT / "tests/fixtures/shapes/kestrel-water-2037.yaml"]:
        scenario = load_scenario(str(path))[0]
        if history_doc(scenario) is not None:
            assert history_doc(scenario) == HISTORY_DOC and scenario.side_ids == ("us", "ussr"), path
            pointing.add(scenario.meta.id)
    assert set(re.findall(r"`([a-z0-9-]+)`", opening)) == pointing


def test_an_instructors_own_history_page_is_pointed_at_as_the_start_scenarios_page_is(tmp_path: Path) -> None:
    """What is historical is the scenario's to say (`historical.day_by_day`), not a list of shipped ids."""
    kestrel = (ROOT / "tests/fixtures/shapes/kestrel-water-2037.yaml").read_text(encoding="utf-8")
    page = "https://www.example.org/kestrel-talks"
    records = []
    for text in (kestrel, kestrel.replace("historical:\n", f"historical:\n  day_by_day: {page}\n", 1)):
        path = tmp_path / f"kestrel-{len(records)}.yaml"
        path.write_text(text, encoding="utf-8")
        rules = Rules(load_scenario(str(path))[0])
        state = Match(rules, {Side.US: make("ai:linear"), Side.USSR: make("ai:linear")}, 1).play()
        records.append(export_markdown(rules, state))
    assert "day by day" not in records[0]
    assert f"What happened day by day, with its sources: {page}" in records[1]

"""The meeting of 20 April 1990 as it happened: the record's words, the engine's moves, taking over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.agents.registry import make
from game.engine.moves import Propose, move_from_data, move_to_data
from game.engine.rules import Rules
from game.engine.state import Ending
from game.errors import IllegalMoveError, ScenarioError
from game.match import Match
from game.record.export import build, export_save, md_escape
from game.record.historical import (
    FALLBACK_OPPONENT,
    Beat,
    TakeOverError,
    beats_path,
    has_beats,
    historical_opponent,
    load_beats,
    opens_with,
    quote_problems,
    record_paragraphs,
    replay_states,
    replay_text,
    scenario_path,
    take_over,
)
from game.record.save import load
from game.scenario.preferences import Side

from .conftest import REFERENCE_DIR, ROOT, SHIPPED, TINY, rules_for

APRIL = next(p for p in SHIPPED if p.stem == "april-1990")
REFERENCE = REFERENCE_DIR / "record-of-conversation-1990-04-20.txt"
needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(),
    reason=f"the record of conversation is not at {REFERENCE} (CI keeps a copy of shared/ beside the repo)",
)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return rules_for(APRIL)


@pytest.fixture(scope="module")
def beats(rules: Rules) -> tuple[Beat, ...]:
    return load_beats("april-1990", rules.scenario)


@pytest.fixture(scope="module")
def record() -> str:
    if not REFERENCE.is_file():
        pytest.skip(f"the record of conversation is not at {REFERENCE} (CI keeps a copy of shared/ beside the repo)")
    return REFERENCE.read_text(encoding="utf-8")


# ----- the record's words ------------------------------------------------------------------
@needs_reference
def test_every_quote_is_the_records_words_in_its_paragraph(beats: tuple[Beat, ...], record: str) -> None:
    assert quote_problems(beats, record) == []


@needs_reference
def test_the_beats_run_from_the_greetings_to_bakers_last_words_covering_every_paragraph(
    beats: tuple[Beat, ...], record: str
) -> None:
    paragraphs = record_paragraphs(record)
    assert len(paragraphs) == 34
    assert beats[0].paragraph == 1 and "greetings" in beats[0].quote and beats[0].side is None
    assert beats[-1].paragraph == len(paragraphs) and beats[-1].quote.startswith("Welcome to our club")
    assert beats[-1].speaker == "James Baker"
    numbers = [b.paragraph for b in beats]
    assert numbers == sorted(numbers)
    assert set(numbers) == set(range(1, len(paragraphs) + 1))


@needs_reference
def test_the_quote_check_catches_a_changed_word_and_a_wrong_paragraph(beats: tuple[Beat, ...], record: str) -> None:
    no_room = next(b for b in beats if b.id == "karpov-no-room")
    changed = Beat(**{**no_room.__dict__, "quote": no_room.quote.replace("no room", "little room")})
    moved = Beat(**{**no_room.__dict__, "paragraph": no_room.paragraph + 1})
    absent = Beat(**{**no_room.__dict__, "paragraph": 99})
    problems = quote_problems([changed, moved, absent], record)
    assert len(problems) == 3
    assert "word for word" in problems[0] and "little room" in problems[0]
    assert "no paragraph 99" in problems[2]


def test_paragraphs_are_split_at_the_mark_with_line_breaks_inside_normalised() -> None:
    text = "Title\n\n□First one.\n\n□J. Baker. Two\n\nlines  here.\n□ Third."
    assert record_paragraphs(text) == ["First one.", "J. Baker. Two lines here.", "Third."]


# ----- the engine's moves ------------------------------------------------------------------
def test_the_moves_are_legal_in_sequence_alternate_and_stay_in_the_first_meeting(
    rules: Rules, beats: tuple[Beat, ...]
) -> None:
    movers = [b.side for b in beats for _ in b.moves]
    expected = Side(rules.scenario.calendar.first_to_move)
    for side in movers:
        assert side is expected
        expected = expected.other
    assert len(movers) < rules.meetings[0].exchanges
    for seed in (0, 1, 1990):
        states = replay_states(rules, beats, seed)
        assert len(states) == len(beats) + 1
        assert states[0] == rules.initial(seed)
        final = states[-1]
        assert final.meeting == 0 and not final.over
        assert final.moves == tuple(m for b in beats for m in b.moves)
        # built only through Rules.apply: the same as applying the moves by hand
        by_hand = rules.initial(seed)
        for move in final.moves:
            by_hand = rules.apply(by_hand, move)
        assert by_hand == final


def test_the_beats_stand_for_the_records_positions(rules: Rules, beats: tuple[Beat, ...]) -> None:
    by_id = {b.id: b for b in beats}
    handed = by_id["karpov-hands-over"]
    assert handed.side is Side.USSR and handed.speaker == "Viktor Karpov"
    assert [move_to_data(m, rules.space)["kind"] for m in handed.moves] == ["propose"]
    assert "inferred" in handed.note
    us = by_id["baker-not-far-enough"]  # a statement, not an offer (issue 17, correction 4)
    assert [move_to_data(m, rules.space) for m in us.moves] == [{"kind": "argument", "argument": "us-not-far-enough"}]
    assert "not an offer" in us.note
    assert [move_to_data(m, rules.space) for m in by_id["karpov-no-room"].moves] == [
        {"kind": "red_line", "issue": "alcm_range", "value": 600}
    ]
    voiced = {b.argument for b in beats if b.argument}
    assert {"us-nuclear-treaty", "us-several-hundred-km", "us-concessions-ignored", "us-air-defences"} <= voiced
    assert {"us-magic-number", "us-ratification", "ussr-salt2-line", "ussr-cooperation", "ussr-pluralism"} <= voiced
    for beat in beats:
        for move in beat.moves:
            assert move_from_data(move_to_data(move, rules.space), rules.space) == move


def test_replay_states_refuses_a_beat_out_of_turn(rules: Rules, beats: tuple[Beat, ...]) -> None:
    us_first = [b for b in beats if b.side is Side.US and b.moves][:1]
    with pytest.raises(IllegalMoveError, match="baker-not-far-enough"):
        replay_states(rules, us_first, 0)


def test_the_replay_text_shows_the_records_words_and_the_engines_moves(rules: Rules, beats: tuple[Beat, ...]) -> None:
    text = replay_text(rules, beats, seed=0)
    assert "Welcome to our club" in text and "here we simply have no room for concessions" in text
    assert "[red line]" in text and "[opening proposal]" in text


# ----- taking over -------------------------------------------------------------------------
def test_the_other_side_is_played_by_its_historical_negotiator(rules: Rules, beats: tuple[Beat, ...]) -> None:
    assert historical_opponent(rules.scenario, beats, Side.USSR) == "persona:historical-karpov"
    assert historical_opponent(rules.scenario, beats, Side.US) == "persona:historical-baker"
    take = take_over(rules, beats, 4, 7, Side.US)
    assert take.opponent == "persona:historical-karpov"
    assert take.players() == {Side.US: "person", Side.USSR: "persona:historical-karpov"}
    assert take_over(rules, beats, 4, 7, Side.US, "ai:boulware").opponent == "ai:boulware"
    assert historical_opponent(rules_for(TINY).scenario, beats, Side.USSR) == FALLBACK_OPPONENT


def test_every_beat_can_be_taken_over_from_each_side_and_played_to_an_ending(
    rules: Rules, beats: tuple[Beat, ...]
) -> None:
    seed = 11
    states = replay_states(rules, beats, seed)
    for k in range(len(beats) + 1):
        for side in Side:
            take = take_over(rules, beats, k, seed, side)
            assert take.state == states[k] and take.beat == k and take.side is side
            assert take.opponent == ("persona:historical-karpov" if side is Side.US else "persona:historical-baker")
            agents = {side: make("ai:linear"), side.other: make(take.opponent)}
            final = Match(rules, agents, take.seed, state=take.state).play()
            assert final.over and final.ending is not Ending.FORFEIT, (k, side, final.ending)
            assert final.moves[: len(states[k].moves)] == states[k].moves
            assert final.meeting == len(rules.meetings) - 1 or final.agreement is not None or final.ended_by
            replayed = rules.initial(seed)
            for move in final.moves:
                replayed = rules.apply(replayed, move)
            assert replayed == final


def test_there_is_no_beat_to_take_over_beyond_the_last(rules: Rules, beats: tuple[Beat, ...]) -> None:
    for k in (-1, len(beats) + 1):
        with pytest.raises(TakeOverError, match=f"choose 0 to {len(beats)}"):
            take_over(rules, beats, k, 0, Side.US)


# ----- the beats file's format -------------------------------------------------------------
def test_the_beats_file_is_found_beside_its_scenario_either_way(tmp_path: Path) -> None:
    shipped = beats_path("april-1990")
    assert shipped in (APRIL.parent / "april-1990.beats.yaml", APRIL.parent / "beats" / "april-1990.yaml")
    assert scenario_path(shipped) == APRIL
    assert beats_path(APRIL) == shipped == beats_path(shipped)
    assert has_beats("april-1990") and not has_beats(TINY)
    scenario = tmp_path / "x.yaml"
    assert beats_path(scenario) == tmp_path / "x.beats.yaml"  # where a new one goes
    (tmp_path / "beats").mkdir()
    (tmp_path / "beats" / "x.yaml").write_text("")
    assert beats_path(scenario) == tmp_path / "beats" / "x.yaml"
    (tmp_path / "x.beats.yaml").write_text("")
    assert beats_path(scenario) == tmp_path / "x.beats.yaml"  # beside it wins
    for path in (tmp_path / "x.beats.yaml", tmp_path / "beats" / "x.yaml"):
        assert beats_path(path) == path and scenario_path(path) == scenario


def _write_beats(tmp_path: Path, beats: list[dict[str, object]], **top: object) -> Path:
    folder = tmp_path / "beats"
    folder.mkdir(exist_ok=True)
    path = folder / "april-1990.yaml"
    data = {"format_version": 1, "scenario": "april-1990", "source": "W", **top, "beats": beats}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def _problems(path: Path, rules: Rules) -> str:
    with pytest.raises(ScenarioError) as info:
        load_beats(path, rules.scenario)
    return str(info.value)


KARPOV = {"speaker": "Viktor Karpov", "side": "ussr", "paragraph": 4, "quote": "I am pleased"}
BAKER = {"speaker": "James Baker", "side": "us", "paragraph": 5, "quote": "I know"}


def test_a_good_minimal_beats_file_loads(tmp_path: Path, rules: Rules) -> None:
    path = _write_beats(
        tmp_path,
        [
            {"id": "a", **KARPOV, "moves": [{"kind": "red_line", "issue": "alcm_range", "value": 600}]},
            {"id": "b", **BAKER, "moves": [{"kind": "argument", "argument": "us-ratification"}]},
            {"id": "c", **BAKER},
        ],
    )
    loaded = load_beats(path, rules.scenario)
    assert [b.id for b in loaded] == ["a", "b", "c"] and loaded[2].moves == ()


def test_beats_file_errors_point_at_file_line_and_column(tmp_path: Path, rules: Rules) -> None:
    path = _write_beats(
        tmp_path,
        [
            {"id": "a", **KARPOV, "speaker": "Viktor Karpow"},
            {"id": "a", **BAKER, "argument": "ussr-salt2-line"},
            {"id": "c", **BAKER, "paragraph": 2},
            {"id": "d", **BAKER, "moves": [{"kind": "propose"}]},
            {"id": "e", **BAKER, "qoute": "x"},
            {"id": "f", "paragraph": 6, "quote": "x", "moves": [{"kind": "consult"}]},
        ],
        scenario="tiny",
        source="Q",
    )
    text = _problems(path, rules)
    lines = text.splitlines()
    assert all(line.startswith(f"{path}:") and line.split(":")[1].isdigit() for line in lines), text
    for expected in (
        "'speaker' must be a member of the Soviet Union delegation",
        "the id 'a' is used twice",
        "the argument 'ussr-salt2-line' belongs to the USSR side",
        "paragraph 2 comes before paragraph 5",
        "not a move: a proposal needs a 'package'",
        "unknown key 'qoute' (did you mean 'quote'?)",
        "the record's narration makes no moves",
        "scenario: april-1990 (not 'tiny')",
        "unknown source key 'Q'",
    ):
        assert expected in text, text


def test_moves_out_of_turn_illegal_or_past_the_first_meeting_are_refused(tmp_path: Path, rules: Rules) -> None:
    path = _write_beats(tmp_path, [{"id": "a", **BAKER, "moves": [{"kind": "consult"}]}])
    assert "the USSR is to move here, not the US" in _problems(path, rules)
    path = _write_beats(tmp_path, [{"id": "a", **KARPOV, "moves": [{"kind": "accept"}]}])
    assert "no package from the other side to accept" in _problems(path, rules)
    turns = [
        {"id": f"t{i}", **(KARPOV if i % 2 == 0 else BAKER), "paragraph": 4 + i, "moves": [{"kind": "consult"}]}
        for i in range(5)
    ]
    assert "the moves run past the first meeting" in _problems(_write_beats(tmp_path, turns), rules)


def test_a_missing_or_broken_beats_file_is_a_clear_error(tmp_path: Path, rules: Rules) -> None:
    with pytest.raises(ScenarioError, match="no historical replay"):
        load_beats(TINY)
    path = _write_beats(tmp_path, [])
    path.write_text("beats: [\n")
    assert "YAML syntax error" in _problems(path, rules)
    path.write_text("format_version: 2\nscenario: april-1990\nsource: W\nbeats: []\n")
    text = _problems(path, rules)
    assert "format_version 2 is not one this version reads" in text and "at least one beat" in text


# ----- saving a replay, and its record in the record's words ------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT)


def test_a_saved_replay_exports_in_the_records_words(tmp_path: Path, beats: tuple[Beat, ...]) -> None:
    path = tmp_path / "h.yaml"
    result = _cli("replay", "--historical", "april-1990", "--save", str(path))
    assert result.returncode == 0, result.stderr
    record, rules, state = load(path)
    assert record.header.players == {"us": "persona:historical-baker", "ussr": "persona:historical-karpov"}
    assert record.header.from_record == len(beats)
    assert state.moves == tuple(m for b in beats for m in b.moves)
    text = export_save(path, "md")
    for beat in beats:
        assert md_escape(beat.quote.strip("():;. ")) in text, beat.id
        assert f"para. {beat.paragraph}" in text
    assert "Blockade of Lithuania" in text  # the engine's news stays
    assert "We are ready to negotiate, to seek" not in text  # not the engine's words for a proposal


def test_a_take_over_is_in_the_records_words_up_to_the_take_over_then_the_games(
    tmp_path: Path, rules: Rules, beats: tuple[Beat, ...]
) -> None:
    k = next(k for k in range(10, len(beats)) if beats[k - 1].moves)  # beat k has moves: it ends the record's part
    path = tmp_path / "t.yaml"
    result = _cli("replay", "--historical", "april-1990", "--take-over", str(k), "--as", "ussr", "--save", str(path))
    assert result.returncode == 0, result.stderr
    assert _cli("replay", str(path)).stdout == result.stdout  # the save replays to the same game
    record, rules, state = load(path)
    assert record.header.from_record == k and opens_with(rules, state, beats[:k])
    text = export_save(path, "md")
    assert md_escape(beats[k - 1].quote) in text
    assert all(md_escape(b.quote) not in text for b in beats[k:] if b.side is not None and len(b.quote) > 40)
    after = text.split(md_escape(beats[k - 1].quote))[1].split("\n", 1)[1]  # after its own line
    assert "para." not in after.split("## Outcome")[0]


def test_a_game_of_its_own_keeps_the_engines_words_even_where_it_opens_as_history_did(
    tmp_path: Path, rules: Rules, beats: tuple[Beat, ...]
) -> None:
    path = tmp_path / "g.yaml"
    result = _cli(
        "run", "--scenario", "april-1990", "--us", "ai:boulware", "--ussr", "ai:conceder", "--save", str(path)
    )
    assert result.returncode == 0, result.stderr
    record, _, state = load(path)
    assert record.header.from_record == 0
    assert opens_with(rules, state, beats[:4])  # Karpov's opening proposal, as in the record ...
    assert "para." not in export_save(path, "md")  # ... but the game is its own: no quotes from the record


def test_a_game_that_opens_otherwise_is_told_in_the_engines_words(rules: Rules, beats: tuple[Beat, ...]) -> None:
    opening = beats[3].moves[0]
    assert isinstance(opening, Propose)
    prefs = rules.base[rules.initial(3).to_move]
    i, k = next(
        (i, k)
        for i, level in enumerate(opening.package.levels)
        for k in (level - 1, level + 1)
        if 0 <= k < rules.space.sizes[i] and prefs.acceptable_level(i, k)
    )
    other = opening.package.with_level(i, k)  # another opening, within the side's red lines
    state = rules.apply(rules.initial(3), Propose(other))
    assert not opens_with(rules, state, beats[:4])
    assert build(rules, state, beats=beats[:4]) == build(rules, state)


def test_only_a_historical_replay_can_be_saved_by_replay(tmp_path: Path) -> None:
    result = _cli("replay", str(tmp_path / "x.yaml"), "--save", str(tmp_path / "y.yaml"))
    assert result.returncode != 0 and "Traceback" not in result.stderr and "--save" in result.stderr

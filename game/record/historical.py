"""A meeting as it happened: the beats of a historical replay, and taking over from any of them.

A scenario may have a companion file of *beats*: the record of the meeting cut into passages, each
with its speaker, the paragraph of the record it comes from, the record's words, and the engine moves
it stands for (the format is documented in the header of `scenarios/beats/april-1990.yaml`). The
companion of `NAME.yaml` is `NAME.beats.yaml` beside it or, if there is none, `beats/NAME.yaml` in
the folder beside it: the second keeps it out of everything that lists `scenarios/*.yaml` as scenarios
(the validator, the tests), the first needs those to skip companion files.

- `load_beats` reads and checks a beats file against its scenario, every problem as
  file:line:column (a `ScenarioError`), including moves that the engine would not allow in sequence.
- `replay_states` replays the beats through `Rules.apply` only: the state before the first beat and
  after each one.
- `take_over` gives the state to play on from after any beat, with the other side played by the
  persona of its historical negotiator (`persona:historical-karpov`, ...) or `ai:hard`: a client builds
  `Match(rules, agents, take.seed, state=take.state)` or a session from it.
- `record_paragraphs` and `quote_problems` check the quotes against the record's text, word for word.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine.moves import Move, move_from_data
from game.engine.rules import Rules
from game.engine.state import GameState, LogEntry
from game.errors import CruiseControlError, Diagnostic, IllegalMoveError, MalformedMoveError, ScenarioError
from game.i18n import localised, tr
from game.record.transcript import entry_line
from game.scenario.loader import load_scenario, read_text, resolve
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.scenario.yamlmarks import Located, load_located
from game.scenario.yamlmarks import Path as DataPath

BEATS_FORMAT = 1
BEATS_SUFFIX = ".beats.yaml"
"""The beats of NAME.yaml may be NAME.beats.yaml beside it ..."""
BEATS_DIR = "beats"
"""... or beats/NAME.yaml, in a folder beside it."""
FALLBACK_OPPONENT = "ai:hard"
"""The agent that plays a side whose historical negotiator has no persona in the scenario."""
PARAGRAPH_MARK = "□"
"""What starts a paragraph in the archive's record of conversation."""

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TOP_KEYS = ("format_version", "scenario", "source", "beats")
_BEAT_KEYS = ("id", "speaker", "side", "paragraph", "quote", "moves", "argument", "note")


@dataclass(frozen=True)
class Beat:
    """One passage of the record: who said it, where it stands, and the engine moves it stands for."""

    id: str
    speaker: str
    """A member's name from the scenario; empty for the record's own narration."""
    side: Side | None
    """The speaker's delegation; None for the record's own narration."""
    paragraph: int
    """1-based index of the record's paragraph (each starts with the paragraph mark)."""
    quote: str
    """The record's words, verbatim (whitespace normalised)."""
    moves: tuple[Move, ...] = ()
    argument: str = ""
    """The scenario argument this passage voices, if any (also when it is spoken only)."""
    note: str = ""
    """What had to be inferred, with its sources."""

    @property
    def spoken_only(self) -> bool:
        return not self.moves


@dataclass(frozen=True)
class TakeOver:
    """Where free play starts after a beat: hand it to `Match(..., state=...)` or a session."""

    state: GameState
    seed: int
    side: Side
    """The delegation the person takes over."""
    opponent: str
    """The agent spec for the other delegation."""
    beat: int
    """How many beats were played before the take-over (0: before the first)."""

    def players(self, person: str = "person") -> dict[Side, str]:
        """Per side, 'person' (or what the client calls a person) or the opponent's agent spec."""
        return {self.side: person, self.side.other: self.opponent}


class TakeOverError(CruiseControlError, ValueError):
    """A take-over that cannot be made (no such beat)."""


# ----- where the beats are -----------------------------------------------------------------
def beats_path(scenario_id_or_path: str | Path) -> Path:
    """The beats file of a scenario given by id or file (NAME.beats.yaml, else beats/NAME.yaml), or a beats file."""
    path = resolve(str(scenario_id_or_path))
    if path.name.endswith(BEATS_SUFFIX) or path.parent.name == BEATS_DIR:
        return path
    beside = path.with_name(path.name.removesuffix(path.suffix) + BEATS_SUFFIX)
    folder = path.parent / BEATS_DIR / path.name
    return folder if folder.is_file() and not beside.is_file() else beside


def scenario_path(beats_file: Path) -> Path:
    """The scenario file a beats file belongs to."""
    if beats_file.name.endswith(BEATS_SUFFIX):
        return beats_file.with_name(beats_file.name.removesuffix(BEATS_SUFFIX) + ".yaml")
    return beats_file.parent.parent / beats_file.name


def has_beats(scenario_id_or_path: str | Path) -> bool:
    """Whether a scenario has a historical replay."""
    return beats_path(scenario_id_or_path).is_file()


# ----- loading and checking ----------------------------------------------------------------
class _Checker:
    def __init__(self, located: Located, filename: str, scenario: Scenario) -> None:
        self.located = located
        self.filename = filename
        self.scenario = scenario
        self.rules = Rules(scenario)
        self.diagnostics: list[Diagnostic] = []

    def error(self, path: DataPath, message: str, *, key: bool = False) -> None:
        line, column = self.located.where(path, key=key)
        self.diagnostics.append(Diagnostic(self.filename, line, column, message))

    def unknown_keys(self, data: Mapping[Any, Any], allowed: Sequence[str], path: DataPath) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.error((*path, key), f"unknown key '{key}'{hint}", key=True)

    def top(self, data: Any) -> list[Any]:
        if not isinstance(data, dict):
            self.error((), "a beats file must be a mapping with format_version, scenario, source and beats")
            return []
        self.unknown_keys(data, _TOP_KEYS, ())
        version = data.get("format_version")
        if version is None:
            self.error((), "missing required key 'format_version'")
        elif version != BEATS_FORMAT:
            self.error(
                ("format_version",), f"format_version {version!r} is not one this version reads ({BEATS_FORMAT})"
            )
        scenario_id = data.get("scenario")
        if scenario_id != self.scenario.meta.id:
            self.error(
                ("scenario",) if "scenario" in data else (),
                f"these beats must name their scenario: scenario: {self.scenario.meta.id}"
                + (f" (not {scenario_id!r})" if scenario_id is not None else ""),
            )
        source = data.get("source")
        sources = self.scenario.meta.sources
        if not isinstance(source, str) or not source:
            self.error(("source",) if "source" in data else (), "missing 'source': the scenario's key for the record")
        elif sources and source not in sources:
            self.error(("source",), f"unknown source key {source!r} (the scenario's keys: {', '.join(sources)})")
        beats = data.get("beats")
        if not isinstance(beats, list) or not beats:
            self.error(("beats",) if "beats" in data else (), "'beats' must be a list of at least one beat")
            return []
        return beats

    def beat(self, i: int, raw: Any, seen: set[str], last_paragraph: int) -> Beat | None:
        path: DataPath = ("beats", i)
        if not isinstance(raw, dict):
            self.error(path, "a beat must be a mapping (id, speaker, side, paragraph, quote, moves, ...)")
            return None
        self.unknown_keys(raw, _BEAT_KEYS, path)
        ok = True
        beat_id = raw.get("id")
        if not isinstance(beat_id, str) or not _SLUG.match(beat_id):
            self.error((*path, "id"), "a beat needs an 'id': lower-case letters, digits, _ and -")
            ok, beat_id = False, ""
        elif beat_id in seen:
            self.error((*path, "id"), f"the id {beat_id!r} is used twice")
            ok = False
        seen.add(beat_id)
        side, speaker = self.speaker(path, raw)
        ok = ok and speaker is not None
        paragraph = raw.get("paragraph")
        if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 1:
            self.error((*path, "paragraph"), "'paragraph' must be the 1-based number of a paragraph of the record")
            ok, paragraph = False, 0
        elif paragraph < last_paragraph:
            self.error(
                (*path, "paragraph"),
                f"paragraph {paragraph} comes before paragraph {last_paragraph}: keep the record's order",
            )
            ok = False
        quote = raw.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self.error((*path, "quote"), "a beat needs a 'quote': the record's words")
            ok, quote = False, ""
        moves = self.moves(path, raw, side)
        ok = ok and moves is not None
        argument = raw.get("argument", "")
        if not isinstance(argument, str):
            self.error((*path, "argument"), "'argument' must be the id of one of the scenario's arguments")
            ok = False
        elif argument:
            known = self.rules.arguments.get(argument)
            if known is None:
                self.error((*path, "argument"), f"the scenario has no argument {argument!r}")
                ok = False
            elif side is None or known.side != side.value:
                self.error((*path, "argument"), f"the argument {argument!r} belongs to the {known.side.upper()} side")
                ok = False
        note = localised(raw.get("note", ""))  # text, or {en: ..., ru: ...}
        if not isinstance(note, str):
            self.error((*path, "note"), "'note' must be text")
            ok = False
        if not ok or moves is None or speaker is None:
            return None
        return Beat(
            id=beat_id,
            speaker=speaker,
            side=side,
            paragraph=paragraph,
            quote=" ".join(quote.split()),
            moves=moves,
            argument=str(argument),
            note=" ".join(str(note).split()),
        )

    def speaker(self, path: DataPath, raw: Mapping[str, Any]) -> tuple[Side | None, str | None]:
        """The beat's side and speaker; (None, '') for narration; speaker None if wrong."""
        side_id, speaker = raw.get("side"), raw.get("speaker")
        if side_id is None and speaker is None:
            return None, ""
        if side_id not in ("us", "ussr"):
            self.error((*path, "side") if "side" in raw else path, "'side' must be us or ussr (with a speaker)")
            return None, None
        side = Side(side_id)
        members = self.rules.side_model(side).members
        names = [m.name for m in members]
        if not isinstance(speaker, str) or speaker not in names:
            where = (*path, "speaker") if "speaker" in raw else path
            self.error(
                where,
                f"'speaker' must be a member of the {self.rules.side_model(side).name} delegation: {', '.join(names)}",
            )
            return side, None
        return side, speaker

    def moves(self, path: DataPath, raw: Mapping[str, Any], side: Side | None) -> tuple[Move, ...] | None:
        raw_moves = raw.get("moves", [])
        if not isinstance(raw_moves, list):
            self.error((*path, "moves"), "'moves' must be a list of moves (or [] for a passage only spoken)")
            return None
        if raw_moves and side is None:
            self.error((*path, "moves"), "the record's narration makes no moves: give the beat a side and a speaker")
            return None
        moves: list[Move] = []
        for j, data in enumerate(raw_moves):
            try:
                moves.append(move_from_data(data, self.rules.space))
            except MalformedMoveError as exc:
                self.error((*path, "moves", j), f"not a move: {exc}")
                return None
        return tuple(moves)

    def legality(self, beats: Sequence[Beat]) -> None:
        """Every move legal in sequence from the start, by the side to move, inside the first meeting."""
        rules = self.rules
        state = rules.initial(0)
        first = rules.meetings[0]
        where: DataPath = ()
        for i, beat in enumerate(beats):
            for j, move in enumerate(beat.moves):
                where = ("beats", i, "moves", j)
                assert beat.side is not None  # checked: narration makes no moves
                if state.over or state.meeting != 0:
                    self.error(
                        where, f"the moves run past the first meeting ({first.title}: {first.exchanges} exchanges)"
                    )
                    return
                if state.to_move is not beat.side:
                    self.error(
                        where,
                        f"beat {beat.id!r}: the {state.to_move.value.upper()} is to move here, not the "
                        f"{beat.side.value.upper()}; the engine alternates after every move "
                        f"({rules.scenario.calendar.first_to_move.upper()} first), so make this beat's move a spoken "
                        "passage (moves: []) or move it",
                    )
                    return
                try:
                    state = rules.apply(state, move)
                except IllegalMoveError as exc:
                    self.error(where, f"beat {beat.id!r}: the engine does not allow this move here: {exc}")
                    return
        if where and (state.over or state.meeting != 0):
            self.error(where, f"the moves run past the first meeting ({first.title}: {first.exchanges} exchanges)")


def load_beats(scenario_id_or_path: str | Path, scenario: Scenario | None = None) -> tuple[Beat, ...]:
    """The beats of a scenario (by id or file) or of a beats file; raises ScenarioError with every problem.

    The scenario is loaded from beside the beats file unless given.
    """
    path = beats_path(scenario_id_or_path)
    if not path.is_file():
        raise ScenarioError([Diagnostic(str(path), 1, 1, "no historical replay: this scenario has no beats file")])
    if scenario is None:
        scenario = load_scenario(str(scenario_path(path)))[0]
    return parse_beats(read_text(path), str(path), scenario)


def parse_beats(text: str, filename: str, scenario: Scenario) -> tuple[Beat, ...]:
    """The beats in a beats file's text (a save carries it), checked against their scenario."""
    try:
        located = load_located(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ScenarioError(
            [Diagnostic(filename, line, column, f"YAML syntax error: {exc.problem or 'cannot parse'}")]
        ) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError([Diagnostic(filename, 1, 1, f"YAML error: {exc}")]) from exc
    checker = _Checker(located, filename, scenario)
    checker.diagnostics += [
        Diagnostic(filename, line, col, f"key '{key_path[-1]}' appears twice (the later one would win)")
        for key_path, (line, col) in located.duplicate_keys
    ]
    beats: list[Beat] = []
    seen: set[str] = set()
    last = 0
    for i, raw in enumerate(checker.top(located.data)):
        beat = checker.beat(i, raw, seen, last)
        if beat is not None:
            beats.append(beat)
        paragraph = raw.get("paragraph") if isinstance(raw, dict) else None
        if isinstance(paragraph, int) and not isinstance(paragraph, bool):
            last = max(last, paragraph)
    if not checker.diagnostics:
        checker.legality(beats)
    if checker.diagnostics:
        raise ScenarioError(sorted(set(checker.diagnostics), key=lambda d: (d.line, d.column, d.message)))
    return tuple(beats)


# ----- replaying and taking over -----------------------------------------------------------
def replay_states(rules: Rules, beats: Sequence[Beat], seed: int) -> list[GameState]:
    """The state before the first beat, then after each beat (index k: after beat k), via `Rules.apply` only."""
    state = rules.initial(seed)
    states = [state]
    for beat in beats:
        for move in beat.moves:
            if beat.side is not state.to_move:
                side = beat.side.value.upper() if beat.side else "narration"
                raise IllegalMoveError(
                    f"beat {beat.id!r}: the {state.to_move.value.upper()} is to move, not the {side}"
                )
            try:
                state = rules.apply(state, move)
            except IllegalMoveError as exc:
                raise IllegalMoveError(f"beat {beat.id!r}: {exc}") from exc
        states.append(state)
    return states


def opens_with(rules: Rules, state: GameState, beats: Sequence[Beat]) -> bool:
    """Whether a game opens as these beats (the first of the scenario's) played: their moves begin
    its moves, and their replay gives the start of its log (same seed, same scenario)."""
    moves = tuple(m for beat in beats for m in beat.moves)
    if state.moves[: len(moves)] != moves:
        return False
    try:
        log = replay_states(rules, beats, state.seed)[-1].log
    except CruiseControlError:
        return False
    return state.log[: len(log)] == log


def beats_of(scenario_file: str | Path, scenario: Scenario) -> tuple[Beat, ...]:
    """The scenario's beats, or none if it has none or they do not load (`validate` reports why)."""
    if not has_beats(scenario_file):
        return ()
    try:
        return load_beats(scenario_file, scenario)
    except CruiseControlError:
        return ()


def historical_opponent(scenario: Scenario, beats: Sequence[Beat], side: Side) -> str:
    """The agent spec that plays a side as history did: the persona whose speaker speaks most for it."""
    model = scenario.sides.us if side is Side.US else scenario.sides.ussr
    speakers = Counter(b.speaker for b in beats if b.side is side and b.speaker)
    movers = Counter(b.speaker for b in beats if b.side is side and b.moves)
    for speaker in sorted(speakers, key=lambda s: (-movers[s], -speakers[s], s)):
        for persona in model.personas:
            if persona.speaker == speaker:
                return f"persona:{persona.id}"
    return FALLBACK_OPPONENT


def take_over(
    rules: Rules,
    beats: Sequence[Beat],
    k: int,
    seed: int,
    side: Side,
    opponent_spec: str | None = None,
) -> TakeOver:
    """Play on from after beat k (0: from the start) as `side`; the other side by its historical persona.

    Raises TakeOverError if there is no beat k.
    """
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= len(beats):
        raise TakeOverError(f"there is no beat {k!r} to take over from: choose 0 to {len(beats)}")
    state = replay_states(rules, beats[:k], seed)[-1]
    opponent = opponent_spec or historical_opponent(rules.scenario, beats, side.other)
    return TakeOver(state=state, seed=seed, side=side, opponent=opponent, beat=k)


# ----- the record's text -------------------------------------------------------------------
def record_paragraphs(text: str) -> list[str]:
    """The record's paragraphs in order (index 0 is paragraph 1), whitespace and line breaks normalised."""
    return [" ".join(part.split()) for part in text.split(PARAGRAPH_MARK)[1:]]


def quote_problems(beats: Sequence[Beat], record_text: str) -> list[str]:
    """Every beat whose quote is not, word for word, one contiguous passage of its paragraph."""
    paragraphs = record_paragraphs(record_text)
    problems = []
    for beat in beats:
        if not 1 <= beat.paragraph <= len(paragraphs):
            problems.append(f"{beat.id}: the record has no paragraph {beat.paragraph} (it has {len(paragraphs)})")
            continue
        text = paragraphs[beat.paragraph - 1]
        quote = " ".join(beat.quote.split())
        if quote not in text:
            match = difflib.SequenceMatcher(None, quote, text, autojunk=False).find_longest_match(
                0, len(quote), 0, len(text)
            )
            problems.append(
                f"{beat.id}: the quote is not in paragraph {beat.paragraph} word for word; it agrees up to "
                f"{quote[: match.a + match.size][-40:]!r} and then reads {quote[match.a + match.size :][:40]!r}"
            )
    return problems


def replay_text(rules: Rules, beats: Sequence[Beat], seed: int = 0) -> str:
    """The meeting as it happened, for the terminal: each beat's words, then what the engine made of them."""
    states = replay_states(rules, beats, seed)
    meta = rules.scenario.meta
    title = tr("{title}: the meeting as it happened", title=meta.title)
    lines = [title, "=" * len(title), ""]
    lines += [entry_line(rules, e) for e in _public(states[0].log)]
    for number, (beat, before, after) in enumerate(zip(beats, states, states[1:], strict=False), start=1):
        who = tr("(the record)")
        if beat.side is not None:
            member = next((m for m in rules.side_model(beat.side).members if m.name == beat.speaker), None)
            name = member.shown or beat.speaker if member is not None else beat.speaker
            who = f"{name} ({rules.side_model(beat.side).short})"
        heading = tr("para. {paragraph}", paragraph=beat.paragraph)
        lines += ["", f"[{number}] {heading}, {who}: {beat.quote}"]  # the quote: the record's own words
        lines += [f"    = {entry_line(rules, e)}" for e in _public(after.log[len(before.log) :])]
        if beat.note:
            lines.append("    " + tr("note: {note}", note=beat.note))
    return "\n".join(lines) + "\n"


def _public(entries: Sequence[LogEntry]) -> list[LogEntry]:
    return [e for e in entries if e.private_to is None]


__all__ = [
    "BEATS_DIR",
    "BEATS_SUFFIX",
    "FALLBACK_OPPONENT",
    "Beat",
    "TakeOver",
    "TakeOverError",
    "beats_of",
    "beats_path",
    "has_beats",
    "historical_opponent",
    "load_beats",
    "parse_beats",
    "opens_with",
    "quote_problems",
    "record_paragraphs",
    "replay_states",
    "replay_text",
    "scenario_path",
    "take_over",
]

"""A meeting as it happened: the beats of a historical replay, and taking over from any of them.

A scenario may have a companion file of *beats*: the record of the meeting cut into passages, each
with its speaker, the paragraph of the record it comes from, the record's words, and the engine moves
it stands for (the format is documented in the header of `scenarios/beats/april-1990.yaml`). The
companion of `NAME.yaml` is `NAME.beats.yaml` beside it or, if there is none, `beats/NAME.yaml` in
the folder beside it: the second keeps it out of everything that lists `scenarios/*.yaml` as scenarios
(the validator, the tests), the first needs those to skip companion files.

- `load_beats` reads and checks a beats file against its scenario (`game.record.beats_file`), every problem as
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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine.rules import Rules
from game.engine.state import GameState, LogEntry
from game.errors import CruiseControlError, Diagnostic, IllegalMoveError, ScenarioError
from game.i18n import N_, tr
from game.record.beats_file import Beat, parse_beats
from game.record.transcript import entry_line
from game.scenario.loader import load_scenario, read_text, resolve
from game.scenario.preferences import Side
from game.scenario.schema import Scenario

BEATS_SUFFIX = ".beats.yaml"
"""The beats of NAME.yaml may be NAME.beats.yaml beside it ..."""
BEATS_DIR = "beats"
"""... or beats/NAME.yaml, in a folder beside it."""
FALLBACK_OPPONENT = "ai:hard"
"""The agent that plays a side whose historical negotiator has no persona in the scenario."""
PARAGRAPH_MARK = "□"
"""What starts a paragraph in the archive's record of conversation."""


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
                    N_("beat {beat}: the {to_move} is to move, not the {side}"),
                    beat=repr(beat.id),
                    to_move=state.to_move.value.upper(),
                    side=side,
                )
            try:
                state = rules.apply(state, move)
            except IllegalMoveError as exc:
                raise IllegalMoveError(N_("beat {beat}: {reason}"), beat=repr(beat.id), reason=exc) from exc
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

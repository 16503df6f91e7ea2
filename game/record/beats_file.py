"""Reading a beats file: the passages of a historical replay, each checked against its scenario.

`parse_beats` checks every key, speaker, paragraph and move, and that the engine allows the moves in
sequence; every problem is a file:line:column diagnostic in one `ScenarioError`. The replay and the
take-over that use the beats are in `game.record.historical`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from game.engine.moves import Move, move_from_data
from game.engine.rules import Rules
from game.errors import Diagnostic, IllegalMoveError, MalformedMoveError, ScenarioError
from game.i18n import localised, tr
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.scenario.yamlmarks import Located, load_located
from game.scenario.yamlmarks import Path as DataPath

BEATS_FORMAT = 1

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
                hint = tr(" (did you mean '{word}'?)", word=close[0]) if close else ""
                self.error((*path, key), tr("unknown key '{key}'{hint}", key=key, hint=hint), key=True)

    def top(self, data: Any) -> list[Any]:
        if not isinstance(data, dict):
            self.error((), tr("a beats file must be a mapping with format_version, scenario, source and beats"))
            return []
        self.unknown_keys(data, _TOP_KEYS, ())
        version = data.get("format_version")
        if version is None:
            self.error((), tr("missing required key '{key}'", key="format_version"))
        elif version != BEATS_FORMAT:
            self.error(
                ("format_version",),
                tr(
                    "format_version {version} is not one this version reads ({known})",
                    version=repr(version),
                    known=BEATS_FORMAT,
                ),
            )
        scenario_id = data.get("scenario")
        if scenario_id != self.scenario.meta.id:
            self.error(
                ("scenario",) if "scenario" in data else (),
                tr("these beats must name their scenario: scenario: {id}", id=self.scenario.meta.id)
                + (tr(" (not {given})", given=repr(scenario_id)) if scenario_id is not None else ""),
            )
        source = data.get("source")
        sources = self.scenario.meta.sources
        if not isinstance(source, str) or not source:
            self.error(
                ("source",) if "source" in data else (), tr("missing 'source': the scenario's key for the record")
            )
        elif sources and source not in sources:
            self.error(
                ("source",),
                tr(
                    "unknown source key {source} (the scenario's keys: {keys})",
                    source=repr(source),
                    keys=", ".join(sources),
                ),
            )
        beats = data.get("beats")
        if not isinstance(beats, list) or not beats:
            self.error(("beats",) if "beats" in data else (), tr("'beats' must be a list of at least one beat"))
            return []
        return beats

    def beat(self, i: int, raw: Any, seen: set[str], last_paragraph: int) -> Beat | None:
        path: DataPath = ("beats", i)
        if not isinstance(raw, dict):
            self.error(path, tr("a beat must be a mapping (id, speaker, side, paragraph, quote, moves, ...)"))
            return None
        self.unknown_keys(raw, _BEAT_KEYS, path)
        ok = True
        beat_id = raw.get("id")
        if not isinstance(beat_id, str) or not _SLUG.match(beat_id):
            self.error((*path, "id"), tr("a beat needs an 'id': lower-case letters, digits, _ and -"))
            ok, beat_id = False, ""
        elif beat_id in seen:
            self.error((*path, "id"), tr("the id {id} is used twice", id=repr(beat_id)))
            ok = False
        seen.add(beat_id)
        side, speaker = self.speaker(path, raw)
        ok = ok and speaker is not None
        paragraph = raw.get("paragraph")
        if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 1:
            self.error((*path, "paragraph"), tr("'paragraph' must be the 1-based number of a paragraph of the record"))
            ok, paragraph = False, 0
        elif paragraph < last_paragraph:
            self.error(
                (*path, "paragraph"),
                tr(
                    "paragraph {paragraph} comes before paragraph {last}: keep the record's order",
                    paragraph=paragraph,
                    last=last_paragraph,
                ),
            )
            ok = False
        quote = raw.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self.error((*path, "quote"), tr("a beat needs a 'quote': the record's words"))
            ok, quote = False, ""
        moves = self.moves(path, raw, side)
        ok = ok and moves is not None
        argument = raw.get("argument", "")
        if not isinstance(argument, str):
            self.error((*path, "argument"), tr("'argument' must be the id of one of the scenario's arguments"))
            ok = False
        elif argument:
            known = self.rules.arguments.get(argument)
            if known is None:
                self.error((*path, "argument"), tr("the scenario has no argument {argument}", argument=repr(argument)))
                ok = False
            elif side is None or known.side != side.value:
                self.error(
                    (*path, "argument"),
                    tr(
                        "the argument {argument} belongs to the {side} side",
                        argument=repr(argument),
                        side=known.side.upper(),
                    ),
                )
                ok = False
        note = localised(raw.get("note", ""))  # text, or {en: ..., ru: ...}
        if not isinstance(note, str):
            self.error((*path, "note"), tr("'note' must be text"))
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
            self.error((*path, "side") if "side" in raw else path, tr("'side' must be us or ussr (with a speaker)"))
            return None, None
        side = Side(side_id)
        members = self.rules.side_model(side).members
        names = [m.name for m in members]
        if not isinstance(speaker, str) or speaker not in names:
            where = (*path, "speaker") if "speaker" in raw else path
            self.error(
                where,
                tr(
                    "'speaker' must be a member of the {delegation} delegation: {names}",
                    delegation=self.rules.side_model(side).name,
                    names=", ".join(names),
                ),
            )
            return side, None
        return side, speaker

    def moves(self, path: DataPath, raw: Mapping[str, Any], side: Side | None) -> tuple[Move, ...] | None:
        raw_moves = raw.get("moves", [])
        if not isinstance(raw_moves, list):
            self.error((*path, "moves"), tr("'moves' must be a list of moves (or [] for a passage only spoken)"))
            return None
        if raw_moves and side is None:
            self.error(
                (*path, "moves"), tr("the record's narration makes no moves: give the beat a side and a speaker")
            )
            return None
        moves: list[Move] = []
        for j, data in enumerate(raw_moves):
            try:
                moves.append(move_from_data(data, self.rules.space))
            except MalformedMoveError as exc:
                self.error((*path, "moves", j), tr("not a move: {reason}", reason=exc))
                return None
        return tuple(moves)

    def legality(self, beats: Sequence[Beat]) -> None:
        """Every move legal in sequence from the start, by the side to move, inside the first meeting."""
        rules = self.rules
        state = rules.initial(0)
        first = rules.meetings[0]
        past_first = tr(
            "the moves run past the first meeting ({title}: {exchanges} exchanges)",
            title=first.title,
            exchanges=first.exchanges,
        )
        where: DataPath = ()
        for i, beat in enumerate(beats):
            for j, move in enumerate(beat.moves):
                where = ("beats", i, "moves", j)
                assert beat.side is not None  # checked: narration makes no moves
                if state.over or state.meeting != 0:
                    self.error(where, past_first)
                    return
                if state.to_move is not beat.side:
                    self.error(
                        where,
                        tr(
                            "beat {beat}: the {to_move} is to move here, not the {side}; the engine alternates after "
                            "every move ({first} first), so make this beat's move a spoken passage (moves: []) or move it",
                            beat=repr(beat.id),
                            to_move=state.to_move.value.upper(),
                            side=beat.side.value.upper(),
                            first=rules.scenario.calendar.first_to_move.upper(),
                        ),
                    )
                    return
                try:
                    state = rules.apply(state, move)
                except IllegalMoveError as exc:
                    self.error(
                        where,
                        tr(
                            "beat {beat}: the engine does not allow this move here: {reason}",
                            beat=repr(beat.id),
                            reason=exc,
                        ),
                    )
                    return
        if where and (state.over or state.meeting != 0):
            self.error(where, past_first)


def parse_beats(text: str, filename: str, scenario: Scenario) -> tuple[Beat, ...]:
    """The beats in a beats file's text (a save carries it), checked against their scenario."""
    try:
        located = load_located(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ScenarioError(
            [
                Diagnostic(
                    filename, line, column, tr("YAML syntax error: {problem}", problem=exc.problem or "cannot parse")
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise ScenarioError([Diagnostic(filename, 1, 1, tr("YAML error: {error}", error=exc))]) from exc
    checker = _Checker(located, filename, scenario)
    checker.diagnostics += [
        Diagnostic(filename, line, col, tr("key '{key}' appears twice (the later one would win)", key=key_path[-1]))
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


__all__ = ["BEATS_FORMAT", "Beat", "parse_beats"]

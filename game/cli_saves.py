"""Headless games that are saved as they are played: `run --save` and `replay --historical --save`.

The save is written when the game starts and a line is appended per move, so a killed run loses at
most the move in flight. Running the same command again on an unfinished save resumes it; a save
that holds a finished game, another game or no game at all is never overwritten.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from game.engine.rules import Rules
from game.engine.state import GameState
from game.errors import CruiseControlError, SaveFormatError
from game.i18n import tr
from game.match import Match
from game.record import save
from game.record.journal import Journal
from game.record.rules_digest import rules_digest
from game.record.save import ScenarioCopy
from game.record.scenario_copy import changes_since
from game.scenario.preferences import Side


@dataclass
class SavedGame:
    """Where a headless game is saved, and the state it starts from (a resumed game's, or the given one)."""

    journal: Journal
    rules: Rules
    state: GameState


def _players(players: Mapping[Side, str]) -> dict[str, str]:
    return {s.value: players[s] for s in sorted(players, key=lambda s: s.index)}


def open_save(
    path: Path,
    rules: Rules,
    copy: ScenarioCopy,
    seed: int,
    players: Mapping[Side, str],
    start: GameState | None = None,
    from_record: int = 0,
) -> SavedGame:
    """A new save for a game that starts at `start` (the initial state by default), or the unfinished
    game already in `path` if it is this game (same scenario rules, seed and players), resumed."""
    by_side = _players(players)
    if path.exists() or path.is_symlink():
        return _resume(path, rules, seed, by_side)
    header = save.new_header(rules.scenario, copy, seed, by_side, from_record)
    journal = Journal(path, header, copy, rules.space)
    state = start if start is not None else rules.initial(seed, save.personas_of(by_side))
    journal.rewrite(state)
    return SavedGame(journal, rules, state)


def _resume(path: Path, rules: Rules, seed: int, players: dict[str, str]) -> SavedGame:
    try:
        record, saved_rules, state = save.load(path)
    except SaveFormatError as exc:
        raise CruiseControlError(
            f"{exc}\n" + tr("{path} is kept as it is: choose another file to save to", path=path)
        ) from None
    h = record.header
    if state.over:
        raise CruiseControlError(
            tr("{path} holds a finished game, kept as it is: choose another file to save to", path=path)
        )
    if (h.scenario_id, h.scenario_hash, h.seed, dict(h.players)) != (
        rules.scenario.meta.id,
        rules_digest(rules.scenario),
        seed,
        players,
    ):
        # the sides by the scenario's ids, as the file writes them; repr: no terminal codes
        who = ", ".join(f"{side}: {spec!r:.60}" for side, spec in save.by_side_id(h.players, h.side_ids).items())
        raise CruiseControlError(
            tr(
                "{path} holds an unfinished game of {scenario} (seed {seed}; {players}), kept as it is: run the "
                "command it was started with to resume it, or choose another file to save to",
                path=path,
                scenario=f"{h.scenario_id!r:.60}",
                seed=h.seed,
                players=who,
            )
        )
    assert record.copy is not None
    journal = Journal(path, h, record.copy, saved_rules.space)
    journal.rewrite(state)  # drops a move cut off in flight, so that appends follow whole lines
    lost = "".join(f" ({note})" for note in record.notes if "lost" in note)
    print(
        tr("Resuming the unfinished game in {path} after move {move}", path=path, move=len(state.moves)) + lost,
        file=sys.stderr,
    )
    return SavedGame(journal, saved_rules, state)


def play_saved(match: Match, journal: Journal, max_moves: int = 10_000) -> GameState:
    """Play a match on, writing each move to its save as it is made; the agents are closed at the end."""
    try:
        for _ in range(max_moves):
            if match.state.over:
                break
            journal.follow(match.step())
    finally:
        match.close()
    journal.follow(match.state)
    print(tr("Saved to {path}", path=journal.path), file=sys.stderr)
    return match.state


def say_notes(record: save.Record, rules: Rules) -> None:
    """What a reader of a save should know, on stderr: a move lost in flight, rules changed since."""
    for note in record.notes:
        print(tr("note: {note}", note=note), file=sys.stderr)
    changed = changes_since(record, rules.scenario)
    if changed:
        print(
            tr(
                "note: the rules of {scenario} here have changed since this game was played (it is shown as played):",
                scenario=record.header.scenario_id,
            ),
            file=sys.stderr,
        )
        for line in changed:
            print(f"  {line}", file=sys.stderr)

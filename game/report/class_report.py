"""A report across the games a class played: one row per saved game, summaries, and the utility plane.

`python main.py report saves/*.yaml [--out report.html] [--csv games.csv]` is a thin client of
`read_games` here and of the formatters in `class_report_text` (text, CSV) and `class_report_html`.
Every save is replayed through the engine (`save.load`), so a row is what the game really came to. A file that is not a readable save (truncated, damaged, not a
Cruise Control save, a save of a scenario that has changed since) is listed with the reason and
skipped; it never stops the report.

Where an outcome lies, as in `game.tournament`: each game is a point in its scenario's utility
plane (u_US, u_USSR) with the utilities of the scenario's briefs (not those events reweighted during
the game). A ratified agreement sits at its package's point; every other ending (deadline, walk-out,
forfeit, failed ratification) at the no-deal point. The distance to the Pareto frontier is how far
the point must move up and right to reach it (`distance_to_frontier`); the distances to the Nash
point and to the historical outcome are Euclidean in the same plane. A game still in progress (an
autosave mid-game) is listed but counts in no summary.

Plain Python and numpy; matplotlib only for the plots, and the report works without it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.analysis.frontier import distance_to_frontier
from game.engine.rules import Rules
from game.engine.state import Ending, GameState
from game.errors import CruiseControlError
from game.i18n import N_, tr, trn
from game.record import save
from game.report.scenario import ScenarioReport, report
from game.scenario.preferences import Side
from game.scenario.schema import Scenario
from game.scenario.side_words import the_sides

SIDES = (Side.US, Side.USSR)
ENDINGS = {
    Ending.RATIFIED: N_("ratified agreement"),
    Ending.NOT_RATIFIED: N_("agreement, not ratified"),
    Ending.DEADLINE: N_("deadline, no agreement"),
    Ending.WALKOUT: N_("walk-out"),
    Ending.FORFEIT: N_("forfeit"),
}
UNFINISHED = "unfinished"  # the CSV's value; shown as tr("unfinished")


# ----- what a game came to ---------------------------------------------------------------------


@dataclass(frozen=True)
class Vote:
    body: str
    vote: float
    threshold: float
    passed: bool


@dataclass(frozen=True)
class GameRow:
    """One saved game, replayed: who played, how it ended, and where it lies in the utility plane."""

    file: str
    scenario_id: str
    title: str
    players: tuple[str, str]
    """The US player and the USSR player: 'person' or an agent spec such as 'ai:hard'."""
    seed: int
    created: str
    moves: int
    ending: Ending | None
    """None while the game is still in progress."""
    ended_by: Side | None
    agreement: str
    """The agreed package in words ('' if none was agreed)."""
    agreement_point: tuple[float, float] | None
    """(u_US, u_USSR) of the agreed package, ratified or not."""
    votes: tuple[Vote, ...]
    scores: tuple[float, float] | None
    point: tuple[float, float] | None
    """The outcome in the plane: the ratified package, else the no-deal point; None if unfinished."""
    to_frontier: float | None
    to_nash: float | None
    to_history: float | None
    side_names: tuple[str, str] = ("US", "USSR")
    """The scenario's short names for its two sides."""
    side_called: tuple[str, str] = ("the US", "the USSR")
    """The sides as a sentence names them ('the US', 'Japan': `game.scenario.side_words.the_sides`)."""

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def agreed(self) -> bool:
        return self.agreement_point is not None

    @property
    def ratified(self) -> bool:
        return self.ending is Ending.RATIFIED

    @property
    def ending_text(self) -> str:
        if self.ending is None:
            return tr("unfinished") + " (" + trn("{n} move", "{n} moves", self.moves) + ")"
        text = tr(ENDINGS[self.ending])
        if self.ended_by is not None and self.ending in (Ending.WALKOUT, Ending.FORFEIT):
            text += tr(" by {side}", side=self.side_called[self.ended_by.index])
        return text

    @property
    def ratification_text(self) -> str:
        """Each ratifying body's vote: 'US Senate 75% of 67% needed: yes; ...' ('-' without agreement)."""
        if not self.votes:
            return "-"
        return "; ".join(
            tr(
                "{body} {vote} of {threshold} needed: {answer}",
                body=v.body,
                vote=f"{v.vote:.0%}",
                threshold=f"{v.threshold:.0%}",
                answer=tr("yes") if v.passed else tr("no"),
            )
            for v in self.votes
        )

    @property
    def ratification_short(self) -> str:
        """The same for a terminal: 'yes 75%, no 47%' (US first)."""
        if not self.votes:
            return "-"
        return ", ".join(f"{tr('yes') if v.passed else tr('no')} {v.vote:.0%}" for v in self.votes)


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read as a game, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class ScenarioGames:
    """The games of one scenario, with the scenario's analysis."""

    scenario: ScenarioReport
    rows: tuple[GameRow, ...]

    @property
    def finished(self) -> list[GameRow]:
        return [r for r in self.rows if r.finished]


@dataclass(frozen=True)
class Stats:
    """What a set of finished games came to; scores are one side's when `side` is given, else both."""

    games: int
    agreements: int
    ratified: int
    mean_score_us: float | None
    mean_score_ussr: float | None
    mean_to_frontier: float | None
    mean_to_nash: float | None
    mean_to_history: float | None

    @property
    def agreement_rate(self) -> float | None:
        """Agreements reached (ad referendum) per game."""
        return self.agreements / self.games if self.games else None

    @property
    def ratified_rate(self) -> float | None:
        """Ratified agreements per game."""
        return self.ratified / self.games if self.games else None


@dataclass(frozen=True)
class SideStats:
    scenario_id: str
    side: Side
    player: str
    stats: Stats
    side_name: str = ""
    """The scenario's short name for the side."""


@dataclass(frozen=True)
class ClassReport:
    groups: tuple[ScenarioGames, ...]
    skipped: tuple[Skipped, ...]

    @property
    def rows(self) -> list[GameRow]:
        return [r for g in self.groups for r in g.rows]

    def _common(self, of: Callable[[Scenario], tuple[str, str]], otherwise: tuple[str, str]) -> tuple[str, str]:
        found = {of(g.scenario.scenario) for g in self.groups}
        return found.pop() if len(found) == 1 else otherwise

    @property
    def side_labels(self) -> tuple[str, str]:
        """The sides' short names for column headings; 'side 1', 'side 2' when the scenarios differ."""
        return self._common(lambda s: (s.sides.us.short, s.sides.ussr.short), ("side 1", "side 2"))

    @property
    def side_ids(self) -> tuple[str, str]:
        """The sides' ids for CSV column names; 'side1', 'side2' when the scenarios differ."""
        return self._common(lambda s: s.side_ids, ("side1", "side2"))

    def per_scenario(self) -> list[tuple[ScenarioGames, Stats]]:
        return [(g, stats(g.finished)) for g in self.groups]

    def per_side(self) -> list[SideStats]:
        """Per scenario, per side, per player of that side (person, ai:hard, ...): that side's results."""
        out = []
        for g in self.groups:
            for side in SIDES:
                players = sorted({r.players[side.index] for r in g.finished})
                for player in players:
                    rows = [r for r in g.finished if r.players[side.index] == player]
                    name = g.scenario.shorts[side.index]
                    out.append(SideStats(g.scenario.scenario.meta.id, side, player, stats(rows, side), name))
        return out


def _mean(xs: Iterable[float | None]) -> float | None:
    values = [x for x in xs if x is not None]
    return math.fsum(values) / len(values) if values else None


def stats(rows: Sequence[GameRow], side: Side | None = None) -> Stats:
    rows = [r for r in rows if r.finished]
    us = [r.scores[0] for r in rows if r.scores is not None] if side in (None, Side.US) else []
    ussr = [r.scores[1] for r in rows if r.scores is not None] if side in (None, Side.USSR) else []
    return Stats(
        games=len(rows),
        agreements=sum(r.agreed for r in rows),
        ratified=sum(r.ratified for r in rows),
        mean_score_us=_mean(us),
        mean_score_ussr=_mean(ussr),
        mean_to_frontier=_mean(r.to_frontier for r in rows),
        mean_to_nash=_mean(r.to_nash for r in rows),
        mean_to_history=_mean(r.to_history for r in rows),
    )


def game_row(file: str, record: save.Record, rules: Rules, state: GameState, scenario: ScenarioReport) -> GameRow:
    h = record.header
    a = scenario.analysis
    us, ussr = rules.base[Side.US], rules.base[Side.USSR]
    agreement = state.agreement
    agreement_point = None if agreement is None else (us.utility(agreement), ussr.utility(agreement))
    point: tuple[float, float] | None = None
    to_frontier = to_nash = to_history = None
    if state.over:
        ratified = state.ending is Ending.RATIFIED and agreement_point is not None
        point = agreement_point if ratified and agreement_point is not None else (us.no_deal, ussr.no_deal)
        to_frontier = distance_to_frontier(a.frontier, *point)
        to_nash = None if a.nash is None else math.dist(point, (a.nash.us, a.nash.ussr))
        to_history = None if a.historical is None else math.dist(point, (a.historical.us, a.historical.ussr))
    # a class server's save names the student in a seat besides 'person' (players.us_name)
    names = [h.players.get(f"{side}_name") or h.players.get(side, "?") for side in ("us", "ussr")]
    return GameRow(
        file=file,
        scenario_id=h.scenario_id,
        title=rules.scenario.meta.title,
        players=(names[0], names[1]),
        seed=h.seed,
        created=h.created,
        moves=len(state.moves),
        ending=state.ending,
        ended_by=state.ended_by,
        agreement="" if agreement is None else rules.space.describe(agreement),
        agreement_point=agreement_point,
        votes=tuple(Vote(v.body, v.vote, v.threshold, v.passed) for v in state.ratification),
        scores=state.scores if state.over else None,
        point=point,
        to_frontier=to_frontier,
        to_nash=to_nash,
        to_history=to_history,
        side_names=scenario.shorts,
        side_called=the_sides(scenario.scenario),
    )


SAVE_SUFFIXES = (".yaml", ".yml", ".json")


def expand(paths: Iterable[str]) -> list[Path]:
    """The files to read: each path as given, and the saves inside a folder (.yaml as the game names
    them, .yml and .json as a student may: `run --save game.json` writes the same format)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in SAVE_SUFFIXES)
        else:
            out.append(path)
    return out


def read_games(paths: Iterable[str]) -> ClassReport:
    """Replay every save; what cannot be read is skipped with the reason, never raised."""
    reports: dict[tuple[str, str], ScenarioReport] = {}
    rows: dict[tuple[str, str], list[GameRow]] = {}
    skipped: list[Skipped] = []
    for path in expand(paths):
        try:
            record, rules, state = save.load(path)
        except CruiseControlError as exc:
            skipped.append(Skipped(str(path), _reason(str(exc), path)))
            continue
        except Exception as exc:  # noqa: BLE001 - a report over a class's files never stops on one of them
            skipped.append(Skipped(str(path), tr("cannot be read: {error}", error=f"{type(exc).__name__}: {exc}")))
            continue
        if record.altered:  # a copy edited to score the game otherwise: not scored, and said so
            reason = tr(
                "its copy of the scenario was changed after the game was saved (the rules no longer match the "
                "digest saved with it), so it is not scored"
            )
            skipped.append(Skipped(str(path), reason))
            continue
        key = (record.header.scenario_id, record.header.scenario_hash)
        if key not in reports:
            reports[key] = report(rules.scenario, record.header.scenario_file)
            rows[key] = []
        rows[key].append(game_row(str(path), record, rules, state, reports[key]))
    groups = tuple(
        ScenarioGames(reports[key], tuple(rows[key]))
        for key in sorted(reports, key=lambda k: (reports[k].scenario.meta.id, k[1]))
    )
    return ClassReport(groups, tuple(skipped))


def _reason(message: str, path: Path) -> str:
    """A SaveFormatError's message without the file name it starts with (the table shows the file)."""
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message

"""A report across the games a class played: one row per saved game, summaries, and the utility plane.

`python main.py report saves/*.yaml [--out report.html] [--csv games.csv]` is a thin client of
`read_games` and the formatters here. Every save is replayed through the engine (`save.load`), so a
row is what the game really came to. A file that is not a readable save (truncated, damaged, not a
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

import base64
import csv
import io
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.analysis.frontier import distance_to_frontier
from game.engine.rules import Rules
from game.engine.state import Ending, GameState
from game.errors import CruiseControlError
from game.i18n import N_, language, tr, trn
from game.record import save
from game.report.scenario import ScenarioReport, report
from game.safe_text import for_csv, for_html
from game.scenario.preferences import Side
from game.scenario.schema import Scenario

SIDES = (Side.US, Side.USSR)
ENDINGS = {
    Ending.RATIFIED: N_("ratified agreement"),
    Ending.NOT_RATIFIED: N_("agreement, not ratified"),
    Ending.DEADLINE: N_("deadline, no agreement"),
    Ending.WALKOUT: N_("walk-out"),
    Ending.FORFEIT: N_("forfeit"),
}
UNFINISHED = "unfinished"  # the CSV's value; shown as tr("unfinished")
YELLOW = "#F0E442"  # Okabe-Ito yellow: the one colour of the palette the plane does not use yet


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
            text += tr(" by the {side}", side=self.side_names[self.ended_by.index])
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
    )


def expand(paths: Iterable[str]) -> list[Path]:
    """The files to read: each path as given, and the .yaml files inside a folder."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(path.glob("*.yaml"))
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


# ----- numbers as text -------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _num(x: float | None, fmt: str = ".3f") -> str:
    return "-" if x is None else format(x, fmt)


def _score(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def game_columns(sides: tuple[str, str]) -> tuple[str, ...]:
    """The game table's headings, with the sides' short names (`ClassReport.side_labels`)."""
    a, b = sides
    return (tr("file"), tr("scenario"), tr("{side} player", side=a), tr("{side} player", side=b), tr("seed"),
            tr("ending"), tr("{side} score", side=a), tr("{side} score", side=b), tr("ratification"),
            tr("to frontier"), tr("to Nash"), tr("to history"))  # fmt: skip


GAME_KINDS = ("", "", "", "", "n", "", "n", "n", "w", "n", "n", "n")
"""Each game column's cell class in HTML: n numeric (right-aligned), w wide text, '' plain."""


def summary_columns(sides: tuple[str, str]) -> tuple[str, ...]:
    a, b = sides
    return (tr("games"), tr("agreed"), tr("ratified"), tr("mean {side} score", side=a),
            tr("mean {side} score", side=b), tr("to frontier"), tr("to Nash"), tr("to history"))  # fmt: skip


def game_cells(row: GameRow, short: bool = False) -> list[str]:
    return [
        Path(row.file).name,
        row.scenario_id,
        row.players[0],
        row.players[1],
        str(row.seed),
        row.ending_text,
        _score(None if row.scores is None else row.scores[0]),
        _score(None if row.scores is None else row.scores[1]),
        row.ratification_short if short else row.ratification_text,
        _num(row.to_frontier),
        _num(row.to_nash),
        _num(row.to_history),
    ]


def stats_cells(s: Stats) -> list[str]:
    return [
        str(s.games),
        _pct(s.agreement_rate),
        _pct(s.ratified_rate),
        _score(s.mean_score_us),
        _score(s.mean_score_ussr),
        _num(s.mean_to_frontier),
        _num(s.mean_to_nash),
        _num(s.mean_to_history),
    ]


def side_cells(s: SideStats) -> list[str]:
    score = s.stats.mean_score_us if s.side is Side.US else s.stats.mean_score_ussr
    return [
        s.scenario_id,
        s.side_name,
        s.player,
        str(s.stats.games),
        _pct(s.stats.agreement_rate),
        _pct(s.stats.ratified_rate),
        _score(score),
        _num(s.stats.mean_to_frontier),
        _num(s.stats.mean_to_nash),
        _num(s.stats.mean_to_history),
    ]


SIDE_COLUMNS = (N_("scenario"), N_("side"), N_("player"), N_("games"), N_("agreed"), N_("ratified"),
                N_("mean score"), N_("to frontier"), N_("to Nash"), N_("to history"))  # fmt: skip

NOTES = N_(
    "agreed: the share of games ending in an agreement ad referendum; ratified: the share ending in an agreement "
    "both ratifying bodies passed (one that fails ratification scores as no deal). Scores are 0-100. Distances are in the "
    "utility plane of the scenario's briefs: a ratified agreement at its package, every other ending at the "
    "no-deal point; to frontier: how far the outcome must move up and right to reach the Pareto frontier "
    "(0: nothing was left on the table); to Nash / to history: straight-line distance to the Nash bargaining "
    "point / the historical outcome. Unfinished games are listed but left out of the summaries."
)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def format_text(r: ClassReport) -> str:
    games = r.rows
    lines = [
        tr("Class report: {games} in {scenarios}", games=_games(len(games)), scenarios=_scenarios(len(r.groups))),
        "",
    ]
    if games:
        lines += _table(game_columns(r.side_labels), [game_cells(g, short=True) for g in games], left=6)
        lines += ["", tr("Per scenario:")]
        rows = [[g.scenario.scenario.meta.id, *stats_cells(s)] for g, s in r.per_scenario()]
        lines += _table((tr("scenario"), *summary_columns(r.side_labels)), rows, left=1)
        lines += ["", tr("Per side (each side's own score, by who played it):")]
        lines += _table([tr(c) for c in SIDE_COLUMNS], [side_cells(s) for s in r.per_side()], left=3)
        lines += ["", *_wrap(tr(NOTES))]
    if r.skipped:
        lines += ["", trn("Skipped {n} file:", "Skipped {n} files:", len(r.skipped))]
        lines += [f"  {s.file}: {s.reason}" for s in r.skipped]
    return "\n".join(lines) + "\n"


def _games(n: int) -> str:
    return trn("{n} game", "{n} games", n)


def _scenarios(n: int) -> str:
    return trn("{n} scenario", "{n} scenarios", n)


def _wrap(text: str, width: int = 110) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width)


# ----- CSV -------------------------------------------------------------------------------------


def csv_columns(ids: tuple[str, str]) -> tuple[str, ...]:
    """The CSV's columns, per-side ones named with the sides' ids (`ClassReport.side_ids`)."""
    a, b = ids
    return ("file", "scenario", "title", f"{a}_player", f"{b}_player", "seed", "created", "moves", "ending",
            "ended_by", "agreement", f"agreement_u_{a}", f"agreement_u_{b}", "ratified", "ratification",
            f"score_{a}", f"score_{b}", f"u_{a}", f"u_{b}", "distance_to_frontier", "distance_to_nash",
            "distance_to_history")  # fmt: skip


def csv_headings(ids: tuple[str, str]) -> tuple[str, ...]:
    """The CSV's header row in the player's language (English: the column names themselves)."""
    a, b = ids
    return (tr("file"), tr("scenario"), tr("title"), tr("{side}_player", side=a), tr("{side}_player", side=b),
            tr("seed"), tr("created"), tr("moves"), tr("ending"), tr("ended_by"), tr("agreement"),
            tr("agreement_u_{side}", side=a), tr("agreement_u_{side}", side=b), tr("ratified"), tr("ratification"),
            tr("score_{side}", side=a), tr("score_{side}", side=b), tr("u_{side}", side=a), tr("u_{side}", side=b),
            tr("distance_to_frontier"), tr("distance_to_nash"), tr("distance_to_history"))  # fmt: skip


def _csv_number(x: float | None) -> str:
    return "" if x is None else f"{x:.6f}"


def csv_rows(r: ClassReport) -> list[dict[str, str]]:
    out = []
    a, b = r.side_ids
    for g in r.rows:
        out.append(
            {
                "file": g.file,
                "scenario": g.scenario_id,
                "title": g.title,
                f"{a}_player": g.players[0],
                f"{b}_player": g.players[1],
                "seed": str(g.seed),
                "created": g.created,
                "moves": str(g.moves),
                "ending": UNFINISHED if g.ending is None else g.ending.value,
                "ended_by": "" if g.ended_by is None else (a, b)[g.ended_by.index],
                "agreement": g.agreement,
                f"agreement_u_{a}": _csv_number(None if g.agreement_point is None else g.agreement_point[0]),
                f"agreement_u_{b}": _csv_number(None if g.agreement_point is None else g.agreement_point[1]),
                "ratified": "yes" if g.ratified else "no",
                "ratification": "" if not g.votes else g.ratification_text,
                f"score_{a}": "" if g.scores is None else f"{g.scores[0]:.1f}",
                f"score_{b}": "" if g.scores is None else f"{g.scores[1]:.1f}",
                f"u_{a}": _csv_number(None if g.point is None else g.point[0]),
                f"u_{b}": _csv_number(None if g.point is None else g.point[1]),
                "distance_to_frontier": _csv_number(g.to_frontier),
                "distance_to_nash": _csv_number(g.to_nash),
                "distance_to_history": _csv_number(g.to_history),
            }
        )
    return out


def write_csv(r: ClassReport, path: Path) -> None:
    """One row per game read (the skipped files are not in it). Raises OSError if it cannot be written."""
    with path.open("w", encoding="utf-8", newline="") as f:
        columns = csv_columns(r.side_ids)
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writerow(dict(zip(columns, csv_headings(r.side_ids), strict=True)))
        writer.writerows({key: for_csv(cell) for key, cell in row.items()} for row in csv_rows(r))


# ----- the plot --------------------------------------------------------------------------------


def plane_png(group: ScenarioGames) -> bytes:
    """The scenario's utility plane with every game's agreement on it, as PNG bytes.

    Raises PlotError (from game.report.plane) if matplotlib is missing.
    """
    from game.report.plane import BLACK, SKY_BLUE, draw_legend, plane_figure

    fig = plane_figure(group.scenario)
    ax = fig.axes[0]
    finished = group.finished
    ratified = Counter(
        (round(r.point[0], 9), round(r.point[1], 9)) for r in finished if r.ratified and r.point is not None
    )
    failed = Counter(
        (round(r.agreement_point[0], 9), round(r.agreement_point[1], 9))
        for r in finished
        if r.agreement_point is not None and not r.ratified
    )
    no_deal = sum(1 for r in finished if not r.agreed)
    for counts, label, marker, colour in (
        (ratified, tr("ratified agreement"), "o", SKY_BLUE),
        (failed, tr("agreement, not ratified"), "X", YELLOW),
    ):
        if not counts:
            continue
        xs, ys, ns = zip(*((x, y, n) for (x, y), n in counts.items()), strict=True)
        total = sum(ns)
        ax.scatter(
            xs,
            ys,
            s=[60 + 40 * (n - 1) for n in ns],
            c=colour,
            marker=marker,
            edgecolors=BLACK,
            linewidths=0.8,
            alpha=0.8,
            zorder=9,
            label=f"{label} ({total} game{'s' * (total != 1)})",
        )
        for x, y, n in zip(xs, ys, ns, strict=True):
            if n > 1:
                ax.annotate(f"{n}", (x, y), xytext=(7, 5), textcoords="offset points", fontsize=8, zorder=10)
    if no_deal:
        nd_us, nd_ussr = group.scenario.analysis.no_deal
        ax.annotate(
            f"{no_deal} game{'s' * (no_deal != 1)} without agreement",
            (nd_us, nd_ussr),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=9,
            color=BLACK,
        )
    meta = group.scenario.scenario.meta
    n = len(finished)
    ax.set_title(f"{meta.title}\n{n} game{'s' * (n != 1)} in the utility plane", fontsize=11)
    draw_legend(ax)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def plots(r: ClassReport) -> tuple[dict[str, bytes], str]:
    """Each scenario's plane as PNG bytes (by scenario id), or none and the reason (matplotlib missing)."""
    from game.report.plane import PlotError

    out: dict[str, bytes] = {}
    for group in r.groups:
        try:
            out[group.scenario.scenario.meta.id] = plane_png(group)
        except PlotError as exc:
            return {}, tr("The plots are left out: {reason}", reason=exc)
    return out, ""


# ----- HTML ------------------------------------------------------------------------------------

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 1400px;
       padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em;
     border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; vertical-align: top; }
th { background: #f0f0f0; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.w { min-width: 18em; font-size: 0.85em; }
tr:nth-child(even) td { background: #fafafa; }
.ratified { color: #006e4f; } .failed { color: #b34700; } .none { color: #666; }
.note { color: #555; font-size: 0.9em; max-width: 60em; }
.skipped { background: #fff4e5; border: 1px solid #e6a04c; padding: 0.6em 1em; }
.skipped pre { white-space: pre-wrap; margin: 0.2em 0 0.6em 0; font-size: 0.85em; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
"""


def _html_table(
    header: Sequence[str], kinds: Sequence[str], rows: Sequence[Sequence[str]], classes: Sequence[str] = ()
) -> str:
    """`kinds`: each column's cell class (GAME_KINDS); the headings are in any language."""
    head = "".join(f"<th>{for_html(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if i < len(classes) and classes[i] else ""
        cells = "".join(
            f'<td class="{kind}">{for_html(c)}</td>' if kind else f"<td>{for_html(c)}</td>"
            for kind, c in zip(kinds, row, strict=True)
        )
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _row_class(row: GameRow) -> str:
    if row.ratified:
        return "ratified"
    return "failed" if row.agreed else "none"


def format_html(r: ClassReport, images: dict[str, bytes] | None = None, plot_note: str = "") -> str:
    """The report as one self-contained HTML page (inline CSS, plots embedded as base64 PNG)."""
    images = images or {}
    games = r.rows
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{for_html(tr('Cruise Control: class report'))}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{for_html(tr('Cruise Control: class report'))}</h1>",
        "<p>"
        + for_html(
            tr("{games} in {scenarios}", games=_games(len(games)), scenarios=_scenarios(len(r.groups)))
            + "; "
            + trn("{n} file skipped.", "{n} files skipped.", len(r.skipped))
        )
        + "</p>",
    ]
    if r.skipped:
        parts.append(f'<div class="skipped"><strong>{for_html(tr("Files that could not be read (skipped):"))}</strong>')
        for s in r.skipped:
            parts.append(f"<div><code>{for_html(s.file)}</code><pre>{for_html(s.reason)}</pre></div>")
        parts.append("</div>")
    if games:
        parts.append(f"<h2>{for_html(tr('Per scenario'))}</h2>")
        rows = [[g.scenario.scenario.meta.id, *stats_cells(s)] for g, s in r.per_scenario()]
        parts.append(_html_table((tr("scenario"), *summary_columns(r.side_labels)), ("",) + ("n",) * 8, rows))
        parts.append(f"<h2>{for_html(tr('Per side'))}</h2>")
        parts.append("<p class='note'>" + for_html(tr("Each side's own score, by who played it.")) + "</p>")
        side_kinds = ("", "", "") + ("n",) * 7
        parts.append(_html_table([tr(c) for c in SIDE_COLUMNS], side_kinds, [side_cells(s) for s in r.per_side()]))
        parts.append(f"<h2>{for_html(tr('Every game'))}</h2>")
        columns = game_columns(r.side_labels)
        header = (*columns[:6], tr("agreement"), *columns[6:])
        kinds = (*GAME_KINDS[:6], "w", *GAME_KINDS[6:])
        rows = [[*game_cells(g)[:6], g.agreement or "-", *game_cells(g)[6:]] for g in games]
        parts.append(_html_table(header, kinds, rows, [_row_class(g) for g in games]))
        parts.append(f"<p class='note'>{for_html(tr(NOTES))}</p>")
    for group in r.groups:
        meta = group.scenario.scenario.meta
        a = group.scenario.analysis
        parts.append(f"<h2>{for_html(meta.title)} <small>({for_html(meta.id)})</small></h2>")
        facts = [_games(len(group.rows))]
        space = group.scenario.space
        if a.nash is not None:
            point = f"({a.nash.us:.3f}, {a.nash.ussr:.3f})"
            facts.append(tr("Nash point: {package} {point}", package=space.describe(a.nash.package), point=point))
        if a.historical is not None:
            point = f"({a.historical.us:.3f}, {a.historical.ussr:.3f})"
            package = space.describe(a.historical.package)
            facts.append(tr("historical outcome: {package} {point}", package=package, point=point))
        parts.append("<p>" + "; ".join(for_html(f) for f in facts) + ".</p>")
        png = images.get(meta.id)
        if png is not None:
            data = base64.b64encode(png).decode("ascii")
            alt = tr("The utility plane of {title} with the agreements of the games played", title=meta.title)
            parts.append(f'<img src="data:image/png;base64,{data}" alt="{for_html(alt)}">')
    if plot_note:
        parts.append(f"<p class='note'>{for_html(plot_note)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

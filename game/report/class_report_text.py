"""The class report as text for the terminal and as CSV for a spreadsheet: the tables' headings,
cells and notes, in the player's language (the CSV's headings stay stable identifiers)."""

from __future__ import annotations

import csv
from pathlib import Path

from game.i18n import N_, tr, trn
from game.report.class_report import UNFINISHED, ClassReport, GameRow, SideStats, Stats
from game.safe_text import for_csv
from game.scenario.preferences import Side
from game.text_table import number, percent, text_table

# ----- numbers as text -------------------------------------------------------------------------


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
        number(row.to_frontier),
        number(row.to_nash),
        number(row.to_history),
    ]


def stats_cells(s: Stats) -> list[str]:
    return [
        str(s.games),
        percent(s.agreement_rate),
        percent(s.ratified_rate),
        _score(s.mean_score_us),
        _score(s.mean_score_ussr),
        number(s.mean_to_frontier),
        number(s.mean_to_nash),
        number(s.mean_to_history),
    ]


def side_cells(s: SideStats) -> list[str]:
    score = s.stats.mean_score_us if s.side is Side.US else s.stats.mean_score_ussr
    return [
        s.scenario_id,
        s.side_name,
        s.player,
        str(s.stats.games),
        percent(s.stats.agreement_rate),
        percent(s.stats.ratified_rate),
        _score(score),
        number(s.stats.mean_to_frontier),
        number(s.stats.mean_to_nash),
        number(s.stats.mean_to_history),
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


def format_text(r: ClassReport) -> str:
    games = r.rows
    lines = [
        tr(
            "Class report: {games} in {scenarios}",
            games=games_words(len(games)),
            scenarios=scenarios_words(len(r.groups)),
        ),
        "",
    ]
    if games:
        lines += text_table(game_columns(r.side_labels), [game_cells(g, short=True) for g in games], left=6)
        lines += ["", tr("Per scenario:")]
        rows = [[g.scenario.scenario.meta.id, *stats_cells(s)] for g, s in r.per_scenario()]
        lines += text_table((tr("scenario"), *summary_columns(r.side_labels)), rows, left=1)
        lines += ["", tr("Per side (each side's own score, by who played it):")]
        lines += text_table([tr(c) for c in SIDE_COLUMNS], [side_cells(s) for s in r.per_side()], left=3)
        lines += ["", *_wrap(tr(NOTES))]
    if r.skipped:
        lines += ["", trn("Skipped {n} file:", "Skipped {n} files:", len(r.skipped))]
        lines += [f"  {s.file}: {s.reason}" for s in r.skipped]
    return "\n".join(lines) + "\n"


def games_words(n: int) -> str:
    return trn("{n} game", "{n} games", n)


def scenarios_words(n: int) -> str:
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

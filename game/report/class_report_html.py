"""The class report as one self-contained HTML page, with each scenario's utility plane drawn
by matplotlib where it is installed."""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Sequence

from game.i18n import language, tr, trn
from game.report.class_report import ClassReport, GameRow, ScenarioGames
from game.report.class_report_text import (
    GAME_KINDS,
    NOTES,
    SIDE_COLUMNS,
    game_cells,
    game_columns,
    games_words,
    scenarios_words,
    side_cells,
    stats_cells,
    summary_columns,
)
from game.safe_text import for_html

YELLOW = "#F0E442"  # Okabe-Ito yellow: the one colour of the palette the plane does not use yet


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
td.w { min-width: 12em; font-size: 0.85em; }
.wide { overflow-x: auto; }
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
    # in a box of its own: a table wider than the window (a small screen, a projector) scrolls, the page does not
    return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


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
            tr("{games} in {scenarios}", games=games_words(len(games)), scenarios=scenarios_words(len(r.groups)))
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
        facts = [games_words(len(group.rows))]
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

"""The record of a game as one self-contained HTML file (inline CSS, no external resources) that
prints on A4, laid out like the archive's "Record of Conversation"."""

from __future__ import annotations

import re

from game.i18n import tr
from game.record.export_document import Document, News, Statement, Table
from game.safe_text import for_html

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm 20mm;
        @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "Times New Roman", Times,
                         "Liberation Serif", serif; color: #000; } }
html { background: #fff; color-scheme: light; }
body { font-family: "Times New Roman", Times, "Liberation Serif", "Nimbus Roman", Georgia, serif;
       font-size: 11.5pt; line-height: 1.45; color: #000; max-width: 172mm; margin: 0 auto;
       overflow-wrap: break-word; }
@media screen { body { margin: 2em auto; padding: 0 1.5em; } }
h1 { font-size: 12.5pt; font-weight: bold; text-align: center; line-height: 1.35; margin: 0 0 0.4em; }
p.dates { text-align: center; margin: 0 0 1em; }
h2 { font-size: 12pt; margin: 1.4em 0 0.6em; border-bottom: 0.5pt solid #000;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1em 0 0.3em; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 0.55em; orphans: 3; widows: 3; }
p.statement { text-align: justify; text-indent: 1.5em; }
.speaker { font-weight: bold; }
.label { font-size: 9.5pt; color: #444; }
.label.short { white-space: nowrap; }
p.news { font-style: italic; font-size: 10.5pt; margin: 0.4em 1.5em 0.8em; padding: 0.1em 0 0.1em 0.8em;
         border-left: 2pt solid #777; break-inside: avoid; page-break-inside: avoid; }
.news-title { font-weight: bold; }
p.stage { font-style: italic; text-align: center; }
.participants { margin: 0 0 1em; break-inside: avoid; page-break-inside: avoid; }
.participants-head { font-weight: bold; margin: 0 0 0.3em; }
.delegations { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2em; }
dl.delegation { margin: 0; }
dl.delegation dt { font-weight: bold; font-style: italic; }
dl.delegation dd { margin: 0 0 0.15em; padding-left: 1em; text-indent: -1em; line-height: 1.3; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 1em; font-size: 10.5pt; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.2em; break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 2pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
ul.stages { margin: 0 0 0.5em; padding-left: 1.2em; }
ul.stages li { margin-bottom: 0.25em; break-inside: avoid; page-break-inside: avoid; }
.note { font-size: 10pt; font-style: italic; break-before: avoid; page-break-before: avoid; }
ul.sources { list-style: none; margin: 0 0 1em; padding: 0; font-size: 10.5pt; }
ul.sources li { padding-left: 2em; text-indent: -2em; margin-bottom: 0.2em;
                break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 1.5em; padding-top: 0.4em; border-top: 0.5pt solid #000; font-size: 9.5pt;
         break-inside: avoid; page-break-inside: avoid; }
footer p { margin: 0 0 0.15em; }
@media screen and (max-width: 40em) {
  body { margin: 1em auto; padding: 0 1em; }
  p.statement { text-align: left; }
  p.news { margin: 0.4em 0 0.8em 0.5em; }
  .delegations { grid-template-columns: 1fr; }
  dl.delegation + dl.delegation { margin-top: 0.5em; }
}
"""

_SHORT_LABEL = 40
_KEEP_ROWS = 15
_NUMBER = re.compile(r"[-+−]?\d[\d.,]*\s*%?")


def _e(text: str) -> str:
    return for_html(" ".join(text.split()))


def _html_table(table: Table, caption: str) -> list[str]:
    # columns of figures (scores, percentages) are set right-aligned, so their digits line up
    numeric = [all(_NUMBER.fullmatch(row[i].strip()) for row in table.rows) for i in range(len(table.head))]

    def cell(tag: str, i: int, text: str) -> str:
        return f'<{tag} class="num">{_e(text)}</{tag}>' if table.rows and numeric[i] else f"<{tag}>{_e(text)}</{tag}>"

    # a short table is kept on one page with its caption; a long one breaks between rows, its head repeated
    opening = '<table class="keep">' if len(table.rows) <= _KEEP_ROWS else "<table>"
    out = [opening, f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    out += [cell("th", i, h) for i, h in enumerate(table.head)]
    out += ["</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in table.rows]
    return [*out, "</tbody>", "</table>"]


def render_html(doc: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)} — {_e(tr('record of conversation'))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(doc.heading)}</h1>",
    ]
    if doc.dates:
        out.append(f'<p class="dates">{_e(doc.dates)}</p>')
    out += ['<div class="participants">', f'<p class="participants-head">{_e(tr("Participants"))}</p>']
    out.append('<div class="delegations">')
    for delegation in doc.delegations:
        out += ['<dl class="delegation">', f"<dt>{_e(delegation.name)}</dt>"]
        out += [f"<dd>{_e(name)}, {_e(role)}</dd>" for name, role in delegation.members]
        out.append("</dl>")
    out += ["</div>", "</div>", "</header>", "<main>"]
    for section in doc.sections:
        out += ["<section>", f"<h2>{_e(section.title)}</h2>"]
        for item in section.items:
            if isinstance(item, Statement):
                # a short label ("[red line]") is kept on one line; a long one wraps like the text
                kind = "label short" if len(item.label) <= _SHORT_LABEL else "label"
                label = f' <span class="{kind}">[{_e(item.label)}]</span>' if item.label else ""
                out.append(
                    f'<p class="statement"><span class="speaker">{_e(item.speaker)}.</span> {_e(item.text)}{label}</p>'
                )
            elif isinstance(item, News):
                title = f'<span class="news-title">{_e(item.title)}:</span> ' if item.title else ""
                out.append(f'<p class="news">{title}{_e(item.text)}</p>')
            else:
                out.append(f'<p class="stage"><i>({_e(item.text.rstrip("."))}.)</i></p>')
        out.append("</section>")
    out += ["<section>", f"<h2>{_e(tr('Outcome'))}</h2>"]
    out += [f"<p>{_e(line)}</p>" for line in doc.outcome]
    for caption, table in (
        (tr("Agreed package"), doc.package),
        (tr("Scores"), doc.scores),
        (tr("Ratification"), doc.ratification),
    ):
        if table is not None:
            out += _html_table(table, caption)
    out.append("</section>")
    if doc.history is not None:
        out += ["<section>", f"<h2>{_e(doc.history_title)}</h2>"]
        if doc.history_summary:
            out.append(f"<p>{_e(doc.history_summary)}</p>")
        out += _html_table(doc.history, tr("This game beside history"))
        for issue in doc.history_issues:
            out += [f"<h3>{_e(issue.name)}</h3>", '<ul class="stages">']
            out += [f"<li><b>{_e(stage)}:</b> {_e(text)}</li>" for stage, text in issue.stages]
            out.append("</ul>")
            notes = []
            if issue.sources:
                notes.append(f"{_e(tr('Sources'))}: {_e(issue.sources)}.")
            if issue.estimate:
                notes.append(_e(tr("Part of this is unconfirmed in the sources.")))
            if notes:
                out.append(f'<p class="note">{" ".join(notes)}</p>')
        out.append("</section>")
    if doc.sources:
        out += ["<section>", f"<h2>{_e(tr('Sources'))}</h2>", '<ul class="sources">']
        out += [f"<li>{_e(key)} {_e(citation)}</li>" for key, citation in doc.sources]
        out += ["</ul>", "</section>"]
    out += ["</main>", "<footer>", *(f"<p>{_e(line)}</p>" for line in doc.colophon), "</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"

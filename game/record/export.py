"""A game's transcript laid out like the archive's "Record of Conversation", as Markdown or HTML.

The layout follows the record of 20 April 1990: a heading naming the two leads with their roles,
the date(s), the participants, then each statement under its speaker's name ("J. Baker. I ask
you ..."), meeting by meeting, with news set apart in italics. After the talks: the agreed package,
both scores and the ratification votes, and, where the scenario tells it, what happened next.

Both formats are rendered from one document (`build`), so they cannot drift apart. The HTML is a
single self-contained file (inline CSS, no external resources) that prints on A4. Instructions a
capital sent one delegation privately are not part of a record of conversation and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from game.engine.rules import Rules
from game.engine.state import EntryKind, GameState, LogEntry
from game.i18n import day_month, long_date, tr
from game.record.epilogue import epilogue, history_doc
from game.record.export_document import (
    Delegation,
    Document,
    EpilogueIssue,
    Item,
    News,
    Section,
    Stage,
    Statement,
    Table,
)
from game.record.export_html import render_html
from game.record.historical import Beat, opens_with, replay_states
from game.record.save import Header, Record, load
from game.record.scenario_copy import beats_of_copy
from game.record.transcript import ENDINGS
from game.safe_text import for_markdown as md_escape
from game.scenario.preferences import Side
from game.scenario.schema import Side as SideModel
from game.scenario.side_words import is_acronym, takes_the

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")


# ----- building it from a game -------------------------------------------------------------
def record_name(name: str) -> str:
    """A name as the record writes it: initials, then the surname ('James Baker' -> 'J. Baker'); a member
    called by an office ('The Foreign Minister', as the template's are) keeps it whole, not 'T. F. Minister'."""
    parts = name.split()
    if len(parts) < 2 or parts[0].lower() in ("the", "a", "an"):
        return name
    return " ".join([*(f"{p[0]}." for p in parts[:-1]), parts[-1]])


def _lead(rules: Rules, side: Side) -> tuple[str, str]:
    members = rules.side_model(side).members
    member = next((m for m in members if m.lead), members[0])
    return member.called, member.role


def _role_of(role: str, side: SideModel, name: str) -> str:
    """'the Secretary of State of the US, J. Baker', 'the Foreign Minister of Japan, T. Nakayama'."""
    if is_acronym(side.short, side.name):
        return tr("the {role} of the {side}, {name}", role=role, side=side.short, name=name)
    if side.name.lower().startswith("the "):
        return tr("the {role} of {country}, {name}", role=role, country="the " + side.name[4:], name=name)
    if takes_the(side.name):
        return tr("the {role} of the {country}, {name}", role=role, country=side.name, name=name)
    return tr("the {role} of {country}, {name}", role=role, country=side.name, name=name)


def heading(rules: Rules) -> str:
    """'RECORD OF CONVERSATION BETWEEN THE SECRETARY OF STATE OF THE US, J. BAKER AND THE ...': each
    side by its short name where that is an acronym (US, USSR, EC), by its name otherwise (THE FOREIGN
    MINISTER OF JAPAN, not OF THE JP)."""
    parts = []
    for side in (Side.US, Side.USSR):
        name, role = _lead(rules, side)
        parts.append(_role_of(role, rules.side_model(side), record_name(name)))
    return tr("Record of conversation between {us} and {ussr}", us=parts[0], ussr=parts[1]).upper()


def _dates(rules: Rules, meetings: Sequence[int]) -> str:
    dates = [rules.meetings[m].date for m in meetings]
    if not dates:
        return ""
    if len({d.year for d in dates}) > 1:
        return ", ".join(long_date(d) for d in dates)
    days = [day_month(d) for d in dates]
    joined = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " " + tr("and") + " " + days[-1]
    return f"{joined} {dates[0].year}"


def _opening(rules: Rules, meeting: int) -> str:
    """The chair's opening line of a meeting, as the engine writes it."""
    m = rules.meetings[meeting]
    where = f", {m.place}" if m.place else ""
    return f"{m.title}{where}, {long_date(m.date, padded=True)}."


def _item(rules: Rules, entry: LogEntry) -> Item | None:
    """What the record shows of a log entry: private instructions and the votes are not shown here."""
    if entry.private_to is not None or entry.kind is EntryKind.INSTRUCTIONS:
        return None  # private instructions are no part of a record of conversation
    if entry.kind is EntryKind.MOVE:
        return Statement(record_name(entry.speaker), entry.text, entry.label)
    if entry.kind is EntryKind.NEWS:
        if entry.label == "ratification":  # the votes are set out after the talks
            return None
        return News(entry.label[:1].upper() + entry.label[1:], entry.text)
    return None if entry.text == _opening(rules, entry.meeting) else Stage(entry.text)


def _historical_items(rules: Rules, state: GameState, beats: Sequence[Beat]) -> tuple[list[tuple[int, Item]], int]:
    """The beats a game opened with, in the record's own words: each passage under its speaker (the
    record's narration as a stage line), labelled with its paragraph and what the engine made of it,
    with the news and stage lines the engine added. Returns the items, each with its meeting, and how
    many log entries they cover (none if the game did not open with these beats)."""
    if not beats or not opens_with(rules, state, beats):
        return [], 0
    states = replay_states(rules, beats, state.seed)
    items = [(e.meeting, item) for e in states[0].log if (item := _item(rules, e)) is not None]
    for beat, before, after in zip(beats, states, states[1:], strict=False):
        entries = after.log[len(before.log) :]
        moves = [e for e in entries if e.kind is EntryKind.MOVE]
        meeting = before.meeting  # where the passage was spoken (a move may close that meeting)
        label = "; ".join([tr("record, para. {n}", n=beat.paragraph), *(e.label for e in moves if e.label)])
        if beat.side is None:
            items.append((meeting, Stage(beat.quote.strip("():;. "))))
        else:
            items.append((meeting, Statement(record_name(beat.speaker), beat.quote, label)))
        items += [
            (e.meeting, item) for e in entries if e.kind is not EntryKind.MOVE and (item := _item(rules, e)) is not None
        ]
    return items, len(states[-1].log)


def _sections(rules: Rules, state: GameState, beats: Sequence[Beat]) -> tuple[Section, ...]:
    items, covered = _historical_items(rules, state, beats)
    items += [(e.meeting, item) for e in state.log[covered:] if (item := _item(rules, e)) is not None]
    grouped: dict[int, list[Item]] = {}
    for meeting, item in items:
        grouped.setdefault(meeting, []).append(item)
    sections = []
    for meeting, group in grouped.items():
        m = rules.meetings[meeting]
        place = f"{m.place}, " if m.place else ""
        sections.append(Section(f"{m.title} — {place}{long_date(m.date)}", tuple(group)))
    return tuple(sections)


def _percent(x: float) -> str:
    return f"{x:.0%}"


def build(rules: Rules, state: GameState, header: Header | None = None, beats: Sequence[Beat] = ()) -> Document:
    """The record of a game as a document, ready to render; `beats`: the historical beats the game
    opened with (`Header.from_record` of the scenario's), told in the record's own words."""
    scenario = rules.scenario
    space = rules.space
    delegations = tuple(
        Delegation(rules.side_model(side).name, tuple((m.called, m.role) for m in rules.side_model(side).members))
        for side in (Side.US, Side.USSR)
    )
    meetings = sorted({e.meeting for e in state.log})
    outcome: list[str] = []
    if state.ending is None:
        outcome.append(
            tr(
                "The talks are still under way: {used} of {total} exchanges used.",
                used=state.elapsed,
                total=rules.total_exchanges,
            )
        )
    else:
        outcome.append(tr(ENDINGS[state.ending]))
        if state.ended_by is not None:
            outcome.append(tr("Ended by the {name} delegation.", name=rules.side_model(state.ended_by).name))
    package = None
    if state.agreement is not None:
        values = space.values(state.agreement)
        package = Table(
            (tr("Issue"), tr("Agreed")),
            tuple(
                (name, d.format(values[i])) for i, name, d in zip(space.ids, space.names, space.domains, strict=True)
            ),
        )
    scores = None
    if state.ending is not None:
        scores = Table(
            (tr("Delegation"), tr("Score (0-100)"), tr("Utility")),
            tuple(
                (rules.side_model(side).name, f"{state.scores[side.index]:.1f}", f"{state.utilities[side.index]:.3f}")
                for side in (Side.US, Side.USSR)
            ),
        )
    ratification = None
    if state.ratification:
        ratification = Table(
            (tr("Ratifying body"), tr("Expected support"), tr("Vote"), tr("Needed"), tr("Result")),
            tuple(
                (
                    v.body,
                    _percent(v.support),
                    _percent(v.vote),
                    _percent(v.threshold),
                    tr("ratified") if v.passed else tr("ratification fails"),
                )
                for v in state.ratification
            ),
        )
    rows = epilogue(scenario, state)
    historical = scenario.historical
    history = None
    history_issues: tuple[EpilogueIssue, ...] = ()
    cited: list[str] = []
    if historical is not None and rows:
        game = tr("This game") if rows[0].ratified is not False else tr("This game (not ratified)")
        history = Table(
            (tr("Issue"), game, tr("History ({date})", date=long_date(historical.date))),
            tuple((r.name, r.result, r.history or "-") for r in rows),
        )
        history_issues = tuple(
            EpilogueIssue(r.name, r.stages, ", ".join(r.sources), r.estimate) for r in rows if r.stages
        )
        cited = [s for r in rows for s in r.sources] + list(historical.sources)
    keys = {k.strip("[]") for k in cited}
    sources = tuple((f"[{k}]", citation) for k, citation in scenario.meta.sources.items() if k in keys)
    colophon = [tr("A game of the scenario “{title}” ({id}).", title=scenario.meta.title, id=scenario.meta.id)]
    if (doc := history_doc(scenario)) is not None:
        colophon.append(tr("What happened day by day, with its sources: {path}", path=doc))
    if header is not None:
        players = "; ".join(
            f"{rules.side_model(Side(k)).short}: {v}" for k, v in header.players.items() if k in ("us", "ussr")
        )
        colophon.append(tr("Seed {seed}; players: {players}.", seed=header.seed, players=players))
        if header.created or header.program:
            colophon.append(" ".join(x for x in (header.program, header.created) if x))
    return Document(
        title=scenario.meta.title,
        heading=heading(rules),
        dates=_dates(rules, meetings),
        delegations=(delegations[0], delegations[1]),
        sections=_sections(rules, state, beats),
        outcome=tuple(outcome),
        package=package,
        scores=scores,
        ratification=ratification,
        history_title=tr("What happened next"),
        history_summary=" ".join(historical.summary.split()) if historical is not None else "",
        history=history,
        history_issues=history_issues,
        sources=sources,
        colophon=tuple(colophon),
    )


# ----- Markdown ----------------------------------------------------------------------------
def _md_table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(md_escape(h) for h in table.head) + " |", "|" + "---|" * len(table.head)]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def render_markdown(doc: Document) -> str:
    out = [f"# {md_escape(doc.heading)}", ""]
    if doc.dates:
        out += [f"*{md_escape(doc.dates)}*", ""]
    out += [f"**{tr('Participants')}**", ""]
    for delegation in doc.delegations:
        out.append(f"- {md_escape(delegation.name)}:")
        out += [f"  - {md_escape(name)}, {md_escape(role)}" for name, role in delegation.members]
    out.append("")
    for section in doc.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for item in section.items:
            if isinstance(item, Statement):
                label = f" *\\[{md_escape(item.label)}\\]*" if item.label else ""
                out.append(f"**{md_escape(item.speaker)}.** {md_escape(item.text)}{label}")
            elif isinstance(item, News):
                title = f"{item.title}: " if item.title else ""
                out.append(f"> *{md_escape(title + item.text)}*")
            else:
                out.append(f"*({md_escape(item.text.rstrip('.'))}.)*")
            out.append("")
    out += [f"## {tr('Outcome')}", ""]
    out += [md_escape(line) for line in doc.outcome] + [""]
    for caption, table in (
        (tr("Agreed package"), doc.package),
        (tr("Scores"), doc.scores),
        (tr("Ratification"), doc.ratification),
    ):
        if table is not None:
            out += [f"**{caption}**", "", *_md_table(table)]
    if doc.history is not None:
        out += [f"## {md_escape(doc.history_title)}", ""]
        if doc.history_summary:
            out += [md_escape(doc.history_summary), ""]
        out += _md_table(doc.history)
        for issue in doc.history_issues:
            out += [f"### {md_escape(issue.name)}", ""]
            out += [f"- **{md_escape(stage)}:** {md_escape(text)}" for stage, text in issue.stages]
            if issue.sources:
                out.append(f"- *{tr('Sources')}:* {md_escape(issue.sources)}")
            if issue.estimate:
                out.append(f"- *{tr('Part of this is unconfirmed in the sources.')}*")
            out.append("")
    if doc.sources:
        out += [f"**{tr('Sources')}**", ""]
        out += [f"- {md_escape(key)} {md_escape(citation)}" for key, citation in doc.sources]
        out.append("")
    out += ["---"]
    for line in doc.colophon:
        out += ["", md_escape(line)]
    return "\n".join(out) + "\n"


def export_markdown(rules: Rules, state: GameState, header: Header | None = None, beats: Sequence[Beat] = ()) -> str:
    """The record of a game as Markdown (see `build` for `beats`)."""
    return render_markdown(build(rules, state, header, beats))


def export_html(rules: Rules, state: GameState, header: Header | None = None, beats: Sequence[Beat] = ()) -> str:
    """The record of a game as one self-contained HTML file that prints on A4 (see `build` for `beats`)."""
    return render_html(build(rules, state, header, beats))


def export(
    rules: Rules, state: GameState, header: Header | None = None, fmt: Format = "md", beats: Sequence[Beat] = ()
) -> str:
    """The record in a format: 'md' or 'html'."""
    return export_html(rules, state, header, beats) if fmt == "html" else export_markdown(rules, state, header, beats)


def export_save(path: Path, fmt: Format = "md") -> str:
    """Load a save (replaying it through the engine) and return its record, in the record's own words
    where the game played as history did; raises SaveFormatError."""
    return export_record(*load(path), fmt)


def export_record(record: Record, rules: Rules, state: GameState, fmt: Format = "md") -> str:
    """A loaded save's record, in the record's own words where the game played as history did."""
    beats = beats_of_copy(record.copy, rules.scenario, record.header.from_record)
    return export(rules, state, record.header, fmt, beats)


__all__ = [
    "FORMATS",
    "Document",
    "build",
    "export",
    "export_html",
    "export_markdown",
    "export_record",
    "export_save",
    "heading",
    "md_escape",
    "record_name",
    "render_html",
    "render_markdown",
]

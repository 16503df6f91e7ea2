"""The transcript of a game as plain text: the same words for a game just played and its replay."""

from __future__ import annotations

from game.engine.rules import Rules
from game.engine.state import Ending, EntryKind, GameState, LogEntry
from game.i18n import N_, short_date, tr

ENDINGS = {
    Ending.RATIFIED: N_("Agreement reached and ratified by both sides."),
    Ending.NOT_RATIFIED: N_("Agreement reached, but ratification failed: it counts as no deal."),
    Ending.DEADLINE: N_("The deadline passed with no agreement."),
    Ending.WALKOUT: N_("A delegation walked out: no agreement."),
    Ending.FORFEIT: N_("A delegation forfeited: no agreement."),
}


def entry_line(rules: Rules, entry: LogEntry) -> str:
    meeting = rules.meetings[entry.meeting]
    date = short_date(meeting.date, year=True, padded=True)
    if entry.kind is EntryKind.MOVE and entry.side is not None:
        short = rules.side_model(entry.side).short
        label = f" [{entry.label}]" if entry.label else ""
        return f"{date}  {entry.speaker} ({short}){label}: {entry.text}"
    if entry.kind is EntryKind.NEWS:
        label = tr("ratification") if entry.label == "ratification" else entry.label  # an id, said in words
        title = f"{label}: " if label else ""
        return f"{date}  ** {title}{entry.text}"
    if entry.kind is EntryKind.INSTRUCTIONS and entry.private_to is not None:
        only = tr("to the {side} delegation only", side=rules.side_model(entry.private_to).short)
        return f"{date}  [{only}] {entry.text}"
    return f"{date}  -- {entry.text}"


def transcript(rules: Rules, state: GameState) -> str:
    meta = rules.scenario.meta
    lines = [meta.title, "=" * len(meta.title), ""]
    lines += [entry_line(rules, e) for e in state.log]
    if state.ending is not None:
        lines += ["", tr("Ending: {ending}", ending=tr(ENDINGS[state.ending]))]
        if state.ended_by is not None:
            lines.append(tr("Ended by: the {name} delegation", name=rules.side_model(state.ended_by).name))
        if state.agreement is not None:
            lines.append(tr("Agreed package: {package}", package=rules.space.describe(state.agreement)))
        for side in (rules.scenario.sides.us, rules.scenario.sides.ussr):
            i = 0 if side is rules.scenario.sides.us else 1
            lines.append(
                tr(
                    "Score {side}: {score:.1f} / 100 (utility {utility:.3f})",
                    side=side.short,
                    score=state.scores[i],
                    utility=state.utilities[i],
                )
            )
    return "\n".join(lines) + "\n"

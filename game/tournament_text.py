"""A tournament's tables for the terminal: per agent and per pairing, with what each column means."""

from __future__ import annotations

from game.i18n import tr, trn
from game.text_table import number, percent, text_table
from game.tournament import Summary, Tournament


def _columns(t: Tournament) -> tuple[str, ...]:
    a, b = t.side_names
    return (
        tr("games"), tr("deal rate"), tr("ratified/agreed"), tr("{side} score", side=a), tr("{side} score", side=b),
        tr("to frontier"), tr("to Nash"), tr("forfeits"),
    )  # fmt: skip


def _cells(s: Summary) -> list[str]:
    return [
        str(s.games),
        percent(s.deal_rate),
        percent(s.ratification_rate),
        number(s.mean_score_us, ".1f"),
        number(s.mean_score_ussr, ".1f"),
        number(s.mean_distance_frontier, ".3f"),
        number(s.mean_distance_nash, ".3f"),
        str(s.forfeits),
    ]


def format_text(t: Tournament, *, pairings: bool = False) -> str:
    n = len(t.results)
    who = (
        tr("every ordered pairing, self-play included")
        if t.self_play
        else tr("every ordered pairing of two different agents")
    )
    nash = tr("none (no zone of agreement)") if t.nash is None else f"({t.nash[0]:.3f}, {t.nash[1]:.3f})"
    seeds = f"{t.seed}-{t.seed + t.games_per_pairing - 1}"
    lines = [
        tr("Tournament: {title} ({id})", title=t.title, id=t.scenario_id),
        trn("{n} agent", "{n} agents", len(t.agents))
        + f", {who}, "
        + trn("{n} seed each ({seeds})", "{n} seeds each ({seeds})", t.games_per_pairing, seeds=seeds)
        + ": "
        + trn("{n} game.", "{n} games.", n),
        tr("No-deal point ({x}, {y}); Nash point {nash}.", x=f"{t.no_deal[0]:.3f}", y=f"{t.no_deal[1]:.3f}", nash=nash),
        "",
    ]
    rows = [[agent, *_cells(s)] for agent, s in t.per_agent.items()]
    lines += text_table((tr("agent"), *_columns(t)), rows, left=1)
    if pairings:
        lines.append("")
        rows = [[us, ussr, *_cells(s)] for (us, ussr), s in t.per_pairing.items()]
        lines += text_table((*t.side_names, *_columns(t)), rows, left=2)
    lines += [
        "",
        tr(
            "games: an agent's games on either side (a self-play game counts once per side); deal rate: ratified "
            "agreements per game;"
        ),
        tr(
            "ratified/agreed: ratified per agreement reached; {sides} score: mean score (0-100) when playing "
            "that side;",
            sides="/".join(t.side_names),
        ),
        tr(
            "to frontier / to Nash: mean distance of the outcome to the Pareto frontier / the Nash point in the "
            "utility plane,"
        ),
        tr(
            "where a game without a ratified agreement counts at the no-deal point; forfeits: games the agent "
            "forfeited."
        ),
    ]
    return "\n".join(lines) + "\n"

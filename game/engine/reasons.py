"""Why a delegation forfeits, kept in a stable form and said in the reader's language.

A forfeit's reason is stored in a save as English text (`Forfeit.reason`): the engine's refusal of an
illegal move (`IllegalMoveError.english`), an agent's failure, a timeout (`TIMED`: a plug-in stopped by
its sandbox), a process that ended (`ENDED`). It is said in the language of
whoever reads the record (`said`), by matching it against the texts below and the refusals the engine
raises (each an `N_` text with {fields}); a field that is itself such a text is said the same way. A
reason that matches none (a plug-in's own words, or an older save's) is shown as it was stored.
"""

from __future__ import annotations

import re
from functools import cache

from game.i18n import N_, tr

FORFEITS = (
    N_("its agent failed to start: {error}"),
    N_("its agent failed: {error}"),
    N_("its agent took {spent} s, over the budget of {budget} s"),
    N_("its agent tried to fire one of the scenario's events, which only the instructor may do"),
    N_("its agent played an illegal move: {reason}"),
    N_("its agent played something that is not a valid move: {move}"),
    N_("its move was refused: {reason}"),
    N_("its agent answered {answer} to reset"),
    N_("its agent answered {answer} when asked for a move"),
    N_("its agent's process ended unexpectedly ({error})"),
    N_("its agent sent an answer the game does not read ({error})"),
)
"""The match's and the sandbox's reasons for a forfeit (game/match.py, game/agents/sandbox.py)."""

TIMED = (
    N_("its agent took more than {waited} s and was stopped"),
    N_("its agent took more than {waited} s to get ready for the game (reset) and was stopped"),
    N_("its agent took more than {waited} s, over the budget of {budget} s per move, and was stopped"),
    N_(
        "its agent took more than {waited} s to get ready for the game (reset), over the budget of {budget} s "
        "per move, and was stopped"
    ),
    N_(
        "its agent's processes used more than {used} s of processor time, over the budget of {budget} s per move, "
        "and were stopped"
    ),
    N_(
        "its agent's processes used more than {used} s of processor time to get ready for the game (reset), over "
        "the budget of {budget} s per move, and were stopped"
    ),
)
"""The sandbox's reasons for stopping a plug-in that took too long (game/agents/sandbox.py: TOOK, BUSY)."""

ENDED = (
    N_("it took nothing the game sent for {seconds} s"),
    N_("no exit code"),
    N_("killed by signal {signal}"),
    N_("exit code {code}"),
)
"""How a plug-in's process ended, said inside "its agent's process ended unexpectedly (...)"
(game/agents/sandbox.py, game/agents/plugin_link.py)."""

REFUSALS = (
    N_("the negotiation is over"),
    N_("a proposal must give one valid value for each of the {count} issues"),
    N_("there is no package from the other side to accept"),
    N_("there is no argument {argument} in this scenario"),
    N_("the argument {argument} belongs to the other delegation"),
    N_("{move} is not a move"),
    N_("you may not propose {issue} {value}: it goes beyond your red line of {line}"),
    N_("you may not accept {issue} {value}: it goes beyond your red line of {line}"),
    N_("a red line must name one of the scenario's issues"),
    N_("that value is not one {issue} can take"),
    N_("your standing offer already goes beyond that line on {issue}; propose a package within it first"),
    N_("the event {event} has already happened in this game"),
    N_("there is no event {event} in this scenario (it has no events)"),
    N_("there is no event {event} in this scenario (its events: {known})"),
)
"""The engine's refusals (IllegalMoveError in game/engine/rules.py and events.py)."""

_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for text in (*TIMED, *FORFEITS, *REFUSALS, *ENDED):
        parts = _FIELD.split(text)  # literal, field, literal, field, ...
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        out.append((re.compile(regex, re.DOTALL), text))
    return tuple(out)


def said(reason: str, depth: int = 0) -> str:
    """A stored English reason in the player's language (as it was stored if no known text matches)."""
    if depth > 4:
        return reason
    for pattern, text in _patterns():
        match = pattern.fullmatch(reason)
        if match is not None:
            fields = {k: said(v, depth + 1) for k, v in match.groupdict().items()}
            return tr(text, **fields) if fields else tr(text)
    return reason


__all__ = ["ENDED", "FORFEITS", "REFUSALS", "TIMED", "said"]

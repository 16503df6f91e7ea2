"""How the other side bids, read from its proposals (in this side's utility): how far it has come
towards this side, whether it has moved at all, and whether it bids about (erratically) rather than
conceding. The hard agent (`hard.py`) sets its aspiration and its acceptance by these."""

from __future__ import annotations

from game.agents.view import SelfView
from game.engine.observation import Observation

ERRATIC_SEEN = 4
"""Proposals of the other side seen before it can be judged erratic."""
ERRATIC_SHARE = 0.3
"""The share of its recent proposals worse for this side than the one before that makes it erratic."""
ERRATIC_BAR = 0.3
"""The least expected gain (a share of the way from no deal to the opening) ever worth taking from an
erratic opponent, at the end of the talks."""
ERRATIC_CURVE = 8.0
"""How the bar for an erratic opponent's offer falls from the opening to `ERRATIC_BAR` with time:
(1 - t^ERRATIC_CURVE), so early only offers near this side's opening pass (firm opponents bid about
too, and the best they offer early may be next to nothing). Steep: an opponent that bids at random
above a bar of its own (PonPoko) offers better and better packages up to the end, and at 3 the
agent took one of them with a tenth of the talks still to go."""
UNMOVED = 0.05
"""An opponent whose proposals have come less than this share of the way from no deal to this side's
opening has not moved."""


def towards(view: SelfView, obs: Observation, aspiration: float, u_best: float) -> float:
    """The aspiration brought down towards the utility of the candidate with the best expected gain
    as far as the other side has come towards it (in this side's utility of its proposals)."""
    if aspiration <= u_best:
        return aspiration
    seen = view.utilities(obs.their_offers)
    first, best = float(seen[0]), float(seen.max())
    way = u_best - first
    still = 0.0 if way <= 1e-9 else min(1.0, max(0.0, (u_best - best) / way))
    return u_best + (aspiration - u_best) * still


def erratic(view: SelfView, obs: Observation) -> bool:
    """The other side's proposals go back and forth (for this side) rather than improving."""
    offers = obs.their_offers[-8:]
    if len(offers) < ERRATIC_SEEN:
        return False
    u = [view.utility(p) for p in offers]
    worse = sum(b < a - 0.02 for a, b in zip(u, u[1:], strict=False))
    return worse / (len(u) - 1) >= ERRATIC_SHARE


def erratic_bar(t: float) -> float:
    """The least share of the way from no deal to the opening worth taking from an erratic
    opponent at relative time `t`: nearly all of it early, `ERRATIC_BAR` at the end."""
    return float(ERRATIC_BAR + (1.0 - ERRATIC_BAR) * (1.0 - t**ERRATIC_CURVE))


def unmoved(view: SelfView, obs: Observation, scale: float) -> bool:
    """The other side's proposals have come no way towards this side (a twentieth of `scale`)."""
    seen = view.utilities(obs.their_offers)
    return float(seen.max() - seen[0]) < UNMOVED * scale
